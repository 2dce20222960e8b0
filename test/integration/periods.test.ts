import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../shared/api/result';
import type {
  DivisionCoefficients,
  SchoolGradePublication,
  PeriodsOverview,
} from '../../shared/api/staff';
import { canTeacherEditMarks, defaultPeriods, type PeriodDates } from '../../shared/domain/periods';
import { assertTeacherMayEditMarks } from '../../main/services/school/markEntry';
import {
  ADMIN_PASSWORD,
  createStaffUser,
  loginToken,
  startTestPupitre,
  value,
  type TestPupitre,
} from '../helpers/pupitre';

let p: TestPupitre;
let direction: string;
let teacher: { id: number; token: string };

beforeAll(async () => {
  p = await startTestPupitre({ students: 40 });
  direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
  teacher = await createStaffUser(p, direction, 'prof-maths', 'teacher');
});
afterAll(async () => p?.cleanup());

const overview = async (token = direction) =>
  value<PeriodsOverview>(await p.dispatch('periods.list', {}, token));

async function auditActions(prefix: string) {
  const rows: { action: string; details: string }[] = await p.db.manager.query(
    `SELECT action, details FROM audit_log WHERE action LIKE '${prefix}%' ORDER BY id`,
  );
  return rows;
}

const dates = (periods: PeriodDates[]) =>
  periods.map(({ startsOn, endsOn, closesOn, publishesOn }) => ({
    startsOn,
    endsOn,
    closesOn,
    publishesOn,
  }));

describe('« trimestres T1–T3 ou semestres S1–S2 » per level (SPEC §3)', () => {
  it('lets a teacher read the school’s periods and the levels its divisions carry', async () => {
    const seen = await overview(teacher.token);
    expect(seen.year?.label).toBe('2026-2027');
    expect(seen.levels.map((l) => l.level)).toEqual(['', '6e', '5e', '4e', '3e']);
    expect(seen.levels[4]?.divisions.length).toBeGreaterThan(0);
    expect(seen.periods.map((x) => [x.level, x.code])).toEqual([
      ['', 'T1'],
      ['', 'T2'],
      ['', 'T3'],
    ]);
  });

  it('gives the 3e semestres of its own, audited, and leaves the other levels alone', async () => {
    const year = (await overview()).year!;
    const after = value<PeriodsOverview>(
      await p.dispatch(
        'periods.update',
        { level: '3e', kind: 'semestres', periods: dates(defaultPeriods('semestres', year)) },
        direction,
      ),
    );
    expect(after.levels.find((l) => l.level === '3e')?.hasOwnPeriods).toBe(true);
    expect(after.periods.filter((x) => x.level === '3e').map((x) => x.code)).toEqual(['S1', 'S2']);
    expect(after.periods.filter((x) => x.level === '').map((x) => x.code)).toEqual([
      'T1',
      'T2',
      'T3',
    ]);
    const audit = await auditActions('periods.update');
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details)).toEqual({
      S1: { avant: null, après: 'du 01/09/2026 au 31/01/2027, fermeture 07/02/2027' },
      S2: { avant: null, après: 'du 01/02/2027 au 04/07/2027, fermeture 11/07/2027' },
    });
  });

  it('refuses overlapping periods field by field, in French, and changes nothing', async () => {
    const before = await overview();
    const periods = dates(before.periods.filter((x) => x.level === ''));
    periods[1]!.startsOn = '2026-11-25';
    const result = (await p.dispatch(
      'periods.update',
      { level: '', kind: 'trimestres', periods },
      direction,
    )) as ApiResult<unknown>;
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        fields: { 'periods.1.startsOn': expect.stringContaining('chevauche T1') },
      },
    });
    expect(await overview()).toEqual(before);
  });

  it('keeps a period’s id when its dates change, and a level can go back to the school’s', async () => {
    const before = (await overview()).periods.filter((x) => x.level === '');
    const periods = dates(before);
    periods[0]!.endsOn = '2026-12-04';
    periods[1]!.startsOn = '2026-12-05';
    const after = value<PeriodsOverview>(
      await p.dispatch('periods.update', { level: '', kind: 'trimestres', periods }, direction),
    );
    expect(after.periods.filter((x) => x.level === '').map((x) => x.id)).toEqual(
      before.map((x) => x.id),
    );
    // The journal names the two periods that moved, not the one that did not.
    const audit = await auditActions('periods.update');
    expect(Object.keys(JSON.parse(audit.at(-1)!.details) as object)).toEqual(['T1', 'T2']);
    const back = value<PeriodsOverview>(
      await p.dispatch('periods.removeLevel', { level: '3e' }, direction),
    );
    expect(back.levels.find((l) => l.level === '3e')?.hasOwnPeriods).toBe(false);
    expect(back.periods.some((x) => x.level === '3e')).toBe(false);
  });
});

