import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FamilySchoolLifeView } from '../../shared/api/portal';
import type { Motif, OnlineJustification, SchoolLifeEvent } from '../../shared/api/staff';
import { AbsenceJustificationEntity, SchoolLifeEventEntity } from '../../main/db/entities';
import { preparedReads, sqliteSql } from '../../main/db/preparedReads';
import {
  FAMILY_MOTIFS,
  PERIODS_OF_DAY,
  SCHOOL_LIFE_CHILDREN,
  SCHOOL_LIFE_EVENTS,
  SCHOOL_LIFE_TILE_ABSENCES,
} from '../../main/services/portal/readModels/schoolLifeReads';
import { readFamilySchoolLife } from '../../main/services/portal/readModels/schoolLife';
import {
  activateAccount,
  guardianPicker,
  startPortalWorld,
  type PortalWorld,
} from '../helpers/portal';
import { ADMIN_PASSWORD, loginToken, value } from '../helpers/pupitre';

let w: PortalWorld;
let direction: string;
let motifs: Motif[];
let guardian: { id: number; login: string; childId: number };
const PASSWORD = 'Tigre7Bleu';

/** Paris wall-clock time in November (UTC+1) as an instant. */
const paris = (day: string, time: string) => {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return new Date(
    Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10), h - 1, m),
  ).toISOString();
};

async function record(
  input: Record<string, unknown>,
  process?: { publishableOnline: boolean; motifId?: number | null; notified?: boolean },
): Promise<SchoolLifeEvent> {
  const event = value<SchoolLifeEvent>(
    await w.p.dispatch(
      'schoolLife.record',
      { studentId: guardian.childId, publishableOnline: false, ...input },
      direction,
    ),
  );
  if (!process) return event;
  return value<SchoolLifeEvent>(
    await w.p.dispatch(
      'schoolLife.process',
      {
        id: event.id,
        version: event.version,
        motifId: process.motifId ?? null,
        justified: false,
        publishableOnline: process.publishableOnline,
        ...(process.notified
          ? { familyNotifiedAt: paris('2026-11-19', '17:00'), familyNotifiedBy: 'telephone' }
          : {}),
      },
      direction,
    ),
  );
}

const read = (asOf: string, month = '2026-11') =>
  readFamilySchoolLife(preparedReads(w.p.db.manager.dataSource), {
    accountId: guardian.id,
    childId: guardian.childId,
    month,
    asOf,
    viewer: 'parent',
    mayJustify: true,
  });

let mondayAbsence: SchoolLifeEvent;
let confidential: Motif;

beforeAll(async () => {
  w = await startPortalWorld({ students: 40 });
  await w.p.db.manager.query(`UPDATE school SET opened_services = 'notes,vie_scolaire'`);
  direction = await loginToken(w.p, 'direction', ADMIN_PASSWORD);
  const picked = await guardianPicker(w.p)();
  await activateAccount(w.p, picked.account.id, PASSWORD, 'famille@example.fr');
  guardian = {
    id: picked.account.id,
    login: picked.account.login,
    childId: picked.children[0]!.id,
  };
  motifs = value<Motif[]>(
    await w.p.dispatch(
      'motifs.save',
      { label: 'Suivi médical', legitimate: true, openToFamilies: false, confidential: true },
      direction,
    ),
  );
  confidential = motifs.find((m) => m.label === 'Suivi médical')!;
  // Week 47 (Monday 16 – Saturday 21 November 2026): three processed half-days.
  mondayAbsence = await record(
    {
      kind: 'absence',
      startsAt: paris('2026-11-16', '08:00'),
      endsAt: paris('2026-11-16', '12:00'),
    },
    { publishableOnline: true },
  );
  await record(
    {
      kind: 'absence',
      startsAt: paris('2026-11-17', '08:00'),
      endsAt: paris('2026-11-17', '17:00'),
    },
    { publishableOnline: true, motifId: confidential.id },
  );
  // Not « publiable en ligne »: neither listed nor counted.
  await record(
    {
      kind: 'absence',
      startsAt: paris('2026-11-18', '08:00'),
      endsAt: paris('2026-11-18', '12:00'),
    },
    { publishableOnline: false },
  );
  // A dispense, even marked publishable, is never published.
  await record(
    {
      kind: 'exemption',
      startsAt: paris('2026-11-19', '08:00'),
      endsAt: paris('2026-11-19', '17:00'),
    },
    { publishableOnline: true },
  );
  await record(
    {
      kind: 'lateness',
      startsAt: paris('2026-11-19', '08:10'),
      endsAt: paris('2026-11-19', '08:10'),
      minutes: 10,
    },
    { publishableOnline: true },
  );
  await record(
    {
      kind: 'sanction',
      sanctionKind: 'reprimand',
      startsAt: paris('2026-11-20', '10:00'),
      endsAt: paris('2026-11-20', '10:00'),
    },
    { publishableOnline: true, notified: false },
  );
});
afterAll(async () => w?.cleanup());

