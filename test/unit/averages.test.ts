import { describe, expect, it } from 'vitest';
import {
  assessmentFigures,
  generalAverage,
  LEFT_OUT_REASONS,
  subjectAverage,
  subjectClassFigures,
  type MarkForAverage,
} from '../../shared/domain/grades/averages';
import {
  EXPLANATION_TITLE,
  explainGeneralAverage,
  explainSubjectAverage,
  toAverageView,
  toGeneralAverageView,
} from '../../shared/domain/grades/explainAverage';
import {
  formatCoefficient,
  formatHundredths,
  formatRational,
} from '../../shared/domain/grades/display';
import { compare, rational, type Rational } from '../../shared/domain/grades/rational';
import type { MarkValue } from '../../shared/domain/grades/marks';

const NBSP = '\u00a0';

let nextRef = 0;
/** A mark typed as the grid would hold it: « 12,5 » on /20, coefficient 1 unless said. */
function mark(
  points: number | 'abs' | 'disp' | 'nn',
  options: { scale?: number; coefficient?: number; optional?: boolean; label?: string } = {},
): MarkForAverage {
  nextRef += 1;
  const value: MarkValue =
    typeof points === 'number'
      ? { kind: 'points', points: Math.round(points * 100) }
      : { kind: points };
  return {
    ref: `m${nextRef}`,
    label: options.label ?? `Devoir ${nextRef}`,
    value,
    scaleHundredths: Math.round((options.scale ?? 20) * 100),
    coefficientHundredths: Math.round((options.coefficient ?? 1) * 100),
    optional: options.optional ?? false,
  };
}

