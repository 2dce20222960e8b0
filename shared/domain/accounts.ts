/**
 * Family accounts (SPEC §4): their states, the campaign groups staff work by, and the dates
 * that bound them. Pure: the services, the window and the letters all read them from here.
 */
import { addDays } from './publication/parisDays';
export const ACCOUNT_KINDS = { guardian: 'Responsable', student: 'Élève' } as const;
export type AccountKind = keyof typeof ACCOUNT_KINDS;

export const ACCOUNT_STATES = {
  not_notified: 'Non notifié',
  provisional: 'Notifié, en attente de première connexion',
  awaiting_confirmation: 'En attente de confirmation du courriel',
  active: 'Actif',
  expired: 'Expiré',
  closed: 'Fermé',
} as const;
export type AccountState = keyof typeof ACCOUNT_STATES;

export const CLOSED_REASONS = {
  refused: 'Refus d’accès (coupon)',
  merged: 'Regroupé avec un autre compte',
  staff: 'Fermé par l’établissement',
} as const;
export type ClosedReason = keyof typeof CLOSED_REASONS;

/** Wrong dates of birth a letter allows (issue 14); then it is void until a new letter. */
export const BIRTH_DATE_BUDGET = 5;
export const VOIDED_LETTER_REASON = 'Courrier annulé : trop d’erreurs de date de naissance';

/** The groups of the campaign view (issue of letters, follow-up), in the order staff read them. */
export const CAMPAIGN_GROUPS = {
  not_notified: 'Non notifiés',
  notified: 'Notifiés',
  awaiting_confirmation: 'En attente de confirmation',
  active: 'Actifs',
  expiring: 'Expirent sous 15 jours',
  expired: 'Expirés',
  refused: 'Refus',
} as const;
export type CampaignGroup = keyof typeof CAMPAIGN_GROUPS;
export const CAMPAIGN_GROUP_KEYS = Object.keys(CAMPAIGN_GROUPS) as CampaignGroup[];

/** « Vous disposez d’un délai de 3 mois pour activer votre compte » (seeds 000, 004). */
export const ACTIVATION_MONTHS = 3;
export const EXPIRING_SOON_DAYS = 15;

/** 'YYYY-MM-DD' + n months, the last day of a shorter month when the day does not exist. */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const monthIndex = m - 1 + months;
  const year = y + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export { addDays };

/** The deadline printed on a letter dated `letterDate`: the account expires after that day. */
export function activationDeadline(letterDate: string): string {
  return addMonths(letterDate, ACTIVATION_MONTHS);
}

/** States whose 3-month clock runs (SPEC §4.1: never activated, or e-mail never confirmed). */
export const CLOCKED_STATES: readonly AccountState[] = ['provisional', 'awaiting_confirmation'];

export function isExpired(state: AccountState, expiresOn: string | null, today: string): boolean {
  return CLOCKED_STATES.includes(state) && expiresOn !== null && expiresOn < today;
}

export function campaignGroupOf(
  account: { state: AccountState; closedReason: ClosedReason | null; expiresOn: string | null },
  today: string,
): CampaignGroup | null {
  switch (account.state) {
    case 'not_notified':
      return 'not_notified';
    case 'provisional':
    case 'awaiting_confirmation':
      if (account.expiresOn !== null && account.expiresOn < today) return 'expired';
      if (account.expiresOn !== null && account.expiresOn <= addDays(today, EXPIRING_SOON_DAYS)) {
        return 'expiring';
      }
      return account.state === 'provisional' ? 'notified' : 'awaiting_confirmation';
    case 'active':
      return 'active';
    case 'expired':
      return 'expired';
    case 'closed':
      return account.closedReason === 'refused' ? 'refused' : null;
  }
}

/**
 * Provisional passwords (SPEC §4.1): 8 capitals and digits without look-alikes — no I, O,
 * 0, 1 (as DCBRJDWH, 2BUYJ9C8 in the guides); the letter prints them in a face that tells 8
 * from B.
 */
export const PROVISIONAL_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const PROVISIONAL_LENGTH = 8;
