import { describe, expect, it } from 'vitest';
import {
  DEFAULT_GRADE_PUBLICATION,
  gradePublishedAt,
  gradeVisibility,
  gradeVisibleFrom,
  isNewSince,
  PRONOTE_DELAYS,
  type AssessmentPublicationFacts,
  type GradePublicationSettings,
} from '../../shared/domain/publication/gradePublication';
import { addDays, parisDay } from '../../shared/domain/publication/parisDays';
import {
  schoolLifeVisibility,
  schoolLifeVisibilityOn,
  type SchoolLifeEventPublicationFacts,
} from '../../shared/domain/publication/schoolLifePublication';
import type { Viewer } from '../../shared/domain/publication/viewer';
import {
  SCHOOL_LIFE_EVENT_KIND_KEYS,
  type SchoolLifeEventKind,
} from '../../shared/domain/vieScolaire/eventKinds';

describe('Paris days', () => {
  it.each([
    ['2026-11-23T22:30:00Z', '2026-11-23'], // 23:30 in Paris (winter, UTC+1)
    ['2026-11-23T23:30:00Z', '2026-11-24'], // 00:30 in Paris
    ['2027-07-01T21:30:00Z', '2027-07-01'], // 23:30 in Paris (summer, UTC+2)
    ['2027-07-01T22:30:00Z', '2027-07-02'], // 00:30 in Paris
    ['2027-03-27T23:30:00Z', '2027-03-28'], // the night clocks go forward
    ['2027-10-30T22:30:00Z', '2027-10-31'], // the night clocks go back (00:30 CEST)
    ['2027-10-31T22:30:00Z', '2027-10-31'], // 23:30 CET the same day
  ])('%s is Paris day %s', (instant, day) => {
    expect(parisDay(instant)).toBe(day);
  });

  it('adds calendar days across month, year and clock changes', () => {
    expect(addDays('2027-03-27', 1)).toBe('2027-03-28');
    expect(addDays('2027-10-31', 1)).toBe('2027-11-01');
    expect(addDays('2026-12-31', 2)).toBe('2027-01-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
});

const test: AssessmentPublicationFacts = { day: '2027-01-11', periodId: 'T2' };
const continuous = DEFAULT_GRADE_PUBLICATION;
const withDelay: GradePublicationSettings = { ...continuous, ...PRONOTE_DELAYS };
const scheduled: GradePublicationSettings = {
  ...continuous,
  mode: 'scheduled',
  periodPublicationDays: { T2: '2027-01-20' },
};

describe('grades: « au fil de l’eau » or « à date d’échéance » (seed 003 §3.5), per viewer and day', () => {
  it.each<[string, GradePublicationSettings, AssessmentPublicationFacts, Viewer, string, boolean]>([
    // « au fil de l'eau »: from the day of the test, for everyone.
    ['continuous, the day of the test', continuous, test, 'parent', '2027-01-11', true],
    ['continuous, the day before', continuous, test, 'student', '2027-01-10', false],
    ['continuous, preview', continuous, test, 'staffPreview', '2027-01-11', true],
    // Pronote's delay: pupils at J+1, parents at J+2.
    ['delay, pupil at J', withDelay, test, 'student', '2027-01-11', false],
    ['delay, pupil at J+1', withDelay, test, 'student', '2027-01-12', true],
    ['delay, parent at J+1', withDelay, test, 'parent', '2027-01-12', false],
    ['delay, parent at J+2', withDelay, test, 'parent', '2027-01-13', true],
    [
      'delay, preview sees as a parent at J+1',
      withDelay,
      test,
      'staffPreview',
      '2027-01-12',
      false,
    ],
    ['delay, preview sees as a parent at J+2', withDelay, test, 'staffPreview', '2027-01-13', true],
    // « à date »: the school's day for the period.
    ['scheduled, before the period day', scheduled, test, 'parent', '2027-01-19', false],
    ['scheduled, on the period day', scheduled, test, 'parent', '2027-01-20', true],
    ['scheduled, pupil on the period day', scheduled, test, 'student', '2027-01-20', true],
    [
      'scheduled, another period without a day',
      scheduled,
      { ...test, periodId: 'T3' },
      'parent',
      '2027-06-30',
      false,
    ],
    // A teacher's day on the assessment replaces the school's, in either mode.
    [
      'teacher day earlier than the period day',
      scheduled,
      { ...test, publicationDay: '2027-01-15' },
      'parent',
      '2027-01-15',
      true,
    ],
    [
      'teacher day later, continuous mode',
      continuous,
      { ...test, publicationDay: '2027-01-18' },
      'student',
      '2027-01-17',
      false,
    ],
    [
      'teacher day later, continuous mode, reached',
      continuous,
      { ...test, publicationDay: '2027-01-18' },
      'student',
      '2027-01-18',
      true,
    ],
    // The delay never brings a mark forward, and a publication day is not shortened by it.
    [
      'scheduled + delay, parent on the period day',
      { ...scheduled, ...PRONOTE_DELAYS },
      test,
      'parent',
      '2027-01-20',
      true,
    ],
    [
      'teacher day J + delay, parent at J+1',
      { ...withDelay },
      { ...test, publicationDay: '2027-01-11' },
      'parent',
      '2027-01-12',
      false,
    ],
  ])('%s', (_case, settings, assessment, viewer, today, visible) => {
    expect(gradeVisibility(assessment, settings, viewer, today).visible).toBe(visible);
  });

  it('a period id is looked up among the settings’ own periods only', () => {
    for (const periodId of ['constructor', 'toString', '__proto__']) {
      expect(gradeVisibility({ ...test, periodId }, scheduled, 'parent', '2030-01-01')).toEqual({
        visible: false,
        from: null,
        reason: 'noPublicationDay',
      });
    }
  });

  it('says from when and why a mark is hidden', () => {
    expect(gradeVisibility(test, withDelay, 'parent', '2027-01-12')).toEqual({
      visible: false,
      from: '2027-01-13',
      reason: 'beforeDelay',
    });
    expect(gradeVisibility(test, scheduled, 'parent', '2027-01-12')).toEqual({
      visible: false,
      from: '2027-01-20',
      reason: 'beforePublicationDay',
    });
    expect(
      gradeVisibility({ ...test, periodId: 'T3' }, scheduled, 'student', '2027-01-12'),
    ).toEqual({
      visible: false,
      from: null,
      reason: 'noPublicationDay',
    });
    expect(gradeVisibleFrom(test, withDelay, 'student')).toBe('2027-01-12');
    expect(gradeVisibility(test, withDelay, 'student', '2027-02-01')).toEqual({
      visible: true,
      since: '2027-01-12',
    });
  });

  it('a delay across the clock change counts Paris days, not 24-hour blocks', () => {
    const saturday: AssessmentPublicationFacts = { day: '2027-03-27', periodId: 'T3' };
    expect(gradeVisibleFrom(saturday, withDelay, 'student')).toBe('2027-03-28');
    expect(gradeVisibleFrom(saturday, withDelay, 'parent')).toBe('2027-03-29');
  });
});

function event(
  kind: SchoolLifeEventKind,
  overrides: Partial<SchoolLifeEventPublicationFacts> = {},
) {
  return {
    kind,
    startedAt: '2027-01-11T08:00:00Z',
    publishableOnline: true,
    familyNotified: true,
    ...overrides,
  } satisfies SchoolLifeEventPublicationFacts;
}

describe('vie scolaire: « Les évènements sont affichés à J+1 avec la condition complémentaire suivante » (seed 003 §3.4)', () => {
  const viewers: Viewer[] = ['parent', 'student', 'staffPreview'];

  it.each(viewers)(
    '« Absences/Retards/Punitions publiable si Publiable en ligne », for %s',
    (viewer) => {
      for (const kind of ['absence', 'lateness', 'punishment', 'preventionMeasure'] as const) {
        expect(schoolLifeVisibility(event(kind), viewer, '2027-01-12').visible, kind).toBe(true);
        expect(
          schoolLifeVisibility(event(kind, { publishableOnline: false }), viewer, '2027-01-12'),
        ).toEqual({
          visible: false,
          from: null,
          reason: 'notPublishableOnline',
        });
        // The « famille avisée » flag is the sanctions' alone.
        expect(
          schoolLifeVisibility(event(kind, { familyNotified: false }), viewer, '2027-01-12')
            .visible,
        ).toBe(true);
      }
    },
  );

  it.each(viewers)('« Sanctions publiable si Famille avisée », for %s', (viewer) => {
    expect(schoolLifeVisibility(event('sanction'), viewer, '2027-01-12').visible).toBe(true);
    expect(
      schoolLifeVisibility(event('sanction', { familyNotified: false }), viewer, '2027-01-12'),
    ).toEqual({
      visible: false,
      from: null,
      reason: 'familyNotNotified',
    });
    expect(
      schoolLifeVisibility(event('sanction', { publishableOnline: false }), viewer, '2027-01-12')
        .visible,
    ).toBe(true);
  });

  it.each(viewers)(
    '« Les Non présences autorisées (Dispenses, Stages, Sorties/Voyages) et les Signalements académiques ne sont pas diffusés », for %s',
    (viewer) => {
      for (const kind of ['exemption', 'internship', 'outing', 'academicReport'] as const) {
        expect(schoolLifeVisibility(event(kind), viewer, '2030-01-01')).toEqual({
          visible: false,
          from: null,
          reason: 'neverPublished',
        });
      }
    },
  );

  it('a kind it does not know is never shown', () => {
    for (const kind of ['detention', 'constructor', '__proto__']) {
      const unknown = { ...event('absence'), kind } as unknown as SchoolLifeEventPublicationFacts;
      expect(schoolLifeVisibility(unknown, 'parent', '2030-01-01').visible, kind).toBe(false);
    }
  });

  it('every kind has a rule (a new kind cannot slip through untested)', () => {
    expect(SCHOOL_LIFE_EVENT_KIND_KEYS).toHaveLength(9);
  });

  it.each([
    // [what, startedAt, today, visible]
    ['the same Paris day is too early', '2027-01-11T08:00:00Z', '2027-01-11', false],
    ['the next Paris day shows it', '2027-01-11T08:00:00Z', '2027-01-12', true],
    ['23:30 in Paris: shown the next day', '2027-01-11T22:30:00Z', '2027-01-12', true],
    [
      '00:30 in Paris belongs to the next day: not shown that day',
      '2027-01-11T23:30:00Z',
      '2027-01-12',
      false,
    ],
    ['00:30 in Paris: shown the day after', '2027-01-11T23:30:00Z', '2027-01-13', true],
    ['summer 23:30 (UTC+2): shown the next day', '2027-06-14T21:30:00Z', '2027-06-15', true],
    ['summer 00:30 (UTC+2): not that day', '2027-06-14T22:30:00Z', '2027-06-15', false],
    ['the night clocks go forward', '2027-03-27T23:30:00Z', '2027-03-28', false],
    ['the night clocks go forward, J+1', '2027-03-27T23:30:00Z', '2027-03-29', true],
    ['the night clocks go back (00:30 CEST)', '2027-10-30T22:30:00Z', '2027-10-31', false],
    ['the night clocks go back, J+1', '2027-10-30T22:30:00Z', '2027-11-01', true],
  ])('J+1 on Paris days: %s', (_case, startedAt, today, visible) => {
    expect(schoolLifeVisibility(event('absence', { startedAt }), 'parent', today).visible).toBe(
      visible,
    );
  });

  it('says from when a hidden event will show', () => {
    expect(schoolLifeVisibility(event('lateness'), 'student', '2027-01-11')).toEqual({
      visible: false,
      from: '2027-01-12',
      reason: 'beforeNextDay',
    });
  });

  it('the one-day form (a page of events on one day) agrees with the rule on every kind × flag × instant × day', () => {
    const instants = [
      '2027-01-11T08:00:00Z',
      '2027-01-11T22:30:00Z',
      '2027-01-11T22:59:59.999Z',
      '2027-01-11T23:00:00Z',
      '2027-01-11T23:30:00Z',
      '2027-06-14T21:30:00Z',
      '2027-06-14T22:00:00.000Z',
      '2027-03-27T23:30:00Z',
      '2027-10-30T22:30:00Z',
      '2027-10-31T00:30:00Z',
    ];
    const days = ['2027-01-11', '2027-01-12', '2027-01-13', '2027-03-28', '2027-03-29'];
    days.push('2027-06-15', '2027-06-16', '2027-10-31', '2027-11-01');
    const kinds = [...SCHOOL_LIFE_EVENT_KIND_KEYS, 'detention' as SchoolLifeEventKind];
    let checked = 0;
    for (const today of days) {
      const visibleOn = schoolLifeVisibilityOn('parent', today);
      for (const kind of kinds) {
        for (const startedAt of instants) {
          for (const publishableOnline of [true, false]) {
            for (const familyNotified of [true, false]) {
              for (const motifConfidential of [true, false]) {
                const facts = {
                  kind,
                  startedAt,
                  publishableOnline,
                  familyNotified,
                  motifConfidential,
                };
                const one = schoolLifeVisibility(facts, 'parent', today);
                const many = visibleOn({ ...facts, startedAt: new Date(startedAt) });
                expect(many, `${kind} ${startedAt} on ${today}`).toEqual({
                  visible: one.visible,
                  showMotif: one.visible && one.showMotif,
                });
                expect(visibleOn(facts)).toEqual(many);
                checked++;
              }
            }
          }
        }
      }
    }
    expect(checked).toBe(days.length * kinds.length * instants.length * 8);
    expect(() =>
      schoolLifeVisibilityOn('parent', '2027-01-12')(event('absence', { startedAt: 'hier' })),
    ).toThrow('Instant illisible');
  });

  it('a confidential motif is never shown; the absence still is', () => {
    expect(
      schoolLifeVisibility(event('absence', { motifConfidential: true }), 'parent', '2027-01-12'),
    ).toEqual({
      visible: true,
      since: '2027-01-12',
      showMotif: false,
    });
    expect(schoolLifeVisibility(event('absence'), 'staffPreview', '2027-01-12')).toEqual({
      visible: true,
      since: '2027-01-12',
      showMotif: true,
    });
  });
});

describe('« Les notes publiées depuis la dernière connexion de l’utilisateur sont mises en avant » (seed 003 §3.5)', () => {
  it('a mark is published at the start of its Paris day, or when typed if later', () => {
    // Winter: the Paris day 2027-01-12 starts at 23:00 UTC the day before.
    expect(
      gradePublishedAt(test, withDelay, 'student', '2027-01-11T15:00:00Z')?.toISOString(),
    ).toBe('2027-01-11T23:00:00.000Z');
    expect(
      gradePublishedAt(test, continuous, 'parent', '2027-01-14T17:20:00Z')?.toISOString(),
    ).toBe('2027-01-14T17:20:00.000Z');
    // Summer: 22:00 UTC.
    const june = { day: '2027-06-14', periodId: 'T3' };
    expect(
      gradePublishedAt(june, withDelay, 'student', '2027-06-14T10:00:00Z')?.toISOString(),
    ).toBe('2027-06-14T22:00:00.000Z');
    expect(
      gradePublishedAt({ ...test, periodId: 'T3' }, scheduled, 'parent', '2027-01-11T15:00:00Z'),
    ).toBeNull();
  });

  it('new when published after the last login and by now; never logged in: all published is new', () => {
    const publishedAt = new Date('2027-01-11T23:00:00Z');
    const now = new Date('2027-01-12T07:00:00Z');
    expect(isNewSince(publishedAt, '2027-01-11T20:00:00Z', now)).toBe(true);
    expect(isNewSince(publishedAt, '2027-01-12T06:00:00Z', now)).toBe(false);
    expect(isNewSince(publishedAt, null, now)).toBe(true);
    expect(isNewSince(publishedAt, null, new Date('2027-01-11T22:59:00Z'))).toBe(false);
    expect(isNewSince(null, null, now)).toBe(false);
  });
});
