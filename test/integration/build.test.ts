import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVOKE_CHANNEL } from '../../shared/api/ipc';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';

// `npm run dist` needs to download Electron, which these machines cannot. What can be checked
// here is that the bundles electron-builder packs exist, load, and do what the window needs.
const root = join(__dirname, '..', '..');
const dist = join(root, 'dist');

/**
 * A stand-in for the 'electron' module, installed before a bundle is required in plain Node.
 * It records what the bundle asks of Electron; `whenReady` resolves only when READY is true.
 */
const fakeElectron = `
  const Module = require('module');
  const calls = [];
  const exposed = {};
  const listeners = {};
  const handlers = {};
  const contentsListeners = {};
  const session = { onHeaders: null, permissionRequest: null, permissionCheck: null };
  const windows = [];
  const errors = [];
  let onQuit = () => {};
  const app = {
    requestSingleInstanceLock: () => { calls.push('requestSingleInstanceLock'); return true; },
    on: (event, listener) => { calls.push('app.on:' + event); listeners[event] = listener; },
    whenReady: () => { calls.push('whenReady'); return READY ? Promise.resolve() : new Promise(() => {}); },
    getPath: () => process.env.PUPITRE_DATA_DIR || '/nonexistent',
    getAppPath: () => process.cwd(),
    quit: () => { calls.push('app.quit'); onQuit(); },
    exit: (code) => { calls.push('app.exit:' + code); onQuit(); },
  };
  class BrowserWindow {
    static getAllWindows() { return windows; }
    constructor(options) {
      this.options = options;
      this.webContents = {
        setWindowOpenHandler: (handler) => { contentsListeners.windowOpen = handler; },
        on: (event, listener) => { contentsListeners[event] = listener; },
      };
      windows.push(this);
    }
    once() {}
    loadURL(url) { this.loaded = url; return Promise.resolve(); }
  }
  const fake = {
    app,
    BrowserWindow,
    dialog: { showErrorBox: (title, message) => errors.push(title + ' : ' + message) },
    Menu: {
      buildFromTemplate: (template) => template,
      setApplicationMenu: (menu) => calls.push('menu:' + menu.map((m) => m.label).join(',')),
    },
    shell: { openExternal: (url) => { calls.push('openExternal:' + url); return Promise.resolve(); } },
    safeStorage: { isEncryptionAvailable: () => false },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (listener) => { session.onHeaders = listener; } },
        setPermissionRequestHandler: (handler) => { session.permissionRequest = handler; },
        setPermissionCheckHandler: (handler) => { session.permissionCheck = handler; },
      },
    },
    ipcMain: { handle: (channel, handler) => { calls.push('ipcMain.handle:' + channel); handlers[channel] = handler; } },
    ipcRenderer: { invoke: () => Promise.resolve() },
    contextBridge: { exposeInMainWorld: (key, api) => { exposed[key] = Object.keys(api); } },
  };
  const load = Module._load;
  Module._load = function (request, ...rest) { return request === 'electron' ? fake : load.call(this, request, ...rest); };
`;

/** Runs a bundle in plain Node with the stand-in; Electron never gets ready. */
function loadWithFakeElectron(bundle: string): {
  calls: string[];
  exposed: Record<string, string[]>;
} {
  const stub = `
    const READY = false;
    ${fakeElectron}
    require(${JSON.stringify(bundle)});
    setTimeout(() => { process.stdout.write(JSON.stringify({ calls, exposed })); process.exit(0); }, 50);
  `;
  const out = execFileSync(process.execPath, ['-e', stub], { cwd: root, encoding: 'utf8' });
  return JSON.parse(out) as { calls: string[]; exposed: Record<string, string[]> };
}

interface StartedShell {
  calls: string[];
  errors: string[];
  loaded: string;
  webPreferences: Record<string, unknown>;
  csp: string[];
  /** permission|requestingUrl|isMainFrame → [answer to the check, answer to the request] */
  permissions: Record<string, [boolean, boolean]>;
  ipc: Record<string, { ok: boolean; error?: { code: string } }>;
  windowOpen: Record<string, string>;
  navigationPrevented: Record<string, boolean>;
  webviewPrevented: boolean;
}

/**
 * Starts the main-process bundle with Electron "ready": startPupitre opens a real database in
 * a temporary data folder, the window and the IPC channel are set up against the stand-in,
 * then the child asks them what a real window would, closes the window and exits.
 */
