import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SchoolLifeEvent, SchoolSettings } from '../../shared/api/staff';
import { FamilyDigestEntity } from '../../main/db/entities';
import { preparedReads } from '../../main/db/preparedReads';
import { digestNews } from '../../main/services/digest/digestContent';
import { sendDueDigests } from '../../main/services/digest/digestJob';
import { activateAccount, startPortalWorld, type PortalWorld } from '../helpers/portal';
import { seedNotesSchool, type NotesSchool } from '../helpers/notesSchool';
import { ADMIN_PASSWORD, loginToken, TEST_NOW, value } from '../helpers/pupitre';

// Issue 17 §5: « An opt-in e-mail digest of what is new (grades and vie scolaire), at most once
// a day at a set hour, never between 21:00 and 07:00, through the outbox, with a one-click
// unsubscribe link and a `List-Unsubscribe` header. »
let w: PortalWorld;
let s: NotesSchool;
let server: SMTPServer;
const received: { to: string[]; raw: Buffer }[] = [];
const PASSWORD = 'Tigre7Bleu';
const ADDRESS = 'parent.digest@example.fr';

/** Paris wall-clock time in November (UTC+1) as an instant. */
const paris = (day: string, time: string) => {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return new Date(
    Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10), h - 1, m),
  ).toISOString();
};

/** A header as sent, unfolded (mailparser turns the List-* headers into an object). */
const rawHeader = (raw: Buffer, name: string) => {
  const head = raw
    .toString('utf8')
    .split('\r\n\r\n')[0]!
    .replace(/\r\n[ \t]+/g, ' ');
  return new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1] ?? null;
};

/** The job at a Paris time, then the outbox worked: the messages the SMTP server got. */
async function digestsAt(day: string, time: string) {
  w.p.clock.set(paris(day, time));
  const before = received.length;
  const count = await sendDueDigests(w.p.db, w.p.clock, w.p.mailer);
  await w.p.mailer.work();
  return { count, mails: received.slice(before) };
}

/** The CPE's session at the test clock's time (the clock jumps days, a session does not). */
const staff = () => loginToken(w.p, 'direction', ADMIN_PASSWORD);

async function record(input: Record<string, unknown>): Promise<SchoolLifeEvent> {
  return value<SchoolLifeEvent>(
    await w.p.dispatch('schoolLife.record', { studentId: s.childId, ...input }, await staff()),
  );
}

/** The seed's own session stays alive (it types the devoirs) across the clock's jumps. */
async function keepSeedSession(...instants: string[]) {
  for (const at of instants) {
    w.p.clock.set(at);
    value(await w.p.dispatch('session.me', {}, s.direction));
  }
}

const digestRow = () =>
  w.p.db.manager.getRepository(FamilyDigestEntity).findOneBy({ accountId: s.guardian.id });

