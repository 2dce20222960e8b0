import { roundToHundredths, type Rational } from './rational';

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** What the notes pages show where there is no average: never 0, never « NaN ». */
export const NO_AVERAGE = '—';

/** 867 → « 8,67 », 1650 → « 16,50 »: always two decimals, as the guides' notes tables show. */
export function formatHundredths(hundredths: bigint | number | null): string {
  if (hundredths === null) return NO_AVERAGE;
  // Marks, coefficients and rounded averages are small integers: no BigInt needed for them.
  if (typeof hundredths === 'bigint' && hundredths >= -SAFE && hundredths <= SAFE) {
    return formatHundredths(Number(hundredths));
  }
  if (typeof hundredths === 'number' && Number.isSafeInteger(hundredths)) {
    const magnitude = Math.abs(hundredths);
    const cents = magnitude % 100;
    return `${hundredths < 0 ? '-' : ''}${(magnitude - cents) / 100},${cents < 10 ? '0' : ''}${cents}`;
  }
  const value = BigInt(hundredths);
  const sign = value < 0n ? '-' : '';
  const magnitude = value < 0n ? -value : value;
  const units = magnitude / 100n;
  const cents = (magnitude % 100n).toString().padStart(2, '0');
  return `${sign}${units},${cents}`;
}

/** An exact value rounded half up to hundredths, in French: 26/3 → « 8,67 »; null → « — ». */
export function formatRational(value: Rational | null): string {
  return value === null ? NO_AVERAGE : formatHundredths(roundToHundredths(value));
}

const coefficients = new Map<number, string>();

/** A coefficient as typed: 1 → « 1 », 0.5 → « 0,5 », 1.25 → « 1,25 ». */
export function formatCoefficient(hundredths: number): string {
  let text = coefficients.get(hundredths);
  if (text === undefined) {
    text = formatHundredths(hundredths).replace(/,?0+$/, '') || '0';
    // A school uses a handful of coefficients; a page asks for one a mark.
    if (coefficients.size < 10_000) coefficients.set(hundredths, text);
  }
  return text;
}