describe('subject average: Σ(mark /20 × coef) / Σ coef (SPEC §5 « marks brought to /20 »)', () => {
  it('Pronote’s published example: 18/20, 2/10 and 1/5 give 8,67', () => {
    const average = subjectAverage([mark(18), mark(2, { scale: 10 }), mark(1, { scale: 5 })]);
    expect(average.value).toEqual(rational(26, 3));
    expect(average.hundredths).toBe(867);
    expect(average.display).toBe('8,67');
    expect(average.explanation.counted.map((m) => m.onTwenty)).toEqual([
      rational(18),
      rational(4),
      rational(4),
    ]);
  });

  it('the guides’ FRANÇAIS row: 13 coef 0,5, 13, 8,00/16 and 7,20/19 give 10,59 exactly (1409/133)', () => {
    const average = subjectAverage([
      mark(13, { coefficient: 0.5 }),
      mark(13),
      mark(8, { scale: 16 }),
      mark(7.2, { scale: 19 }),
    ]);
    expect(average.value).toEqual(rational(1409, 133));
    expect(average.display).toBe('10,59');
  });

  it('« coefficient 0 shows a mark without counting it »', () => {
    const average = subjectAverage([mark(18), mark(2, { coefficient: 0, label: 'Essai' })]);
    expect(average.display).toBe('18,00');
    expect(average.explanation.leftOut).toEqual([
      { ref: expect.any(String), label: 'Essai', markLabel: '2,00', reason: 'coefficientZero' },
    ]);
  });

  it('« special marks Abs, Disp, NN count in no average »; all marks excused → no average, « — »', () => {
    const average = subjectAverage([mark('abs'), mark('disp'), mark('nn')]);
    expect(average.value).toBeNull();
    expect(average.hundredths).toBeNull();
    expect(average.display).toBe('—');
    expect(average.explanation.leftOut.map((m) => [m.markLabel, m.reason])).toEqual([
      ['Abs', 'abs'],
      ['Disp', 'disp'],
      ['NN', 'nn'],
    ]);
    expect(subjectAverage([]).display).toBe('—');
    expect(subjectAverage([mark(12), mark('abs')]).display).toBe('12,00');
  });

  it('a mark of 0 is a mark: the average is 0,00, not « — »', () => {
    expect(subjectAverage([mark(0)]).display).toBe('0,00');
  });

  it('« facultatif » below the average does not count; above it raises the average', () => {
    const below = subjectAverage([
      mark(12),
      mark(14),
      mark(10, { optional: true, label: 'Bonus' }),
    ]);
    expect(below.display).toBe('13,00');
    expect(below.explanation.leftOut).toEqual([
      { ref: expect.any(String), label: 'Bonus', markLabel: '10,00', reason: 'optionalWouldLower' },
    ]);
    const above = subjectAverage([mark(12), mark(14), mark(16, { optional: true })]);
    expect(above.display).toBe('14,00');
    expect(above.explanation.counted.at(-1)?.optional).toBe(true);
    // Equal to the average: it would not raise it, so it stays out.
    const equal = subjectAverage([mark(12), mark(14), mark(13, { optional: true })]);
    expect(equal.explanation.leftOut.map((m) => m.reason)).toEqual(['optionalWouldLower']);
  });

  it('several facultatif marks join best first, each only while it raises the average', () => {
    const average = subjectAverage([
      mark(12),
      mark(13.5, { optional: true }),
      mark(19, { optional: true }),
      mark(15, { optional: true }),
    ]);
    // 19 joins: (12 + 19) / 2 = 15,5; then 15 and 13,5 would lower it.
    expect(average.display).toBe('15,50');
    expect(average.explanation.leftOut.map((m) => m.markLabel)).toEqual(['15,00', '13,50']);
    // 17 and 16 both join: (10 + 17 + 16) / 3 = 14,33; each raised the average when it came.
    expect(
      subjectAverage([mark(10), mark(16, { optional: true }), mark(17, { optional: true })])
        .display,
    ).toBe('14,33');
  });

  it('only facultatif marks: the best one makes the average', () => {
    expect(
      subjectAverage([mark(9, { optional: true }), mark(11, { optional: true })]).display,
    ).toBe('11,00');
  });

  it('facultatif marks never lower the average, and give the best any choice of them could (400 drawn cases)', () => {
    let seed = 20261206;
    const draw = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 400; round += 1) {
      const compulsory = Array.from({ length: draw(4) }, () =>
        mark(draw(2001) / 100, { coefficient: (draw(8) + 1) / 2 }),
      );
      const optional = Array.from({ length: draw(5) }, () =>
        mark(draw(1001) / 100, {
          scale: [10, 20, 19][draw(3)]!,
          coefficient: (draw(6) + 1) / 2,
          optional: true,
        }),
      );
      const without = subjectAverage(compulsory).value;
      const withOptional = subjectAverage([...compulsory, ...optional]).value;
      if (without !== null) expect(compare(withOptional!, without)).toBeGreaterThanOrEqual(0);
      // Brute force over every subset of the facultatif marks.
      let best: Rational | null = without;
      for (let subset = 1; subset < 1 << optional.length; subset += 1) {
        const chosen = optional
          .filter((_, index) => subset & (1 << index))
          .map((m) => ({ ...m, optional: false }));
        const value = subjectAverage([...compulsory, ...chosen]).value!;
        if (best === null || compare(value, best) > 0) best = value;
      }
      expect(withOptional).toEqual(best);
    }
  });

  it('rounds to hundredths half up, exactly: 8,665 → 8,67 where a float would give 8,66', () => {
    expect((8.665).toFixed(2)).toBe('8.66'); // the float trap this engine avoids
    expect(subjectAverage([mark(8.67), mark(8.66)]).display).toBe('8,67');
    expect(subjectAverage([mark(0.01), mark(0)]).display).toBe('0,01'); // 0,005 → 0,01
    expect(subjectAverage([mark(12.34), mark(12.35)]).display).toBe('12,35'); // 12,345
    expect(subjectAverage([mark(12.34), mark(12.34), mark(12.35)]).display).toBe('12,34'); // 12,343…
    expect(subjectAverage([mark(10), mark(10), mark(11)]).display).toBe('10,33'); // 10,333…
    expect(subjectAverage([mark(10), mark(11), mark(11)]).display).toBe('10,67'); // 10,666…
  });

  it('no float accumulation: ten marks of 0,10 average 0,10 and thirty of 0,1 + 0,2 pairs 0,15', () => {
    expect(subjectAverage(Array.from({ length: 10 }, () => mark(0.1))).value).toEqual(
      rational(1, 10),
    );
    const pairs = Array.from({ length: 30 }, (_, i) => mark(i % 2 ? 0.2 : 0.1));
    expect(pairs.length).toBe(30);
    expect(subjectAverage(pairs).value).toEqual(rational(15, 100));
  });
});

