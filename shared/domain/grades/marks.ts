import { frenchSpacing } from '../frenchTypography';
import { formatHundredths } from './display';

/**
 * A mark as the grid holds it. Marks and scales are integer hundredths (12,5/20 is
 * { points: 1250 } on scale 2000): a database column of integers keeps them exact, where a
 * TypeScript `number` column would have turned 12.5 into 12 (ARCHITECTURE.md, rule 4).
 */

/** Abs (absent), Disp (dispensé), NN (non noté): shown, counted in no average (SPEC §5). */
export const SPECIAL_MARKS = {
  abs: { label: 'Abs', meaning: 'absent' },
  disp: { label: 'Disp', meaning: 'dispensé' },
  nn: { label: 'NN', meaning: 'non noté' },
} as const;
export type SpecialMark = keyof typeof SPECIAL_MARKS;

export type MarkValue = { kind: 'points'; points: number } | { kind: SpecialMark };

/** Coefficients of an assessment or a subject: 0 to 99, two decimals at most (0,5 is common). */
export const MAX_COEFFICIENT = 99;
/** A barème beyond /100 is a typing slip, not a scale. */
export const MAX_SCALE_HUNDREDTHS = 100_00;
export const DEFAULT_SCALE_HUNDREDTHS = 20_00;

export type ParsedMark = { ok: true; value: MarkValue | null } | { ok: false; message: string };

const NUMBER = /^(\d{1,3})(?:[.,](\d{1,2}))?$/;
const TOO_PRECISE = /^\d+[.,]\d{3,}$/;

// A Map, not an object literal: « constructor » or « toString » typed in a cell must not
// find Object's own properties.
const SPECIAL_BY_INPUT = new Map<string, SpecialMark>([
  ['abs', 'abs'],
  ['a', 'abs'],
  ['disp', 'disp'],
  ['d', 'disp'],
  ['nn', 'nn'],
  ['n', 'nn'],
]);

/** « 12 », « 16 », « 12,5 » from hundredths (no trailing zeros: what a teacher would type). */
export function formatPoints(hundredths: number): string {
  const units = Math.trunc(hundredths / 100);
  const cents = hundredths % 100;
  if (cents === 0) return String(units);
  return `${units},${String(cents).padStart(2, '0').replace(/0$/, '')}`;
}

/**
 * What a teacher types in a cell of the marks grid: « 12,5 » or « 12.5 », « Abs »/« a »,
 * « Disp »/« d », « NN »/« n » in any case; an empty cell is no mark (null). Anything else,
 * a mark above the scale or with more than two decimals, gets a French message.
 */
export function parseMarkInput(
  text: string,
  scaleHundredths: number = DEFAULT_SCALE_HUNDREDTHS,
): ParsedMark {
  const typed = text.trim();
  if (typed === '') return { ok: true, value: null };
  const special = SPECIAL_BY_INPUT.get(typed.toLowerCase());
  if (special) return { ok: true, value: { kind: special } };
  if (TOO_PRECISE.test(typed)) {
    return refuse(`« ${text.trim()} » : une note a deux décimales au plus (ex. 12,25).`);
  }
  const match = NUMBER.exec(typed);
  if (!match) {
    return refuse(
      `« ${text.trim()} » n’est pas une note : tapez un nombre (ex. 12,5) ou Abs, Disp, NN (a, d, n).`,
    );
  }
  const points = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (points > scaleHundredths) {
    return refuse(
      `${formatPoints(points)} dépasse le barème : la note est sur ${formatPoints(scaleHundredths)}.`,
    );
  }
  return { ok: true, value: { kind: 'points', points } };
}

function refuse(message: string): ParsedMark {
  return { ok: false, message: frenchSpacing(message) };
}

/** What the notes pages show for a mark, as the guides do: « 16,50 », « 8,00/16 », « Abs ». */
export function markLabel(
  value: MarkValue,
  scaleHundredths: number = DEFAULT_SCALE_HUNDREDTHS,
): string {
  if (value.kind !== 'points') return SPECIAL_MARKS[value.kind].label;
  const points = formatHundredths(value.points);
  return scaleHundredths === DEFAULT_SCALE_HUNDREDTHS
    ? points
    : `${points}/${formatPoints(scaleHundredths)}`;
}

export type ParsedHundredths = { ok: true; hundredths: number } | { ok: false; message: string };

function parseHundredths(text: string): number | null {
  const match = NUMBER.exec(text.trim());
  return match ? Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) : null;
}

/** A coefficient as typed (« 2 », « 0,5 »): 0 to 99, two decimals at most; 0 shows, counts nowhere. */
export function parseCoefficientInput(text: string): ParsedHundredths {
  const hundredths = parseHundredths(text);
  if (hundredths === null || hundredths > MAX_COEFFICIENT * 100) {
    return {
      ok: false,
      message: frenchSpacing(
        `« ${text.trim()} » n’est pas un coefficient : de 0 à ${MAX_COEFFICIENT}, deux décimales au plus (ex. 0,5).`,
      ),
    };
  }
  return { ok: true, hundredths };
}

/** A barème as typed (« 20 », « 10 », « 19 »): above 0, at most 100, two decimals at most. */
export function parseScaleInput(text: string): ParsedHundredths {
  const hundredths = parseHundredths(text);
  if (hundredths === null || hundredths === 0 || hundredths > MAX_SCALE_HUNDREDTHS) {
    return {
      ok: false,
      message: frenchSpacing(
        `« ${text.trim()} » n’est pas un barème : un nombre au-dessus de 0, jusqu’à 100 (ex. 20).`,
      ),
    };
  }
  return { ok: true, hundredths };
}
