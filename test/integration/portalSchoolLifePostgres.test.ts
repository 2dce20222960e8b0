import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startPostgresPupitre,
  TEST_POSTGRES_URL,
  type PostgresTestPupitre,
} from '../helpers/postgres';
import { preparedReads } from '../../main/db/preparedReads';
import { readFamilySchoolLife } from '../../main/services/portal/readModels/schoolLife';
import type { OnlineJustification, SchoolLifeEvent } from '../../shared/api/staff';
import { ADMIN_PASSWORD, loginToken, value } from '../helpers/pupitre';

// The family's « Vie scolaire » reads on PostgreSQL (named prepared statements, booleans as
// booleans): the same weeks, events, tile and justification as on SQLite. Runs where
// PUPITRE_TEST_POSTGRES_URL names a database it may wipe.
const url = TEST_POSTGRES_URL;

describe.skipIf(!url)('vie scolaire for families on PostgreSQL', () => {
  let p: PostgresTestPupitre;
  let direction: string;
  let family: { id: number; login: string; childId: number; schoolId: number };

  beforeAll(async () => {
    p = await startPostgresPupitre(url!, {});
    direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
    await p.db.manager.query(`UPDATE school SET opened_services = 'vie_scolaire'`);
    const [row] = (await p.db.manager.query(
      `SELECT a.id, a.login, x.student_id AS "childId", a.school_id AS "schoolId"
         FROM family_account a JOIN account_student x ON x.account_id = a.id
        WHERE a.kind = 'guardian' ORDER BY a.id LIMIT 1`,
    )) as { id: number; login: string; childId: number; schoolId: number }[];
    family = {
      id: Number(row!.id),
      login: row!.login,
      childId: Number(row!.childId),
      schoolId: Number(row!.schoolId),
    };
  }, 60_000);
  afterAll(async () => {
    await p?.cleanup();
  });

  it('reads the weeks, the events and the tile, and takes a justification the CPE accepts', async () => {
    const event = value<SchoolLifeEvent>(
      await p.dispatch(
        'schoolLife.record',
        {
          studentId: family.childId,
          kind: 'absence',
          startsAt: '2026-11-16T07:00:00.000Z',
          endsAt: '2026-11-17T16:00:00.000Z',
        },
        direction,
      ),
    );
    value(
      await p.dispatch(
        'schoolLife.process',
        {
          id: event.id,
          version: event.version,
          motifId: null,
          justified: false,
          publishableOnline: true,
        },
        direction,
      ),
    );
    const read = () =>
      readFamilySchoolLife(preparedReads(p.db.dataSource), {
        accountId: family.id,
        childId: family.childId,
        asOf: '2026-11-22',
        viewer: 'parent',
        mayJustify: true,
      });
    const view = await read();
    expect(view.weeks[0]).toMatchObject({ isoWeek: 47, halfDays: 4 });
    expect(view.events.map((e) => [e.id, e.halfDays, e.justified])).toEqual([[event.id, 4, false]]);
    expect(view.motifs.length).toBeGreaterThan(0);
    const home = await p.portal.services.view(family.id, '2026-11-22', family.childId);
    expect(home.services.find((s) => s.key === 'vie_scolaire')?.summary).toBe(
      '4 demi-journées d’absences ce trimestre',
    );
    await p.portal.services.justifyAbsence(
      {
        role: 'guardian',
        sessionId: 0,
        accountId: family.id,
        schoolId: family.schoolId,
        login: family.login,
        stage: 'home',
      },
      { child: family.childId, event: event.id, motif: view.motifs[0]!.id, comment: 'Malade.' },
    );
    expect((await read()).events[0]!.justification?.status).toBe('pending');
    const [waiting] = value<OnlineJustification[]>(
      await p.dispatch('justifications.list', { status: 'pending' }, direction),
    );
    value(
      await p.dispatch('justifications.decide', { id: waiting!.id, decision: 'accept' }, direction),
    );
    const after = (await read()).events[0]!;
    expect([after.justified, after.motif, after.justification?.status]).toEqual([
      true,
      view.motifs[0]!.label,
      'accepted',
    ]);
  }, 60_000);
});