let addresses = 20;
/** Each sign-in from its own address: the login throttle counts by address. */
let shared: ReturnType<PortalWorld['client']> | null = null;
/** One session for the tests at the world's own date (the login throttle counts attempts). */
async function browserNow() {
  shared ??= await signIn();
  return shared;
}
async function signIn() {
  const browser = w.client(`192.0.2.${addresses++}`);
  const login = await browser.submit('/', '/connexion', {
    login: guardian.login,
    password: PASSWORD,
  });
  expect(login.status).toBe(303);
  return browser;
}
const text = (html: string) =>
  html
    // Inline spans read on (« lun. 16/11<span>/2026</span> »); every other tag breaks words.
    .replace(/<\/?span[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, ' ');

describe('the family’s « Vie scolaire » read model', () => {
  it('« Numéro semaine | Du | Au | Nombre de demi-journées »: half-days derived from the processed, published absences, latest week first', async () => {
    const view = await read('2026-11-22');
    expect(view.weeks.map((w) => [w.isoWeek, w.from, w.to, w.halfDays])).toEqual([
      [47, '2026-11-16', '2026-11-21', 3],
      [46, '2026-11-09', '2026-11-14', 0],
      [45, '2026-11-02', '2026-11-07', 0],
    ]);
  });

  it('lists only what « publiable en ligne » and « famille avisée » allow; never a dispense; a confidential motif withheld', async () => {
    const view = await read('2026-11-22');
    expect(view.events.map((e) => e.kindLabel)).toEqual(['Retard', 'Absence', 'Absence']);
    const tuesday = view.events.find((e) => e.startsAt === paris('2026-11-17', '08:00'))!;
    expect(tuesday.halfDays).toBe(2);
    expect(tuesday.motif).toBeNull();
    expect(JSON.stringify(view)).not.toContain('Suivi médical');
    expect(view.events.find((e) => e.kind === 'lateness')!.minutes).toBe(10);
    // Families choose only among the motifs « ouvert aux familles ».
    expect(view.motifs.map((m) => m.label)).toContain('Rendez-vous médical');
    expect(view.motifs.map((m) => m.label)).not.toContain('Sans motif');
    expect(view.motifs.map((m) => m.label)).not.toContain('Suivi médical');
  });

  it('a sanction appears once « famille avisée » is recorded', async () => {
    const sanction = await w.p.db.manager.getRepository(SchoolLifeEventEntity).findOneByOrFail({
      studentId: guardian.childId,
      kind: 'sanction',
    });
    expect((await read('2026-11-22')).events.some((e) => e.kind === 'sanction')).toBe(false);
    value(
      await w.p.dispatch(
        'schoolLife.process',
        {
          id: sanction.id,
          version: sanction.version,
          motifId: null,
          justified: false,
          publishableOnline: false,
          familyNotifiedAt: paris('2026-11-20', '17:00'),
          familyNotifiedBy: 'courrier',
        },
        direction,
      ),
    );
    const shown = (await read('2026-11-22')).events.find((e) => e.kind === 'sanction');
    expect(shown?.sanction).toBe('Blâme');
  });

  it('every table the reads touch is searched by an index, never scanned (SQLite plans)', async () => {
    for (const query of [
      SCHOOL_LIFE_CHILDREN,
      SCHOOL_LIFE_EVENTS,
      SCHOOL_LIFE_TILE_ABSENCES,
      FAMILY_MOTIFS,
      PERIODS_OF_DAY,
    ]) {
      const plan = (await w.p.db.manager.query(
        `EXPLAIN QUERY PLAN ${sqliteSql(query.sql).sql}`,
        sqliteSql(query.sql).order.map(() => 1),
      )) as { detail: string }[];
      const details = plan.map((row) => row.detail);
      expect(
        details.filter((d) => /^SCAN /.test(d)),
        `${query.name}: ${details.join(' | ')}`,
      ).toEqual([]);
    }
  });

  it('another family’s child is refused before anything is read', async () => {
    const other = (await w.p.db.manager.query(
      `SELECT s.id FROM student s WHERE s.id NOT IN (SELECT student_id FROM account_student WHERE account_id = ?) LIMIT 1`,
      [guardian.id],
    )) as { id: number }[];
    await expect(
      readFamilySchoolLife(preparedReads(w.p.db.manager.dataSource), {
        accountId: guardian.id,
        childId: other[0]!.id,
        asOf: '2026-11-22',
        viewer: 'parent',
        mayJustify: true,
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('the staff « Aperçu du portail »', () => {
  it('shows the page as the family saw it on the chosen day, read-only, and journals it', async () => {
    const ask = async (asOf: string) =>
      value<FamilySchoolLifeView>(
        await w.p.dispatch(
          'accounts.previewSchoolLife',
          { id: guardian.id, asOf, child: guardian.childId },
          direction,
        ),
      );
    // On Monday 16 November, Monday's absence is not published yet (J+1); on the 17th it is.
    expect((await ask('2026-11-16')).events).toEqual([]);
    const tuesday = await ask('2026-11-17');
    expect(tuesday.events.map((e) => e.startsAt)).toEqual([paris('2026-11-16', '08:00')]);
    expect(tuesday.weeks[0]).toMatchObject({ isoWeek: 47, halfDays: 1 });
    // The same read model as the family's: what it returns on the 22nd is what they read.
    expect(await ask('2026-11-22')).toEqual({
      ...(await read('2026-11-22')),
      mayJustify: false,
      motifs: [],
    });
    const journal = (await w.p.db.manager.query(
      `SELECT details FROM audit_log WHERE action = 'account.preview' ORDER BY id DESC LIMIT 1`,
    )) as { details: string }[];
    expect(journal[0]!.details).toContain('Vie scolaire');
  });
});

describe('the pages, over HTTP, as a family reads them', () => {
  it('the home page opens the service with its tile « 3 demi-journées d’absences ce trimestre »', async () => {
    const browser = await browserNow();
    const home = await browser.get(`/accueil?enfant=${guardian.childId}`);
    const body = text(home.body);
    expect(body).toContain('3 demi-journées d’absences ce trimestre');
    expect(home.body).toContain(`href="/vie-scolaire?enfant=${guardian.childId}"`);
    // Notes is opened too, with its own page and tile, beside this one.
    expect(home.body).toContain(`href="/notes?enfant=${guardian.childId}"`);
    expect(body).toContain('Notes Aucune nouvelle note Vie scolaire 3 demi-journées');
  });

  it('the page shows the weeks, the events and a month chooser, without script', async () => {
    const browser = await browserNow();
    const page = await browser.get(`/vie-scolaire?enfant=${guardian.childId}&mois=2026-11`);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('<script');
    const body = text(page.body);
    expect(body).toContain('47 lun. 16/11/2026 sam. 21/11/2026 3');
    expect(body).toContain('Retard — jeu. 19/11/2026, retard de 10 min');
    expect(body).not.toContain('Dispense');
    expect(page.body).toContain('<option value="2026-09">');
    // On Sunday 1 November, no week of November has begun (a week counts in its Monday's month).
    const empty = await w.p.dispatch(
      'accounts.previewSchoolLife',
      { id: guardian.id, asOf: '2026-11-01', child: guardian.childId },
      direction,
    );
    expect(empty.ok && (empty.value as FamilySchoolLifeView).weeks).toEqual([]);
    const october = text(
      (await browser.get(`/vie-scolaire?enfant=${guardian.childId}&mois=2026-10`)).body,
    );
    expect(october).toContain('Aucun évènement publié pour ce mois');
    const bad = await browser.get(`/vie-scolaire?enfant=${guardian.childId}&mois=2026-13`);
    expect(bad.status).toBe(400);
    // Another family's child: the same refusal as a child that does not exist.
    const [other] = (await w.p.db.manager.query(
      `SELECT s.id, s.last_name AS "lastName" FROM student s
        WHERE s.id NOT IN (SELECT student_id FROM account_student WHERE account_id = ?) LIMIT 1`,
      [guardian.id],
    )) as { id: number; lastName: string }[];
    const foreign = await browser.get(`/vie-scolaire?enfant=${other!.id}`);
    expect(foreign.status).toBe(404);
    expect(text(foreign.body)).toContain('Cet enfant n’est pas rattaché à votre compte.');
    expect(foreign.body).not.toContain(other!.lastName.toUpperCase());
    // A school that has not opened the service: no page, and the home keeps no link to it.
    await w.p.db.manager.query(`UPDATE school SET opened_services = 'notes'`);
    try {
      const closed = await browser.get(`/vie-scolaire?enfant=${guardian.childId}`);
      expect(closed.status).toBe(404);
      expect(text(closed.body)).toContain(
        'L’établissement n’a pas ouvert la vie scolaire en ligne.',
      );
      expect((await browser.get('/accueil')).body).not.toContain('/vie-scolaire');
    } finally {
      await w.p.db.manager.query(`UPDATE school SET opened_services = 'notes,vie_scolaire'`);
    }
  });

  it('a pupil’s own account reads the same page, without the form, and may not justify', async () => {
    const [pupil] = (await w.p.db.manager.query(
      `SELECT id, login FROM family_account WHERE kind = 'student' AND student_id = ?`,
      [guardian.childId],
    )) as { id: number; login: string }[];
    await activateAccount(w.p, pupil!.id, 'Girafe42Nuage', 'eleve@example.fr');
    const browser = w.client(`192.0.2.${addresses++}`);
    const login = await browser.submit('/', '/connexion', {
      login: pupil!.login,
      password: 'Girafe42Nuage',
    });
    expect(login.status).toBe(303);
    const page = await browser.get('/vie-scolaire?mois=2026-11');
    expect(page.status).toBe(200);
    expect(text(page.body)).toContain('47 lun. 16/11/2026 sam. 21/11/2026 3');
    expect(page.body).not.toContain('Justifier cette absence');
    const posted = await browser.post('/vie-scolaire/justifier', {
      child: String(guardian.childId),
      event: String(mondayAbsence.id),
      motif: '1',
      comment: '',
    });
    expect(posted.status).toBe(403);
    expect(await w.p.db.manager.getRepository(AbsenceJustificationEntity).count()).toBe(0);
  });

  it('a responsable justifies an absence; the CPE accepts it; the family reads the outcome', async () => {
    const browser = await browserNow();
    const page = `/vie-scolaire?enfant=${guardian.childId}&mois=2026-11`;
    await browser.get(page);
    const open = motifs.find((m) => m.label === 'Rendez-vous médical')!;
    const closed = motifs.find((m) => m.label === 'Sans motif')!;
    const form = {
      child: String(guardian.childId),
      event: String(mondayAbsence.id),
      mois: '2026-11',
    };
    // A motif the school keeps for itself: refused, said in French, nothing stored.
    const refused = await browser.post('/vie-scolaire/justifier', {
      ...form,
      motif: String(closed.id),
      comment: 'Rendez-vous chez le dentiste.',
    });
    expect(refused.status).toBe(400);
    expect(text(refused.body)).toContain('Motif : choisissez-en un dans la liste.');
    const tooLong = await browser.post('/vie-scolaire/justifier', {
      ...form,
      motif: String(open.id),
      comment: 'x'.repeat(501),
    });
    expect(tooLong.status).toBe(400);
    expect(text(tooLong.body)).toContain('500 caractères au plus');
    expect(await w.p.db.manager.getRepository(AbsenceJustificationEntity).count()).toBe(0);
    // Without the form's token: refused.
    const forged = await browser.post(
      '/vie-scolaire/justifier',
      { ...form, motif: String(open.id) },
      'jeton-invente',
    );
    expect(forged.status).toBe(403);

    const sent = await browser.post('/vie-scolaire/justifier', {
      ...form,
      motif: String(open.id),
      comment: 'Rendez-vous chez le dentiste.',
    });
    expect(sent.status).toBe(303);
    const waiting = text((await browser.get(sent.location!)).body);
    expect(waiting).toContain('Votre justificatif a été envoyé');
    expect(waiting).toContain('En attente de la vie scolaire');
    const again = await browser.post('/vie-scolaire/justifier', {
      ...form,
      motif: String(open.id),
    });
    expect(again.status).toBe(409);

    const queue = value<OnlineJustification[]>(
      await w.p.dispatch('justifications.list', { status: 'pending' }, direction),
    );
    expect(queue.map((j) => [j.event.id, j.motif?.label, j.comment])).toEqual([
      [mondayAbsence.id, 'Rendez-vous médical', 'Rendez-vous chez le dentiste.'],
    ]);
    const noReason = await w.p.dispatch(
      'justifications.decide',
      { id: queue[0]!.id, decision: 'refuse', comment: '' },
      direction,
    );
    expect(noReason.ok).toBe(false);
    const accepted = value<OnlineJustification>(
      await w.p.dispatch(
        'justifications.decide',
        { id: queue[0]!.id, decision: 'accept', comment: 'Merci.' },
        direction,
      ),
    );
    expect(accepted.status).toBe('accepted');
    const event = await w.p.db.manager
      .getRepository(SchoolLifeEventEntity)
      .findOneByOrFail({ id: mondayAbsence.id });
    // Processed as well: out of « À traiter », and excused for the L131-8 watch.
    expect([event.motifId, event.justified, event.processed]).toEqual([open.id, true, true]);
    const audit = (await w.p.db.manager.query(
      `SELECT action, details FROM audit_log WHERE action LIKE 'schoolLife.justification%' ORDER BY id`,
    )) as { action: string; details: string }[];
    expect(audit.map((a) => a.action)).toEqual([
      'schoolLife.justificationSent',
      'schoolLife.justificationAccepted',
    ]);
    // The journal holds numbers, never what the family wrote.
    expect(audit.map((a) => a.details).join()).not.toContain('dentiste');
    const twice = await w.p.dispatch(
      'justifications.decide',
      { id: queue[0]!.id, decision: 'refuse', comment: 'Non.' },
      direction,
    );
    expect(twice.ok ? 'ok' : twice.error.code).toBe('conflict');
    const after = text((await browser.get(page)).body);
    expect(after).toContain('Acceptée — « Merci. »');
    expect(after).toContain('Motif Rendez-vous médical Justification Justifiée');
  });
  it('« Les évènements sont affichés à J+1 »: Monday’s absence is not on the page on Monday, and is on Tuesday', async () => {
    await record(
      {
        kind: 'absence',
        startsAt: paris('2026-11-23', '08:00'),
        endsAt: paris('2026-11-23', '12:00'),
      },
      { publishableOnline: true },
    );
    try {
      w.p.clock.set(paris('2026-11-23', '17:30'));
      const monday = text(
        (await (await signIn()).get(`/vie-scolaire?enfant=${guardian.childId}`)).body,
      );
      expect(monday).toContain('48 lun. 23/11/2026 sam. 28/11/2026 0');
      expect(monday).not.toContain('lun. 23/11/2026, de');
      w.p.clock.set(paris('2026-11-24', '07:30'));
      const tuesday = text(
        (await (await signIn()).get(`/vie-scolaire?enfant=${guardian.childId}`)).body,
      );
      expect(tuesday).toContain('48 lun. 23/11/2026 sam. 28/11/2026 1');
      expect(tuesday).toMatch(/Absence — lun\. 23\/11\/2026, de 8 h à 12 h/);
    } finally {
      w.p.clock.set('2026-11-22T09:00:00.000Z');
    }
  });
});

describe('a refused justification', () => {
  it('shows « Refusée » with the CPE’s comment, leaves the absence unjustified, and another may be sent', async () => {
    const event = await record(
      {
        kind: 'absence',
        startsAt: paris('2026-11-20', '13:30'),
        endsAt: paris('2026-11-20', '17:00'),
      },
      { publishableOnline: true },
    );
    const actor = {
      role: 'guardian' as const,
      sessionId: 0,
      accountId: guardian.id,
      schoolId: 1,
      login: guardian.login,
      stage: 'home' as const,
    };
    const motif = motifs.find((m) => m.label === 'Convocation administrative')!;
    const send = () =>
      w.p.portal.services.justifyAbsence(actor, {
        child: guardian.childId,
        event: event.id,
        motif: motif.id,
        comment: 'Convoqué à la préfecture.',
      });
    await send();
    const pending = value<OnlineJustification[]>(
      await w.p.dispatch('justifications.list', { status: 'pending' }, direction),
    ).find((j) => j.event.id === event.id)!;
    value(
      await w.p.dispatch(
        'justifications.decide',
        { id: pending.id, decision: 'refuse', comment: 'Merci de fournir la convocation.' },
        direction,
      ),
    );
    const shown = (await read('2026-11-22')).events.find((e) => e.id === event.id)!;
    expect(shown.justified).toBe(false);
    expect(shown.justification).toMatchObject({
      status: 'refused',
      decisionComment: 'Merci de fournir la convocation.',
    });
    expect(shown.justifiable).toBe(true);
    const decided = value<OnlineJustification[]>(
      await w.p.dispatch('justifications.list', { status: 'decided' }, direction),
    );
    expect(decided.find((j) => j.id === pending.id)?.status).toBe('refused');
    await send();
    expect(
      (await read('2026-11-22')).events.find((e) => e.id === event.id)!.justification?.status,
    ).toBe('pending');
  });
});
