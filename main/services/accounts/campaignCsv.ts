import type { AccountSummary } from '../../../shared/api/staff/accounts';
import { ACCOUNT_KINDS, ACCOUNT_STATES, CLOSED_REASONS } from '../../../shared/domain/accounts';

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

/**
 * One cell: quoted when it holds a separator, a quote or a line break; a leading = + - @
 * is neutralised so that a spreadsheet never runs a name as a formula (CSV injection).
 */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** What a French spreadsheet opens as is: UTF-8 with a BOM, semicolons, CRLF. */
export function campaignCsv(accounts: AccountSummary[]): string {
  const lines = [HEADER.join(';')];
  for (const a of accounts) {
    const state =
      a.state === 'closed' && a.closedReason
        ? `${ACCOUNT_STATES.closed} (${CLOSED_REASONS[a.closedReason]})`
        : ACCOUNT_STATES[a.state];
    lines.push(
      [
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
      ]
        .map(cell)
        .join(';'),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