beforeAll(async () => {
  server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
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
  w = await startPortalWorld({ students: 60 });
  s = await seedNotesSchool(w.p, w.p.clock);
  await w.p.db.manager.query(`UPDATE school SET opened_services = 'notes,vie_scolaire'`);
  value(
    await w.p.dispatch(
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
      s.direction,
    ),
  );
  await activateAccount(w.p, s.guardian.id, PASSWORD, ADDRESS);
});
afterAll(async () => {
  await w?.cleanup();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('the family e-mail digest', () => {
  it('is off until the family turns it on from « Gérer mon compte » (a form with its CSRF token)', async () => {
    w.p.clock.set(TEST_NOW);
    const browser = w.client();
    await browser.submit('/', '/connexion', { login: s.guardian.login, password: PASSWORD });
    const page = await browser.get('/compte');
    expect(page.body).toContain('Vous ne recevez pas le résumé.');
    // Without the form's token the choice is refused and nothing changes.
    expect((await browser.post('/compte/resume', { enabled: '1' }, 'faux')).status).toBe(403);
    expect(await digestRow()).toBeNull();
    const on = await browser.post('/compte/resume', { enabled: '1' });
    expect(on.location).toBe('/compte?info=resume-active');
    expect((await browser.get('/compte')).body).toContain('Vous recevez le résumé.');
    expect(await digestRow()).toMatchObject({ enabled: true, lastSentOn: null });
  });

  it('sends nothing when nothing is new', async () => {
    expect((await digestsAt('2026-11-22', '17:30')).mails).toEqual([]);
  });

  it('counts the new marks and the published events, never at night, from the school’s hour, once a day', async () => {
    // Monday 23: a devoir typed that evening (the child's mark 17), an absence made
    // « publiable en ligne », a sanction the family was not told of, a dispense.
    await keepSeedSession('2026-11-22T20:00:00.000Z', '2026-11-23T07:00:00.000Z');
    await s.addDevoir({
      subject: '040300',
      label: 'Carte de l’Europe',
      day: '2026-11-23',
      child: '17',
      classmates: ['11'],
    });
    w.p.clock.set(paris('2026-11-23', '18:00'));
    const absence = await record({
      kind: 'absence',
      startsAt: paris('2026-11-23', '08:00'),
      endsAt: paris('2026-11-23', '12:00'),
      publishableOnline: true,
    });
    const sanction = await record({
      kind: 'sanction',
      sanctionKind: 'warning',
      startsAt: paris('2026-11-23', '10:00'),
      endsAt: paris('2026-11-23', '10:00'),
    });
    await record({
      kind: 'exemption',
      startsAt: paris('2026-11-23', '08:00'),
      endsAt: paris('2026-11-23', '17:00'),
      publishableOnline: true,
    });
    // « never between 21:00 and 07:00 »: nothing at 22:00 nor at 06:30.
    expect(await digestsAt('2026-11-23', '22:00')).toEqual({ count: 0, mails: [] });
    expect(await digestsAt('2026-11-24', '06:30')).toEqual({ count: 0, mails: [] });
    // Before the school's hour (17 h by default): nothing yet.
    expect((await digestsAt('2026-11-24', '16:00')).mails).toEqual([]);
    const { count, mails } = await digestsAt('2026-11-24', '17:05');
    expect(count).toBe(1);
    expect(mails.map((m) => m.to)).toEqual([[ADDRESS]]);
    const mail = await simpleParser(mails[0]!.raw);
    // A dash between the two parts of the subject, not a hyphen.
    expect(mail.subject).toBe('Message des services en ligne – Du nouveau pour votre suivi');
    const text = mail.text ?? '';
    const firstName = (
      (await w.p.db.manager.query('SELECT first_name AS "f" FROM student WHERE id = ?', [
        s.childId,
      ])) as { f: string }[]
    )[0]!.f;
    // One new mark, one event (the absence; the sanction waits for « famille avisée », the
    // dispense is never published).
    expect(text).toContain(
      `– ${firstName}\u00a0: 1 nouvelle note, 1 nouvel évènement de vie scolaire`,
    );
    // Counts only: never the mark itself (mail leaves the school's control).
    expect(text).not.toMatch(/17[,.]00|\b17\b/);
    expect(text).toContain('http://127.0.0.1/familles/accueil');
    const unsubscribe = String(rawHeader(mails[0]!.raw, 'List-Unsubscribe'));
    expect(unsubscribe).toMatch(
      /^<http:\/\/127\.0\.0\.1\/familles\/resume\/desabonnement\?jeton=[A-Za-z0-9_-]{43}>$/,
    );
    expect(rawHeader(mails[0]!.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(text).toContain(unsubscribe.slice(1, -1));
    // The link is not kept readable: the outbox row lost its body once sent.
    const [row] = (await w.p.db.manager.query(
      `SELECT text_body AS "body", headers FROM mail_outbox WHERE template = 'family-digest'`,
    )) as { body: string; headers: string | null }[];
    expect(row!.body).not.toContain('jeton=');
    expect(row!.headers).toBeNull();
    // The journal holds a count, not who nor what.
    const audit = (await w.p.db.manager.query(
      `SELECT details FROM audit_log WHERE action = 'mail.digests_sent'`,
    )) as { details: string }[];
    expect(audit.map((a) => JSON.parse(a.details) as unknown)).toEqual([{ envoyés: 1 }]);

    // « at most once a day »: the family is told of the sanction at 17:30, still nothing today.
    w.p.clock.set(paris('2026-11-24', '17:30'));
    value(
      await w.p.dispatch(
        'schoolLife.process',
        {
          id: sanction.id,
          version: sanction.version,
          motifId: null,
          justified: false,
          publishableOnline: false,
          familyNotifiedAt: w.p.clock.now().toISOString(),
          familyNotifiedBy: 'telephone',
        },
        await staff(),
      ),
    );
    // The absence's notice e-mailed the same evening is no new event for the digest.
    value(
      await w.p.dispatch(
        'schoolLife.process',
        {
          id: absence.id,
          version: absence.version,
          motifId: null,
          justified: false,
          publishableOnline: true,
          familyNotifiedAt: w.p.clock.now().toISOString(),
          familyNotifiedBy: 'courriel',
        },
        await staff(),
      ),
    );
    expect((await digestsAt('2026-11-24', '18:05')).mails).toEqual([]);
    // The next day, from the school's hour: the sanction, now « famille avisée », alone.
    expect((await digestsAt('2026-11-25', '21:30')).mails).toEqual([]);
    const next = await digestsAt('2026-11-26', '17:00');
    expect(next.count).toBe(1);
    expect((await simpleParser(next.mails[0]!.raw)).text).toContain(
      `– ${firstName}\u00a0: 1 nouvel évènement de vie scolaire`,
    );
  });

  it('follows the hour direction set in « Paramètres »', async () => {
    const setHour = async (digestHour: number) => {
      const settings = value<SchoolSettings>(await w.p.dispatch('school.get', {}, await staff()));
      value(await w.p.dispatch('settings.update', { ...settings, digestHour }, await staff()));
    };
    await setHour(9);
    try {
      await record({
        kind: 'absence',
        startsAt: paris('2026-11-26', '08:00'),
        endsAt: paris('2026-11-26', '09:00'),
        publishableOnline: true,
      });
      expect((await digestsAt('2026-11-27', '08:30')).mails).toEqual([]);
      expect((await digestsAt('2026-11-27', '09:10')).mails).toHaveLength(1);
    } finally {
      await setHour(17);
    }
  });

  it('stops by the link: opening it changes nothing, its button (or the one-click POST) unsubscribes', async () => {
    const link = new URL(String(rawHeader(received.at(-1)!.raw, 'List-Unsubscribe')).slice(1, -1));
    const path = `${link.pathname.replace(/^\/familles/, '')}${link.search}`;
    const stranger = w.client('198.51.100.7');
    const page = await stranger.get(path);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Ne plus recevoir le résumé');
    // A mail scanner that follows the link does not unsubscribe anyone.
    expect(await digestRow()).toMatchObject({ enabled: true });
    // RFC 8058: the mail client posts « List-Unsubscribe=One-Click » to the link, no login.
    const res = await w.portal.app.inject({
      method: 'POST',
      url: path,
      remoteAddress: '198.51.100.8',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Désabonnement effectué');
    expect(await digestRow()).toMatchObject({ enabled: false });
    // Spent: the link no longer works, and nothing more is sent.
    expect((await stranger.get(path)).status).toBe(400);
    await record({
      kind: 'absence',
      startsAt: paris('2026-11-27', '08:00'),
      endsAt: paris('2026-11-27', '09:00'),
      publishableOnline: true,
    });
    expect((await digestsAt('2026-11-28', '17:00')).mails).toEqual([]);
    const audit = (await w.p.db.manager.query(
      `SELECT action FROM audit_log WHERE action LIKE 'account.digest_%' ORDER BY id`,
    )) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['account.digest_on', 'account.digest_off']);
  });

  it('counts what the account’s own kind sees: a pupil may see a mark before the parent', async () => {
    await w.p.db.manager.query('UPDATE school SET student_delay_days = 0, parent_delay_days = 2');
    try {
      const reads = preparedReads(w.p.db.dataSource);
      const now = new Date(paris('2026-11-24', '17:05'));
      const since = paris('2026-11-23', '12:00');
      const marksOf = async (accountId: number, kind: 'guardian' | 'student') =>
        (await digestNews(reads, { accountId, kind }, since, now)).reduce((n, c) => n + c.marks, 0);
      // Monday's devoir: the pupil sees it at once, the parent two days later.
      expect(await marksOf(s.studentAccount!.id, 'student')).toBe(1);
      expect(await marksOf(s.guardian.id, 'guardian')).toBe(0);
      await w.p.db.manager.query('UPDATE school SET parent_delay_days = 0');
      expect(await marksOf(s.guardian.id, 'guardian')).toBe(1);
    } finally {
      await w.p.db.manager.query('UPDATE school SET parent_delay_days = 0');
    }
  });

  it('is not turned on for an address never confirmed (French message, nothing stored)', async () => {
    const [other] = (await w.p.db.manager.query(
      `SELECT id, login, school_id AS "schoolId" FROM family_account
        WHERE kind = 'guardian' AND id <> ? ORDER BY id LIMIT 1`,
      [s.guardian.id],
    )) as { id: number; login: string; schoolId: number }[];
    await w.p.db.manager.query(
      `UPDATE family_account SET email = 'pas.confirmee@example.fr', email_confirmed = ? WHERE id = ?`,
      [false, other!.id],
    );
    const actor = {
      role: 'guardian' as const,
      sessionId: 0,
      accountId: Number(other!.id),
      schoolId: Number(other!.schoolId),
      login: other!.login,
      stage: 'home' as const,
    };
    await expect(w.p.portal.services.digest.set(actor, true)).rejects.toThrow(
      'Confirmez d’abord votre adresse électronique',
    );
    expect(
      await w.p.db.manager.getRepository(FamilyDigestEntity).findOneBy({ accountId: other!.id }),
    ).toBeNull();
  });

  it('a forged or truncated link is refused with a French message', async () => {
    const res = await w.client().get('/resume/desabonnement?jeton=abc');
    expect(res.status).toBe(400);
    expect(res.body).toContain('Ce lien est incomplet');
  });
  it('the outbox never sends it at night either: an SMTP retry or yesterday’s queue waits for 07:00, and a past day’s digest is dropped with its reason', async () => {
    const [{ schoolId }] = (await w.p.db.manager.query(
      'SELECT school_id AS "schoolId" FROM family_account WHERE id = ?',
      [s.guardian.id],
    )) as [{ schoolId: number }];
    /** A digest queued at a Paris time, as the job queues it (the outbox not worked). */
    const queueAt = async (day: string, time: string) => {
      w.p.clock.set(paris(day, time));
      return w.p.db.transaction((m) =>
        w.p.mailer.enqueue(m, {
          schoolId,
          accountId: s.guardian.id,
          to: ADDRESS,
          template: 'family-digest',
          data: {
            schoolName: 'Collège de test',
            children: [{ firstName: 'Léa', marks: 1, events: 0 }],
            link: 'http://127.0.0.1/familles/accueil',
            unsubscribeLink: 'http://127.0.0.1/familles/resume/desabonnement?jeton=x',
          },
        }),
      );
    };
    const workAt = async (day: string, time: string) => {
      w.p.clock.set(paris(day, time));
      const before = received.length;
      await w.p.mailer.work();
      return received.slice(before);
    };
    const outboxRow = async (id: number) =>
      (
        (await w.p.db.manager.query(
          `SELECT status, last_error AS "lastError", next_attempt_at AS "next" FROM mail_outbox WHERE id = ?`,
          [id],
        )) as { status: string; lastError: string; next: string }[]
      )[0]!;

    // Queued at 20:55, the app closed, opened again at 21:10 the same evening: dropped.
    const evening = await queueAt('2026-11-30', '20:55');
    expect(await workAt('2026-11-30', '21:10')).toEqual([]);
    expect(await outboxRow(evening)).toMatchObject({ status: 'failed' });
    expect((await outboxRow(evening)).lastError).toContain(
      'Non envoyé : le résumé du 30/11/2026 n’est pas parti le jour même',
    );
    // Yesterday's queue when the app opens at 06:30: dropped, never sent.
    const yesterday = await queueAt('2026-12-01', '18:00');
    expect(await workAt('2026-12-02', '06:30')).toEqual([]);
    expect(await outboxRow(yesterday)).toMatchObject({ status: 'failed' });
    // A digest of today due before 07:00 (a retry, a clock set back) waits for 07:00 Paris.
    const early = await queueAt('2026-12-03', '06:10');
    expect(await workAt('2026-12-03', '06:40')).toEqual([]);
    expect(await outboxRow(early)).toMatchObject({
      status: 'queued',
      next: '2026-12-03T06:00:00.000Z',
    });
    expect(await workAt('2026-12-03', '06:59')).toEqual([]);
    expect((await workAt('2026-12-03', '07:00')).map((m) => m.to)).toEqual([[ADDRESS]]);
    expect(await outboxRow(early)).toMatchObject({ status: 'sent' });
  });
});