describe('« date de fermeture de la saisie » and reopening for one teacher', () => {
  const t1 = async () => (await overview()).periods.find((x) => x.level === '' && x.code === 'T1')!;

  it('locks T1 once its closing day has come, reopens it for one teacher, and withdraws it', async () => {
    // Today is 22/11/2026: T1 closes on 20/11.
    const periods = dates((await overview()).periods.filter((x) => x.level === ''));
    periods[0]!.closesOn = '2026-11-20';
    value(
      await p.dispatch('periods.update', { level: '', kind: 'trimestres', periods }, direction),
    );
    const period = await t1();
    const may = (o: PeriodsOverview) =>
      canTeacherEditMarks({
        period,
        teacherId: teacher.id,
        reopenings: o.reopenings,
        now: p.clock.now(),
      });
    expect(may(await overview())).toBe(false);

    const reopened = value<PeriodsOverview>(
      await p.dispatch(
        'periods.reopen',
        { periodId: period.id, teacherId: teacher.id, untilOn: '2026-11-25' },
        direction,
      ),
    );
    expect(reopened.reopenings).toMatchObject([
      {
        periodId: period.id,
        teacherId: teacher.id,
        untilOn: '2026-11-25',
        teacherName: 'Test prof-maths',
      },
    ]);
    expect(may(reopened)).toBe(true);

    const withdrawn = value<PeriodsOverview>(
      await p.dispatch('periods.withdrawReopening', { id: reopened.reopenings[0]!.id }, direction),
    );
    expect(withdrawn.reopenings).toEqual([]);
    expect(may(withdrawn)).toBe(false);
    expect((await auditActions('periods.')).map((a) => a.action)).toEqual(
      expect.arrayContaining(['periods.reopen', 'periods.withdrawReopening']),
    );
  });

  it('refuses a reopening that ends in the past, or for someone who is not a teacher', async () => {
    const period = await t1();
    const past = (await p.dispatch(
      'periods.reopen',
      { periodId: period.id, teacherId: teacher.id, untilOn: '2026-11-21' },
      direction,
    )) as ApiResult<unknown>;
    expect(past).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { untilOn: expect.stringContaining('à venir') } },
    });
    const notTeacher = (await p.dispatch(
      'periods.reopen',
      { periodId: period.id, teacherId: 1, untilOn: '2026-11-30' },
      direction,
    )) as ApiResult<unknown>;
    expect(notTeacher).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('Publication des notes: « au fil de l’eau ou à date d’échéance » (guide §3.5)', () => {
  it('starts at once for students and parents, and stores the mode and delays, audited', async () => {
    expect(value(await p.dispatch('publication.get', {}, teacher.token))).toEqual({
      mode: 'continuous',
      studentDelayDays: 0,
      parentDelayDays: 0,
    });
    const saved = value<SchoolGradePublication>(
      await p.dispatch(
        'publication.update',
        { mode: 'scheduled', studentDelayDays: 1, parentDelayDays: 1 },
        direction,
      ),
    );
    expect(saved).toEqual({ mode: 'scheduled', studentDelayDays: 1, parentDelayDays: 1 });
    expect(
      value<{ gradePublicationMode: string }>(await p.dispatch('school.get', {}, direction)),
    ).toMatchObject({ gradePublicationMode: 'scheduled' });
    const audit = await auditActions('publication.update');
    expect(JSON.parse(audit[0]!.details)).toEqual({
      mode: { avant: 'continuous', après: 'scheduled' },
      studentDelayDays: { avant: 0, après: 1 },
      parentDelayDays: { avant: 0, après: 1 },
    });
  });

  it('refuses a negative delay in French and changes nothing', async () => {
    const result = (await p.dispatch(
      'publication.update',
      { mode: 'continuous', studentDelayDays: -1, parentDelayDays: 0 },
      direction,
    )) as ApiResult<unknown>;
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('Délai pour l’élève') },
    });
    expect(value(await p.dispatch('publication.get', {}, direction))).toMatchObject({
      mode: 'scheduled',
    });
  });

  it('the general settings form, which no longer sends the mode, leaves it as it is', async () => {
    const settings = value<Record<string, unknown>>(await p.dispatch('school.get', {}, direction));
    const { gradePublicationMode: _mode, offeredServices: _offered, ...rest } = settings;
    value(await p.dispatch('settings.update', rest as never, direction));
    expect(value(await p.dispatch('publication.get', {}, direction))).toMatchObject({
      mode: 'scheduled',
    });
  });
});

