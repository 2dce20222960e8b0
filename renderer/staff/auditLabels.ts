import { STAFF_ROLE_LABELS, type StaffRole } from '../../shared/domain/roles';
import { GRADE_PUBLICATION_MODES, SERVICES, type ServiceKey } from '../../shared/domain/school';
import { formatNumber } from '../ui/format';
import { IMPORT_COUNT_LABELS } from './importLabels';

/** French labels for the audit action codes the back end writes; unknown codes show as is. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'session.login': 'Connexion',
  'session.login_failed': 'Connexion refusée',
  'session.login_throttled': 'Trop d’essais de connexion (attente imposée)',
  'session.logout': 'Déconnexion',
  'session.password_changed': 'Mot de passe changé',
  'settings.update': 'Paramètres modifiés',
  'settings.uai': 'UAI de l’établissement changé',
  'user.create': 'Utilisateur créé',
  'user.update': 'Utilisateur modifié',
  'mail.settings': 'Paramètres d’envoi des courriels modifiés',
  'user.password_reset': 'Mot de passe réinitialisé',
  'setup.create_school': 'Établissement créé',
  'import.siecle': 'Import SIECLE',
  'import.upload': 'Fichier SIECLE reçu',
  'import.preview': 'Aperçu d’import SIECLE',
  'import.cancel': 'Import SIECLE annulé',
  'import.sts': 'Import STS-Web (services d’enseignement)',
  'import.sts_preview': 'Aperçu d’import STS-Web',
  'import.sts_cancel': 'Import STS-Web annulé',
  'service.create': 'Service d’enseignement ajouté',
  'service.update': 'Service d’enseignement modifié',
  'service.delete': 'Service d’enseignement retiré',
  'account.letter': 'Courrier de notification',
  'account.no_email': 'Compte « sans courriel »',
  'account.confirmation_resent': 'Confirmation du courriel renvoyée',
  'account.refused': 'Refus d’accès (coupon)',
  'account.reactivated': 'Compte réactivé',
  'account.closed': 'Compte fermé',
  'account.expired': 'Compte expiré (délai de 3 mois)',
  'accounts.leavers': 'Élèves partis : enfants retirés des comptes des familles',
  'account.first_connection': 'Première connexion (portail)',
  'account.email_confirmed': 'Adresse électronique confirmée',
  'account.email_corrected': 'Adresse corrigée avant confirmation (portail)',
  'account.email_change_requested': 'Changement d’adresse demandé (portail)',
  'account.password_changed': 'Mot de passe changé (portail)',
  'account.password_reset_requested': 'Mot de passe oublié : lien envoyé',
  'account.password_reset_by_family': 'Mot de passe réinitialisé par la famille',
  'account.merged': 'Regroupement : un autre compte rattaché',
  'account.merged_away': 'Regroupé dans un autre compte',
  'account.merge_split': 'Regroupement séparé par l’établissement',
  'account.child_reported': '« Cet enfant n’est pas le mien » signalé',
  'account.child_report_handled': 'Signalement traité',
  'account.digest_on': 'Résumé par courriel demandé (portail)',
  'account.digest_off': 'Résumé par courriel arrêté',
  'mail.digests_sent': 'Résumés par courriel envoyés',
  'account.preview': 'Aperçu du portail consulté',
  'portal.login_throttled': 'Trop d’essais de connexion au portail',
  'letters.batch': 'Lot de courriers préparé',
  'letters.download': 'Lot de courriers téléchargé',
  'letters.delete': 'Lot de courriers supprimé',
  'roster.export': 'Liste d’élèves exportée ou imprimée',
  'periods.update': 'Périodes de notation modifiées',
  'periods.removeLevel': 'Niveau revenu aux périodes de l’établissement',
  'periods.reopen': 'Saisie des notes rouverte pour un professeur',
  'periods.withdrawReopening': 'Réouverture de la saisie retirée',
  'publication.update': 'Publication des notes modifiée',
  'coefficients.update': 'Coefficient d’une matière modifié',
  'assessment.create': 'Devoir créé par la direction',
  'assessment.update': 'Devoir modifié (par la direction ou après publication)',
  'assessment.delete': 'Devoir supprimé (par la direction ou après publication)',
  'marks.save': 'Note modifiée (par la direction ou après publication)',
  'grades.reportCard': 'Relevé de notes imprimé',
  'motifs.create': 'Motif d’absence ajouté',
  'motifs.update': 'Motif d’absence modifié',
  'schoolLife.settings': 'Demi-journées (heure de midi, vacances) modifiées',
  'roll.save': 'Appel enregistré',
  'schoolLife.record': 'Évènement de vie scolaire saisi',
  'schoolLife.process': 'Évènement de vie scolaire traité',
  'schoolLife.justificationSent': 'Absence justifiée en ligne par la famille',
  'schoolLife.justificationAccepted': 'Justificatif en ligne accepté',
  'schoolLife.justificationRefused': 'Justificatif en ligne refusé',
  'schoolLife.reportToDsden': 'Absentéisme signalé à la DSDEN',
  'schoolLife.notice': 'Avis d’absence envoyé ou imprimé (famille avisée)',
  'schoolLife.eraseSanction': 'Sanctions effacées du dossier (R511-13 IV)',
  'infoSheet.exportDownload': 'Fiche de renseignements : export vers SIECLE téléchargé',
  'infoSheet.submit': 'Fiche de renseignements : modifications envoyées par la famille',
  'infoSheet.withdraw': 'Fiche de renseignements : demande close, plus rien à changer',
  'infoSheet.review': 'Fiche de renseignements traitée',
  'infoSheet.export': 'Fiche de renseignements : export vers SIECLE (import privé)',
  'schoolLife.archive': 'Archive de la vie scolaire (CSV) exportée',
  'schoolLife.archivePdf': 'Archive de la vie scolaire d’une division (PDF) imprimée',
  'schoolLife.retention': 'Durée de conservation de la vie scolaire modifiée',
  'schoolLife.purge': 'Vie scolaire ancienne effacée (purge de fin d’année)',
};

const MOTIF_FIELDS = {
  label: 'Libellé',
  legitimate: 'Légitime',
  openToFamilies: 'Ouvert aux familles',
  confidential: 'Confidentiel',
  active: 'Actif',
};

/** French names for the fields of some actions' details; other fields show as written. */
const DETAIL_FIELD_LABELS: Record<string, Record<string, string>> = {
  'motifs.create': MOTIF_FIELDS,
  'motifs.update': MOTIF_FIELDS,
  'import.siecle': IMPORT_COUNT_LABELS,
  'publication.update': {
    mode: 'Mode de publication',
    studentDelayDays: 'Délai pour l’élève (jours)',
    parentDelayDays: 'Délai pour les parents (jours)',
  },
};

