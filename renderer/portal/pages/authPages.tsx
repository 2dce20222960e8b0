import { FAMILY_PASSWORD_RULE } from '../../../shared/domain/familyPassword';
import type { PortalPublicSchool } from '../../../shared/api/portal';
import type { AccountKind } from '../../../shared/domain/accounts';
import {
  CsrfField,
  EmailFields,
  ErrorSummary,
  Field,
  NewPasswordFields,
  Notice,
  type FormState,
} from '../components/Form';
import { PortalFrame } from '../components/PortalFrame';

interface FormPage {
  csrf: string;
  state?: FormState;
  notice?: string;
}

const PASSWORD_HINT = `Choisissez un mot de passe ${FAMILY_PASSWORD_RULE} ; évitez les mots courants et votre identifiant.`;

const WELCOME =
  'Bienvenue sur les services en ligne de l’établissement, pour suivre la scolarité de vos enfants.';

/**
 * Who runs this portal, as the guides' login page shows it: each school's name and its own
 * welcome message (the settings' « Message d’accueil »), or a general welcome without one.
 */
function SchoolWelcome({
  schools,
}: {
  schools: Pick<PortalPublicSchool, 'name' | 'welcomeMessage'>[];
}) {
  if (schools.length === 0) return <p>{WELCOME}</p>;
  return (
    <>
      {schools.map((s) => (
        <section key={s.name} className="p-notice" aria-label={s.name}>
          <p className="p-school-name">{s.name}</p>
          {(s.welcomeMessage.trim() || WELCOME).split(/\n+/).map((line, i) => (
            <p key={i}>{line}</p>
          ))}
        </section>
      ))}
    </>
  );
}

/** The login page (seed 004: « votre identifiant », « votre mot de passe », VALIDER). */
export function LoginPage({
  csrf,
  state,
  notice,
  schools,
}: FormPage & { schools: Pick<PortalPublicSchool, 'name' | 'welcomeMessage'>[] }) {
  return (
    <PortalFrame title="Connexion aux services en ligne" signedIn={null}>
      {notice && <Notice success>{notice}</Notice>}
      <SchoolWelcome schools={schools} />
      <ErrorSummary state={state} />
      <form method="post" action="/connexion" noValidate>
        <CsrfField token={csrf} />
        <Field
          name="login"
          label="Votre identifiant"
          autoComplete="username"
          state={state}
          hint="Il figure sur le courrier remis par l’établissement, par exemple marie.dupont."
        />
        <Field
          name="password"
          label="Votre mot de passe"
          type="password"
          autoComplete="current-password"
          state={state}
        />
        <div className="p-actions">
          <button className="p-button" type="submit">
            Se connecter
          </button>
        </div>
      </form>
      <ul className="p-links">
        <li>
          <a href="/identifiant-oublie">Identifiant oublié ?</a>
        </li>
        <li>
          <a href="/mot-de-passe-oublie">Mot de passe oublié ?</a>
        </li>
      </ul>
    </PortalFrame>
  );
}

