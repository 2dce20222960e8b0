import type { AccountSummary } from '../../../shared/api/staff/accounts';
import { ACCOUNT_KINDS, ACCOUNT_STATES, CLOSED_REASONS } from '../../../shared/domain/accounts';
import { csvDocument } from '../csv';

const HEADER = [
  'Division',
  'Type',
  'Nom',
  'Identifiant',
  'État',
  'Date du courrier',
  'À activer avant le',
  'Courriel',
  'Dernière connexion',
  'Enfants',
];

const frenchDate = (iso: string | null) =>
  iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '';

/** The campaign's accounts as a spreadsheet (see csvDocument). */
export function campaignCsv(accounts: AccountSummary[]): string {
  return csvDocument(
    HEADER,
    accounts.map((a) => {
      const state =
        a.state === 'closed' && a.closedReason
          ? `${ACCOUNT_STATES.closed} (${CLOSED_REASONS[a.closedReason]})`
          : ACCOUNT_STATES[a.state];
      return [
        [...new Set(a.children.map((c) => c.divisionCode ?? ''))].filter(Boolean).join(', '),
        ACCOUNT_KINDS[a.kind],
        a.displayName,
        a.login,
        state,
        frenchDate(a.letterDate),
        frenchDate(a.expiresOn),
        a.email,
        a.lastLoginAt ? frenchDate(a.lastLoginAt.slice(0, 10)) : '',
        a.children.map((c) => `${c.firstName} ${c.lastName}`).join(', '),
      ];
    }),
  );
}
