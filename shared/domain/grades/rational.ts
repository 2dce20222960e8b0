/**
 * Exact fractions on BigInt, so that no average ever drifts through float accumulation
 * (0.1 + 0.2 ≠ 0.3; a mark of 7,20/19 brought to /20 has no finite binary form). Always kept
 * reduced with a positive denominator, so two equal values have equal parts.
 */
export interface Rational {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function numberGcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

export function rational(numerator: bigint | number, denominator: bigint | number = 1n): Rational {
  // A mark brought to /20 or a coefficient: small integers, reduced in plain (exact) integer
  // arithmetic; BigInt is only built for the result.
  if (
    typeof numerator === 'number' &&
    typeof denominator === 'number' &&
    Number.isSafeInteger(numerator) &&
    Number.isSafeInteger(denominator) &&
    denominator !== 0
  ) {
    const sign = denominator < 0 ? -1 : 1;
    const divisor = numberGcd(numerator, denominator) || 1;
    return {
      numerator: BigInt((sign * numerator) / divisor),
      denominator: BigInt((sign * denominator) / divisor),
    };
  }
  let n = BigInt(numerator);
  let d = BigInt(denominator);
  if (d === 0n) throw new RangeError('Division par zéro dans un calcul de moyenne.');
  if (d < 0n) [n, d] = [-n, -d];
  const divisor = gcd(n, d) || 1n;
  return { numerator: n / divisor, denominator: d / divisor };
}

export const ZERO = rational(0);

export function add(a: Rational, b: Rational): Rational {
  return rational(
    a.numerator * b.denominator + b.numerator * a.denominator,
    a.denominator * b.denominator,
  );
}

export function multiply(a: Rational, b: Rational): Rational {
  return rational(a.numerator * b.numerator, a.denominator * b.denominator);
}

export function divide(a: Rational, b: Rational): Rational {
  return rational(a.numerator * b.denominator, a.denominator * b.numerator);
}

/** Negative, zero or positive as a is below, equal to or above b. */
export function compare(a: Rational, b: Rational): number {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

export function isExactHundredths(value: Rational): boolean {
  return (value.numerator * 100n) % value.denominator === 0n;
}

/**
 * The value in hundredths, rounded half up (away from zero for a half: averages are never
 * negative, and « arrondi au centième supérieur » is how French report cards read 8,665 → 8,67).
 */
export function roundToHundredths(value: Rational): bigint {
  const scaled = value.numerator * 100n;
  const sign = scaled < 0n ? -1n : 1n;
  const magnitude = scaled * sign;
  return sign * ((magnitude * 2n + value.denominator) / (value.denominator * 2n));
}

/** The value as a plain number, for sorting or charts only, never for arithmetic. */
export function toNumber(value: Rational): number {
  return Number(roundToHundredths(value)) / 100;
}
