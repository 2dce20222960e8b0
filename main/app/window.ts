import { BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';

export function createMainWindow(distDir: string): BrowserWindow {
  const indexUrl = pathToFileURL(join(distDir, 'renderer', 'index.html')).toString();

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });
  // The window asks for no camera, microphone, notifications or location; a page that
  // merely checks whether it could is told no as well.
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) =>
    callback(false),
  );
  session.defaultSession.setPermissionCheckHandler(() => false);

  const window = new BrowserWindow({
    width: 1366,
    height: 850,
    minWidth: 1024,
    minHeight: 640,
    title: 'Pupitre',
    show: false,
    webPreferences: {
      preload: join(distDir, 'main', 'preload.cjs'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      spellcheck: true,
    },
  });
  window.once('ready-to-show', () => window.show());

  // Links to the outside world open in the user's browser, never in the app window.
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(indexUrl)) {
      event.preventDefault();
      if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    }
  });
  void window.loadURL(indexUrl);
  return window;
}

export function isAppPage(url: string, distDir: string): boolean {
  return url.startsWith(pathToFileURL(join(distDir, 'renderer', 'index.html')).toString());
}

/**
 * Whether an IPC message may be served: it must come from the app's own page, in the main
 * frame of its window (not an iframe a page could embed), and from a frame still attached
 * (`senderFrame` is null once a frame navigated away or was destroyed).
 */
export function isTrustedFrame(
  frame: { url: string; parent: unknown } | null,
  mainFrame: unknown,
  distDir: string,
): boolean {
  return (
    frame !== null && frame === mainFrame && frame.parent === null && isAppPage(frame.url, distDir)
  );
}
