import { dateInWords, slashDate } from '../../../shared/domain/frenchDates';

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

/** Paragraphs → text and a plain, readable HTML (no remote images, no tracking). */
function mail(subject: string, paragraphs: (string | { link: string })[]): RenderedMail {
  const text = paragraphs.map((p) => (typeof p === 'string' ? p : p.link)).join('\n\n');
  const html = [
    '<!doctype html><html lang="fr"><body style="font-family:Arial,sans-serif;font-size:15px;line-height:1.5;color:#111">',
    ...paragraphs.map((p) =>
      typeof p === 'string'
        ? `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`
        : `<p><a href="${escapeHtml(p.link)}">${escapeHtml(p.link)}</a></p>`,
    ),
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

const SIGNATURE = 'Cordialement,\nL’administrateur des services en ligne.';

export const TEMPLATES: Record<string, (data: Data) => RenderedMail> = {
  /** A notification letter, attached as PDF: the password is in the PDF only. */
  'account-letter': (d) =>
    mail(`Services en ligne de ${String(d.schoolName)} : votre courrier de notification`, [
      'Madame, Monsieur,',
      d.newPassword
        ? `Vous trouverez en pièce jointe le courrier de notification de votre compte « ${String(d.login)} » pour accéder aux services en ligne de ${String(d.schoolName)}, avec votre mot de passe provisoire. Ce mot de passe provisoire devra être modifié lors de votre première connexion ; ${d.deadline ? `vous devez activer votre compte au plus tard le ${inWords(d.deadline)}` : 'vous disposez de 3 mois pour activer votre compte'}.`
        : `Vous trouverez en pièce jointe le courrier qui rappelle l’identifiant de votre compte « ${String(d.login)} » pour accéder aux services en ligne de ${String(d.schoolName)}. Votre mot de passe ne change pas.`,
      'Si vous ne souhaitez pas utiliser ces services, renvoyez à l’établissement le coupon « Refus d’accès » du courrier.',
      SIGNATURE,
    ]),
  /** Seed 000: « Message des services en ligne - Mise à jour de votre adresse mail ». */
  'account-confirm-email': (d) =>
    mail('Message des services en ligne - Mise à jour de votre adresse mail', [
      'Bonjour,',
      `Vous souhaitez accéder aux services en ligne de ${String(d.schoolName)} avec le compte « ${String(d.login)} ». Afin de pouvoir utiliser tous les services proposés, cliquez sur le lien ci-dessous :`,
      { link: String(d.link) },
      d.deadline
        ? `Vous disposez d’un délai allant jusqu’au ${dateFr(d.deadline)} pour activer votre compte. Au-delà, le compte sera supprimé et vous devrez reprendre contact avec l’établissement pour en créer un nouveau.`
        : 'Ce lien ne fonctionne qu’une fois.',
      SIGNATURE,
    ]),
  'account-email-changed': (d) =>
    mail('Message des services en ligne - Changement de votre adresse mail', [
      'Bonjour,',
      `une nouvelle adresse électronique a été demandée pour le compte « ${String(d.login)} ». Elle ne sera utilisée qu’une fois confirmée depuis cette nouvelle adresse.`,
      'Si vous n’êtes pas à l’origine de cette demande, contactez l’établissement.',
      SIGNATURE,
    ]),
  'account-password-reset': (d) =>
    mail(
      `Message des services en ligne - Réinitialisation de votre mot de passe (demande n° ${String(d.reference)})`,
      [
        'Bonjour,',
        `une réinitialisation du mot de passe du compte « ${String(d.login)} » a été demandée (demande n° ${String(d.reference)}). Le lien ci-dessous vous permet de choisir un nouveau mot de passe ; il est valable jusqu’au ${dateFr(d.validUntil)} et ne fonctionne qu’une fois :`,
        { link: String(d.link) },
        'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe ne change pas.',
        SIGNATURE,
      ],
    ),
  'account-identifiants': (d) =>
    mail(
      `Message des services en ligne - Rappel de votre identifiant (demande n° ${String(d.reference)})`,
      [
        'Bonjour,',
        `voici le ou les identifiants des comptes associés à cette adresse (demande n° ${String(d.reference)}) : ${(d.logins as string[]).join(', ')}.`,
        'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.',
        SIGNATURE,
      ],
    ),
  /** SPEC §4.3: an address never confirmed gets no identifiant and no link, only this. */
  'account-unconfirmed-address': (d) =>
    mail(`Message des services en ligne - Votre demande n° ${String(d.reference)}`, [
      'Bonjour,',
      `une demande (n° ${String(d.reference)}) a été faite sur le portail des familles de ${String(d.schoolName)} pour un compte qui utilise cette adresse, mais l’adresse n’a jamais été confirmée : aucun identifiant ni lien ne peut y être envoyé.`,
      'Pour retrouver l’accès à votre compte, contactez l’établissement.',
      'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.',
      SIGNATURE,
    ]),
  'mail-test': (d) =>
    mail('Pupitre : message d’essai', [
      'Bonjour,',
      `ce message d’essai confirme que ${String(d.schoolName)} peut envoyer des courriels depuis Pupitre.`,
      SIGNATURE,
    ]),
};

export function renderTemplate(name: string, data: Data): RenderedMail {
  const template = TEMPLATES[name];
  if (!template) throw new Error(`Modèle de courriel inconnu : ${name}`);
  return template(data);
}
