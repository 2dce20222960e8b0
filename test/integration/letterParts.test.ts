import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LetterBatchSummary, LetterJob, LetterPlan } from '../../shared/api/staff/letters';
import type { LetterPhase } from '../../main/services/letters/letterPdfRun';
import { createHttpServer } from '../../main/http/staffServer';
import { SESSION_COOKIE } from '../../main/http/staffRoutes';
import { finishedJob } from '../helpers/letterRuns';
import { flat } from '../helpers/letterFixtures';
import { credentialsOf, pdfPages } from '../helpers/pdfText';
import {
  ADMIN_PASSWORD,
  anotherSchool,
  loginToken,
  startTestPupitre,
  testHasher,
  type TestPupitre,
  value,
} from '../helpers/pupitre';

let p: TestPupitre;
let direction: string;
/** Called at each phase a letters run reaches (one division's PDF ended, all written…). */
let onPhase: ((phase: LetterPhase) => Promise<void> | void) | null = null;
beforeEach(async () => {
  onPhase = null;
  p = await startTestPupitre({ students: 60, letterPhaseHook: (phase) => onPhase?.(phase) });
  direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
});
afterEach(async () => p.cleanup());

const q = <T>(sql: string, params: unknown[] = []) =>
  p.db.manager.query(sql, params) as Promise<T[]>;

const SPLIT = { scope: { kind: 'school' }, order: 'division', split: 'division' } as const;

/** « Remis à l’élève … (3A) »: the division printed on a letter handed out in class. */
const divisionOnPage = (page: string) => /Remis à l’élève .+? \(([^)]+)\)/.exec(flat(page))?.[1];

async function splitBatch() {
  const started = value<LetterJob>(await p.dispatch('letters.start', SPLIT, direction));
  const job = await finishedJob(p, direction, started);
  expect(job.state, job.message).toBe('done');
  const [batch] = value<LetterBatchSummary[]>(await p.dispatch('letters.batches', {}, direction));
  return { job, batch: batch! };
}

