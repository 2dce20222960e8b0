import type { AccountKind, AccountState } from './accounts';

/**
 * Where a family account stands on the portal (SPEC §4.2): a provisional account must first
 * give the date of birth, a new password and an address; a responsable stays on the
 * « Vérification mail » screen until the address is confirmed; an élève may use the portal
 * at once. Expired, closed and never-notified accounts cannot log in at all.
 */
export type FamilyStage = 'first_connection' | 'verify_email' | 'home';

export function familyStage(account: {
  kind: AccountKind;
  state: AccountState;
}): FamilyStage | null {
  if (account.state === 'provisional') return 'first_connection';
  if (account.state === 'awaiting_confirmation')
    return account.kind === 'guardian' ? 'verify_email' : 'home';
  if (account.state === 'active') return 'home';
  return null;
}

/** The calls each stage allows; 'home' allows every call its role allows. */
const STAGE_CALLS: Record<Exclude<FamilyStage, 'home'>, readonly string[]> = {
  first_connection: ['portal.firstConnection', 'portal.logout', 'portal.stage'],
  verify_email: [
    'portal.resendConfirmation',
    'portal.correctEmail',
    'portal.logout',
    'portal.stage',
  ],
};

export function stageAllows(stage: FamilyStage, call: string): boolean {
  return stage === 'home' ? call !== 'portal.firstConnection' : STAGE_CALLS[stage].includes(call);
}
