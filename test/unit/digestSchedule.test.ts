import { describe, expect, it } from 'vitest';
import {
  digestDue,
  digestSendDecision,
  validDigestHour,
} from '../../shared/domain/digest/digestSchedule';

// Issue 17 §5: « at most once a day at a set hour, never between 21:00 and 07:00 ».
describe('when the family digest may go', () => {
  const slot = { parisDay: '2026-11-24', schoolHour: 17, lastSentOn: null };
  it.each([
    [6, false, 'the night, before 07:00'],
    [7, false, 'the morning, before the school’s hour'],
    [16, false, 'an hour before'],
    [17, true, 'the school’s hour'],
    [20, true, 'the evening, still before 21:00'],
    [21, false, '21:00: the night begins'],
    [23, false, 'the night'],
  ])('at %i h: %s (%s)', (parisHour, due) => {
    expect(digestDue({ ...slot, parisHour })).toBe(due);
  });

  it('once a Paris day: not again the day it went, again the next day', () => {
    expect(digestDue({ ...slot, parisHour: 18, lastSentOn: '2026-11-24' })).toBe(false);
    expect(digestDue({ ...slot, parisHour: 18, lastSentOn: '2026-11-23' })).toBe(true);
  });

  it('a setting in the night or out of range falls back to 17 h', () => {
    expect(validDigestHour(22)).toBe(17);
    expect(validDigestHour(3)).toBe(17);
    expect(validDigestHour(null)).toBe(17);
    expect(validDigestHour(9)).toBe(9);
  });
});

describe('what the outbox does with a queued digest (never at night, even on a retry)', () => {
  const queued = '2027-03-28T03:30:00.000Z'; // 05:30 Paris, the night the clocks go forward
  it('waits for 07:00 Paris, on a clock-change day too', () => {
    expect(digestSendDecision(queued, new Date('2027-03-28T04:00:00.000Z'))).toEqual({
      kind: 'hold',
      until: '2027-03-28T05:00:00.000Z',
    });
  });
  it('sends from 07:00 to 21:00 the day it was queued', () => {
    expect(digestSendDecision(queued, new Date('2027-03-28T05:00:00.000Z'))).toEqual({
      kind: 'send',
    });
  });
  it('drops it from 21:00, and any later day', () => {
    expect(digestSendDecision(queued, new Date('2027-03-28T19:00:00.000Z')).kind).toBe('drop');
    expect(digestSendDecision(queued, new Date('2027-03-29T10:00:00.000Z')).kind).toBe('drop');
  });
});
