import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  SchoolLifeArchiveCsv,
  SchoolLifeArchivePdf,
  SchoolLifePurgePlan,
} from '../../shared/api/staff';
import { pdfPages } from '../helpers/pdfText';
import {
  ADMIN_PASSWORD,
  createStaffUser,
  loginToken,
  startTestPupitre,
  TEST_NOW,
  value,
  type TestPupitre,
} from '../helpers/pupitre';

// Issue 17 §5 « End of year: an archive export for the school (CSV, and PDF per division),
// then the purge of vie scolaire data past the retention the school sets (the RGPD leaves it
// to the school…), refused without a recent archive, audited. » On a real SQLite file.

let p: TestPupitre;
let direction: string;
let cpe: string;
let pupil: { id: number; divisionId: number; lastName: string; firstName: string; code: string };
let legitimateMotif: { id: number; label: string };

async function insertEvent(fields: {
  kind: string;
  startsAt: string;
  endsAt: string;
  motifId?: number | null;
  justified?: boolean;
  familyNotifiedAt?: string | null;
  sanctionKind?: string | null;
  recordedAt?: string;
}) {
  await p.db.manager.query(
    `INSERT INTO school_life_event (school_id, student_id, kind, starts_at, ends_at, motif_id,
       justified, publishable_online, family_notified_at, family_notified_by, sanction_kind,
       processed, recorded_at, version)
     VALUES (1, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, 1, ?, 1)`,
    [
      pupil.id,
      fields.kind,
      fields.startsAt,
      fields.endsAt,
      fields.motifId ?? null,
      fields.justified ? 1 : 0,
      fields.familyNotifiedAt ?? null,
      fields.familyNotifiedAt ? 'courrier' : null,
      fields.sanctionKind ?? null,
      fields.recordedAt ?? fields.startsAt,
    ],
  );
}

const events = async () =>
  (await p.db.manager.query(
    'SELECT kind, starts_at AS "startsAt" FROM school_life_event ORDER BY starts_at',
  )) as { kind: string; startsAt: string }[];
const audit = async (action: string) =>
  (await p.db.manager.query(`SELECT details FROM audit_log WHERE action = ? ORDER BY id`, [
    action,
  ])) as { details: string }[];

beforeAll(async () => {
  p = await startTestPupitre({ students: 30 });
  direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
  cpe = (await createStaffUser(p, direction, 'cpe-archive', 'cpe')).token;
  [pupil] = (await p.db.manager.query(
    `SELECT s.id, s.division_id AS "divisionId", s.last_name AS "lastName",
            s.first_name AS "firstName", d.code
       FROM student s JOIN division d ON d.id = s.division_id ORDER BY s.id LIMIT 1`,
  )) as [typeof pupil];
  [legitimateMotif] = (await p.db.manager.query(
    `SELECT id, label FROM motif WHERE legitimate = 1 ORDER BY id LIMIT 1`,
  )) as [typeof legitimateMotif];
  const [year] = (await p.db.manager.query(
    `SELECT starts_on AS "startsOn" FROM school_year WHERE is_current = 1`,
  )) as [{ startsOn: string }];
  expect(year.startsOn).toBe('2026-09-01');
  // Last school year: a day's absence and a blâme; this year: an absence, motif légitime.
  await insertEvent({
    kind: 'absence',
    startsAt: '2025-10-06T06:00:00Z',
    endsAt: '2025-10-06T15:00:00Z',
  });
  await insertEvent({
    kind: 'sanction',
    startsAt: '2025-11-10T09:00:00Z',
    endsAt: '2025-11-10T09:00:00Z',
    sanctionKind: 'reprimand',
    familyNotifiedAt: '2025-11-11T09:00:00Z',
  });
  await insertEvent({
    kind: 'absence',
    startsAt: '2026-11-16T07:00:00Z',
    endsAt: '2026-11-16T10:00:00Z',
    motifId: legitimateMotif.id,
    justified: true,
    familyNotifiedAt: '2026-11-16T14:30:00Z',
  });
});
afterAll(async () => p?.cleanup());

