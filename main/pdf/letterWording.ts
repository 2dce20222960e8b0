import { dateInWords } from '../../shared/domain/frenchDates';
import { atSchool, schoolWithArticle } from '../../shared/domain/schoolName';
import { childrenPhrase, pupilFacts } from './letterChildren';
import type { LetterAddress, NotificationLetterData } from './letterData';
import { NBSP, NNBSP } from './letterPage';

/** What the letter says, as plain strings: the layout files only place them on the page. */

export function addressLines(a: LetterAddress): string[] {
  const country = a.country && !/^france$/i.test(a.country.trim()) ? a.country.toUpperCase() : '';
  return [a.line1, a.line2, [a.postalCode, a.city.toUpperCase()].filter(Boolean).join(' '), country]
    .map((l) => l.trim())
    .filter(Boolean);
}

/** « Mme N’DIAYE Œlise »: how the recipient is named on the envelope and the coupon. */
export function recipientName(data: Pick<NotificationLetterData, 'recipient'>): string {
  const r = data.recipient;
  return [r.civility, r.lastName.toUpperCase(), r.firstName].filter(Boolean).join(' ');
}

export function salutation(civility: string): string {
  if (civility === 'Mme') return 'Madame';
  if (civility === 'M.') return 'Monsieur';
  return 'Madame, Monsieur';
}

export function objetText(data: NotificationLetterData): string {
  if (data.kind === 'student')
    return 'mise à disposition de services en ligne pour suivre votre scolarité';
  return data.children.length > 1
    ? 'mise à disposition de services en ligne pour suivre la scolarité de vos enfants'
    : 'mise à disposition de services en ligne pour suivre la scolarité de votre enfant';
}

export function bodyText(data: NotificationLetterData): string {
  const what = data.provisionalPassword
    ? 'Vous trouverez ci-dessous l’identifiant et le mot de passe de votre compte'
    : 'Vous trouverez ci-dessous le rappel de l’identifiant de votre compte';
  const unchanged = data.provisionalPassword
    ? ''
    : ` Votre mot de passe reste celui que vous avez choisi${NNBSP}; il n’est pas imprimé sur ce courrier.`;
  if (data.kind === 'student') {
    // SPEC §4.1: « Vous êtes élève de 4C au … », « de 4C » never split across two lines.
    const division = data.children[0]?.divisionCode;
    const enrolled = `Vous êtes élève${division ? ` de${NBSP}${division}` : ''} ${atSchool(data.school.name)}.`;
    return `${enrolled} ${what} pour accéder aux services en ligne de l’établissement.${unchanged}`;
  }
  const whom = data.children.length ? ` pour ${childrenPhrase(data.children)}` : '';
  return `${what} pour accéder aux services en ligne proposés par ${schoolWithArticle(data.school.name)}${whom}.${unchanged}`;
}

export function deadlineText(data: NotificationLetterData): string | null {
  if (!data.provisionalPassword || !data.deadline) return null;
  return `vous devez activer votre compte au plus tard le ${dateInWords(data.deadline, NBSP)}. Au-delà, le compte sera supprimé et vous devrez reprendre contact avec l’établissement pour en obtenir un nouveau.`;
}

export function closingText(data: NotificationLetterData): string {
  if (data.kind === 'student') return 'Veuillez recevoir mes salutations distinguées.';
  return `Veuillez agréer, ${salutation(data.recipient.civility)}, mes salutations distinguées.`;
}

/**
 * « Je soussignée » for Mme or a girl writing for herself, « Je soussigné » for M. or a boy,
 * « Je soussigné(e) » when the letter does not know.
 */
export function undersigned(data: NotificationLetterData): string {
  const civility = data.recipient.civility;
  const sex = pupilFacts(data).sex;
  if (civility === 'Mme' || sex === 'F') return 'Je soussignée';
  if (civility === 'M.' || sex === 'M') return 'Je soussigné';
  return 'Je soussigné(e)';
}

/** « mineur », « mineure », or « mineur ou mineure » when the pupil's sex is not known. */
function minor(sex: 'F' | 'M' | ''): string {
  return sex === 'F' ? 'mineure' : sex === 'M' ? 'mineur' : 'mineur ou mineure';
}

/** Who signs a pupil's coupon: the pupil of age, the legal guardian of a minor. */
export function pupilSignatureNote(data: NotificationLetterData): string {
  const { sex, adult } = pupilFacts(data);
  if (adult === true) return '';
  if (adult === false) return '(du responsable légal)';
  return `(du responsable légal si l’élève est ${minor(sex)})`;
}

/** « signé par votre responsable légal » for a minor, « signé » for a pupil of age. */
function pupilSigner(data: NotificationLetterData): string {
  const { sex, adult } = pupilFacts(data);
  if (adult === true) return 'signé';
  if (adult === false) return 'signé par votre responsable légal';
  return `signé (par votre responsable légal si vous êtes ${minor(sex)})`;
}

export function refusalText(data: NotificationLetterData): string {
  if (data.kind === 'student')
    return `Vous pouvez refuser l’accès aux services en ligne en me retournant le coupon ci-dessous dûment rempli et ${pupilSigner(data)}. Vous conserverez toutefois l’accès aux applications pédagogiques mises à votre disposition pendant le temps scolaire.`;
  const several = data.children.length > 1;
  return `Vous pouvez refuser l’accès aux services en ligne pour vous-même et/ou pour ${several ? 'vos enfants' : 'votre enfant'} en me retournant le coupon ci-dessous dûment rempli et signé. Dans ce cas, ${several ? 'les élèves conserveront' : 'l’élève conservera'} toutefois l’accès aux applications pédagogiques mises à ${several ? 'leur' : 'sa'} disposition pendant le temps scolaire.`;
}

export const PRIVACY = `Protection des données personnelles${NNBSP}: l’établissement traite ces informations, sous la responsabilité du chef d’établissement, pour vous donner accès aux services en ligne de suivi de la scolarité. Conformément au RGPD et à la loi «${NBSP}Informatique et libertés${NBSP}» du 6 janvier 1978 modifiée, vous disposez d’un droit d’accès et de rectification des données qui vous concernent, que vous exercez en vous adressant au chef d’établissement${NNBSP}; vous pouvez aussi adresser une réclamation à la CNIL.`;
