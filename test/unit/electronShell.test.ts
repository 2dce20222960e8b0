import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it, vi } from 'vitest';

// The desktop shell cannot run here (no Electron binary): its security rules are checked
// against a stand-in for the 'electron' module, and the packaging configuration as written.
const calls: { permissionCheck?: () => boolean; permissionRequest?: unknown } = {};
vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { setWindowOpenHandler: () => undefined, on: () => undefined };
    once() {}
    loadURL() {
      return Promise.resolve();
    }
  }
  return {
    BrowserWindow,
    shell: { openExternal: () => Promise.resolve() },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: () => undefined },
        setPermissionRequestHandler: (handler: unknown) => (calls.permissionRequest = handler),
        setPermissionCheckHandler: (handler: () => boolean) => (calls.permissionCheck = handler),
      },
    },
  };
});

const { createMainWindow, isTrustedFrame, opensExternally } = await import('../../main/app/window');
const distDir = '/opt/pupitre/dist';
const appUrl = 'file:///opt/pupitre/dist/renderer/index.html#/eleves';

describe('the desktop window', () => {
  it('denies every permission request and every permission check', () => {
    createMainWindow(distDir);
    expect(calls.permissionCheck?.()).toBe(false);
    const answers: boolean[] = [];
    (calls.permissionRequest as (w: unknown, p: string, cb: (ok: boolean) => void) => void)(
      null,
      'media',
      (ok) => answers.push(ok),
    );
    expect(answers).toEqual([false]);
  });

  it('serves IPC only to the app page’s main frame, still attached', () => {
    const main = { url: appUrl, parent: null };
    expect(isTrustedFrame(main, main, distDir)).toBe(true);
    const sub = { url: appUrl, parent: main };
    expect(isTrustedFrame(sub, main, distDir)).toBe(false);
    expect(isTrustedFrame(null, main, distDir)).toBe(false);
    const foreign = { url: 'https://example.org/', parent: null };
    expect(isTrustedFrame(foreign, foreign, distDir)).toBe(false);
    const lookalike = { url: 'file:///opt/pupitre/dist/renderer/evil.html', parent: null };
    expect(isTrustedFrame(lookalike, lookalike, distDir)).toBe(false);
  });
});

describe('links the window does not follow', () => {
  it('open web pages, tel: and mailto: (a guardian’s phone and e-mail) in the system, nothing else', () => {
    expect(opensExternally('https://eduscol.education.fr/')).toBe(true);
    expect(opensExternally('tel:+33611112222')).toBe(true);
    expect(opensExternally('mailto:parent@exemple.fr')).toBe(true);
    expect(opensExternally('file:///etc/passwd')).toBe(false);
    expect(opensExternally('javascript:alert(1)')).toBe(false);
    expect(opensExternally('ms-settings:privacy')).toBe(false);
  });
});

describe('packaging', () => {
  const config = load(
    readFileSync(join(__dirname, '..', '..', 'electron-builder.yml'), 'utf8'),
  ) as {
    electronFuses: Record<string, boolean>;
    files: string[];
  };

  it('flips the fuses: no RunAsNode or NODE_OPTIONS, encrypted cookies, ASAR integrity and ASAR only', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('packs the assets (fonts of the letters, icon)', () => {
    expect(config.files).toContain('assets/**');
  });

  it('uses a supported Electron major (the latest three; 45 in November 2026)', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    expect(Number(/\d+/.exec(pkg.devDependencies.electron!)![0])).toBeGreaterThanOrEqual(43);
  });
});