describe('the archive (CSV, and a PDF a division)', () => {
  it('refuses the purge while no archive was made: « Faites d’abord l’archive », nothing erased', async () => {
    const plan = value<SchoolLifePurgePlan>(
      await p.dispatch('schoolLife.purgePlan', {}, direction),
    );
    expect(plan).toMatchObject({ retentionYears: 1, keepsFrom: '2026-09-01', count: 1 });
    expect(plan.refusal).toContain('Faites d’abord l’archive (CSV)');
    expect(plan.refusal).toContain('30\u00a0derniers jours');
    const refused = await p.dispatch('schoolLife.purge', { confirmedCount: 1 }, direction);
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await events()).toHaveLength(3);
  });

  it('writes one CSV row an event, in French, with half-days, motif, published and famille avisée', async () => {
    const archive = value<SchoolLifeArchiveCsv>(await p.dispatch('schoolLife.archiveCsv', {}, cpe));
    expect(archive.eventCount).toBe(3);
    expect(archive.fileName).toBe('vie-scolaire-archive-2026-11-22.csv');
    const lines = archive.csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
      // The times as French writes them, « 8 h », « 15 h 30 », with no-break spaces (read « _ »).
      .map((line) => line.replace(/\u00a0/g, '_'));
    expect(lines[0]).toBe(
      'Élève;Division;Type;Début;Fin;Demi-journées;Minutes de retard;Motif;Motif légitime;Justifiée;Traitée;Publiable en ligne;Famille avisée le;Famille avisée par;Sanction;Sursis;Commentaire;Saisi le',
    );
    const name = `${pupil.lastName.toLocaleUpperCase('fr-FR')} ${pupil.firstName}`;
    // 06:00–15:00 UTC on 6 October 2025 is 08:00–17:00 in Paris (summer time): two half-days.
    expect(lines[1]).toBe(
      `${name};${pupil.code};Absence;06/10/2025 8_h;06/10/2025 17_h;2;;;;non;oui;oui;;;;;;06/10/2025 8_h`,
    );
    expect(lines[2]).toContain(';Sanction;10/11/2025 10_h;');
    expect(lines[2]).toContain(';11/11/2025 10_h;courrier;Blâme;non;');
    expect(lines[3]).toContain(
      `;Absence;16/11/2026 8_h;16/11/2026 11_h;1;;${legitimateMotif.label};oui;oui;oui;oui;16/11/2026 15_h_30;courrier;`,
    );
    expect(await audit('schoolLife.archive')).toHaveLength(1);
  });

  it('prints a division’s events as a PDF read back as text', async () => {
    const pdf = value<SchoolLifeArchivePdf>(
      await p.dispatch('schoolLife.archivePdf', { divisionId: pupil.divisionId }, direction),
    );
    // To look at it: PUPITRE_ARCHIVE_PDF=/tmp/archive.pdf, then pdftoppm -png -r 80.
    if (process.env.PUPITRE_ARCHIVE_PDF) {
      writeFileSync(process.env.PUPITRE_ARCHIVE_PDF, Buffer.from(pdf.base64, 'base64'));
    }
    const text = (await pdfPages(Buffer.from(pdf.base64, 'base64'))).join('\n');
    expect(text).toContain(`Division ${pupil.code} — vie scolaire`);
    expect(text).toMatch(/3\sévènements/); // a no-break space, read back as a space
    expect(text).toContain(pupil.lastName.toLocaleUpperCase('fr-FR'));
    expect(text).toMatch(/Sanction\s: Blâme/);
    expect(text).toContain(legitimateMotif.label);
    expect(text).toMatch(/page 1\s\/\s1/);
    // Every column title whole on its line (« Publiabl » + « e » below it was cut off).
    expect(text).toMatch(/Demi-journées\s+Motif\s+Justifiée\s+Publiable\s+Famille avisée/);
    expect(text).toMatch(/16\/11\/2026\s8\sh/);
    const missing = await p.dispatch('schoolLife.archivePdf', { divisionId: 99_999 }, direction);
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('the purge (direction only, one transaction, audited)', () => {
  it('refuses a count other than the one confirmed, then erases what is older than the retention — sanctions wait for their own erasure date', async () => {
    const plan = value<SchoolLifePurgePlan>(
      await p.dispatch('schoolLife.purgePlan', {}, direction),
    );
    expect(plan).toMatchObject({ count: 1, refusal: null, lastArchiveAt: TEST_NOW });
    const changed = await p.dispatch('schoolLife.purge', { confirmedCount: 2 }, direction);
    expect(changed).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await events()).toHaveLength(3);

    const done = value<{ purged: number; plan: SchoolLifePurgePlan }>(
      await p.dispatch('schoolLife.purge', { confirmedCount: 1 }, direction),
    );
    expect(done.purged).toBe(1);
    expect(done.plan.count).toBe(0);
    expect((await events()).map((e) => e.kind)).toEqual(['sanction', 'absence']);
    const [line] = await audit('schoolLife.purge');
    expect(JSON.parse(line!.details)).toMatchObject({ effacés: 1, avant: '2026-09-01' });
  });

  it('refuses when something to erase was recorded after the archive, and when the archive is over 30 days old', async () => {
    await insertEvent({
      kind: 'lateness',
      startsAt: '2026-06-15T07:00:00Z',
      endsAt: '2026-06-15T07:10:00Z',
      recordedAt: '2026-11-22T10:00:00Z',
    });
    // The staff session ends after a while without use: sign in again at each new time.
    p.clock.set('2026-11-22T11:00:00Z');
    direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
    let plan = value<SchoolLifePurgePlan>(await p.dispatch('schoolLife.purgePlan', {}, direction));
    // The same advice as for an event changed since: the PDF of the divisions are printed again too.
    expect(plan.refusal).toBe(
      'Des évènements à effacer ont été saisis après la dernière archive\u00a0: l’archive ne les contient pas. Refaites l’archive (CSV) et réimprimez les PDF des divisions, puis purgez.',
    );
    value(await p.dispatch('schoolLife.archiveCsv', {}, direction));
    plan = value<SchoolLifePurgePlan>(await p.dispatch('schoolLife.purgePlan', {}, direction));
    expect(plan).toMatchObject({ count: 1, refusal: null });
    p.clock.set('2026-12-23T12:00:00Z');
    direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
    plan = value<SchoolLifePurgePlan>(await p.dispatch('schoolLife.purgePlan', {}, direction));
    expect(plan.refusal).toContain('Faites d’abord l’archive');
    // (The clock stays there: going back in time would trip the login throttle.)
    cpe = await loginToken(p, 'cpe-archive', 'cpe-archive-Secret1');
  });

  it('the retention is the school’s: two years keep last year; bad input says why in French and changes nothing', async () => {
    const bad = await p.dispatch('schoolLife.setRetention', { years: 0 }, direction);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(JSON.stringify(bad)).toContain('Durée de conservation');
    const plan = value<SchoolLifePurgePlan>(
      await p.dispatch('schoolLife.setRetention', { years: 2 }, direction),
    );
    expect(plan).toMatchObject({ retentionYears: 2, keepsFrom: '2025-09-01', count: 0 });
    expect(JSON.parse((await audit('schoolLife.retention'))[0]!.details)).toEqual({
      avant: 1,
      après: 2,
    });
    const cpeTries = await p.dispatch('schoolLife.purge', { confirmedCount: 1 }, cpe);
    expect(cpeTries).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
