import { REGIMES, type Regime } from '../../../shared/domain/school';

/** What the account's history says to the family (the journal's actions, in French). */
const HISTORY: Record<string, string> = {
  'account.letter': 'Courrier de notification édité',
  'account.no_email': 'Compte « sans courriel »',
  'account.confirmation_resent': 'Lien de confirmation renvoyé',
  'account.refused': 'Refus d’accès enregistré',
  'account.reactivated': 'Compte réactivé',
  'account.closed': 'Compte fermé',
  'account.expired': 'Compte expiré (délai de 3 mois)',
  'account.first_connection': 'Première connexion',
  'account.email_confirmed': 'Adresse électronique confirmée',
  'account.email_corrected': 'Adresse électronique corrigée',
  'account.email_change_requested': 'Changement d’adresse demandé',
  'account.password_changed': 'Mot de passe changé',
  'account.password_reset_requested': 'Demande de nouveau mot de passe',
  'account.password_reset_by_family': 'Nouveau mot de passe choisi',
  'account.merged': 'Comptes regroupés',
  'account.merged_away': 'Compte regroupé dans un autre',
  'account.merge_split': 'Regroupement séparé par l’établissement',
  'account.child_reported': '« Cet enfant n’est pas le mien » signalé',
  'account.child_report_handled': 'Signalement traité par l’établissement',
  'account.preview': 'Aperçu du compte consulté par l’établissement',
  'portal.login_throttled': 'Trop d’essais de connexion',
};

export const historyLabel = (action: string) => HISTORY[action] ?? action;

export const regimeLabel = (regime: string) =>
  regime in REGIMES ? REGIMES[regime as Regime] : regime;
