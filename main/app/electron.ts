import { app, BrowserWindow, dialog } from 'electron';
import { join } from 'node:path';
import { startPupitre, type Pupitre } from '../bootstrap';
import { bindIpc } from './ipc';
import { desktopSecretKey } from './secretKey';
import { installMenu } from './menu';
import { createMainWindow, isTrustedFrame } from './window';

// dist/main/electron.cjs → dist/
const distDir = join(__dirname, '..');
let pupitre: Pupitre | null = null;

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
    void (pupitre?.close() ?? Promise.resolve()).finally(() => app.quit());
  });
}