/** Seed 004 « Première connexion »: date of birth, new password, the address typed twice. */
export function FirstConnectionPage({
  csrf,
  state,
  login,
  kind,
  emailRequired,
}: FormPage & { login: string; kind: AccountKind; emailRequired: boolean }) {
  return (
    <PortalFrame title="Première connexion" signedIn={{ csrf, limited: true }}>
      <ErrorSummary state={state} />
      <p>
        Votre identifiant : <strong>{login}</strong>. Pour activer votre compte, remplacez le mot de
        passe provisoire du courrier par un mot de passe de votre choix.
      </p>
      <form method="post" action="/premiere-connexion" noValidate>
        <CsrfField token={csrf} />
        <fieldset className="p-card">
          <legend>{kind === 'guardian' ? 'Votre enfant' : 'Vous'}</legend>
          <Field
            name="birthDate"
            label={
              kind === 'guardian' ? 'Date de naissance de votre enfant' : 'Votre date de naissance'
            }
            inputMode="numeric"
            autoComplete={kind === 'student' ? 'bday' : 'off'}
            hint="Par exemple 07032012 ou 07/03/2012 pour le 7 mars 2012."
            state={state}
          />
        </fieldset>
        <fieldset className="p-card">
          <legend>Votre nouveau mot de passe</legend>
          <NewPasswordFields hint={PASSWORD_HINT} state={state} />
        </fieldset>
        <fieldset className="p-card">
          <legend>Votre adresse électronique</legend>
          <EmailFields
            label="Adresse électronique"
            againLabel="Confirmation de l’adresse électronique"
            required={emailRequired}
            hint={
              emailRequired
                ? 'Indispensable : vous y recevrez un lien à ouvrir pour accéder à vos services. Elle servira aussi à retrouver votre identifiant ou votre mot de passe.'
                : 'Facultative, mais sans elle vous ne pourrez pas retrouver par vous-même votre identifiant ou votre mot de passe.'
            }
            state={state}
          />
        </fieldset>
        <div className="p-actions">
          <button className="p-button" type="submit">
            Valider
          </button>
        </div>
      </form>
    </PortalFrame>
  );
}

/** Seed 004 « Compte en attente de validation » and seed 003 « Vérification mail ». */
export function VerifyEmailPage({ csrf, state, notice, email }: FormPage & { email: string }) {
  return (
    <PortalFrame title="Compte en attente de validation" signedIn={{ csrf, limited: true }}>
      {notice && <Notice success>{notice}</Notice>}
      <ErrorSummary state={state} />
      <p>
        Pour utiliser votre compte, ouvrez le courriel envoyé à <strong>{email}</strong> et suivez
        le lien qu’il contient. Pensez à regarder dans vos courriers indésirables.
      </p>
      <form method="post" action="/verification/renvoyer">
        <CsrfField token={csrf} />
        <button className="p-button" type="submit">
          Renvoyer le lien
        </button>
      </form>
      <h2>Vérification de votre adresse</h2>
      <p>Si l’adresse ci-dessus est erronée, corrigez-la : le lien sera envoyé à la nouvelle.</p>
      <form method="post" action="/verification/adresse" noValidate>
        <CsrfField token={csrf} />
        <EmailFields
          label="Votre adresse électronique"
          againLabel="Confirmation de votre adresse électronique"
          state={state}
        />
        <div className="p-actions">
          <button className="p-button p-button-secondary" type="submit">
            Corriger l’adresse
          </button>
        </div>
      </form>
    </PortalFrame>
  );
}

export function ForgotLoginPage({ csrf, state }: FormPage) {
  return (
    <PortalFrame title="Identifiant oublié" signedIn={null}>
      <ErrorSummary state={state} />
      <p>
        Indiquez l’adresse électronique confirmée de votre compte : nous y enverrons votre
        identifiant.
      </p>
      <form method="post" action="/identifiant-oublie" noValidate>
        <CsrfField token={csrf} />
        <Field
          name="email"
          label="Votre adresse électronique"
          type="email"
          inputMode="email"
          autoComplete="email"
          state={state}
        />
        <div className="p-actions">
          <button className="p-button" type="submit">
            Valider
          </button>
          <a href="/">Annuler</a>
        </div>
      </form>
    </PortalFrame>
  );
}

export function ForgotPasswordPage({ csrf, state }: FormPage) {
  return (
    <PortalFrame title="Mot de passe oublié" signedIn={null}>
      <ErrorSummary state={state} />
      <p>
        Indiquez votre identifiant : un lien pour choisir un nouveau mot de passe sera envoyé à
        l’adresse électronique confirmée du compte.
      </p>
      <form method="post" action="/mot-de-passe-oublie" noValidate>
        <CsrfField token={csrf} />
        <Field name="login" label="Votre identifiant" autoComplete="username" state={state} />
        <div className="p-actions">
          <button className="p-button" type="submit">
            Valider
          </button>
          <a href="/">Annuler</a>
        </div>
      </form>
    </PortalFrame>
  );
}

/**
 * The one answer to a recovery request, whether or not the identifiant or the address exists
 * (SPEC §4.3): a reference, and what happens next.
 */
