import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// `npm run dist` needs to download Electron, which these machines cannot. What can be checked
// here is that the bundles electron-builder packs exist, load, and do what the window needs.
const root = join(__dirname, '..', '..');
const dist = join(root, 'dist');

/** Runs a bundle in plain Node with a stand-in for the 'electron' module that records calls. */
function loadWithFakeElectron(bundle: string): {
  calls: string[];
  exposed: Record<string, string[]>;
} {
  const stub = `
    const Module = require('module');
    const calls = [];
    const exposed = {};
    const app = {
      requestSingleInstanceLock: () => { calls.push('requestSingleInstanceLock'); return true; },
      on: (event) => calls.push('app.on:' + event),
      whenReady: () => { calls.push('whenReady'); return new Promise(() => {}); },
      getPath: () => '/tmp', quit() {}, exit() {},
    };
    const fake = {
      app, BrowserWindow: { getAllWindows: () => [] }, dialog: {}, Menu: {}, shell: {}, session: {},
      ipcMain: { handle: (ch) => calls.push('ipcMain.handle:' + ch) },
      ipcRenderer: { invoke: () => Promise.resolve() },
      contextBridge: { exposeInMainWorld: (key, api) => { exposed[key] = Object.keys(api); } },
    };
    const load = Module._load;
    Module._load = function (request, ...rest) { return request === 'electron' ? fake : load.call(this, request, ...rest); };
    require(${JSON.stringify(bundle)});
    setTimeout(() => { process.stdout.write(JSON.stringify({ calls, exposed })); process.exit(0); }, 50);
  `;
  const out = execFileSync(process.execPath, ['-e', stub], { cwd: root, encoding: 'utf8' });
  return JSON.parse(out) as { calls: string[]; exposed: Record<string, string[]> };
}

describe('desktop bundles', () => {
  it('the main-process bundle loads all its modules and waits for Electron, single instance', () => {
    const { calls } = loadWithFakeElectron(join(dist, 'main', 'electron.cjs'));
    expect(calls).toContain('requestSingleInstanceLock');
    expect(calls).toContain('whenReady');
    expect(calls).toContain('app.on:window-all-closed');
  });

  it('the preload exposes exactly window.pupitre.invoke and nothing else', () => {
    const { exposed } = loadWithFakeElectron(join(dist, 'main', 'preload.cjs'));
    expect(exposed).toEqual({ pupitre: ['invoke'] });
  });

  it('the renderer build has its page and every asset it names', () => {
    const html = readFileSync(join(dist, 'renderer', 'index.html'), 'utf8');
    expect(html).toContain('lang="fr"');
    const assets = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) expect(existsSync(join(dist, 'renderer', asset)), asset).toBe(true);
  });

  it('electron-builder targets a Windows NSIS installer and a Linux AppImage from the built files', () => {
    const config = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
    expect(config).toMatch(/win:\s*\n\s*target:\s*\n\s*- target: nsis/);
    expect(config).toMatch(/linux:\s*\n\s*target:\s*\n\s*- target: AppImage/);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
    expect(config).toContain(`main: ${pkg.main}`);
    expect(existsSync(join(root, pkg.main))).toBe(true);
    expect(config).toContain('node_modules/better-sqlite3/**');
  });
});
