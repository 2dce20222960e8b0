/**
 * The French text under « Comment est calculée cette moyenne ? » on the notes pages: built
 * from the explanation the engine returned with the average, so the figures a family reads
 * are the ones that were computed. One paragraph a string; the page decides the layout.
 */
import { frenchSpacing } from '../frenchTypography';
import type { Average, GeneralAverage } from './averages';
import { LEFT_OUT_REASONS, SUBJECT_LEFT_OUT_REASONS } from './averages';
import { formatCoefficient, formatRational } from './display';
import { isExactHundredths, roundToHundredths, type Rational } from './rational';

export const EXPLANATION_TITLE = frenchSpacing('Comment est calculée cette moyenne ?');

/**
 * frenchSpacing on every paragraph, in one pass over them joined by line breaks (a notes page
 * explains 300 marks: four regular expressions a line were a tenth of its time). The same
 * result: a line break is a space to « : ; ? ! » and a start of line is no word before them.
 */
function spaced(lines: string[]): string[] {
  if (lines.some((line) => line.includes('\n'))) return lines.map(frenchSpacing);
  return frenchSpacing(lines.join('\n')).split('\n');
}

/** « 4,00 », or « ≈ 7,58 » where the rounding hides digits. */
function figure(value: Rational): string {
  return `${isExactHundredths(value) ? '' : '≈\u00a0'}${formatRational(value)}`;
}

function sumLine(
  terms: { value: Rational; coefficientHundredths: number }[],
  weightedSum: Rational,
  coefficientSum: Rational,
  result: string,
): string {
  const products = terms
    .map((term) => `${figure(term.value)} × ${formatCoefficient(term.coefficientHundredths)}`)
    .join(' + ');
  const coefficients = terms
    .map((term) => formatCoefficient(term.coefficientHundredths))
    .join(' + ');
  return `(${products}) ÷ (${coefficients}) = ${figure(weightedSum)} ÷ ${formatCoefficient(Number(roundToHundredths(coefficientSum)))} = ${result}`;
}

/** A subject average explained, paragraph by paragraph. */
export function explainSubjectAverage(average: Average): string[] {
  const { counted, leftOut, weightedSum, coefficientSum } = average.explanation;
  const lines: string[] = [];
  if (counted.length === 0) {
    lines.push('Aucune note ne compte pour cette moyenne : elle n’est pas calculée (—).');
  } else {
    lines.push(
      'Chaque note est ramenée sur 20 et multipliée par le coefficient du devoir ; la somme est divisée par la somme des coefficients.',
    );
    for (const mark of counted) {
      const converted = mark.markLabel.includes('/') ? ` soit ${figure(mark.onTwenty)}/20,` : ',';
      const optional = mark.optional ? ' (facultative, elle relève la moyenne)' : '';
      lines.push(
        `${mark.label} : ${mark.markLabel}${converted} coefficient ${formatCoefficient(mark.coefficientHundredths)}${optional}`,
      );
    }
    lines.push(
      sumLine(
        counted.map((mark) => ({
          value: mark.onTwenty,
          coefficientHundredths: mark.coefficientHundredths,
        })),
        weightedSum,
        coefficientSum,
        average.display,
      ),
    );
    lines.push('La moyenne est arrondie au centième le plus proche (0,005 vers le haut).');
  }
  if (leftOut.length > 0) {
    lines.push('Notes qui ne comptent pas :');
    for (const mark of leftOut) {
      lines.push(`${mark.label} : ${mark.markLabel}, ${LEFT_OUT_REASONS[mark.reason]}`);
    }
  }
  return spaced(lines);
}

/** The general average explained: each subject's average and coefficient. */
export function explainGeneralAverage(average: GeneralAverage): string[] {
  const { counted, leftOut, weightedSum, coefficientSum } = average.explanation;
  const lines: string[] = [];
  if (counted.length === 0) {
    lines.push('Aucune matière n’a de moyenne : la moyenne générale n’est pas calculée (—).');
  } else {
    lines.push(
      'Chaque moyenne de matière est multipliée par le coefficient de la matière ; la somme est divisée par la somme des coefficients. Ce n’est pas la moyenne de toutes les notes mises ensemble.',
    );
    for (const subject of counted) {
      lines.push(
        `${subject.label} : ${figure(subject.average)}, coefficient ${formatCoefficient(subject.coefficientHundredths)}`,
      );
    }
    lines.push(
      sumLine(
        counted.map((subject) => ({
          value: subject.average,
          coefficientHundredths: subject.coefficientHundredths,
        })),
        weightedSum,
        coefficientSum,
        average.display,
      ),
    );
  }
  for (const subject of leftOut) {
    lines.push(`${subject.label} : ${SUBJECT_LEFT_OUT_REASONS[subject.reason]}`);
  }
  return spaced(lines);
}

/**
 * A subject average as plain JSON for a read model, an IPC answer or a page: the exact
 * fractions hold BigInts, which JSON.stringify refuses, so only their rounded display goes
 * out, with the explanation already in French.
 */
export interface AverageView {
  hundredths: number | null;
  /** « 8,67 » or « — ». */
  display: string;
  counted: {
    ref: string;
    label: string;
    markLabel: string;
    /** The mark /20 as shown: « 4,00 », « ≈ 7,58 ». */
    onTwenty: string;
    coefficient: string;
    optional: boolean;
  }[];
  leftOut: { ref: string; label: string; markLabel: string; reason: string }[];
  /** The paragraphs of « Comment est calculée cette moyenne ? ». */
  explanation: string[];
}

export function toAverageView(average: Average): AverageView {
  return {
    hundredths: average.hundredths,
    display: average.display,
    counted: average.explanation.counted.map((mark) => ({
      ref: mark.ref,
      label: mark.label,
      markLabel: mark.markLabel,
      onTwenty: figure(mark.onTwenty),
      coefficient: formatCoefficient(mark.coefficientHundredths),
      optional: mark.optional,
    })),
    leftOut: average.explanation.leftOut.map((mark) => ({
      ref: mark.ref,
      label: mark.label,
      markLabel: mark.markLabel,
      reason: LEFT_OUT_REASONS[mark.reason],
    })),
    explanation: explainSubjectAverage(average),
  };
}

/** The general average as plain JSON, like `toAverageView`. */
export interface GeneralAverageView {
  hundredths: number | null;
  display: string;
  counted: { ref: string; label: string; average: string; coefficient: string }[];
  leftOut: { ref: string; label: string; reason: string }[];
  explanation: string[];
}

export function toGeneralAverageView(average: GeneralAverage): GeneralAverageView {
  return {
    hundredths: average.hundredths,
    display: average.display,
    counted: average.explanation.counted.map((subject) => ({
      ref: subject.ref,
      label: subject.label,
      average: formatRational(subject.average),
      coefficient: formatCoefficient(subject.coefficientHundredths),
    })),
    leftOut: average.explanation.leftOut.map((subject) => ({
      ref: subject.ref,
      label: subject.label,
      reason: SUBJECT_LEFT_OUT_REASONS[subject.reason],
    })),
    explanation: explainGeneralAverage(average),
  };
}
