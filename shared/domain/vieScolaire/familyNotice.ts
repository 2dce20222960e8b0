/**
 * « Famille avisée le … » records a call, a letter or an e-mail that happened: a day to come
 * would say the family knows what it does not yet (and a sanction is shown to families once
 * « famille avisée » is set, issue 17 §4). The window and the server ask the same question,
 * each against its clock; the allowance covers a window whose clock runs a little ahead of
 * the server's (web mode from another computer), not a day to come.
 */
export const FAMILY_NOTICE_CLOCK_ALLOWANCE_MS = 5 * 60_000;

export const FAMILY_NOTICE_IN_FUTURE =
  'Famille avisée le : la date et l’heure ne peuvent pas être dans le futur.';

export function familyNoticeInFuture(notifiedAt: string, now: Date): boolean {
  return new Date(notifiedAt).getTime() > now.getTime() + FAMILY_NOTICE_CLOCK_ALLOWANCE_MS;
}
