/**
 * The one averages engine (SPEC §5, issue 16 §4): the notes pages, the staff grid, the
 * report cards and any export call it, so that no two screens round differently (GEPI's
 * carnet, bulletin and LSU export each did). Exact arithmetic on fractions; rounding happens
 * once, for display, to hundredths, half up. Each average carries its explanation: what the
 * portal shows under « Comment est calculée cette moyenne ? » is what was computed.
 * See docs/AVERAGES.md.
 */
import { formatHundredths, formatRational } from './display';
import { markLabel, SPECIAL_MARKS, type MarkValue, type SpecialMark } from './marks';
import {
  add,
  compare,
  divide,
  multiply,
  rational,
  roundToHundredths,
  ZERO,
  type Rational,
} from './rational';

/** One mark of a pupil in one subject and period, as the grid holds it. */
export interface MarkForAverage {
  /** The caller's id (the mark's or the assessment's), returned in the explanation. */
  ref: string;
  /** The assessment's label (« DS 1 »), for the explanation. */
  label: string;
  value: MarkValue;
  /** The barème in hundredths: 2000 for /20, 1000 for /10. */
  scaleHundredths: number;
  /** The assessment's coefficient in hundredths: 100 is 1, 50 is 0,5; 0 shows, counts nowhere. */
  coefficientHundredths: number;
  /** « facultatif »: counts only where it raises the average, never lowers it. */
  optional?: boolean;
}

export type LeftOutReason = SpecialMark | 'coefficientZero' | 'optionalWouldLower';

export const LEFT_OUT_REASONS: Record<LeftOutReason, string> = {
  abs: 'absent : ne compte pas',
  disp: 'dispensé : ne compte pas',
  nn: 'non noté : ne compte pas',
  coefficientZero: 'coefficient 0 : la note est affichée mais ne compte pas',
  optionalWouldLower: 'note facultative : elle aurait baissé la moyenne, elle ne compte donc pas',
};

export interface CountedMark {
  ref: string;
  label: string;
  /** As typed and shown: « 2,00/10 ». */
  markLabel: string;
  /** The mark brought to /20, exact (7,20/19 is 144/19). */
  onTwenty: Rational;
  coefficientHundredths: number;
  optional: boolean;
}

export interface LeftOutMark {
  ref: string;
  label: string;
  markLabel: string;
  reason: LeftOutReason;
}

export interface AverageExplanation {
  counted: CountedMark[];
  leftOut: LeftOutMark[];
  /** Σ(mark /20 × coefficient). */
  weightedSum: Rational;
  /** Σ coefficients, as a number of points (coefficient 0,5 is 1/2). */
  coefficientSum: Rational;
}

export interface Average {
  /** Exact, or null when no mark counts (shown « — », never 0). */
  value: Rational | null;
  /** Rounded half up to hundredths: 867 is 8,67. */
  hundredths: number | null;
  /** « 8,67 » or « — ». */
  display: string;
  explanation: AverageExplanation;
}

function coefficient(hundredths: number): Rational {
  return rational(hundredths, 100);
}

function onTwenty(points: number, scaleHundredths: number): Rational {
  // points ≤ scale (a few thousand hundredths): points × 20 is a safe integer.
  return Number.isSafeInteger(points * 20)
    ? rational(points * 20, scaleHundredths)
    : rational(BigInt(points) * 20n, scaleHundredths);
}

function averageOf(weightedSum: Rational, coefficientSum: Rational): Rational | null {
  return coefficientSum.numerator === 0n ? null : divide(weightedSum, coefficientSum);
}

function finish(value: Rational | null, explanation: AverageExplanation): Average {
  const hundredths = value === null ? null : Number(roundToHundredths(value));
  return { value, hundredths, display: formatHundredths(hundredths), explanation };
}

/**
 * A pupil's average in one subject over one period: Σ(mark /20 × coef) / Σ coef.
 * Abs, Disp, NN and coefficient 0 count nowhere. Facultatif marks are then tried best first
 * (highest /20 first): each joins only if it strictly raises the average reached so far. As
 * the marks tried only get lower and the average only gets higher, the first one that would
 * not raise it ends the trial; the result is the highest average any choice of facultatif
 * marks could give, and never below the average of the compulsory marks alone. With only
 * facultatif marks, the best one starts the average.
 */
export function subjectAverage(marks: readonly MarkForAverage[]): Average {
  const counted: CountedMark[] = [];
  const leftOut: LeftOutMark[] = [];
  const optional: CountedMark[] = [];
  let weightedSum = ZERO;
  let coefficientSum = ZERO;

  for (const mark of marks) {
    const shown = markLabel(mark.value, mark.scaleHundredths);
    if (mark.value.kind !== 'points') {
      leftOut.push({ ref: mark.ref, label: mark.label, markLabel: shown, reason: mark.value.kind });
      continue;
    }
    if (mark.coefficientHundredths === 0) {
      leftOut.push({
        ref: mark.ref,
        label: mark.label,
        markLabel: shown,
        reason: 'coefficientZero',
      });
      continue;
    }
    const entry: CountedMark = {
      ref: mark.ref,
      label: mark.label,
      markLabel: shown,
      onTwenty: onTwenty(mark.value.points, mark.scaleHundredths),
      coefficientHundredths: mark.coefficientHundredths,
      optional: mark.optional === true,
    };
    if (entry.optional) {
      optional.push(entry);
      continue;
    }
    counted.push(entry);
    weightedSum = add(
      weightedSum,
      multiply(entry.onTwenty, coefficient(entry.coefficientHundredths)),
    );
    coefficientSum = add(coefficientSum, coefficient(entry.coefficientHundredths));
  }

  optional.sort((a, b) => compare(b.onTwenty, a.onTwenty));
  for (const entry of optional) {
    const current = averageOf(weightedSum, coefficientSum);
    if (current !== null && compare(entry.onTwenty, current) <= 0) {
      leftOut.push({
        ref: entry.ref,
        label: entry.label,
        markLabel: entry.markLabel,
        reason: 'optionalWouldLower',
      });
      continue;
    }
    counted.push(entry);
    weightedSum = add(
      weightedSum,
      multiply(entry.onTwenty, coefficient(entry.coefficientHundredths)),
    );
    coefficientSum = add(coefficientSum, coefficient(entry.coefficientHundredths));
  }

  return finish(averageOf(weightedSum, coefficientSum), {
    counted,
    leftOut,
    weightedSum,
    coefficientSum,
  });
}

