import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SchoolEntity } from '../../main/db/entities';
import { startWebServer, type RunningWebServer } from '../../main/http/webServer';
import { fixedClock } from '../../main/services/clock';
import { ADMIN_PASSWORD, TEST_NOW, testHasher } from '../helpers/pupitre';

let dir: string;
let server: RunningWebServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pupitre-demo-'));
  server = await startWebServer({
    dataDir: dir,
    port: 0,
    portalPort: 0,
    rendererDir: null,
    demo: true,
    demoStudentCount: 30,
    clock: fixedClock(TEST_NOW),
    hasher: testHasher,
    adminPassword: ADMIN_PASSWORD,
    manualMail: true,
  });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the demo school (web mode, --demo)', () => {
  it('gives its letters and e-mails the address of the portal it runs, which answers', async () => {
    expect(server.created).not.toBeNull();
    const school = await server.pupitre.db.manager
      .getRepository(SchoolEntity)
      .findOneByOrFail({ uai: server.created!.school.uai });
    expect(server.portalUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(school.portalUrl).toBe(server.portalUrl);
    // A newcomer following the letter reaches the login page, over real HTTP.
    const page = await fetch(school.portalUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Connexion aux services en ligne');
  });
});
