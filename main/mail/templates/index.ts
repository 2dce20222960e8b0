import { dateInWords, slashDate } from '../../../shared/domain/frenchDates';
import { frenchSpacing } from '../../../shared/domain/frenchTypography';
import { ofSchool } from '../../../shared/domain/schoolName';
import {
  absenceNoticeParagraphs,
  ABSENCE_NOTICE_SUBJECT,
  type AbsenceNoticeFacts,
} from '../../../shared/domain/vieScolaire/absenceNotice';
import { DIGEST_SUBJECT, digestParagraphs, type DigestChildLine } from './familyDigest';

/**
 * Every message Pupitre sends, one template each (docs/EMAILS.md lists them), in French,
 * as text and HTML. Values are escaped in the HTML; a password never appears in a body.
 */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

type Data = Record<string, unknown>;

const escapeHtml = (value: unknown) =>
  String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const dateFr = (iso: unknown) => slashDate(String(iso ?? ''));
const inWords = (iso: unknown) => dateInWords(String(iso ?? ''));

/**
 * Paragraphs → text and a plain, readable HTML (no remote images, no tracking). French
 * spacing goes into the subject and paragraphs as composed, so that no mail reader wraps
 * « : » onto the next line; a link is left exactly as it is.
 */
function mail(subject: string, paragraphs: (string | { link: string })[]): RenderedMail {
  const spaced = paragraphs.map((p) => (typeof p === 'string' ? frenchSpacing(p) : p));
  const text = spaced.map((p) => (typeof p === 'string' ? p : p.link)).join('\n\n');
  const html = [
    '<!doctype html><html lang="fr"><body style="font-family:Arial,sans-serif;font-size:15px;line-height:1.5;color:#111">',
    ...spaced.map((p) =>
      typeof p === 'string'
        ? `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`
        : `<p><a href="${escapeHtml(p.link)}">${escapeHtml(p.link)}</a></p>`,
    ),
    '</body></html>',
  ].join('\n');
  return { subject: frenchSpacing(subject), text, html };
}

const SIGNATURE = 'Cordialement,\nL’administrateur des services en ligne.';

/** « Bonjour Madame, » when the guardian's civility is known (added by the services' mailer). */
const hello = (d: Data) => (d.civility ? `Bonjour ${String(d.civility)},` : 'Bonjour,');
/** « des services en ligne du COLLÈGE LUCIE VERNEREY »: the article, then the name as written. */
const servicesOf = (d: Data) => `services en ligne ${ofSchool(String(d.schoolName ?? ''))}`;
/** An identifiant alone on its line: no full stop glued to it for a reader to copy along. */
const loginLines = (logins: string[]) => logins.map((l) => `– ${l}`).join('\n');

