import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { _electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { E2E_PASSWORD } from './harness';

// The desktop window, driven by Playwright's Electron support (Spectron's successor).
// Electron's binary is downloaded from outside the npm registry, so on machines that
// cannot reach it this spec says so and skips; the same screens are covered in Chromium
// through web mode (staffJourney.test.ts).
/** As scripts/electron-binary.mjs: never require('electron'), which downloads since 42. */
function electronBinary(): string | null {
  try {
    const packageDir = dirname(createRequire(__filename).resolve('electron/package.json'));
    const pathFile = join(packageDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const path = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const needsDisplay = process.platform === 'linux' && !process.env.DISPLAY;
const skipReason = !binary
  ? 'no Electron binary (node_modules/electron has none; see README)'
  : needsDisplay
    ? 'no display (run under xvfb-run)'
    : null;
if (skipReason) console.log(`skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)('desktop window (Electron)', () => {
  it('opens the secure window, logs in over IPC and never exposes Node to the page', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pupitre-electron-'));
    const app = await _electron.launch({
      executablePath: binary!,
      args: [join(__dirname, '..', '..', 'dist', 'main', 'electron.cjs'), '--demo'],
      env: { ...process.env, PUPITRE_DATA_DIR: dataDir, PUPITRE_ADMIN_PASSWORD: E2E_PASSWORD },
    });
    try {
      const window = await app.firstWindow();
      const bridge = await window.evaluate(() => ({
        keys: Object.keys((window as unknown as { pupitre: object }).pupitre),
        hasRequire: typeof (window as unknown as { require?: unknown }).require,
        hasProcess: typeof (window as unknown as { process?: unknown }).process,
      }));
      expect(bridge).toEqual({
        keys: ['invoke'],
        hasRequire: 'undefined',
        hasProcess: 'undefined',
      });
      // Every permission is refused but writing to the clipboard (the « Copier » buttons).
      const permissions = await window.evaluate(async () => ({
        geolocation: (await navigator.permissions.query({ name: 'geolocation' })).state,
        notifications: (await navigator.permissions.query({ name: 'notifications' })).state,
        clipboardWrite: (
          await navigator.permissions.query({ name: 'clipboard-write' as PermissionName })
        ).state,
      }));
      expect(permissions).toEqual({
        geolocation: 'denied',
        notifications: 'denied',
        clipboardWrite: 'granted',
      });
      await window.getByLabel('Identifiant').fill('direction');
      await window.getByLabel('Mot de passe').fill(E2E_PASSWORD);
      await window.keyboard.press('Enter');
      await window.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
