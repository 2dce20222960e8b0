import { describe, expect, it } from 'vitest';
import { rollKey, rollSpan } from '../../shared/domain/vieScolaire/rollSlots';

describe('the span and key of a roll (issue 17 §2)', () => {
  it('a morning runs from 8:00 to the school’s midday boundary, Paris time, in winter and summer', () => {
    expect(rollSpan('2026-11-23', { kind: 'halfDay', part: 'morning' }, '12:00')).toEqual({
      start: new Date('2026-11-23T07:00:00.000Z'),
      end: new Date('2026-11-23T11:00:00.000Z'),
    });
    expect(rollSpan('2027-06-01', { kind: 'halfDay', part: 'afternoon' }, '12:30')).toEqual({
      start: new Date('2027-06-01T10:30:00.000Z'),
      end: new Date('2027-06-01T16:00:00.000Z'),
    });
  });

  it('an hour is the hour given, across the October clock change', () => {
    expect(rollSpan('2026-10-26', { kind: 'hour', from: '10:00', to: '11:00' }, '12:00')).toEqual({
      start: new Date('2026-10-26T09:00:00.000Z'),
      end: new Date('2026-10-26T10:00:00.000Z'),
    });
  });

  it('keys differ by structure, day and slot, and are the same for the same roll', () => {
    const division = { kind: 'division' as const, code: '4A' };
    const morning = { kind: 'halfDay' as const, part: 'morning' as const };
    expect(rollKey(division, '2026-11-23', morning)).toBe('division:4A|2026-11-23|morning');
    expect(rollKey({ kind: 'group', code: '4A' }, '2026-11-23', morning)).not.toBe(
      rollKey(division, '2026-11-23', morning),
    );
    expect(rollKey(division, '2026-11-23', { kind: 'hour', from: '10:00', to: '11:00' })).toBe(
      'division:4A|2026-11-23|10:00-11:00',
    );
  });
});
