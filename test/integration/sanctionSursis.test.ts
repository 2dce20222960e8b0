import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  SchoolLifeArchiveCsv,
  SchoolLifeArchivePdf,
  SchoolLifeEvent,
} from '../../shared/api/staff';
import { pdfPages } from '../helpers/pdfText';
import {
  activateAccount,
  guardianPicker,
  startPortalWorld,
  type PortalWorld,
} from '../helpers/portal';
import { ADMIN_PASSWORD, loginToken, value } from '../helpers/pupitre';

// R511-13: « Les sanctions prévues aux 3° à 6° peuvent être assorties du sursis » ; R511-13-1
// (décret 2019-906): the authority sets the time during which the sursis may be revoked. A
// family, and the school's end-of-year archive, read that day after the sanction's name.

let w: PortalWorld;
let direction: string;
let guardian: { login: string; childId: number; divisionId: number };
const PASSWORD = 'Tigre7Bleu';
const REVOCABLE_UNTIL = '2027-12-31';

/** Paris wall-clock time in November (UTC+1) as an instant. */
const paris = (day: string, time: string) => {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return new Date(
    Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10), h - 1, m),
  ).toISOString();
};

async function sanction(input: Record<string, unknown>) {
  const event = value<SchoolLifeEvent>(
    await w.p.dispatch(
      'schoolLife.record',
      { studentId: guardian.childId, kind: 'sanction', publishableOnline: false, ...input },
      direction,
    ),
  );
  value(
    await w.p.dispatch(
      'schoolLife.process',
      {
        id: event.id,
        version: event.version,
        motifId: null,
        justified: false,
        publishableOnline: false,
        familyNotifiedAt: paris('2026-11-20', '17:00'),
        familyNotifiedBy: 'courrier',
      },
      direction,
    ),
  );
}

beforeAll(async () => {
  w = await startPortalWorld({ students: 30 });
  await w.p.db.manager.query(`UPDATE school SET opened_services = 'notes,vie_scolaire'`);
  direction = await loginToken(w.p, 'direction', ADMIN_PASSWORD);
  const picked = await guardianPicker(w.p)();
  await activateAccount(w.p, picked.account.id, PASSWORD, 'famille@example.fr');
  const childId = picked.children[0]!.id;
  const [row] = (await w.p.db.manager.query(`SELECT division_id AS "d" FROM student WHERE id = ?`, [
    childId,
  ])) as [{ d: number }];
  guardian = { login: picked.account.login, childId, divisionId: row.d };
  await sanction({
    sanctionKind: 'classExclusion',
    suspended: true,
    suspendedUntil: REVOCABLE_UNTIL,
    startsAt: paris('2026-11-19', '10:00'),
    endsAt: paris('2026-11-19', '10:00'),
  });
  await sanction({
    sanctionKind: 'reprimand',
    startsAt: paris('2026-11-20', '10:00'),
    endsAt: paris('2026-11-20', '10:00'),
  });
});
afterAll(async () => w?.cleanup());

const words = (html: string) =>
  html
    .replace(/<\/?span[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('a sanction « assortie du sursis » shows the day it may be revoked until (R511-13-1)', () => {
  it('on the family’s « Vie scolaire » page: « avec sursis jusqu’au 31/12/2027 »', async () => {
    const browser = w.client('192.0.2.77');
    const login = await browser.submit('/', '/connexion', {
      login: guardian.login,
      password: PASSWORD,
    });
    expect(login.status).toBe(303);
    const page = await browser.get(`/vie-scolaire?enfant=${guardian.childId}&mois=2026-11`);
    expect(page.status).toBe(200);
    const body = words(page.body);
    expect(body).toContain('Exclusion temporaire de la classe avec sursis jusqu’au 31/12/2027 —');
    // « jusqu’au » and its date held together by a no-break space, on one line.
    expect(page.body).toContain('jusqu’au\u00a031/12/2027');
    // A sanction without sursis keeps its bare name.
    expect(body).toContain('Blâme —');
    expect(body).not.toMatch(/Blâme avec sursis/);
  });

  it('in the division’s archive PDF and the CSV’s « Sursis » column', async () => {
    const pdf = value<SchoolLifeArchivePdf>(
      await w.p.dispatch('schoolLife.archivePdf', { divisionId: guardian.divisionId }, direction),
    );
    const bytes = Buffer.from(pdf.base64, 'base64');
    // To look at it: PUPITRE_ARCHIVE_PDF=/tmp/archive.pdf, then pdftoppm -png -r 80.
    if (process.env.PUPITRE_ARCHIVE_PDF) writeFileSync(process.env.PUPITRE_ARCHIVE_PDF, bytes);
    const text = (await pdfPages(bytes)).join('\n').replace(/\s+/g, ' ');
    expect(text).toMatch(
      /Sanction\s?: Exclusion temporaire de la classe avec sursis jusqu’au 31\/12\/2027/,
    );
    expect(text).not.toMatch(/Blâme avec sursis/);

    const csv = value<SchoolLifeArchiveCsv>(
      await w.p.dispatch('schoolLife.archiveCsv', {}, direction),
    );
    const lines = csv.csv.split('\r\n');
    expect(lines.find((l) => l.includes(';Exclusion temporaire de la classe;'))).toContain(
      // The families’ words (sursisWords): « jusqu’au » held to its date by a no-break space.
      ';Exclusion temporaire de la classe;oui, jusqu’au\u00a031/12/2027;',
    );
    expect(lines.find((l) => l.includes(';Blâme;'))).toContain(';Blâme;non;');
  });
});