export const TEMPLATES: Record<string, (data: Data) => RenderedMail> = {
  /** A notification letter, attached as PDF: the password is in the PDF only. */
  'account-letter': (d) =>
    mail(`Services en ligne ${ofSchool(String(d.schoolName))} : votre courrier de notification`, [
      d.civility ? `${String(d.civility)},` : 'Madame, Monsieur,',
      d.newPassword
        ? `Vous trouverez en pièce jointe le courrier de notification de votre compte « ${String(d.login)} » pour accéder aux ${servicesOf(d)}, avec votre mot de passe provisoire. Ce mot de passe provisoire devra être modifié lors de votre première connexion ; ${d.deadline ? `vous devez activer votre compte au plus tard le ${inWords(d.deadline)}` : 'vous disposez de 3 mois pour activer votre compte'}.`
        : `Vous trouverez en pièce jointe le courrier qui rappelle l’identifiant de votre compte « ${String(d.login)} » pour accéder aux ${servicesOf(d)}. Votre mot de passe ne change pas.`,
      'Si vous ne souhaitez pas utiliser ces services, renvoyez à l’établissement le coupon « Refus d’accès » du courrier.',
      SIGNATURE,
    ]),
  /**
   * Seed 000: « Message des services en ligne - Mise à jour de votre adresse mail ». A new
   * address on an account already in use (`newAddress`) is told so, not welcomed again.
   */
  'account-confirm-email': (d) =>
    mail('Message des services en ligne - Mise à jour de votre adresse mail', [
      hello(d),
      d.newAddress
        ? `Cette adresse électronique a été indiquée comme nouvelle adresse du compte « ${String(d.login)} » des ${servicesOf(d)}. Pour qu’elle remplace l’ancienne, confirmez-la en cliquant sur le lien ci-dessous :`
        : `Vous souhaitez accéder aux ${servicesOf(d)} avec le compte « ${String(d.login)} ». Afin de pouvoir utiliser tous les services proposés, cliquez sur le lien ci-dessous :`,
      { link: String(d.link) },
      d.deadline
        ? `Vous disposez d’un délai allant jusqu’au ${dateFr(d.deadline)} pour activer votre compte. Au-delà, le compte sera supprimé et vous devrez reprendre contact avec l’établissement pour en créer un nouveau.`
        : d.newAddress
          ? 'Ce lien est valable une semaine et ne fonctionne qu’une fois. Tant que la nouvelle adresse n’est pas confirmée, l’ancienne reste celle du compte.'
          : 'Ce lien ne fonctionne qu’une fois.',
      ...(d.newAddress
        ? ['Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : rien ne change.']
        : []),
      SIGNATURE,
    ]),
  'account-email-changed': (d) =>
    mail('Message des services en ligne - Changement de votre adresse mail', [
      hello(d),
      `Une nouvelle adresse électronique a été demandée pour le compte « ${String(d.login)} » des ${servicesOf(d)}. Elle ne sera utilisée qu’une fois confirmée depuis cette nouvelle adresse.`,
      'Si vous n’êtes pas à l’origine de cette demande, contactez l’établissement.',
      SIGNATURE,
    ]),
  'account-password-reset': (d) =>
    mail(
      `Message des services en ligne - Réinitialisation de votre mot de passe (demande n° ${String(d.reference)})`,
      [
        hello(d),
        `Une réinitialisation du mot de passe du compte « ${String(d.login)} » des ${servicesOf(d)} a été demandée (demande n° ${String(d.reference)}). Le lien ci-dessous vous permet de choisir un nouveau mot de passe ; il est valable jusqu’au ${dateFr(d.validUntil)} et ne fonctionne qu’une fois :`,
        { link: String(d.link) },
        'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe ne change pas.',
        SIGNATURE,
      ],
    ),
  'account-identifiants': (d) =>
    mail(
      `Message des services en ligne - Rappel de votre identifiant (demande n° ${String(d.reference)})`,
      [
        hello(d),
        `Voici ${(d.logins as string[]).length > 1 ? 'les identifiants des comptes' : 'l’identifiant du compte'} des ${servicesOf(d)} associé${(d.logins as string[]).length > 1 ? 's' : ''} à cette adresse (demande n° ${String(d.reference)}) :`,
        loginLines(d.logins as string[]),
        'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.',
        SIGNATURE,
      ],
    ),
  /** SPEC §4.3: an address never confirmed gets no identifiant and no link, only this. */
  'account-unconfirmed-address': (d) =>
    mail(`Message des services en ligne - Votre demande n° ${String(d.reference)}`, [
      hello(d),
      `Une demande (n° ${String(d.reference)}) a été faite sur le portail des familles ${ofSchool(String(d.schoolName))} pour un compte qui utilise cette adresse, mais l’adresse n’a jamais été confirmée : aucun identifiant ni lien ne peut y être envoyé.`,
      'Pour retrouver l’accès à votre compte, contactez l’établissement.',
      'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.',
      SIGNATURE,
    ]),
  /** Issue 18: the review of a fiche de renseignements request, in every case (seed 003 §3.3). */
  'info-sheet-reviewed': (d) => {
    const accepted = (d.accepted as string[] | undefined) ?? [];
    const refused = (d.refused as { label: string; comment: string }[] | undefined) ?? [];
    const which =
      d.record === 'student'
        ? `de la fiche de renseignements de ${String(d.childFirstName)}`
        : d.guardianName
          ? `de la fiche de responsable de ${String(d.guardianName)}`
          : 'de votre fiche de responsable';
    return mail(`Message des services en ligne - Fiche de renseignements`, [
      hello(d),
      `L’établissement a traité les modifications ${which} que vous avez envoyées depuis les ${servicesOf(d)}.`,
      ...(accepted.length > 0
        ? [`Modifications acceptées :\n${accepted.map((l) => `– ${l}`).join('\n')}`]
        : []),
      ...(refused.length > 0
        ? [
            `Modifications refusées :\n${refused.map((r) => `– ${r.label}${r.comment ? ` (${r.comment})` : ''}`).join('\n')}`,
          ]
        : []),
      ...(d.comment ? [`Message de l’établissement : ${String(d.comment)}`] : []),
      'Pour toute question, contactez l’établissement.',
      SIGNATURE,
    ]);
  },
  'mail-test': (d) =>
    mail('Pupitre : message d’essai', [
      'Bonjour,',
      `Ce message d’essai confirme que ${String(d.schoolName)} peut envoyer des courriels depuis Pupitre.`,
      SIGNATURE,
    ]),
  /** Issue 17 §3: the CPE tells the family of an absence (the printed notice's wording). */
  'absence-notice': (d) =>
    mail(`${ABSENCE_NOTICE_SUBJECT} – ${String(d.schoolName ?? '')}`, [
      hello(d),
      ...absenceNoticeParagraphs(d as unknown as AbsenceNoticeFacts),
      `Cordialement,\nLa vie scolaire ${ofSchool(String(d.schoolName ?? ''))}`,
    ]),
  /** Issue 17 §5: what is new, counted, never shown (familyDigest.ts). */
  'family-digest': (d) =>
    mail(DIGEST_SUBJECT, [
      hello(d),
      ...digestParagraphs({
        schoolName: String(d.schoolName ?? ''),
        children: d.children as DigestChildLine[],
        link: String(d.link),
      }),
      'Vous recevez ce résumé parce que vous l’avez demandé sur la page « Gérer mon compte ». Pour ne plus le recevoir :',
      { link: String(d.unsubscribeLink) },
      SIGNATURE,
    ]),
};

export function renderTemplate(name: string, data: Data): RenderedMail {
  const template = TEMPLATES[name];
  if (!template) throw new Error(`Modèle de courriel inconnu : ${name}`);
  return template(data);
}