describe('subject coefficients per division (SPEC §5: « Σ(subject average × subject coefficient) »)', () => {
  it('are 1 until direction sets one, exact to the hundredth, audited, and back to 1 leaves no row', async () => {
    const divisions = value<{ id: number; code: string }[]>(
      await p.dispatch('divisions.list', {}, direction),
    );
    const divisionId = divisions[0]!.id;
    const set = value<DivisionCoefficients>(
      await p.dispatch(
        'coefficients.update',
        { divisionId, subjectCode: '030201', coefficient: 1.5 },
        direction,
      ),
    );
    expect(set.subjects.find((s) => s.subjectCode === '030201')?.coefficient).toBe(1.5);
    const seen = value<DivisionCoefficients>(
      await p.dispatch('coefficients.list', { divisionId }, teacher.token),
    );
    expect(seen).toEqual(set);

    const precise = (await p.dispatch(
      'coefficients.update',
      { divisionId, subjectCode: '030201', coefficient: 1.234 },
      direction,
    )) as ApiResult<unknown>;
    expect(precise).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('deux décimales') },
    });

    value(
      await p.dispatch(
        'coefficients.update',
        { divisionId, subjectCode: '030201', coefficient: 1 },
        direction,
      ),
    );
    const rows: unknown[] = await p.db.manager.query('SELECT id FROM subject_coefficient');
    expect(rows).toEqual([]);
    const audit = await auditActions('coefficients.update');
    expect(audit.map((a) => JSON.parse(a.details) as unknown)).toEqual([
      { matière: '030201', coefficient: { avant: 1, après: 1.5 } },
      { matière: '030201', coefficient: { avant: 1.5, après: 1 } },
    ]);
  });
});

describe('assertTeacherMayEditMarks: the grades service’s check, on the stored days', () => {
  it('refuses in French once T1 has closed, and lets a reopened teacher in', async () => {
    const t1 = (await overview()).periods.find((x) => x.level === '' && x.code === 'T1')!;
    expect(t1.closesOn).toBe('2026-11-20');
    const ask = () =>
      assertTeacherMayEditMarks(p.db.manager, p.clock, {
        schoolId: 1,
        periodId: t1.id,
        teacherId: teacher.id,
      });
    await expect(ask()).rejects.toThrow(
      'Saisie fermée depuis le 20/11/2026 pour Trimestre 1 : la direction peut rouvrir la saisie pour vous.',
    );
    value(
      await p.dispatch(
        'periods.reopen',
        { periodId: t1.id, teacherId: teacher.id, untilOn: '2026-11-23' },
        direction,
      ),
    );
    await expect(ask()).resolves.toEqual({ state: 'reopened', until: '2026-11-23' });
    // 23/11 ends at 23:00 UTC (Paris, winter time): a minute later the entry is closed again.
    p.clock.set('2026-11-23T22:59:00Z');
    await expect(ask()).resolves.toMatchObject({ state: 'reopened' });
    p.clock.set('2026-11-23T23:00:00Z');
    await expect(ask()).rejects.toThrow('Saisie fermée');
    p.clock.set('2026-11-22T09:00:00.000Z');
  });
});