async function startWithFakeElectron(dataDir: string): Promise<StartedShell> {
  const appUrl = pathToFileURL(join(dist, 'renderer', 'index.html')).href;
  const stub = `
    const READY = true;
    ${fakeElectron}
    const appUrl = ${JSON.stringify(appUrl)};
    const result = {};
    const finished = new Promise((resolve) => { onQuit = resolve; });
    setTimeout(() => { process.stderr.write('the shell did not start or quit in time'); process.exit(2); }, 25000);
    require(${JSON.stringify(join(dist, 'main', 'electron.cjs'))});

    async function probe() {
      while (windows.length === 0 && errors.length === 0) await new Promise((r) => setTimeout(r, 20));
      if (errors.length > 0) return;
      const [window] = windows;
      result.loaded = window.loaded;
      result.webPreferences = window.options.webPreferences;
      session.onHeaders({ responseHeaders: { 'x-kept': ['1'] } }, ({ responseHeaders }) => {
        result.csp = responseHeaders['Content-Security-Policy'];
      });

      result.permissions = {};
      const requests = [
        ['media', appUrl, true],
        ['notifications', appUrl, true],
        ['geolocation', appUrl, true],
        ['clipboard-read', appUrl, true],
        ['clipboard-sanitized-write', appUrl + '#/comptes', true],
        ['clipboard-sanitized-write', appUrl, false],
        ['clipboard-sanitized-write', 'https://example.org/', true],
        ['clipboard-sanitized-write', appUrl.replace('index.html', 'other.html'), true],
        ['clipboard-sanitized-write', undefined, true],
      ];
      for (const [permission, requestingUrl, isMainFrame] of requests) {
        const details = { requestingUrl, isMainFrame };
        const checked = session.permissionCheck(null, permission, 'file:///', details);
        let requested;
        session.permissionRequest(null, permission, (answer) => { requested = answer; }, details);
        result.permissions[[permission, requestingUrl, isMainFrame].join('|')] = [checked, requested];
      }

      const invoke = handlers[${JSON.stringify(INVOKE_CHANNEL)}];
      const mainFrame = { url: appUrl + '#/connexion', parent: null };
      const sender = { id: 1, mainFrame, once() {} };
      const foreignFrame = { url: 'https://example.org/', parent: null };
      const lookalike = { url: appUrl + '.old', parent: null };
      const events = {
        mainFrame: { senderFrame: mainFrame, sender },
        subframe: { senderFrame: { url: appUrl, parent: mainFrame }, sender },
        detached: { senderFrame: null, sender },
        foreign: { senderFrame: foreignFrame, sender: { id: 2, mainFrame: foreignFrame, once() {} } },
        lookalike: { senderFrame: lookalike, sender: { id: 3, mainFrame: lookalike, once() {} } },
      };
      result.ipc = {};
      for (const [name, event] of Object.entries(events)) {
        result.ipc[name] = await invoke(event, 'setup.status', {});
      }
      result.ipc.nameNotText = await invoke(events.mainFrame, 42, {});

      result.windowOpen = {};
      for (const url of ['https://example.org/aide', 'file:///etc/passwd']) {
        result.windowOpen[url] = contentsListeners.windowOpen({ url }).action;
      }
      result.navigationPrevented = {};
      for (const url of [appUrl + '#/eleves', 'https://example.org/', 'file:///etc/passwd', appUrl + '.old']) {
        let prevented = false;
        contentsListeners['will-navigate']({ url, preventDefault: () => { prevented = true; } }, url);
        result.navigationPrevented[url] = prevented;
      }
      const attached = {};
      listeners['web-contents-created']({}, { on: (event, listener) => { attached[event] = listener; } });
      let webviewPrevented = false;
      attached['will-attach-webview']({ preventDefault: () => { webviewPrevented = true; } });
      result.webviewPrevented = webviewPrevented;

      listeners['window-all-closed']();
    }

    probe()
      .catch((error) => errors.push(String(error && error.stack || error)))
      .then(() => (errors.length > 0 ? undefined : finished))
      .then(() => {
        process.stdout.write('\\nRESULT ' + JSON.stringify({ ...result, calls, errors }) + '\\n');
        process.exit(0);
      });
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', stub], {
    cwd: root,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, PUPITRE_DATA_DIR: dataDir, PUPITRE_ADMIN_PASSWORD: '' },
  });
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`no result from the shell:\n${stdout}`);
  return JSON.parse(line.slice('RESULT '.length)) as StartedShell;
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

describe('the desktop shell once Electron is ready (stand-in for Electron, real database)', () => {
  let dataDir: string;
  let shell: StartedShell;
  const appUrl = pathToFileURL(join(dist, 'renderer', 'index.html')).href;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pupitre-shell-'));
    shell = await startWithFakeElectron(dataDir);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts without an error, opens the app page in a sandboxed window and quits cleanly', () => {
    expect(shell.errors).toEqual([]);
    expect(shell.loaded).toBe(appUrl);
    expect(shell.webPreferences).toMatchObject({
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      preload: join(dist, 'main', 'preload.cjs'),
    });
    expect(shell.calls).toContain('menu:Fichier,Édition,Affichage');
    expect(shell.calls).toContain(`ipcMain.handle:${INVOKE_CHANNEL}`);
    // window-all-closed closed the database, then quit.
    expect(shell.calls.at(-1)).toBe('app.quit');
    expect(existsSync(join(dataDir, 'pupitre.sqlite'))).toBe(true);
  });

  it('adds the one Content-Security-Policy to every response', () => {
    expect(shell.csp).toEqual([CONTENT_SECURITY_POLICY]);
  });

  it('refuses every permission, checked or requested, but clipboard writing by the app page itself', () => {
    const answers = Object.entries(shell.permissions);
    expect(answers).toHaveLength(9);
    const granted = answers.filter(([, [checked, requested]]) => checked || requested);
    expect(granted).toEqual([[`clipboard-sanitized-write|${appUrl}#/comptes|true`, [true, true]]]);
  });

  it('serves IPC only to the app page’s main frame, still attached', () => {
    expect(shell.ipc.mainFrame).toMatchObject({ ok: true });
    for (const refused of ['subframe', 'detached', 'foreign', 'lookalike', 'nameNotText']) {
      expect(shell.ipc[refused], refused).toEqual({
        ok: false,
        error: { code: 'forbidden', message: 'Appel refusé.' },
      });
    }
  });

  it('opens no second window and lets the window leave the app page for nothing', () => {
    expect(Object.values(shell.windowOpen)).toEqual(['deny', 'deny']);
    expect(shell.calls).toContain('openExternal:https://example.org/aide');
    expect(shell.calls).not.toContain('openExternal:file:///etc/passwd');
    expect(shell.navigationPrevented).toEqual({
      [`${appUrl}#/eleves`]: false,
      'https://example.org/': true,
      'file:///etc/passwd': true,
      [`${appUrl}.old`]: true,
    });
    expect(shell.webviewPrevented).toBe(true);
  });
});

