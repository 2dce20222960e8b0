import { describe, expect, it } from 'vitest';
import { decayed, HALF_LIFE_MS, lessOne } from '../../main/services/staff/loginThrottle';

describe('a right password takes one failure off a count, and no more', () => {
  const now = new Date('2026-10-15T08:00:00.000Z');
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

  it('half an hour after 16 failures (4 now), one less leaves 3, not a count faded twice', () => {
    const row = { failures: 16, lastFailureAt: ago(2 * HALF_LIFE_MS) };
    expect(decayed(lessOne(row, now), row.lastFailureAt, now)).toBeCloseTo(3, 9);
  });

  it('a count of one or less goes to nothing', () => {
    expect(lessOne({ failures: 2, lastFailureAt: ago(HALF_LIFE_MS) }, now)).toBe(0);
    expect(lessOne({ failures: 0.4, lastFailureAt: ago(0) }, now)).toBe(0);
  });
});
