import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { createHttpServer } from '../../main/http/staffServer';
import { SESSION_COOKIE } from '../../main/http/staffRoutes';
import { InfoSheetExportEntity } from '../../main/db/entities/infoSheets';
import {
  ADMIN_PASSWORD,
  anotherSchool,
  createStaffUser,
  loginToken,
  startTestPupitre,
  type TestPupitre,
} from '../helpers/pupitre';

// Issue 18 §3: an export to SIECLE is « téléchargeable à nouveau ». Web mode's GET route
// answers with the zip's bytes to the school's reviewers only, never cached, never across
// schools or origins. Real HTTP on Fastify's injector, a real SQLite file.

let p: TestPupitre;
let app: FastifyInstance;
let exportId = 0;
const FILE = '0000001APRIVE202620261122100000.zip';
const XML = FILE.replace(/\.zip$/, '.xml');

const get = (token: string | null, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'GET',
    url: `/export-siecle/${exportId}`,
    headers: { ...(token ? { cookie: `${SESSION_COOKIE}=${token}` } : {}), ...headers },
  });

beforeAll(async () => {
  p = await startTestPupitre({ students: 10 });
  app = await createHttpServer({
    dispatch: p.dispatch,
    imports: p.services.imports,
    letters: p.services.letters,
    rendererDir: null,
  });
  const zip = zipSync({ [XML]: strToU8('<?xml version="1.0"?><IMPORT_ELEVES/>') });
  const inserted = await p.db.manager.getRepository(InfoSheetExportEntity).insert({
    schoolId: 1,
    number: 1,
    fileName: FILE,
    changeCount: 1,
    content: Buffer.from(zip).toString('base64'),
    staffUserId: 1,
    createdAt: new Date().toISOString(),
  });
  exportId = Number(inserted.identifiers[0]!.id);
});

afterAll(async () => {
  await app.close();
  await p.cleanup();
});

describe('GET /export-siecle/:id', () => {
  it('gives the direction the zip as it was made, journaled, never cached', async () => {
    const response = await get(await loginToken(p, 'direction', ADMIN_PASSWORD));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${FILE}"`);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(Object.keys(unzipSync(response.rawPayload))).toEqual([XML]);
    const rows = (await p.db.manager.query(
      `SELECT target_label FROM audit_log WHERE action = 'infoSheet.exportDownload'`,
    )) as { target_label: string }[];
    expect(rows.map((r) => r.target_label)).toEqual([FILE]);
  });

  it('refuses a teacher and the CPE: « secrétariat … fiche review » (SPEC §2)', async () => {
    const direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
    for (const role of ['teacher', 'cpe'] as const) {
      const user = await createStaffUser(p, direction, `route-${role}`, role);
      const response = await get(await loginToken(p, `route-${role}`, user.password));
      expect(response.statusCode).toBe(403);
      expect(response.rawPayload.subarray(0, 2).toString()).not.toBe('PK');
    }
  });

  it('refuses a request from another origin, even with the session cookie', async () => {
    const response = await get(await loginToken(p, 'direction', ADMIN_PASSWORD), {
      origin: 'http://evil.example',
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('never gives one school’s export to another school’s direction', async () => {
    const response = await get((await anotherSchool(p)).directionToken);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'Export introuvable.' },
    });
  });
});
