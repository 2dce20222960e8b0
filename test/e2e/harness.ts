import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startWebServer, type RunningWebServer } from '../../main/http/webServer';
import type { Clock } from '../../main/services/clock';
import { testHasher } from '../helpers/pupitre';

export const CHROMIUM = process.env.PUPITRE_CHROMIUM ?? '/usr/bin/chromium';
/** Where the staff window's screenshots go (looked at by a person, not compared). */
export const STAFF_SCREENS_DIR =
  process.env.PUPITRE_STAFF_SCREENS_DIR ?? join(tmpdir(), 'pupitre-ecrans-personnel');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const E2E_PASSWORD = 'Direction2026';

export interface E2eWorld {
  server: RunningWebServer;
  /** The web server's data folder (its SQLite file, letters and .eml files). */
  dataDir: string;
  browser: Browser;
  page: Page;
  /** French messages the page printed to its console as errors: a test may assert none. */
  consoleErrors: string[];
  close(): Promise<void>;
}

/**
 * Web mode on a fresh data folder, built renderer, demo school unless `empty`, the E2E
 * direction password unless `generatedPassword`: the server every E2E world starts from.
 */
export async function startE2eServer(options: {
  students: number;
  empty?: boolean;
  generatedPassword?: boolean;
  /** Start the family portal's listener too. */
  portal?: boolean;
  /** A clock the test sets (production ignores it). */
  clock?: Clock;
}): Promise<{ server: RunningWebServer; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pupitre-e2e-'));
  const server = await startWebServer({
    dataDir,
    port: 0,
    rendererDir: join(__dirname, '..', '..', 'dist', 'renderer'),
    demo: !options.empty,
    demoStudentCount: options.students,
    adminPassword: options.generatedPassword ? undefined : E2E_PASSWORD,
    hasher: testHasher,
    ...(options.portal ? { portalPort: 0 } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return { server, dataDir };
}

/** Web mode on a fresh data folder (demo school unless `empty`) and a Debian Chromium page on it. */
export async function startE2e(
  options: {
    empty?: boolean;
    students?: number;
    generatedPassword?: boolean;
    /** Start the family portal's listener too. */
    portal?: boolean;
    viewport?: { width: number; height: number };
  } = {},
): Promise<E2eWorld> {
  const { server, dataDir } = await startE2eServer({
    students: options.students ?? 600,
    ...(options.empty ? { empty: true } : {}),
    ...(options.generatedPassword ? { generatedPassword: true } : {}),
    ...(options.portal ? { portal: true } : {}),
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1366, height: 850 },
    locale: 'fr-FR',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    // A 401 on the first session.me is how the window learns it must show the login screen.
    if (message.type() === 'error' && !/status of 401/.test(message.text()))
      consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(server.url);
  return {
    server,
    dataDir,
    browser,
    page,
    consoleErrors,
    close: async () => {
      await browser.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
