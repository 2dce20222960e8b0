import { roundToHundredths, type Rational } from './rational';

/** What the notes pages show where there is no average: never 0, never « NaN ». */
export const NO_AVERAGE = '—';

/** 867 → « 8,67 », 1650 → « 16,50 »: always two decimals, as the guides' notes tables show. */
export function formatHundredths(hundredths: bigint | number | null): string {
  if (hundredths === null) return NO_AVERAGE;
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

/** A coefficient as typed: 1 → « 1 », 0.5 → « 0,5 », 1.25 → « 1,25 ». */
export function formatCoefficient(hundredths: number): string {
  const text = formatHundredths(hundredths);
  return text.replace(/,?0+$/, '') || '0';
}
