import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPupitre, type Pupitre } from '../../main/bootstrap';
import { fixedClock } from '../../main/services/clock';
import { seedNotesSchool, type NotesSchool } from '../helpers/notesSchool';
import { ADMIN_PASSWORD, TEST_NOW, testHasher, value } from '../helpers/pupitre';
import { emptyPostgres } from '../helpers/postgres';

// The family notes read model on PostgreSQL (académie-wide installs): the same page as on
// SQLite, on named prepared statements (booleans, bigint sums and counts read alike).
// Runs where PUPITRE_TEST_POSTGRES_URL names a database it may wipe.
const url = process.env.PUPITRE_TEST_POSTGRES_URL;

describe.skipIf(!url)('the notes read model on PostgreSQL', () => {
  let p: Pupitre;
  let dir: string;
  let s: NotesSchool;
  const clock = fixedClock(TEST_NOW);

  beforeAll(async () => {
    await emptyPostgres(url!);
    dir = mkdtempSync(join(tmpdir(), 'pupitre-pg-notes-'));
    p = await startPupitre({
      dataDir: dir,
      postgresUrl: url!,
      secretKey: Buffer.alloc(32, 7),
      clock,
      hasher: testHasher,
      adminPassword: ADMIN_PASSWORD,
      demoStudentCount: 40,
    });
    value(await p.dispatch('setup.createSchool', { kind: 'demo' }, null));
    s = await seedNotesSchool(p, clock);
  }, 120_000);
  afterAll(async () => {
    await p?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('gives the tiles, marks, class figures and averages SQLite gives, and the home tile’s count', async () => {
    const view = await p.portal.services.notes(s.guardian.id, '2026-11-22', { child: s.childId });
    expect(view.period?.label).toBe('Trimestre 1');
    const french = view.subjects.find((x) => x.code === '020700')!;
    expect(french.marks.map((m) => [m.mark, m.classAverage, m.lowest, m.highest])).toEqual([
      ['Disp', '9,00', '6,00', '12,00'],
      ['8,00/16', '5,50', '0,00', '10,00'],
    ]);
    expect(view.subjects.find((x) => x.code === '061300')!.marks[0]!.optional).toBe(true);
    expect(view.general.display).toBe('13,00');
    const home = await p.portal.services.view(s.guardian.id, '2026-11-22', s.childId);
    // Never logged in: every published mark is new.
    expect(home.services.find((x) => x.key === 'notes')?.newCount).toBe(7);
    await expect(
      p.portal.services.notes(s.guardian.id, '2026-11-22', { child: 999_999 }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
