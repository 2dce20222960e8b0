import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Issue 15 §2: React's development build made a portal page about four times as costly.
describe('the processes that serve families render with React’s production build', () => {
  it('loads the production build once productionMode has run, and keeps a NODE_ENV already set', () => {
    const probe = `
      await import('./main/http/portal/productionMode.ts');
      const { renderPage } = await import('./main/http/portal/render.ts');
      const { MessagePage } = await import('./renderer/portal/pages/authPages.tsx');
      renderPage('Essai', MessagePage, { title: 'Essai', paragraphs: ['Un essai.'] });
      const { createRequire } = await import('node:module');
      const loaded = Object.keys(createRequire(import.meta.url).cache).filter((f) => f.includes('react-dom-server'));
      console.log(JSON.stringify({ env: process.env.NODE_ENV, loaded }));`;
    const run = (env: Record<string, string | undefined>) => {
      const out = spawnSync(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', probe],
        {
          env: { ...env, PATH: process.env.PATH },
          encoding: 'utf8',
        },
      );
      expect(out.stderr).toBe('');
      return JSON.parse(out.stdout.trim().split('\n').pop()!) as { env: string; loaded: string[] };
    };
    const bare = run({});
    expect(bare.env).toBe('production');
    expect(bare.loaded.some((f) => f.includes('.production.'))).toBe(true);
    expect(bare.loaded.some((f) => f.includes('.development.'))).toBe(false);
    expect(run({ NODE_ENV: 'development' }).env).toBe('development');
  }, 30_000);

  it('is the first import of `npm run portal` and `npm run web`', () => {
    for (const entry of ['main/portal.ts', 'main/web.ts']) {
      const firstImport = readFileSync(entry, 'utf8')
        .split('\n')
        .find((line) => line.startsWith('import '));
      expect(firstImport).toBe("import './http/portal/productionMode';");
    }
  });
});