describe('« Comment est calculée cette moyenne ? »', () => {
  it('spells out Pronote’s example mark by mark, with the sum and the rounding', () => {
    const lines = explainSubjectAverage(
      subjectAverage([
        mark(18, { label: 'DS 1' }),
        mark(2, { scale: 10, label: 'Interro' }),
        mark(1, { scale: 5, label: 'QCM' }),
        mark('abs', { label: 'Oral' }),
        mark(5, { coefficient: 0, label: 'Essai' }),
        mark(3, { optional: true, label: 'Bonus' }),
      ]),
    );
    expect(lines).toContain(`DS 1${NBSP}: 18,00, coefficient 1`);
    expect(lines).toContain(`Interro${NBSP}: 2,00/10 soit 4,00/20, coefficient 1`);
    expect(lines).toContain('(18,00 × 1 + 4,00 × 1 + 4,00 × 1) ÷ (1 + 1 + 1) = 26,00 ÷ 3 = 8,67');
    expect(lines).toContain(`Oral${NBSP}: Abs, absent${NBSP}: ne compte pas`);
    expect(lines).toContain(
      `Essai${NBSP}: 5,00, coefficient 0${NBSP}: la note est affichée mais ne compte pas`,
    );
    expect(lines.join('\n')).toContain(
      `Bonus${NBSP}: 3,00, note facultative${NBSP}: elle aurait baissé la moyenne`,
    );
  });

  it('marks an inexact conversion with ≈ and writes coefficients as typed', () => {
    const lines = explainSubjectAverage(
      subjectAverage([
        mark(7.2, { scale: 19, label: 'exp écrite' }),
        mark(13, { coefficient: 0.5 }),
      ]),
    );
    expect(lines).toContain(`exp écrite${NBSP}: 7,20/19 soit ≈${NBSP}7,58/20, coefficient 1`);
    expect(lines.some((line) => line.includes('÷ (1 + 0,5) ='))).toBe(true);
  });

  it('the reasons a screen may show as they are carry their no-break spaces', () => {
    expect(LEFT_OUT_REASONS.abs).toBe(`absent${NBSP}: ne compte pas`);
    expect(EXPLANATION_TITLE).toBe('Comment est calculée cette moyenne\u202f?');
  });

  it('goes out as plain JSON (the exact fractions’ BigInts stay inside)', () => {
    const average = subjectAverage([
      mark(7.2, { scale: 19, label: 'exp écrite' }),
      mark('abs', { label: 'Oral' }),
    ]);
    expect(() => JSON.stringify(average)).toThrow(); // why the view exists
    const view = JSON.parse(JSON.stringify(toAverageView(average)));
    expect(view).toMatchObject({
      hundredths: 758,
      display: '7,58',
      counted: [
        { label: 'exp écrite', markLabel: '7,20/19', onTwenty: `≈${NBSP}7,58`, coefficient: '1' },
      ],
      leftOut: [{ label: 'Oral', markLabel: 'Abs', reason: `absent${NBSP}: ne compte pas` }],
    });
    expect(view.explanation).toEqual(explainSubjectAverage(average));
  });

  it('says why there is no average when nothing counts', () => {
    expect(explainSubjectAverage(subjectAverage([mark('disp')]))[0]).toBe(
      `Aucune note ne compte pour cette moyenne${NBSP}: elle n’est pas calculée (—).`,
    );
  });
});