/** French names of the fields the services write in English (settings, users, logins). */
const FIELD_LABELS: Record<string, string> = {
  aprèsPublication: 'Après publication',
  reason: 'Motif',
  adresse: 'Depuis',
  role: 'Rôle',
  rôle: 'Rôle',
  active: 'Compte actif',
  displayName: 'Nom affiché',
  login: 'Identifiant',
  uai: 'UAI',
  name: 'Nom',
  address: 'Adresse',
  phone: 'Téléphone',
  email: 'Courriel',
  academie: 'Académie',
  portalUrl: 'Adresse du portail',
  welcomeMessage: 'Message d’accueil',
  familiesMayEmail: 'Courriels des familles',
  gradePublicationMode: 'Publication des notes',
  openedServices: 'Services ouverts',
  letterWindow: 'Fenêtre d’enveloppe',
  portalListener: 'Portail sur le réseau',
  digestHour: 'Heure du résumé aux familles',
  kind: 'Établissement',
  students: 'Élèves',
  guardians: 'Responsables',
  directionUserId: 'Compte de direction n°',
  jusquAu: 'Jusqu’au',
};

/**
 * « Secrétariat » → « secrétariat », « À date » → « à date » inside a sentence; « CPE » keeps
 * its capitals.
 */
const inSentence = (label: string) =>
  /^\p{Lu}(\p{Ll}|\s)/u.test(label) ? label[0]!.toLocaleLowerCase('fr-FR') + label.slice(1) : label;

const roleName = (role: string) =>
  role in STAFF_ROLE_LABELS ? inSentence(STAFF_ROLE_LABELS[role as StaffRole]) : role;

