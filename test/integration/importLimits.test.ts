import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../main/http/staffServer';
import { SESSION_COOKIE } from '../../main/http/staffRoutes';
import { generateDemoSchool } from '../../main/services/demo/generateDemoSchool';
import type { AuditPage, ImportPreview } from '../../shared/api/staff';
import {
  ADMIN_PASSWORD,
  loginToken,
  startTestPupitre,
  type TestPupitre,
  value,
} from '../helpers/pupitre';
import { encodeLatin9, writeSiecleExports } from '../helpers/siecleWriter';

let p: TestPupitre;
let token: string;
let app: FastifyInstance;
let base: string;

beforeEach(async () => {
  p = await startTestPupitre({ students: 60 });
  token = await loginToken(p, 'direction', ADMIN_PASSWORD);
  app = await createHttpServer({
    dispatch: p.dispatch,
    imports: p.services.imports,
    letters: p.services.letters,
    rendererDir: null,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterEach(async () => {
  await app.close();
  await p.cleanup();
});

const uploadDir = () => join(p.dir, 'imports');
const filesInUploadDir = () => (existsSync(uploadDir()) ? readdirSync(uploadDir()) : []);
const openHandles = () => readdirSync('/proc/self/fd').length;

function post(body: BodyInit, contentType: string, signal?: AbortSignal) {
  return fetch(`${base}/upload/import`, {
    method: 'POST',
    ...(signal ? { signal, duplex: 'half' } : {}),
    headers: {
      'content-type': contentType,
      'x-file-name': 'eleves.xml',
      cookie: `${SESSION_COOKIE}=${token}`,
      host: new URL(base).host,
    },
    body,
  });
}

describe('POST /upload/import takes a file, nothing else', () => {
  it('100 JSON posts: each refused, no file created, no handle left open', async () => {
    const before = openHandles();
    for (let i = 0; i < 100; i++) {
      const response = await post(JSON.stringify({ a: i }), 'application/json');
      expect(response.status).toBe(415);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
        'tel quel',
      );
    }
    expect(filesInUploadDir()).toEqual([]);
    expect(openHandles() - before).toBeLessThanOrEqual(5);
  });

  it('an upload cut midway leaves no file and no open handle', async () => {
    const before = openHandles();
    for (let i = 0; i < 20; i++) {
      const controller = new AbortController();
      const stream = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new Uint8Array(64 * 1024).fill(60));
          setTimeout(() => controller.abort(), 20);
        },
      });
      await post(stream, 'application/octet-stream', controller.signal).catch(() => undefined);
    }
    // Aborted sockets close, and their part files go, on their own time (longer on a loaded
    // machine): a leak never settles, a slow close does within a few seconds.
    for (let i = 0; i < 50 && (openHandles() - before > 5 || filesInUploadDir().length > 0); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(filesInUploadDir()).toEqual([]);
    expect(openHandles() - before).toBeLessThanOrEqual(5);
    // Twenty real uploads, each cut after 20 ms: about 2 s alone, over 5 s on a loaded machine.
  }, 30_000);
});

describe('what one user may make the server hold', () => {
  const exportsOf60 = () => {
    const seed = generateDemoSchool({ studentCount: 60 });
    return writeSiecleExports(seed);
  };
  async function upload(name: string, bytes: Buffer) {
    return p.dispatch('import.upload', { fileName: name, bytes: new Uint8Array(bytes) }, token);
  }

  it('a new preview replaces the user’s last one: repeated previews keep one', async () => {
    const e = exportsOf60();
    const ids = [
      value<{ uploadId: string }>(await upload('eleves.xml', e.eleves)).uploadId,
      value<{ uploadId: string }>(await upload('responsables.xml', e.responsables)).uploadId,
    ];
    const heapBefore = process.memoryUsage().heapUsed;
    let last: ImportPreview | null = null;
    for (let i = 0; i < 12; i++) {
      last = value<ImportPreview>(await p.dispatch('import.preview', { uploadIds: ids }, token));
      expect(p.services.imports.held().previews).toBe(1);
    }
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
    const older = await p.dispatch('import.apply', { previewId: 'x'.repeat(24) }, token);
    expect(!older.ok && older.error.code).toBe('not_found');
    value(await p.dispatch('import.cancel', { previewId: last!.previewId }, token));
    expect(p.services.imports.held()).toEqual({ uploads: 0, previews: 0 });
    const journal = value<AuditPage>(await p.dispatch('audit.list', { action: 'import.' }, token));
    const actions = journal.entries.map((e) => e.action);
    expect(actions.filter((a) => a === 'import.upload')).toHaveLength(2);
    expect(actions.filter((a) => a === 'import.preview')).toHaveLength(12);
    expect(actions.filter((a) => a === 'import.cancel')).toHaveLength(1);
  });

  it('at most 10 files wait per user; the 11th is refused in French', async () => {
    const small = encodeLatin9('<?xml version="1.0" encoding="ISO-8859-15"?><BEE_ELEVES/>');
    for (let i = 0; i < 10; i++) value(await upload(`f${i}.xml`, small));
    const refused = await upload('f10.xml', small);
    expect(!refused.ok && refused.error.message).toMatch(/déjà 10 fichiers en attente/);
    expect(filesInUploadDir()).toHaveLength(10);
  });

  it('a file of more records than a school has is refused as it is read', async () => {
    const person = (i: number) =>
      `<PERSONNE PERSONNE_ID="${i}"><NOM_DE_FAMILLE>NOM${i}</NOM_DE_FAMILLE><PRENOM>P</PRENOM></PERSONNE>`;
    const xml = [
      '<?xml version="1.0" encoding="ISO-8859-15"?><BEE_RESPONSABLES><PARAMETRES><UAJ>0000000A</UAJ></PARAMETRES><DONNEES><PERSONNES>',
      ...Array.from({ length: 50_001 }, (_, i) => person(i)),
      '</PERSONNES></DONNEES></BEE_RESPONSABLES>',
    ].join('');
    const id = value<{ uploadId: string }>(
      await upload('responsables.xml', encodeLatin9(xml)),
    ).uploadId;
    const preview = value<ImportPreview>(
      await p.dispatch('import.preview', { uploadIds: [id] }, token),
    );
    expect(preview.canApply).toBe(false);
    expect(preview.problems.map((pb) => pb.message).join(' ')).toMatch(/plus de 50\s000 fiches/);
  });
});
