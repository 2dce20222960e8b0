import { describe, expect, it } from 'vitest';
import {
  activationDeadline,
  addMonths,
  campaignGroupOf,
  isExpired,
  type AccountState,
  type ClosedReason,
} from '../../shared/domain/accounts';

describe('« un délai de 3 mois pour activer votre compte » (seed 004)', () => {
  it('runs from the letter’s date', () => {
    expect(activationDeadline('2026-09-01')).toBe('2026-12-01');
    expect(activationDeadline('2026-11-30')).toBe('2027-02-28');
    expect(activationDeadline('2027-11-30')).toBe('2028-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
  });

  it('an account expires the day after its deadline, not on it', () => {
    expect(isExpired('provisional', '2026-12-01', '2026-12-01')).toBe(false);
    expect(isExpired('provisional', '2026-12-01', '2026-12-02')).toBe(true);
    expect(isExpired('awaiting_confirmation', '2026-12-01', '2026-12-02')).toBe(true);
    expect(isExpired('active', '2026-12-01', '2027-06-01')).toBe(false);
  });

  it('sorts accounts into the campaign groups, « expirent sous 15 jours » included', () => {
    const today = '2026-11-23';
    const g = (
      state: AccountState,
      expiresOn: string | null,
      closedReason: ClosedReason | null = null,
    ) => campaignGroupOf({ state, expiresOn, closedReason }, today);
    expect(g('not_notified', null)).toBe('not_notified');
    expect(g('provisional', '2027-02-23')).toBe('notified');
    expect(g('provisional', '2026-12-08')).toBe('expiring');
    expect(g('awaiting_confirmation', '2027-01-10')).toBe('awaiting_confirmation');
    expect(g('provisional', '2026-11-22')).toBe('expired');
    expect(g('closed', null, 'refused')).toBe('refused');
    expect(g('closed', null, 'merged')).toBe(null);
  });
});
