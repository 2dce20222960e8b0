import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPupitre, type Pupitre } from '../../main/bootstrap';
import { StudentGuardianEntity } from '../../main/db/entities';
import { AccountTokenEntity } from '../../main/db/entities/accounts';
import { fixedClock } from '../../main/services/clock';
import { generateDemoSchool } from '../../main/services/demo/generateDemoSchool';
import { eraseDueSanctions } from '../../main/services/schoolLife/sanctionErasure';
import type {
  AbsenteeismWatchRow,
  AuditPage,
  GuardianDetail,
  ImportPreview,
  Motif,
  RollSheet,
  SchoolLifeEvent,
  SchoolSettings,
  StsPreview,
  StudentSearchResult,
  TeachingServicesView,
} from '../../shared/api/staff';
import { ADMIN_PASSWORD, loginToken, testHasher, value } from '../helpers/pupitre';
import { writeSiecleExports } from '../helpers/siecleWriter';
import { setGroups } from '../helpers/groups';
import { GroupMemberships1764790000000 } from '../../main/db/migrations/1764790000000-GroupMemberships';
import { emptyPostgres } from '../helpers/postgres';

// The same migrations and services on PostgreSQL, for académie-wide installs. Runs where
// PUPITRE_TEST_POSTGRES_URL names a database it may wipe (.ci/run starts one).
const url = process.env.PUPITRE_TEST_POSTGRES_URL;
if (!url) console.log('skipped: no PostgreSQL (set PUPITRE_TEST_POSTGRES_URL)');