/** Coded values the services write, in words. */
const VALUE_LABELS: Record<string, (value: string) => string | undefined> = {
  reason: (v) =>
    ({
      bad_password: 'mot de passe incorrect',
      unknown_login: 'identifiant inconnu',
      inactive: 'compte désactivé',
    })[v],
  role: roleName,
  rôle: roleName,
  // The client's address; IPv4 seen through an IPv6 socket reads as plain IPv4.
  adresse: (v) => (v === 'desktop' ? 'ce poste' : v.replace(/^::ffff:/, '')),
  openedServices: (v) => (v in SERVICES ? SERVICES[v as ServiceKey] : undefined),
  gradePublicationMode: (v) =>
    v in GRADE_PUBLICATION_MODES
      ? inSentence(GRADE_PUBLICATION_MODES[v as keyof typeof GRADE_PUBLICATION_MODES])
      : undefined,
  mode: (v) =>
    v in GRADE_PUBLICATION_MODES
      ? inSentence(GRADE_PUBLICATION_MODES[v as keyof typeof GRADE_PUBLICATION_MODES])
      : undefined,
  letterWindow: (v) => ({ left: 'à gauche', right: 'à droite' })[v],
  digestHour: (v) => `${v}\u00a0h`,
  kind: (v) => ({ demo: 'de démonstration', empty: 'vide, à importer' })[v],
};

/** Actions whose details are mostly counts: a zero says nothing and is left out. */
const COUNT_ACTIONS = new Set(['import.siecle', 'import.sts', 'import.sts_preview']);

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

/** Change records come as { avant, après } (or before/after, from/to): shown as "a → b". */
const CHANGE_KEYS: [string, string][] = [
  ['avant', 'après'],
  ['before', 'after'],
  ['from', 'to'],
];

/** { line1, line2, postalCode, city, country } → « 2 rue de la Gare, 25000 Besançon ». */
function postalAddress(record: Record<string, unknown>): string | null {
  if (!['line1', 'postalCode', 'city'].every((key) => key in record)) return null;
  const part = (key: string) => (typeof record[key] === 'string' ? (record[key] as string) : '');
  const town = [part('postalCode'), part('city')].filter(Boolean).join(' ');
  const text = [part('line1'), part('line2'), town, part('country')].filter(Boolean).join(', ');
  return text || '—';
}

function formatDetailValue(value: unknown, field = ''): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'string') return VALUE_LABELS[field]?.(value) ?? value;
  if (typeof value === 'number') return VALUE_LABELS[field]?.(String(value)) ?? String(value);
  if (Array.isArray(value)) {
    return value.length === 0 ? 'aucun' : value.map((v) => formatDetailValue(v, field)).join(', ');
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    const change = CHANGE_KEYS.find(
      ([from, to]) => keys.length === 2 && from in record && to in record,
    );
    if (change) {
      return `${formatDetailValue(record[change[0]], field)} → ${formatDetailValue(record[change[1]], field)}`;
    }
    const address = postalAddress(record);
    if (address !== null) return address;
    return keys
      .map((key) => `${FIELD_LABELS[key] ?? key} : ${formatDetailValue(record[key], key)}`)
      .join(', ');
  }
  return String(value);
}

/**
 * { role: { avant: 'secretariat', après: 'cpe' }, reason: 'bad_password' } →
 * « Rôle : secrétariat → CPE / vie scolaire · Motif : mot de passe incorrect ».
 * With the action, known fields get their French names: « Élèves ajoutés : 12 · … ».
 */
export function formatAuditDetails(details: Record<string, unknown>, action?: string): string {
  const labels = (action !== undefined && DETAIL_FIELD_LABELS[action]) || {};
  const skipZeros = action !== undefined && COUNT_ACTIONS.has(action);
  return Object.entries(details)
    .filter(([, value]) => !(skipZeros && value === 0))
    .map(([field, value]) => {
      // Only counts are spaced (« 1 438 »): elsewhere a number may be a year or an id.
      const shown =
        skipZeros && typeof value === 'number'
          ? formatNumber(value)
          : formatDetailValue(value, field);
      return `${labels[field] ?? FIELD_LABELS[field] ?? field} : ${shown}`;
    })
    .join(' · ');
}