/** One subject of a pupil, for the general average. */
export interface SubjectForGeneralAverage {
  ref: string;
  /** « MATHÉMATIQUES ». */
  label: string;
  /** The exact subject average (`subjectAverage(…).value`); null when the subject has none. */
  average: Rational | null;
  /** The subject's coefficient in the division, in hundredths: 100 (1) when none is set. */
  coefficientHundredths?: number;
}

export type SubjectLeftOutReason = 'noAverage' | 'coefficientZero';

export const SUBJECT_LEFT_OUT_REASONS: Record<SubjectLeftOutReason, string> = {
  noAverage: 'pas de moyenne dans cette matière : elle ne compte pas',
  coefficientZero: 'coefficient 0 : la matière ne compte pas',
};

export interface GeneralAverage {
  value: Rational | null;
  hundredths: number | null;
  display: string;
  explanation: {
    counted: { ref: string; label: string; average: Rational; coefficientHundredths: number }[];
    leftOut: { ref: string; label: string; reason: SubjectLeftOutReason }[];
    weightedSum: Rational;
    coefficientSum: Rational;
  };
}

/**
 * Σ(subject average × subject coefficient) / Σ subject coefficients, on the exact subject
 * averages (not their rounded display, so that rounding happens once). Never a pool of all
 * marks: a subject with many marks weighs what its coefficient says, no more.
 */
export function generalAverage(subjects: readonly SubjectForGeneralAverage[]): GeneralAverage {
  const counted: GeneralAverage['explanation']['counted'] = [];
  const leftOut: GeneralAverage['explanation']['leftOut'] = [];
  let weightedSum = ZERO;
  let coefficientSum = ZERO;
  for (const subject of subjects) {
    const coefficientHundredths = subject.coefficientHundredths ?? 100;
    if (subject.average === null) {
      leftOut.push({ ref: subject.ref, label: subject.label, reason: 'noAverage' });
    } else if (coefficientHundredths === 0) {
      leftOut.push({ ref: subject.ref, label: subject.label, reason: 'coefficientZero' });
    } else {
      counted.push({
        ref: subject.ref,
        label: subject.label,
        average: subject.average,
        coefficientHundredths,
      });
      weightedSum = add(weightedSum, multiply(subject.average, coefficient(coefficientHundredths)));
      coefficientSum = add(coefficientSum, coefficient(coefficientHundredths));
    }
  }
  const value = averageOf(weightedSum, coefficientSum);
  const hundredths = value === null ? null : Number(roundToHundredths(value));
  return {
    value,
    hundredths,
    display: formatHundredths(hundredths),
    explanation: { counted, leftOut, weightedSum, coefficientSum },
  };
}

/** Average, lowest and highest of a set of values; null where the set is empty. */
export interface ClassFigures {
  /** How many values there were (pupils with a mark, or with an average). */
  count: number;
  average: Rational | null;
  lowest: Rational | null;
  highest: Rational | null;
  display: { average: string; lowest: string; highest: string };
}

function figures(values: readonly Rational[]): ClassFigures {
  let sum = ZERO;
  let lowest: Rational | null = null;
  let highest: Rational | null = null;
  for (const value of values) {
    sum = add(sum, value);
    if (lowest === null || compare(value, lowest) < 0) lowest = value;
    if (highest === null || compare(value, highest) > 0) highest = value;
  }
  const average = values.length === 0 ? null : divide(sum, rational(values.length));
  return {
    count: values.length,
    average,
    lowest,
    highest,
    display: {
      average: formatRational(average),
      lowest: formatRational(lowest),
      highest: formatRational(highest),
    },
  };
}

/**
 * The class figures of one assessment, on the assessment's own scale (the guides show
 * « 8,00/16 » beside a class average of 8,32 and a highest of 10,00): the marks of the
 * pupils who have one; Abs, Disp, NN and empty cells are not marks. The coefficient plays no
 * part: every pupil's mark weighs the same.
 */
export function assessmentFigures(values: readonly (MarkValue | null)[]): ClassFigures {
  return figures(
    values.flatMap((value) => (value?.kind === 'points' ? [rational(value.points, 100)] : [])),
  );
}

/** The class figures of a subject over a period: the pupils' exact subject averages. */
export function subjectClassFigures(averages: readonly (Rational | null)[]): ClassFigures {
  return figures(averages.filter((average): average is Rational => average !== null));
}

/** The French label of a special mark's meaning, for screens that spell it out. */
export function specialMarkMeaning(kind: SpecialMark): string {
  return SPECIAL_MARKS[kind].meaning;
}