describe('a lycée’s batch as one PDF a division, in one zip (issue 15 §1)', () => {
  it('each division’s letters in its own PDF, every letter once, the passwords all changed', async () => {
    // A pupil in no division (arrived, not yet placed): the family's letters come last.
    const [loose] = await q<{ id: number; login: string }>(
      `SELECT s.id, a.login FROM student s JOIN family_account a ON a.student_id = s.id
        WHERE NOT EXISTS (SELECT 1 FROM student_guardian l JOIN student_guardian o
                            ON o.guardian_id = l.guardian_id AND o.student_id <> l.student_id
                           WHERE l.student_id = s.id)
        ORDER BY s.id LIMIT 1`,
    );
    await q('UPDATE student SET division_id = NULL WHERE id = ?', [loose!.id]);
    const divisions = await q<{ code: string }>(
      'SELECT code FROM division WHERE id IN (SELECT division_id FROM student)',
    );
    const plan = value<LetterPlan>(await p.dispatch('letters.plan', SPLIT, direction));
    expect(plan.divisions).toBe(divisions.length + 1);
    const { job, batch } = await splitBatch();
    expect(job.fileName).toMatch(/^courriers-\d{4}-\d\d-\d\d-.+\.zip$/);
    expect(batch.parts.map((part) => part.label)).toEqual([
      ...divisions.map((d) => d.code).sort(new Intl.Collator('fr', { numeric: true }).compare),
      'Sans division',
    ]);

    const zip = unzipSync(
      value<Uint8Array>(await p.dispatch('letters.download', { id: job.batchId }, direction)),
    );
    expect(Object.keys(zip)).toEqual(batch.parts.map((part) => part.fileName));
    const logins: string[] = [];
    for (const part of batch.parts) {
      const pages = await pdfPages(zip[part.fileName]!);
      expect(pages).toHaveLength(part.pages);
      expect(part.letters).toBe(part.pages);
      // Handed out in class: every letter of the part is carried by a child of its division.
      expect(pages.map(divisionOnPage)).toEqual(
        pages.map(() => (part.label === 'Sans division' ? undefined : part.label)),
      );
      if (part.label === 'Sans division') {
        expect(pages.map((page) => credentialsOf(page).login)).toContain(loose!.login);
      }
      for (const page of pages) {
        const { login, password } = credentialsOf(page);
        logins.push(login!);
        const [row] = await q<{ password_hash: string }>(
          'SELECT password_hash FROM family_account WHERE login = ?',
          [login],
        );
        expect(await testHasher.verify(password!, row!.password_hash)).toBe(true);
      }
    }
    expect(new Set(logins).size).toBe(logins.length);
    expect(logins).toHaveLength(job.total);
    expect(batch.pageCount).toBe(job.total);
  });

  it('one division’s PDF downloads alone, the same bytes as in the zip, and the journal says which', async () => {
    const { job, batch } = await splitBatch();
    const zip = unzipSync(
      value<Uint8Array>(await p.dispatch('letters.download', { id: job.batchId }, direction)),
    );
    const second = batch.parts[1]!;
    const alone = value<Uint8Array>(
      await p.dispatch('letters.download', { id: job.batchId, part: second.index }, direction),
    );
    expect(Buffer.from(alone).equals(Buffer.from(zip[second.fileName]!))).toBe(true);
    const missing = await p.dispatch('letters.download', { id: job.batchId, part: 999 }, direction);
    expect(!missing.ok && missing.error.message).toBe(
      'Cette division n’est pas dans ce lot de courriers.',
    );
    const [audit] = await q<{ details: string }>(
      `SELECT details FROM audit_log WHERE action = 'letters.download' ORDER BY id DESC LIMIT 1`,
    );
    expect(JSON.parse(audit!.details)).toEqual({ partie: second.label });
  });

  it('sorted by postcode, the letters go by post: a split is refused, and a one-division batch is one PDF', async () => {
    const refused = await p.dispatch('letters.start', { ...SPLIT, order: 'postal' }, direction);
    expect(!refused.ok && refused.error.message).toBe(
      'Un PDF par division n’est possible que dans l’ordre « par division puis par nom » : les courriers triés par code postal partent par la poste.',
    );
    expect(await q(`SELECT id FROM family_account WHERE password_hash IS NOT NULL`)).toEqual([]);
    const [division] = await q<{ id: number }>('SELECT id FROM division ORDER BY id LIMIT 1');
    const one = value<LetterPlan>(
      await p.dispatch(
        'letters.plan',
        { scope: { kind: 'division', divisionId: division!.id } },
        direction,
      ),
    );
    expect(one.divisions).toBe(1);
  });

  it('cancelled midway: no account changed and no file left, as for one PDF', async () => {
    const before = await q(
      'SELECT id, password_hash, password_version, state FROM family_account ORDER BY id',
    );
    const job = value<LetterJob>(await p.dispatch('letters.start', SPLIT, direction));
    value(await p.dispatch('letters.cancel', { jobId: job.jobId }, direction));
    expect((await finishedJob(p, direction, job)).state).toBe('cancelled');
    expect(
      await q('SELECT id, password_hash, password_version, state FROM family_account ORDER BY id'),
    ).toEqual(before);
    expect(readdirSync(join(p.dir, 'courriers'))).toEqual([]);
  });

  it('cancelled between two divisions’ PDFs: no account changed and no file left', async () => {
    const before = await q(
      'SELECT id, password_hash, password_version, state FROM family_account ORDER BY id',
    );
    let job: LetterJob | null = null;
    let partsWritten = 0;
    onPhase = async (phase) => {
      if (phase !== 'part-written' || ++partsWritten !== 1) return;
      // The first division's PDF is in the zip: cancel before the second begins.
      expect(readdirSync(join(p.dir, 'courriers'))).toHaveLength(1);
      value(await p.dispatch('letters.cancel', { jobId: job!.jobId }, direction));
    };
    job = value<LetterJob>(await p.dispatch('letters.start', SPLIT, direction));
    expect((await finishedJob(p, direction, job)).state).toBe('cancelled');
    expect(partsWritten).toBe(1);
    expect(
      await q('SELECT id, password_hash, password_version, state FROM family_account ORDER BY id'),
    ).toEqual(before);
    expect(await q('SELECT id FROM letter_batch')).toEqual([]);
    expect(readdirSync(join(p.dir, 'courriers'))).toEqual([]);
  });

  it('a crash between the commit and the rename: the zip is completed at start', async () => {
    const { job } = await splitBatch();
    const dir = join(p.dir, 'courriers');
    const [zipName] = readdirSync(dir);
    expect(zipName).toMatch(/\.zip$/);
    // It holds provisional passwords in clear: readable by the app's own user only.
    expect(statSync(join(dir, zipName!)).mode & 0o777).toBe(0o600);
    const { renameSync } = await import('node:fs');
    renameSync(join(dir, zipName!), join(dir, zipName!.replace(/\.zip$/, '.part')));
    writeFileSync(join(dir, 'orphan-0000000000.part'), 'PK partial');
    await p.services.letters.tidy();
    expect(readdirSync(dir)).toEqual([zipName]);
    const bytes = value<Uint8Array>(
      await p.dispatch('letters.download', { id: job.batchId }, direction),
    );
    expect(Object.keys(unzipSync(bytes)).length).toBeGreaterThan(1);
  });
});

