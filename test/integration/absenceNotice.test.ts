import { writeFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../main/http/staffServer';
import { SESSION_COOKIE } from '../../main/http/staffRoutes';
import { HOUR } from '../../main/services/clock';
import type { NoticeSent, SchoolLifeEvent } from '../../shared/api/staff';
import { pdfPages } from '../helpers/pdfText';
import {
  ADMIN_PASSWORD,
  createStaffUser,
  loginToken,
  startTestPupitre,
  value,
  type TestPupitre,
} from '../helpers/pupitre';

// Issue 17 §3: « From the queue: send the family an absence notice by e-mail (outbox) or
// print it (PDF, like the letters) »; either sets « famille avisée » (how, when), audited.
let p: TestPupitre;
let direction: string;
let cpe: string;
let server: SMTPServer;
const received: { to: string[]; raw: Buffer }[] = [];

beforeAll(async () => {
  server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: true,
    logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  p = await startTestPupitre({ students: 30 });
  direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
  cpe = (await createStaffUser(p, direction, 'cpe-avis', 'cpe')).token;
  value(
    await p.dispatch(
      'mail.updateSettings',
      {
        transport: 'smtp',
        host: '127.0.0.1',
        port,
        security: 'none',
        username: '',
        password: '',
        fromAddress: 'ce.0000000a@ac-test.fr',
        fromName: 'Collège de test',
        perMinute: 600,
      },
      direction,
    ),
  );
});
afterAll(async () => {
  await p?.cleanup();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A pupil and their legal representatives (SIECLE level 1), with or without an address. */
async function pupilWithRepresentatives(withEmail: boolean) {
  const rows = (await p.db.manager.query(
    `SELECT s.id, s.last_name AS "lastName", s.first_name AS "firstName",
            g.email, g.last_name AS "guardianLast"
       FROM student s
       JOIN student_guardian sg ON sg.student_id = s.id AND sg.responsibility_level = 1
       JOIN guardian g ON g.id = sg.guardian_id
      ORDER BY s.id, g.id`,
  )) as { id: number; lastName: string; firstName: string; email: string; guardianLast: string }[];
  const byPupil = new Map<number, typeof rows>();
  for (const r of rows) byPupil.set(r.id, [...(byPupil.get(r.id) ?? []), r]);
  const [, reps] = [...byPupil].find(([, r]) =>
    withEmail ? r.every((g) => g.email !== '') : r.every((g) => g.email === ''),
  )!;
  return { pupil: reps[0]!, representatives: reps };
}

/** The pupil's first name set, to read the elision: « d’Antoine », « de Hugo ». */
async function named(pupil: { id: number; firstName: string }, firstName: string) {
  await p.db.manager.query('UPDATE student SET first_name = ? WHERE id = ?', [firstName, pupil.id]);
  pupil.firstName = firstName;
}

async function absenceOf(
  studentId: number,
  startsAt = '2026-11-16T07:00:00.000Z',
  endsAt = '2026-11-16T16:00:00.000Z',
) {
  return value<SchoolLifeEvent>(
    await p.dispatch('schoolLife.record', { studentId, kind: 'absence', startsAt, endsAt }, cpe),
  );
}

async function noticeAudit() {
  return (
    (await p.db.manager.query(
      `SELECT details FROM audit_log WHERE action = 'schoolLife.notice' ORDER BY id`,
    )) as { details: string }[]
  ).map((r) => JSON.parse(r.details) as Record<string, unknown>);
}

describe('the absence notice', () => {
  it('e-mails each legal representative through the outbox and records « famille avisée » par courriel, now', async () => {
    const { pupil, representatives } = await pupilWithRepresentatives(true);
    await named(pupil, 'Antoine');
    const absence = await absenceOf(pupil.id);
    const sent = value<NoticeSent>(
      await p.dispatch('schoolLife.noticeEmail', { id: absence.id }, cpe),
    );
    expect(sent.recipients).toBe(representatives.length);
    expect(sent.event).toMatchObject({
      familyNotifiedBy: 'courriel',
      familyNotifiedAt: p.clock.now().toISOString(),
      version: absence.version + 1,
      processed: false,
    });
    await p.mailer.work();
    expect(received.map((r) => r.to).sort()).toEqual(
      representatives.map((r) => [r.email.toLowerCase()]).sort(),
    );
    const mail = await simpleParser(received[0]!.raw);
    expect(mail.subject).toMatch(/^Absence de votre enfant – /);
    const text = mail.text ?? '';
    expect(text).toContain(
      `Nous vous informons de l’absence d’Antoine ${pupil.lastName.toLocaleUpperCase('fr-FR')}`,
    );
    // One wording whatever the child's sex (no « absent(e) »), the hours written « 8 h ».
    expect(text).toMatch(/le 16\/11\/2026 de 8\sh à 17\sh \(2 demi-journées\)\./);
    expect(text).not.toContain('absent(e)');
    expect(text).toContain('(article L131-8)');
    expect(await noticeAudit()).toEqual([
      { évènement: absence.id, moyen: 'courriel', destinataires: representatives.length },
    ]);
  });

  it('refuses to e-mail when no legal representative has an address, in French, and changes nothing', async () => {
    const { pupil } = await pupilWithRepresentatives(false);
    const absence = await absenceOf(pupil.id);
    const before = await noticeAudit();
    const refused = await p.dispatch('schoolLife.noticeEmail', { id: absence.id }, cpe);
    expect(refused).toMatchObject({
      ok: false,
      error: {
        message:
          'Aucun représentant légal de cet élève n’a d’adresse électronique utilisable : imprimez l’avis.',
      },
    });
    const queue = value<SchoolLifeEvent[]>(await p.dispatch('schoolLife.queue', {}, cpe));
    expect(queue.find((e) => e.id === absence.id)).toMatchObject({
      familyNotifiedBy: null,
      version: absence.version,
    });
    expect(await noticeAudit()).toEqual(before);
  });

  it('prints one page a legal representative, read back as text; « imprimé » then records « famille avisée » par courrier', async () => {
    const { pupil, representatives } = await pupilWithRepresentatives(false);
    await named(pupil, 'Hugo');
    const absence = await absenceOf(pupil.id);
    const bytes = value<Uint8Array>(
      await p.dispatch('schoolLife.noticePdf', { id: absence.id }, cpe),
    );
    // To look at it: PUPITRE_NOTICE_PDF=/tmp/avis.pdf, then pdftoppm -png -r 80.
    if (process.env.PUPITRE_NOTICE_PDF) writeFileSync(process.env.PUPITRE_NOTICE_PDF, bytes);
    const pages = await pdfPages(bytes);
    expect(pages).toHaveLength(representatives.length);
    pages.forEach((page, i) => {
      const text = page.replace(/\s+/g, ' ');
      expect(text).toContain(representatives[i]!.guardianLast.toUpperCase());
      expect(text).toContain('Objet : absence de votre enfant');
      expect(text).toContain(`de l’absence de Hugo ${pupil.lastName.toLocaleUpperCase('fr-FR')}`);
      expect(text).toMatch(/le 16\/11\/2026 de 8\sh à 17\sh \(2 demi-journées\)/);
    });
    const printed = value<SchoolLifeEvent>(
      await p.dispatch('schoolLife.noticePrinted', { id: absence.id }, cpe),
    );
    expect(printed).toMatchObject({
      familyNotifiedBy: 'courrier',
      familyNotifiedAt: p.clock.now().toISOString(),
      version: absence.version + 1,
    });
    expect((await noticeAudit()).at(-1)).toEqual({
      évènement: absence.id,
      moyen: 'courrier',
      destinataires: representatives.length,
    });
  });

  it('an absence over days says « du … à 8 h au … à 12 h »; a Saturday afternoon gives no « (0 demi-journée) »', async () => {
    const { pupil } = await pupilWithRepresentatives(false);
    // Monday 8:12 to Tuesday 12:00, then Saturday 21/11 from 13 h to 16 h (counts none).
    const days = await absenceOf(pupil.id, '2026-11-23T07:12:00.000Z', '2026-11-24T11:00:00.000Z');
    const saturday = await absenceOf(
      pupil.id,
      '2026-11-21T12:00:00.000Z',
      '2026-11-21T15:00:00.000Z',
    );
    const textOf = async (id: number) =>
      (
        await pdfPages(value<Uint8Array>(await p.dispatch('schoolLife.noticePdf', { id }, cpe)))
      )[0]!.replace(/\s+/g, ' ');
    expect(await textOf(days.id)).toMatch(
      /du 23\/11\/2026 à 8\sh\s12 au 24\/11\/2026 à 12\sh \(3 demi-journées\)\./,
    );
    const saturdayText = await textOf(saturday.id);
    expect(saturdayText).toMatch(/le 21\/11\/2026 de 13\sh à 16\sh\./);
    expect(saturdayText).not.toContain('demi-journée');
  });

  it('GET absence-notice.pdf writes nothing and is never cached; a later notice keeps the first « famille avisée », journaled', async () => {
    const { pupil, representatives } = await pupilWithRepresentatives(true);
    const absence = await absenceOf(pupil.id);
    const app = await createHttpServer({
      dispatch: p.dispatch,
      imports: p.services.imports,
      letters: p.services.letters,
      rendererDir: null,
    });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const get = (query: string) =>
        fetch(`${base}/absence-notice.pdf?${query}`, {
          headers: { cookie: `${SESSION_COOKIE}=${cpe}` },
        });
      const auditBefore = await noticeAudit();
      // A prefetch, the download, a re-opened tab: three GETs, nothing recorded.
      for (let i = 0; i < 3; i += 1) {
        const response = await get(`evenement=${absence.id}`);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('application/pdf');
        expect(response.headers.get('cache-control')).toBe('no-store');
        expect(await pdfPages(new Uint8Array(await response.arrayBuffer()))).toHaveLength(
          representatives.length,
        );
      }
      const queue = async () =>
        value<SchoolLifeEvent[]>(await p.dispatch('schoolLife.queue', {}, cpe)).find(
          (e) => e.id === absence.id,
        );
      expect(await queue()).toMatchObject({
        familyNotifiedAt: null,
        familyNotifiedBy: null,
        version: absence.version,
      });
      expect(await noticeAudit()).toEqual(auditBefore);
      // Its refusals hold nothing to keep either: never cached.
      const refused = await get('evenement=abc');
      expect(refused.status).toBe(400);
      expect(refused.headers.get('cache-control')).toBe('no-store');
    } finally {
      await app.close();
    }

    // E-mailed at 09:00, then printed at 10:00 and printed again: the family was told at 09:00,
    // par courriel; each later notice is in the journal.
    const firstAt = p.clock.now().toISOString();
    value(await p.dispatch('schoolLife.noticeEmail', { id: absence.id }, cpe));
    p.clock.advance(HOUR);
    value(await p.dispatch('schoolLife.noticePrinted', { id: absence.id }, cpe));
    const again = value<SchoolLifeEvent>(
      await p.dispatch('schoolLife.noticePrinted', { id: absence.id }, cpe),
    );
    expect(again).toMatchObject({
      familyNotifiedBy: 'courriel',
      familyNotifiedAt: firstAt,
      version: absence.version + 1,
    });
    expect((await noticeAudit()).slice(-3)).toEqual([
      { évènement: absence.id, moyen: 'courriel', destinataires: representatives.length },
      {
        évènement: absence.id,
        moyen: 'courrier',
        destinataires: representatives.length,
        déjàAviséeLe: firstAt,
      },
      {
        évènement: absence.id,
        moyen: 'courrier',
        destinataires: representatives.length,
        déjàAviséeLe: firstAt,
      },
    ]);
    await p.mailer.work();
  });

  it('refuses a notice for anything but an absence', async () => {
    const { pupil } = await pupilWithRepresentatives(true);
    const late = value<SchoolLifeEvent>(
      await p.dispatch(
        'schoolLife.record',
        {
          studentId: pupil.id,
          kind: 'lateness',
          minutes: 10,
          startsAt: '2026-11-17T07:00:00.000Z',
          endsAt: '2026-11-17T07:10:00.000Z',
        },
        cpe,
      ),
    );
    expect(await p.dispatch('schoolLife.noticePdf', { id: late.id }, cpe)).toMatchObject({
      ok: false,
      error: { message: 'Un avis d’absence ne se fait que pour une absence.' },
    });
  });
});