describe('packaging configuration', () => {
  const config = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as {
    electronFuses: Record<string, boolean>;
    asarUnpack: string[];
    asar?: boolean;
  };

  it('flips the fuses: no RunAsNode, NODE_OPTIONS or --inspect, encrypted cookies, checked app.asar only', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      // The page is loaded from file:// inside app.asar: without this fuse it cannot be read.
      grantFileProtocolExtraPrivileges: true,
    });
    // onlyLoadAppFromAsar needs an asar; the native module is unpacked beside it.
    expect(config.asar).not.toBe(false);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
  });

  it('names only fuses electron-builder knows', () => {
    const schema = JSON.parse(
      readFileSync(join(root, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8'),
    ) as { definitions: Record<string, { properties: Record<string, unknown> }> };
    const known = Object.keys(schema.definitions.FuseOptionsV1!.properties);
    for (const fuse of Object.keys(config.electronFuses)) expect(known).toContain(fuse);
  });

  it('uses a supported Electron major and says which Node packaging needs', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
      allowScripts: Record<string, boolean>;
    };
    const installed = JSON.parse(
      readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
    ) as { version: string; engines: { node: string } };
    const major = Number(/\d+/.exec(pkg.devDependencies.electron!)![0]);
    expect(major).toBeGreaterThanOrEqual(45);
    expect(installed.version.split('.')[0]).toBe(String(major));
    // The package must not fetch its binary at install time on these machines.
    expect(pkg.allowScripts.electron).toBe(false);
    const nodeNeeded = /(\d+\.\d+)/.exec(installed.engines.node)![1]!;
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(`Node ${nodeNeeded}`);
  });
});
