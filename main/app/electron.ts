// First: React reads NODE_ENV when it is loaded (productionMode.ts says why).
import '../http/portal/productionMode';
import { app, BrowserWindow, dialog } from 'electron';
import { join } from 'node:path';
import { startPupitre, type Pupitre } from '../bootstrap';
import { startPortal, type RunningPortal } from '../http/portal/startPortal';
import { bindIpc } from './ipc';
import { desktopSecretKey } from './secretKey';
import { installMenu } from './menu';
import { createMainWindow, isTrustedFrame } from './window';

// dist/main/electron.cjs → dist/
const distDir = join(__dirname, '..');
let pupitre: Pupitre | null = null;
let portal: RunningPortal | null = null;

/** The family portal on the interface and port of the school's settings (« Paramètres »). */
async function servePortal(p: Pupitre) {
  const [school] = await p.portal.schools();
  if (!school) return;
  const { bind, port, trustedProxy } = school.listener;
  try {
    portal = await startPortal(p, {
      host: bind || '127.0.0.1',
      port,
      trustProxy: trustedProxy ? trustedProxy.split(',').map((a) => a.trim()) : false,
      publicHttps: Boolean(trustedProxy) && school.portalUrl.startsWith('https://'),
    });
    console.log(`Portail des familles : ${portal.url}`);
  } catch (error) {
    // A port already taken must not stop the staff window: say so, and go on without it.
    dialog.showErrorBox(
      'Le portail des familles n’a pas démarré',
      `Le port ${port} de l’interface ${bind} n’est pas disponible (${error instanceof Error ? error.message : String(error)}). Choisissez-en un autre dans les Paramètres, puis redémarrez Pupitre.`,
    );
  }
}

function keyOption(): { secretKey?: Buffer } {
  const key = desktopSecretKey(app.getPath('userData'));
  return key ? { secretKey: key } : {};
}

async function start() {
  const dataDir = process.env.PUPITRE_DATA_DIR ?? join(app.getPath('userData'), 'donnees');
  pupitre = await startPupitre({
    dataDir,
    adminPassword: process.env.PUPITRE_ADMIN_PASSWORD || undefined,
    postgresUrl: process.env.PUPITRE_POSTGRES_URL || undefined,
    demo: process.argv.includes('--demo'),
    assetsDir: join(app.getAppPath(), 'assets'),
    ...keyOption(),
  });
  const { created } = pupitre;
  if (created) {
    console.log(
      `Identifiant : ${created.directionLogin} — mot de passe : ${created.directionPassword || 'celui de PUPITRE_ADMIN_PASSWORD'}`,
    );
  }
  bindIpc(pupitre.dispatch, (event) =>
    isTrustedFrame(event.senderFrame, event.sender.mainFrame, distDir),
  );
  installMenu();
  createMainWindow(distDir);
  await servePortal(pupitre);
}

if (!app.requestSingleInstanceLock()) {
  // A second copy would open the same database file: bring the first one forward instead.
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox(
        'Pupitre n’a pas pu démarrer',
        error instanceof Error ? error.message : String(error),
      );
      app.exit(1);
    });
  app.on('window-all-closed', () => {
    void (portal?.close() ?? Promise.resolve())
      .then(() => pupitre?.close())
      .finally(() => app.quit());
  });
}