describe('general average: Σ(subject average × subject coefficient) / Σ coefficients, never a pool of marks', () => {
  const math = subjectAverage([mark(12), mark(12), mark(12)]).value;
  const french = subjectAverage([mark(8)]).value;

  it('weighs each subject by its coefficient, not by its number of marks', () => {
    const general = generalAverage([
      { ref: 'math', label: 'MATHÉMATIQUES', average: math },
      { ref: 'fr', label: 'FRANÇAIS', average: french },
    ]);
    expect(general.display).toBe('10,00'); // a pool of the four marks would say 11,00
    const weighted = generalAverage([
      { ref: 'math', label: 'MATHÉMATIQUES', average: math, coefficientHundredths: 300 },
      { ref: 'fr', label: 'FRANÇAIS', average: french, coefficientHundredths: 100 },
    ]);
    expect(weighted.display).toBe('11,00');
    expect(explainGeneralAverage(weighted)).toContain(
      '(12,00 × 3 + 8,00 × 1) ÷ (3 + 1) = 44,00 ÷ 4 = 11,00',
    );
  });

  it('uses the exact subject averages, so rounding happens once', () => {
    // 10,005 and 10,004: rounded first (10,01 and 10,00) they would give 10,005 → 10,01;
    // exactly, (10,005 + 10,004) / 2 = 10,0045 → 10,00.
    const general = generalAverage([
      { ref: 'a', label: 'A', average: rational(2001, 200) },
      { ref: 'b', label: 'B', average: rational(2501, 250) },
    ]);
    expect(general.value).toEqual(rational(20009, 2000));
    expect(general.display).toBe('10,00');
  });

  it('goes out as plain JSON', () => {
    const general = generalAverage([
      { ref: 'math', label: 'MATHÉMATIQUES', average: rational(26, 3), coefficientHundredths: 300 },
      { ref: 'eps', label: 'EPS', average: null },
    ]);
    expect(JSON.parse(JSON.stringify(toGeneralAverageView(general)))).toMatchObject({
      display: '8,67',
      counted: [{ label: 'MATHÉMATIQUES', average: '8,67', coefficient: '3' }],
      leftOut: [
        { label: 'EPS', reason: `pas de moyenne dans cette matière${NBSP}: elle ne compte pas` },
      ],
    });
  });

  it('a subject without an average or with coefficient 0 is listed as not counting; none → « — »', () => {
    const general = generalAverage([
      { ref: 'math', label: 'MATHÉMATIQUES', average: math },
      { ref: 'eps', label: 'EPS', average: null },
      { ref: 'opt', label: 'LATIN', average: french, coefficientHundredths: 0 },
    ]);
    expect(general.display).toBe('12,00');
    expect(general.explanation.leftOut.map((s) => s.reason)).toEqual([
      'noAverage',
      'coefficientZero',
    ]);
    expect(generalAverage([{ ref: 'eps', label: 'EPS', average: null }]).display).toBe('—');
  });
});

describe('class figures (the notes tables’ « Moyenne Min Max »)', () => {
  it('an assessment’s average, lowest and highest on its own scale, from the pupils who have a mark', () => {
    const figures = assessmentFigures([
      { kind: 'points', points: 1650 },
      { kind: 'abs' },
      null,
      { kind: 'points', points: 800 },
      { kind: 'points', points: 1200 },
      { kind: 'nn' },
    ]);
    expect(figures.count).toBe(3);
    expect(figures.display).toEqual({ average: '12,17', lowest: '8,00', highest: '16,50' });
  });

  it('no mark in the class: « — » everywhere, never 0', () => {
    expect(assessmentFigures([{ kind: 'disp' }, null]).display).toEqual({
      average: '—',
      lowest: '—',
      highest: '—',
    });
  });

  it('a subject’s class average is the mean of the pupils’ exact averages', () => {
    const figures = subjectClassFigures([rational(26, 3), null, rational(10), rational(1409, 133)]);
    expect(figures.count).toBe(3);
    expect(figures.display).toEqual({ average: '9,75', lowest: '8,67', highest: '10,59' });
  });
});

describe('averages in French: hundredths, a comma, « — » for none', () => {
  it('always two decimals, as the guides’ notes tables', () => {
    expect(formatHundredths(867)).toBe('8,67');
    expect(formatHundredths(1650)).toBe('16,50');
    expect(formatHundredths(800)).toBe('8,00');
    expect(formatHundredths(5)).toBe('0,05');
    expect(formatHundredths(null)).toBe('—');
    expect(formatRational(rational(26, 3))).toBe('8,67');
    expect(formatRational(null)).toBe('—');
  });

  it('coefficients as typed: « 1 », « 0,5 », « 1,25 », « 10 », « 0 »', () => {
    expect(formatCoefficient(100)).toBe('1');
    expect(formatCoefficient(50)).toBe('0,5');
    expect(formatCoefficient(125)).toBe('1,25');
    expect(formatCoefficient(1000)).toBe('10');
    expect(formatCoefficient(2050)).toBe('20,5');
    expect(formatCoefficient(0)).toBe('0');
  });
});
