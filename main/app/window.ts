import { BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';

export function createMainWindow(distDir: string): BrowserWindow {
  const indexUrl = appPageUrl(distDir);

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });
  // No camera, microphone, notifications or location, asked for or merely checked: the one
  // thing granted is writing to the clipboard, for the app's own page (see allowsPermission).
  session.defaultSession.setPermissionRequestHandler(
    (_webContents, permission, callback, details) =>
      callback(allowsPermission(permission, details, distDir)),
  );
  session.defaultSession.setPermissionCheckHandler(
    (_webContents, permission, _requestingOrigin, details) =>
      allowsPermission(permission, details, distDir),
  );

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
    if (opensExternally(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  // The URL is read from the event: Electron's types mark the positional `url` deprecated.
  window.webContents.on('will-navigate', (event) => {
    if (!isAppPage(event.url, distDir)) {
      event.preventDefault();
      if (opensExternally(event.url)) void shell.openExternal(event.url);
    }
  });
  void window.loadURL(indexUrl);
  return window;
}

/**
 * What the system may open for a link the window will not follow: web pages in the browser,
 * and a guardian's phone number or e-mail address (tel:, mailto:) in the phone or mail app.
 * Nothing else (file:, javascript:, custom schemes) leaves the app.
 */
export function opensExternally(url: string): boolean {
  return /^(https?:\/\/|mailto:|tel:)/i.test(url);
}

function appPageUrl(distDir: string): string {
  return pathToFileURL(join(distDir, 'renderer', 'index.html')).href;
}

/** The app's own page, whatever its hash route: not a sibling file, not `index.html.old`. */
export function isAppPage(url: string, distDir: string): boolean {
  try {
    const page = new URL(url);
    page.hash = '';
    page.search = '';
    return page.href === appPageUrl(distDir);
  } catch {
    return false;
  }
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

/**
 * The window's one permission: `clipboard-sanitized-write`, which Chromium asks for before
 * every `navigator.clipboard.writeText` — the « Copier » button of a password shown only once
 * would fail without it. Granted to the app page's main frame only; everything else is
 * refused, including reading the clipboard (pasting goes through the Édition menu).
 */
export function allowsPermission(
  permission: string,
  request: { requestingUrl?: string | undefined; isMainFrame: boolean },
  distDir: string,
): boolean {
  return (
    permission === 'clipboard-sanitized-write' &&
    request.isMainFrame &&
    request.requestingUrl !== undefined &&
    isAppPage(request.requestingUrl, distDir)
  );
}
