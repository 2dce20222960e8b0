import { IMPORT_COUNT_LABELS } from './importLabels';

/** French labels for the audit action codes the back end writes; unknown codes show as is. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'session.login': 'Connexion',
  'session.login_failed': 'Connexion refusée',
  'session.login_throttled': 'Trop d’essais de connexion (attente imposée)',
  'session.logout': 'Déconnexion',
  'session.password_changed': 'Mot de passe changé',
  'settings.update': 'Paramètres modifiés',
  'user.create': 'Utilisateur créé',
  'user.update': 'Utilisateur modifié',
  'user.password_reset': 'Mot de passe réinitialisé',
  'setup.create_school': 'Établissement créé',
  'import.siecle': 'Import SIECLE',
  'import.upload': 'Fichier SIECLE reçu',
  'import.preview': 'Aperçu d’import SIECLE',
  'import.cancel': 'Import SIECLE annulé',
  'account.letter': 'Courrier de notification',
  'account.no_email': 'Compte « sans courriel »',
  'account.confirmation_resent': 'Confirmation du courriel renvoyée',
  'account.refused': 'Refus d’accès (coupon)',
  'account.reactivated': 'Compte réactivé',
  'account.closed': 'Compte fermé',
  'account.expired': 'Compte expiré (délai de 3 mois)',
  'account.first_connection': 'Première connexion (portail)',
  'account.email_confirmed': 'Adresse électronique confirmée',
  'account.email_corrected': 'Adresse corrigée avant confirmation (portail)',
  'account.email_change_requested': 'Changement d’adresse demandé (portail)',
  'account.password_changed': 'Mot de passe changé (portail)',
  'account.password_reset_requested': 'Mot de passe oublié : lien envoyé',
  'account.password_reset_by_family': 'Mot de passe réinitialisé par la famille',
  'account.merged': 'Regroupement : un autre compte rattaché',
  'account.merged_away': 'Regroupé dans un autre compte',
  'account.merge_split': 'Regroupement séparé par l’établissement',
  'account.child_reported': '« Cet enfant n’est pas le mien » signalé',
  'account.child_report_handled': 'Signalement traité',
  'account.preview': 'Aperçu du portail consulté',
  'portal.login_throttled': 'Trop d’essais de connexion au portail',
  'letters.batch': 'Lot de courriers préparé',
  'letters.download': 'Lot de courriers téléchargé',
  'letters.delete': 'Lot de courriers supprimé',
  'roster.export': 'Liste d’élèves exportée ou imprimée',
};

/** French names for the fields of some actions' details; other fields show as written. */
const DETAIL_FIELD_LABELS: Record<string, Record<string, string>> = {
  'import.siecle': IMPORT_COUNT_LABELS,
};

/** Actions whose details are mostly counts: a zero says nothing and is left out. */
const COUNT_ACTIONS = new Set(['import.siecle']);

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

/** Change records come as { avant, après } (or before/after, from/to): shown as "a → b". */
const CHANGE_KEYS: [string, string][] = [
  ['avant', 'après'],
  ['before', 'after'],
  ['from', 'to'],
];

function formatDetailValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(formatDetailValue).join(', ');
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    const change = CHANGE_KEYS.find(
      ([from, to]) => keys.length === 2 && from in record && to in record,
    );
    if (change) {
      return `${formatDetailValue(record[change[0]])} → ${formatDetailValue(record[change[1]])}`;
    }
    return keys.map((key) => `${key} : ${formatDetailValue(record[key])}`).join(', ');
  }
  return String(value);
}

/**
 * { role: { avant: 'teacher', après: 'cpe' }, note: 1 } → "role : teacher → cpe · note : 1".
 * With the action, known fields get their French names: "Élèves ajoutés : 12 · …".
 */
export function formatAuditDetails(details: Record<string, unknown>, action?: string): string {
  const labels = (action !== undefined && DETAIL_FIELD_LABELS[action]) || {};
  const skipZeros = action !== undefined && COUNT_ACTIONS.has(action);
  return Object.entries(details)
    .filter(([, value]) => !(skipZeros && value === 0))
    .map(([field, value]) => `${labels[field] ?? field} : ${formatDetailValue(value)}`)
    .join(' · ');
}
