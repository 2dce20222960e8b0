// Bundles the Electron main process and preload into dist/main (CommonJS, as Electron
// loads them). Dependencies stay in node_modules: electron-builder packs them, and
// better-sqlite3 is rebuilt there for Electron's ABI.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  packages: 'external',
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: ['main/app/electron.ts'],
  outfile: 'dist/main/electron.cjs',
});
await build({ ...common, entryPoints: ['main/app/preload.ts'], outfile: 'dist/main/preload.cjs' });