describe('web mode’s download of a split batch', () => {
  let app: FastifyInstance;
  beforeEach(async () => {
    app = await createHttpServer({
      dispatch: p.dispatch,
      imports: p.services.imports,
      letters: p.services.letters,
      rendererDir: null,
    });
  });
  afterEach(async () => app.close());

  it('GET /letters/:id sends the zip, ?partie=N one PDF, /letters/:id.pdf still works', async () => {
    const { job, batch } = await splitBatch();
    const cookie = `${SESSION_COOKIE}=${direction}`;
    const whole = await app.inject({ url: `/letters/${job.batchId}`, headers: { cookie } });
    expect(whole.headers['content-type']).toBe('application/zip');
    expect(whole.headers['content-disposition']).toBe(`attachment; filename="${job.fileName}"`);
    expect(Object.keys(unzipSync(whole.rawPayload))).toHaveLength(batch.parts.length);
    const same = await app.inject({ url: `/letters/${job.batchId}.pdf`, headers: { cookie } });
    expect(same.rawPayload.equals(whole.rawPayload)).toBe(true);

    const part = await app.inject({
      url: `/letters/${job.batchId}?partie=1`,
      headers: { cookie },
    });
    expect(part.headers['content-type']).toBe('application/pdf');
    expect(part.headers['content-disposition']).toContain(batch.parts[0]!.fileName);
    expect(await pdfPages(part.rawPayload)).toHaveLength(batch.parts[0]!.pages);
    const bad = await app.inject({ url: `/letters/${job.batchId}?partie=x`, headers: { cookie } });
    expect(bad.statusCode).toBe(404);
  });

  it('POST /api/letters.download answers the bytes themselves, not a Buffer turned into JSON', async () => {
    const { job } = await splitBatch();
    const cookie = `${SESSION_COOKIE}=${direction}`;
    const viaGet = await app.inject({ url: `/letters/${job.batchId}`, headers: { cookie } });
    const viaPost = await app.inject({
      method: 'POST',
      url: '/api/letters.download',
      headers: { cookie, 'content-type': 'application/json' },
      payload: JSON.stringify({ id: job.batchId }),
    });
    expect(viaPost.headers['content-type']).toBe('application/octet-stream');
    expect(viaPost.headers['cache-control']).toBe('no-store');
    expect(viaPost.rawPayload.equals(viaGet.rawPayload)).toBe(true);
  });

  it('another school’s direction gets neither the zip nor one of its parts, and nothing is journaled', async () => {
    const { job } = await splitBatch();
    const cookie = `${SESSION_COOKIE}=${(await anotherSchool(p)).directionToken}`;
    const journaled = async () =>
      (await q(`SELECT id FROM audit_log WHERE action = 'letters.download'`)).length;
    const before = await journaled();
    for (const url of [`/letters/${job.batchId}`, `/letters/${job.batchId}?partie=1`]) {
      const response = await app.inject({ url, headers: { cookie } });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type'], url).not.toBe('application/pdf');
    }
    expect(await journaled()).toBe(before);
  });

  it('a part missing from its zip is refused in French and not journaled as downloaded', async () => {
    const { job, batch } = await splitBatch();
    const dir = join(p.dir, 'courriers');
    const [zipName] = readdirSync(dir);
    const entries = unzipSync(new Uint8Array(readFileSync(join(dir, zipName!))));
    delete entries[batch.parts[0]!.fileName];
    writeFileSync(join(dir, zipName!), zipSync(entries, { level: 0 }));
    const journaled = async () =>
      (await q(`SELECT id FROM audit_log WHERE action = 'letters.download'`)).length;
    const before = await journaled();
    const cookie = `${SESSION_COOKIE}=${direction}`;
    const response = await app.inject({
      url: `/letters/${job.batchId}?partie=1`,
      headers: { cookie },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({
      ok: false,
      error: { message: 'Ce fichier manque dans le lot de courriers.' },
    });
    expect(await journaled()).toBe(before);
    // The other parts still download, and are journaled.
    const second = await app.inject({
      url: `/letters/${job.batchId}?partie=2`,
      headers: { cookie },
    });
    expect(second.headers['content-type']).toBe('application/pdf');
    expect(await journaled()).toBe(before + 1);
  });
});
