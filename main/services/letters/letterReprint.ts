import { ApiFailure } from '../../../shared/api/result';
import type { LetterScopeValue } from '../../../shared/api/staff/letters';
import type { AccountState } from '../../../shared/domain/accounts';

/**
 * What a letter does to an account (issue 13): a first letter gives a provisional password;
 * a re-print replaces the provisional password of a letter already handed out; an account
 * whose holder has chosen a password (awaiting the confirmation of an address, or active) is
 * never touched by a print — its letter recalls the identifiant only — unless staff reset
 * that one account.
 */
export type LetterEffect = 'first' | 'replaces' | 'identifiant' | 'reset';

const PASSWORD_CHOSEN: readonly AccountState[] = ['awaiting_confirmation', 'active'];

export function letterEffect(state: AccountState, reset: boolean): LetterEffect {
  if (PASSWORD_CHOSEN.includes(state)) return reset ? 'reset' : 'identifiant';
  return state === 'not_notified' ? 'first' : 'replaces';
}

export const carriesPassword = (effect: LetterEffect) => effect !== 'identifiant';

/** A reset names one account: a batch never replaces passwords families chose. */
export function checkReset(input: { scope: LetterScopeValue; reset: boolean }): void {
  if (!input.reset) return;
  if (input.scope.kind === 'accounts' && input.scope.accountIds.length === 1) return;
  throw new ApiFailure(
    'invalid_input',
    'Une réinitialisation se fait compte par compte, depuis la fiche du compte : rien n’a été changé.',
  );
}