export function RequestReceiptPage({
  reference,
  what,
}: {
  reference: string;
  what: 'login' | 'password';
}) {
  return (
    <PortalFrame title="Demande enregistrée" signedIn={null}>
      <p>
        Demande n°{'\u00a0'}
        <span className="p-reference">{reference}</span>
      </p>
      <p>
        {what === 'login'
          ? 'Si cette adresse est celle, confirmée, d’un compte, un courriel portant ce numéro vient d’y être envoyé avec le ou les identifiants.'
          : 'Si cet identifiant existe et que son adresse électronique est confirmée, un courriel portant ce numéro vient d’y être envoyé avec un lien valable une semaine. Votre mot de passe ne change pas tant que vous n’avez pas suivi ce lien.'}
      </p>
      <p>
        Sans courriel d’ici quelques minutes, regardez dans vos courriers indésirables, puis
        contactez l’établissement en lui donnant ce numéro.
      </p>
      <p>
        <a href="/">Retour à la connexion</a>
      </p>
    </PortalFrame>
  );
}

export function ResetPasswordPage({
  csrf,
  state,
  login,
  token,
}: FormPage & { login: string; token: string }) {
  return (
    <PortalFrame title="Nouveau mot de passe" signedIn={null}>
      <ErrorSummary state={state} />
      <p>
        Compte <strong>{login}</strong> : choisissez votre nouveau mot de passe. Toutes les
        connexions ouvertes sur ce compte seront fermées.
      </p>
      <form method="post" action="/mot-de-passe/nouveau" noValidate>
        <CsrfField token={csrf} />
        <input type="hidden" name="token" value={token} />
        <NewPasswordFields hint={PASSWORD_HINT} state={state} />
        <div className="p-actions">
          <button className="p-button" type="submit">
            Valider
          </button>
        </div>
      </form>
    </PortalFrame>
  );
}

/**
 * After the e-mail's link: a first confirmation opens the account (seed 004 « Création
 * réussie »); a changed address only replaces the old one, on an account already in use.
 */
export function AddressConfirmedPage({
  login,
  email,
  activated,
}: {
  login: string;
  email: string;
  activated: boolean;
}) {
  return (
    <MessagePage
      title="Adresse confirmée"
      success
      paragraphs={
        activated
          ? [
              `Création réussie : le compte ${login} est maintenant opérationnel. Vous pouvez utiliser les services ouverts par l’établissement.`,
              'Vous pouvez à tout moment mettre à jour les informations de votre compte par « Gérer mon compte ».',
            ]
          : [
              `Votre nouvelle adresse électronique, ${email}, est confirmée : elle remplace l’ancienne pour le compte ${login}.`,
              'Les prochains courriels des services en ligne y seront envoyés, et elle vous servira à retrouver votre identifiant ou votre mot de passe.',
            ]
      }
      link={{ href: '/', label: activated ? 'Aller à mes services' : 'Retour à mes services' }}
    />
  );
}

/** A short answer page: a link confirmed or spent, a page missing, an error. */
export function MessagePage({
  title,
  paragraphs,
  link,
  csrf,
  success,
  form,
}: {
  title: string;
  paragraphs: string[];
  link?: { href: string; label: string };
  csrf?: string;
  success?: boolean;
  /** One button that posts (a link from an e-mail is spent by a post, never by opening it). */
  form?: { action: string; csrf: string; hidden: Record<string, string>; label: string };
}) {
  return (
    <PortalFrame title={title} signedIn={csrf ? { csrf } : null}>
      <Notice success={success}>
        {paragraphs.map((p) => (
          <p key={p}>{p}</p>
        ))}
      </Notice>
      {form && (
        <form method="post" action={form.action}>
          <CsrfField token={form.csrf} />
          {Object.entries(form.hidden).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <button className="p-button" type="submit">
            {form.label}
          </button>
        </form>
      )}
      {link && (
        <p>
          <a className="p-button" href={link.href}>
            {link.label}
          </a>
        </p>
      )}
    </PortalFrame>
  );
}
