import { describe, expect, it } from 'vitest';
import { frenchSpacing } from '../../shared/domain/frenchTypography';
import { subjectAverage } from '../../shared/domain/grades/averages';
import { formatCoefficient, formatHundredths } from '../../shared/domain/grades/display';
import { explainSubjectAverage } from '../../shared/domain/grades/explainAverage';
import { rational } from '../../shared/domain/grades/rational';
import {
  gradePublicationsOn,
  gradePublishedAt,
  gradeVisibility,
  PRONOTE_DELAYS,
  type AssessmentPublicationFacts,
  type GradePublicationSettings,
} from '../../shared/domain/publication/gradePublication';
import { VIEWERS } from '../../shared/domain/publication/viewer';

// The notes page works out each assessment day's publication once (gradePublicationsOn),
// reduces and formats its small figures without BigInt: the answers must be those of the one
// publication module and of the exact arithmetic, case by case.

const settings: GradePublicationSettings[] = [
  { mode: 'continuous', periodPublicationDays: {}, studentDelayDays: 0, parentDelayDays: 0 },
  { mode: 'continuous', periodPublicationDays: {}, ...PRONOTE_DELAYS },
  {
    mode: 'scheduled',
    periodPublicationDays: { '1': '2026-12-12', '2': null },
    studentDelayDays: 1,
    parentDelayDays: 2,
  },
];
const assessments: AssessmentPublicationFacts[] = [
  { day: '2026-11-20', periodId: '1' },
  { day: '2026-11-20', periodId: '1', publicationDay: '2026-11-25' },
  { day: '2026-10-24', periodId: '2' },
  // Across the clock change (25 October 2026): days, not 24-hour blocks.
  { day: '2026-10-24', periodId: '1', publicationDay: null },
  { day: '2026-12-11', periodId: '1' },
];
const entered = ['2026-11-19T08:00:00.000Z', '2026-11-23T16:30:00.000Z', '2026-12-20T07:00:00Z'];

describe('each assessment day’s publication worked out once', () => {
  it('answers as gradeVisibility and gradePublishedAt, in every mode, for every viewer and day', () => {
    let cases = 0;
    for (const s of settings) {
      for (const viewer of VIEWERS) {
        for (const today of ['2026-10-24', '2026-11-21', '2026-11-26', '2026-12-13']) {
          const publicationOf = gradePublicationsOn(s, viewer, today);
          // Twice each: the second answer comes from what the first worked out.
          for (const facts of [...assessments, ...assessments]) {
            const publication = publicationOf({ ...facts });
            expect(publication.visibility).toEqual(gradeVisibility(facts, s, viewer, today));
            for (const at of entered) {
              expect(publication.publishedAt(new Date(at))).toEqual(
                gradePublishedAt(facts, s, viewer, at),
              );
              cases++;
            }
          }
        }
      }
    }
    expect(cases).toBe(3 * 3 * 4 * 10 * 3);
  });
});

describe('figures formatted without BigInt where they are small', () => {
  it('gives what the exact BigInt path gives: two decimals, sign, coefficients as typed', () => {
    for (const n of [0, 5, 99, 100, 867, 1650, 2000, 99999, -5, -867, 2 ** 52, -(2 ** 52)]) {
      expect(formatHundredths(n)).toBe(formatHundredths(BigInt(n)));
    }
    expect(formatHundredths(867)).toBe('8,67');
    expect(formatHundredths(5)).toBe('0,05');
    expect(formatHundredths(-867)).toBe('-8,67');
    expect([100, 50, 125, 1000, 0].map(formatCoefficient)).toEqual(['1', '0,5', '1,25', '10', '0']);
    // Asked again, the same text (a page asks for one a mark).
    expect([100, 50, 125, 1000, 0].map(formatCoefficient)).toEqual(['1', '0,5', '1,25', '10', '0']);
  });
});

describe('fractions of small integers reduced without BigInt', () => {
  it('gives the reduced fraction the BigInt path gives, sign on the numerator', () => {
    const cases: [number, number][] = [
      [1800 * 20, 2000],
      [200 * 20, 1000],
      [144 * 20, 1900],
      [0, 1900],
      [-0, 7],
      [5, -10],
      [-6, -4],
      [2 ** 52, 6],
      [50, 100],
    ];
    for (const [n, d] of cases) {
      expect(rational(n, d), `${n}/${d}`).toEqual(rational(BigInt(n), BigInt(d)));
    }
    expect(rational(144 * 20, 1900)).toEqual({ numerator: 144n, denominator: 95n });
    expect(() => rational(1, 0)).toThrow(RangeError);
  });
});

describe('an explanation spaced in one pass', () => {
  it('spaces every line as frenchSpacing does line by line, labels with punctuation included', () => {
    const labels = [
      'DS : fonctions',
      'Quiz ?',
      '« Le Cid »',
      'Oral !',
      ': seul',
      'A;B',
      'Deux\nlignes',
    ];
    const average = subjectAverage(
      labels.map((label, i) => ({
        ref: String(i),
        label,
        value: i === 3 ? { kind: 'abs' as const } : { kind: 'points' as const, points: 1200 + i },
        scaleHundredths: i % 2 === 0 ? 2000 : 1000,
        coefficientHundredths: 100,
      })),
    );
    for (const withBreak of [false, true]) {
      const view = withBreak
        ? average
        : subjectAverage(
            average.explanation.counted.map((c, i) => ({
              ref: c.ref,
              label: labels[i]!.replace('\n', ' '),
              value: { kind: 'points' as const, points: 1500 },
              scaleHundredths: 2000,
              coefficientHundredths: 100,
            })),
          );
      const lines = explainSubjectAverage(view);
      expect(lines.length).toBeGreaterThan(labels.length);
      for (const line of lines) expect(line).toBe(frenchSpacing(line));
      expect(lines.join('\n')).not.toMatch(/ [:;?!»]|« /);
    }
    expect(explainSubjectAverage(average).some((l) => l.startsWith('DS\u00a0: fonctions'))).toBe(
      true,
    );
  });
});