describe.skipIf(!url)('PostgreSQL', () => {
  let p: Pupitre;
  let dir: string;
  let token: string;

  beforeAll(async () => {
    await emptyPostgres(url!);
    dir = mkdtempSync(join(tmpdir(), 'pupitre-pg-'));
    const seed = generateDemoSchool({ seed: 4, studentCount: 200 });
    p = await startPupitre({
      dataDir: dir,
      postgresUrl: url!,
      secretKey: Buffer.alloc(32, 7),
      clock: fixedClock('2026-11-22T09:00:00.000Z'),
      hasher: testHasher,
      adminPassword: ADMIN_PASSWORD,
    });
    value(
      await p.dispatch(
        'setup.createSchool',
        { kind: 'empty', uai: seed.school.uai, name: seed.school.name },
        null,
      ),
    );
    token = await loginToken(p, 'direction', ADMIN_PASSWORD);
    const e = writeSiecleExports(seed);
    const ids: string[] = [];
    for (const [name, bytes] of [
      ['eleves.xml', e.eleves],
      ['responsables.xml', e.responsables],
      ['nomenclature.xml', e.nomenclature],
    ] as const) {
      ids.push(
        value<{ uploadId: string }>(
          await p.dispatch(
            'import.upload',
            { fileName: name, bytes: new Uint8Array(bytes) },
            token,
          ),
        ).uploadId,
      );
    }
    const pre = value<ImportPreview>(await p.dispatch('import.preview', { uploadIds: ids }, token));
    expect(pre.problems.filter((x) => x.blocking)).toEqual([]);
    value(await p.dispatch('import.apply', { previewId: pre.previewId }, token));
  });
  afterAll(async () => {
    await p?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('migrates, imports a school, and searches it by name with accents folded', async () => {
    const all = value<StudentSearchResult>(
      await p.dispatch('students.search', { query: '' }, token),
    ).items;
    expect(all.length).toBeGreaterThan(150);
    const someone = all.find((s) => /[éèëïç]/.test(s.lastName + s.firstName)) ?? all[0]!;
    const found = value<StudentSearchResult>(
      await p.dispatch(
        'students.search',
        { query: someone.lastName.normalize('NFD').replace(/[\u0300-\u036f]/g, '') },
        token,
      ),
    ).items;
    expect(found.map((s) => s.id)).toContain(someone.id);
  });

  it('folds apostrophes in the search and exports a division and a group list (issue 12)', async () => {
    const [row]: { id: number; last_name: string }[] = await p.db.manager.query(
      `SELECT id, last_name FROM student WHERE last_name LIKE 'D''%' AND left_on IS NULL LIMIT 1`,
    );
    const glued = row!.last_name.replace(/'/g, '');
    const found = value<StudentSearchResult>(
      await p.dispatch('students.search', { query: glued }, token),
    ).items;
    expect(found.map((s) => s.id)).toContain(Number(row!.id));

    const [division]: { id: number }[] = await p.db.manager.query(
      'SELECT division_id AS id FROM student WHERE division_id IS NOT NULL LIMIT 1',
    );
    const csv = value<string>(
      await p.dispatch('rosters.csv', { divisionId: Number(division!.id) }, token),
    );
    expect(csv.split('\r\n').length).toBeGreaterThan(3);
    await setGroups(p.db, [Number(row!.id)], ['LAT1', 'AGL2']);
    const group = value<string>(await p.dispatch('rosters.csv', { group: 'AGL2' }, token));
    expect(group).toContain(row!.last_name);
  });

  it('lists a guardian’s children and keeps booleans as booleans', async () => {
    const rows: { guardian_id: number }[] = await p.db.manager.query(
      'SELECT guardian_id FROM student_guardian GROUP BY guardian_id HAVING COUNT(*) >= 2 LIMIT 1',
    );
    const guardian = value<GuardianDetail>(
      await p.dispatch('guardians.get', { id: Number(rows[0]!.guardian_id) }, token),
    );
    expect(guardian.children.length).toBeGreaterThanOrEqual(2);
    expect(typeof guardian.acceptsSms).toBe('boolean');
  });

  it('saves settings and filters the journal by an action prefix with an underscore', async () => {
    const settings = value<SchoolSettings>(await p.dispatch('school.get', {}, token));
    value(
      await p.dispatch(
        'settings.update',
        { ...settings, familiesMayEmail: !settings.familiesMayEmail },
        token,
      ),
    );
    await p.dispatch('session.login', { login: 'direction', password: 'faux' }, null);
    const failed = value<AuditPage>(
      await p.dispatch('audit.list', { action: 'session.login_failed' }, token),
    );
    expect(failed.entries.map((e) => e.action)).toEqual(['session.login_failed']);
    const imports = value<AuditPage>(await p.dispatch('audit.list', { action: 'import' }, token));
    expect(imports.entries[0]!.action).toBe('import.siecle');
    // The journal's author and date filters (issue 12) on PostgreSQL's text instants too.
    const me = value<{ userId: number }>(await p.dispatch('session.me', {}, token));
    const now = new Date();
    const mine = value<AuditPage>(
      await p.dispatch(
        'audit.list',
        {
          actorId: me.userId,
          from: new Date(now.getTime() - 86_400_000 * 365).toISOString(),
          until: new Date(now.getTime() + 86_400_000 * 365).toISOString(),
        },
        token,
      ),
    );
    expect(mine.entries.map((e) => e.action)).toContain('settings.update');
    expect(mine.entries.every((e) => e.actorLabel.endsWith('(direction)'))).toBe(true);
  });
  it('imports an STS-Web export twice: services once, then « aucun changement » (issue 16)', async () => {
    const bytes = new Uint8Array(
      readFileSync(join(import.meta.dirname, '..', 'fixtures', 'sts', 'sts_emp_0259876Z_2026.xml')),
    );
    const upload = async () =>
      value<StsPreview>(await p.dispatch('sts.upload', { fileName: 'sts.xml', bytes }, token));
    const first = await upload();
    expect(first.problems.filter((x) => x.blocking)).toEqual([]);
    value(await p.dispatch('sts.apply', { previewId: first.previewId }, token));
    const view = value<TeachingServicesView>(await p.dispatch('services.list', {}, token));
    expect(view.services).toHaveLength(30);
    expect((await upload()).unchanged).toBe(true);
  });

  it('reads a school’s guardian links through an index, not across the whole académie (issue 15 §3)', async () => {
    // The accounts' sync reads them after each import and for every school each night.
    const [sql, params] = p.db.manager
      .getRepository(StudentGuardianEntity)
      .createQueryBuilder('l')
      .where('l.schoolId = :schoolId', { schoolId: 1 })
      .getQueryAndParameters();
    const plan = await p.db.transaction(async (m) => {
      // A 200-pupil school is small enough to be read whole: ask which way is possible.
      await m.query('SET LOCAL enable_seqscan = off');
      return ((await m.query(`EXPLAIN ${sql}`, params)) as { 'QUERY PLAN': string }[])
        .map((r) => r['QUERY PLAN'])
        .join('\n');
    });
    expect(plan).toContain('ix_student_guardian_school');
    expect(plan).not.toContain('Seq Scan on student_guardian');
  });

  it('finds a family’s pending e-mail confirmation by its account, not across the académie (issue 15 §3)', async () => {
    // Every portal page asks it, and used links are kept: the table grows with the académie.
    const [sql, params] = p.db.manager
      .getRepository(AccountTokenEntity)
      .createQueryBuilder('t')
      .where('t.accountId = :accountId AND t.purpose = :purpose AND t.usedAt IS NULL', {
        accountId: 1,
        purpose: 'confirm_email',
      })
      .orderBy('t.id', 'DESC')
      .getQueryAndParameters();
    const plan = await p.db.transaction(async (m) => {
      await m.query('SET LOCAL enable_seqscan = off');
      return ((await m.query(`EXPLAIN ${sql}`, params)) as { 'QUERY PLAN': string }[])
        .map((r) => r['QUERY PLAN'])
        .join('\n');
    });
    expect(plan).toContain('ix_account_token_account');
    expect(plan).not.toContain('Seq Scan on account_token');
  });

  it('vie scolaire (issue 17): motifs seeded, a roll saved twice is one absence, one of two CPE wins', async () => {
    const motifs = value<Motif[]>(await p.dispatch('motifs.list', {}, token));
    expect(motifs.filter((m) => m.legitimate)).toHaveLength(5);
    const code = (
      (await p.db.manager.query('SELECT code FROM division ORDER BY code LIMIT 1')) as {
        code: string;
      }[]
    )[0]!.code;
    const roll = {
      structure: { kind: 'division' as const, code },
      // Friday 20 November: a roll records a day gone by (the clock says Sunday 22).
      day: '2026-11-20',
      slot: { kind: 'hour' as const, from: '10:00', to: '11:00' },
    };
    const pupil = value<RollSheet>(await p.dispatch('roll.open', roll, token)).pupils[0]!;
    const entries = [{ studentId: pupil.studentId, status: 'absent' as const }];
    value(await p.dispatch('roll.save', { ...roll, entries }, token));
    value(await p.dispatch('roll.save', { ...roll, entries }, token));
    const queue = value<SchoolLifeEvent[]>(await p.dispatch('schoolLife.queue', {}, token));
    expect(queue.filter((e) => e.studentId === pupil.studentId)).toMatchObject([
      { kind: 'absence', halfDays: [{ day: '2026-11-20', part: 'morning' }], version: 1 },
    ]);
    const event = queue[0]!;
    const processing = (justified: boolean) =>
      p.dispatch(
        'schoolLife.process',
        { id: event.id, version: 1, motifId: motifs[0]!.id, justified, publishableOnline: true },
        token,
      );
    const results = await Promise.all([processing(true), processing(false)]);
    expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
  });

  it('the CPE’s follow-up (issue 17 §3): the watch reported to the DSDEN, the notice printed, a sanction erased', async () => {
    const pupil = (
      (await p.db.manager.query(
        `SELECT s.id FROM student s JOIN student_guardian sg ON sg.student_id = s.id
          WHERE sg.responsibility_level = 1 ORDER BY s.id DESC LIMIT 1`,
      )) as { id: number }[]
    )[0]!;
    const absence = value<SchoolLifeEvent>(
      await p.dispatch(
        'schoolLife.record',
        {
          studentId: pupil.id,
          kind: 'absence',
          startsAt: '2026-11-02T07:00:00.000Z',
          endsAt: '2026-11-03T16:00:00.000Z',
        },
        token,
      ),
    );
    const watched = value<AbsenteeismWatchRow[]>(
      await p.dispatch(
        'schoolLife.reportToDsden',
        { month: '2026-11', studentId: pupil.id, reportedOn: '2026-11-20' },
        token,
      ),
    );
    expect(watched.find((r) => r.studentId === pupil.id)).toMatchObject({
      count: 4,
      reportedOn: '2026-11-20',
    });
    const pdf = value<Uint8Array>(
      await p.dispatch('schoolLife.noticePdf', { id: absence.id }, token),
    );
    expect(Buffer.from(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    // Making the PDF records nothing; « imprimé » does, once.
    expect(
      value<SchoolLifeEvent>(
        await p.dispatch('schoolLife.noticePrinted', { id: absence.id }, token),
      ),
    ).toMatchObject({ familyNotifiedBy: 'courrier', version: absence.version + 1 });
    const warning = value<SchoolLifeEvent>(
      await p.dispatch(
        'schoolLife.record',
        {
          studentId: pupil.id,
          kind: 'sanction',
          sanctionKind: 'warning',
          startsAt: '2026-11-10T09:00:00.000Z',
          endsAt: '2026-11-10T09:00:00.000Z',
        },
        token,
      ),
    );
    expect(warning.sanctionErasedOn).toBe('2027-09-01');
    const linesAbout = async (id: number) =>
      (
        (await p.db.manager.query(
          `SELECT details FROM audit_log WHERE action LIKE 'schoolLife.%' AND target_type = 'student'`,
        )) as { details: string }[]
      ).filter((r) => (JSON.parse(r.details) as { évènement?: number }).évènement === id);
    expect(await linesAbout(warning.id)).toHaveLength(1);
    expect(await eraseDueSanctions(p.db, fixedClock('2027-08-31T12:00:00.000Z'))).toBe(0);
    expect(await eraseDueSanctions(p.db, fixedClock('2027-09-01T12:00:00.000Z'))).toBe(1);
    // R511-13 IV: nothing left in the journal says whose sanction it was.
    expect(await linesAbout(warning.id)).toEqual([]);
    expect(await linesAbout(absence.id)).not.toEqual([]);
  });

  it('groups are real (issue 16 §1): an export with groups twice writes the memberships once; the migration fills them', async () => {
    const seed = generateDemoSchool({ seed: 4, studentCount: 200 });
    const placed = seed.students.filter((s) => s.divisionCode && !s.leftOn).slice(0, 5);
    const groups = Object.fromEntries(placed.map((s) => [s.key, ['4LAT1', 'AGL2']]));
    const e = writeSiecleExports(seed, { exportDate: '2026-10-02', groups });
    const previewOf = async () => {
      const uploadId = value<{ uploadId: string }>(
        await p.dispatch(
          'import.upload',
          { fileName: 'eleves.xml', bytes: new Uint8Array(e.eleves) },
          token,
        ),
      ).uploadId;
      return value<ImportPreview>(
        await p.dispatch('import.preview', { uploadIds: [uploadId] }, token),
      );
    };
    const first = await previewOf();
    expect(first.groups).toContainEqual({ code: '4LAT1', entering: 5, leaving: 0 });
    value(await p.dispatch('import.apply', { previewId: first.previewId }, token));
    const again = await previewOf();
    expect(again.groups).toEqual([]);
    const count = async (code: string) =>
      Number(
        (
          await p.db.manager.query(
            'SELECT COUNT(*) AS n FROM group_membership WHERE group_code = $1',
            [code],
          )
        )[0].n,
      );
    expect(await count('4LAT1')).toBe(5);
    const roster = value<string>(await p.dispatch('rosters.csv', { group: '4LAT1' }, token));
    expect(roster.trimEnd().split('\r\n')).toHaveLength(6);

    const before: unknown[] = await p.db.manager.query(
      'SELECT student_id, group_code FROM group_membership ORDER BY student_id, group_code',
    );
    const runner = p.db.dataSource.createQueryRunner();
    try {
      await runner.dropTable('group_membership');
      await new GroupMemberships1764790000000().up(runner);
    } finally {
      await runner.release();
    }
    expect(
      await p.db.manager.query(
        'SELECT student_id, group_code FROM group_membership ORDER BY student_id, group_code',
      ),
    ).toEqual(before);
  });
});
