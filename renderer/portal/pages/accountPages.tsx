import type {
  DigestStatus,
  FamilyView,
  MergePreview,
  MyData,
  PortalChild,
} from '../../../shared/api/portal';
import { ACCOUNT_KINDS } from '../../../shared/domain/accounts';
import { FAMILY_PASSWORD_RULE } from '../../../shared/domain/familyPassword';
import {
  CsrfField,
  EmailFields,
  ErrorSummary,
  Field,
  NewPasswordFields,
  Notice,
  type FormState,
} from '../components/Form';
import { formatDate } from '../../ui/format';
import { frenchInstant } from '../components/format';
import { childName, childNames, que } from '../components/childNames';
import { historyLabel, regimeLabel } from '../components/labels';
import { PortalFrame } from '../components/PortalFrame';
import { DigestCard } from '../components/DigestCard';

interface FormPage {
  csrf: string;
  state?: FormState;
  notice?: string;
}

function ChildList({ list }: { list: PortalChild[] }) {
  if (list.length === 0) return <p className="p-muted">Aucun enfant.</p>;
  // A no-break space after each dash: « 4C » and a date never start a line on their own.
  return (
    <ul>
      {list.map((c) => (
        <li key={c.studentId}>
          {childName(c)}
          {c.birthDate ? ` —\u00a0${formatDate(c.birthDate)}` : ''}
          {c.divisionCode ? ` —\u00a0${c.divisionCode}` : ''} ({c.schoolName})
        </li>
      ))}
    </ul>
  );
}

/** The address form's « Mot de passe actuel », apart from the password form's. */
const CURRENT_FOR_EMAIL = 'champ-adresse-current';

/** « Gérer mon compte »: profile (password, address), children and regroupement, my data. */
export function AccountPage({
  csrf,
  state,
  notice,
  view,
  form,
  digest,
}: FormPage & { view: FamilyView; form?: 'password' | 'email'; digest?: DigestStatus }) {
  const { account } = view;
  const passwordState = form === 'password' ? state : undefined;
  const emailState = form === 'email' ? state : undefined;
  return (
    <PortalFrame title="Gérer mon compte" signedIn={{ csrf }}>
      {notice && <Notice success>{notice}</Notice>}
      <section className="p-card" aria-labelledby="profil-titre">
        <h2 id="profil-titre">Profil</h2>
        <dl className="p-data">
          <dt>Identifiant</dt>
          <dd>{account.login}</dd>
          <dt>Compte</dt>
          <dd>{ACCOUNT_KINDS[account.kind]}</dd>
          <dt>Adresse électronique</dt>
          <dd>{account.email || 'aucune adresse confirmée'}</dd>
          {account.pendingEmail && (
            <>
              <dt>En attente de confirmation</dt>
              <dd>{account.pendingEmail}</dd>
            </>
          )}
          {account.joinedLogins.length > 0 && (
            <>
              <dt>Compte joint</dt>
              <dd>
                Regroupe aussi le{account.joinedLogins.length > 1 ? 's comptes' : ' compte'}{' '}
                {account.joinedLogins.join(', ')} : on s’y connecte désormais avec l’identifiant{' '}
                {account.login}.
              </dd>
            </>
          )}
          <dt>Dernière connexion</dt>
          <dd>{account.previousLoginAt ? frenchInstant(account.previousLoginAt) : '—'}</dd>
        </dl>
      </section>
      <section className="p-card" aria-labelledby="mdp-titre">
        <h2 id="mdp-titre">Changer de mot de passe</h2>
        <ErrorSummary state={passwordState} />
        <form method="post" action="/compte/mot-de-passe" noValidate>
          <CsrfField token={csrf} />
          <Field
            name="current"
            label="Mot de passe actuel"
            type="password"
            autoComplete="current-password"
            state={passwordState}
          />
          <NewPasswordFields
            hint={`${FAMILY_PASSWORD_RULE[0]!.toUpperCase()}${FAMILY_PASSWORD_RULE.slice(1)}.`}
            state={passwordState}
          />
          <button className="p-button" type="submit">
            Changer le mot de passe
          </button>
        </form>
      </section>
      <section className="p-card" aria-labelledby="adresse-titre">
        <h2 id="adresse-titre">Changer d’adresse électronique</h2>
        <ErrorSummary state={emailState} fieldIds={{ current: CURRENT_FOR_EMAIL }} />
        <p>
          La nouvelle adresse sera utilisée une fois confirmée par le lien que nous y enverrons ;
          l’ancienne en sera informée.
        </p>
        <form method="post" action="/compte/adresse" noValidate>
          <CsrfField token={csrf} />
          <Field
            name="current"
            id={CURRENT_FOR_EMAIL}
            label="Mot de passe actuel"
            type="password"
            autoComplete="current-password"
            state={emailState}
          />
          <EmailFields
            label="Nouvelle adresse électronique"
            againLabel="Confirmation de l’adresse électronique"
            state={emailState}
          />
          <button className="p-button" type="submit">
            Envoyer le lien de confirmation
          </button>
        </form>
      </section>
      {digest && <DigestCard csrf={csrf} digest={digest} />}
      <section className="p-card" aria-labelledby="enfants-titre">
        <h2 id="enfants-titre">Enfants rattachés au compte</h2>
        <ChildList list={view.children} />
        {account.kind === 'guardian' && (
          <p>
            <a className="p-button p-button-secondary" href="/compte/regrouper">
              Regrouper des comptes
            </a>
          </p>
        )}
      </section>
      <section className="p-card" aria-labelledby="donnees-titre">
        <h2 id="donnees-titre">Mes données</h2>
        <p>
          Tout ce que l’établissement conserve sur ce compte et{' '}
          {account.kind === 'guardian' ? 'vos enfants' : 'vous'}.
        </p>
        <ul className="p-links">
          <li>
            <a href="/mes-donnees">Consulter mes données</a>
          </li>
          <li>
            <a href="/mes-donnees.json" download="mes-donnees.json">
              Télécharger mes données (fichier JSON)
            </a>
          </li>
        </ul>
      </section>
    </PortalFrame>
  );
}

/** Seed 003 « Regrouper des comptes »: the other account's identifiant and password. */
export function MergePage({ csrf, state }: FormPage) {
  return (
    <PortalFrame title="Regrouper des comptes" signedIn={{ csrf }}>
      <ErrorSummary state={state} />
      <p>
        Saisissez l’identifiant et le mot de passe (provisoire ou choisi) du compte que vous
        souhaitez regrouper avec votre compte actuel : ses enfants y seront rattachés et il sera
        fermé. C’est aussi ainsi que deux responsables partagent un compte joint.
      </p>
      <form method="post" action="/compte/regrouper" noValidate>
        <CsrfField token={csrf} />
        <Field name="login" label="Identifiant du compte" autoComplete="off" state={state} />
        <Field
          name="password"
          label="Mot de passe du compte"
          type="password"
          autoComplete="off"
          state={state}
        />
        <Field
          name="birthDate"
          label="Date de naissance d’un enfant de ce compte"
          inputMode="numeric"
          autoComplete="off"
          required={false}
          feminine
          hint="Seulement si ce compte n’a jamais été activé. Par exemple 07032012 ou 07/03/2012."
          state={state}
        />
        <div className="p-actions">
          <button className="p-button" type="submit">
            Suivant
          </button>
          <a href="/compte">Annuler</a>
        </div>
      </form>
    </PortalFrame>
  );
}

/** Seed 000: the confirmation screen lists both accounts' children before anything moves. */
export function MergeConfirmPage({ csrf, preview }: { csrf: string; preview: MergePreview }) {
  return (
    <PortalFrame title="Confirmer le regroupement" signedIn={{ csrf }}>
      <h2>Enfants déjà rattachés à votre compte</h2>
      <ChildList list={preview.current} />
      <h2>Enfants du compte {preview.other.login}</h2>
      <ChildList list={preview.other.children} />
      <Notice>
        <p>
          En validant, ces enfants seront rattachés à votre compte et le compte{' '}
          <strong>{preview.other.login}</strong> sera fermé définitivement. Seul l’établissement
          pourra défaire ce regroupement.
        </p>
        <p>
          Si ce compte est celui d’un autre responsable (compte joint), il se connectera désormais
          avec votre identifiant, <strong>{preview.login}</strong>, et votre mot de passe :
          transmettez-les-lui.
        </p>
      </Notice>
      <form method="post" action="/compte/regrouper/valider">
        <CsrfField token={csrf} />
        <div className="p-actions">
          <button className="p-button" type="submit">
            Valider le regroupement
          </button>
          <a href="/compte">Annuler</a>
        </div>
      </form>
    </PortalFrame>
  );
}

export function NotMyChildPage({ csrf, child, state }: FormPage & { child: PortalChild }) {
  return (
    <PortalFrame title="Cet enfant n’est pas le mien" signedIn={{ csrf }}>
      <ErrorSummary state={state} />
      <p>
        Vous signalez {que(child.firstName)}
        <strong>{childName(child)}</strong> ({child.schoolName}) ne devrait pas figurer parmi les
        enfants de votre compte. L’établissement vérifiera et vous recontactera si besoin ; d’ici
        là, rien ne change sur votre compte.
      </p>
      <form method="post" action="/enfant/signaler" noValidate>
        <CsrfField token={csrf} />
        <input type="hidden" name="child" value={child.studentId} />
        <div className="p-field">
          <label htmlFor="champ-comment">Précision pour l’établissement (facultative)</label>
          <textarea id="champ-comment" name="comment" rows={3} maxLength={500} />
        </div>
        <div className="p-actions">
          <button className="p-button" type="submit">
            Envoyer le signalement
          </button>
          <a href="/accueil">Annuler</a>
        </div>
      </form>
    </PortalFrame>
  );
}

function Address({ a }: { a: MyData['children'][number]['address'] }) {
  return (
    <>
      {[a.line1, a.line2, `${a.postalCode} ${a.city}`.trim(), a.country].filter(Boolean).join(', ')}
    </>
  );
}

/** « Télécharger mes données », as a page to read. */
export function MyDataPage({ csrf, data }: { csrf: string; data: MyData }) {
  const names = childNames(data.children);
  return (
    <PortalFrame title="Mes données" signedIn={{ csrf }}>
      <p>
        Données extraites le {frenchInstant(data.exportedAt)}.{' '}
        <a href="/mes-donnees.json" download="mes-donnees.json">
          Télécharger ces données (fichier JSON)
        </a>
      </p>
      <section className="p-card">
        <h2>Compte</h2>
        <dl className="p-data">
          <dt>Identifiant</dt>
          <dd>{data.account.login}</dd>
          <dt>Nom</dt>
          <dd>{data.account.displayName}</dd>
          <dt>Adresse électronique</dt>
          <dd>{data.account.email || '—'}</dd>
          <dt>Créé le</dt>
          <dd>{frenchInstant(data.account.createdAt)}</dd>
          <dt>Activé le</dt>
          <dd>{data.account.activatedAt ? frenchInstant(data.account.activatedAt) : '—'}</dd>
        </dl>
      </section>
      {data.guardian && (
        <section className="p-card">
          <h2>Responsable</h2>
          <dl className="p-data">
            <dt>Nom</dt>
            <dd>
              {[
                data.guardian.civility,
                data.guardian.lastName.toUpperCase(),
                data.guardian.firstName,
              ]
                .filter(Boolean)
                .join(' ')}
            </dd>
            <dt>Adresse</dt>
            <dd>
              <Address a={data.guardian.address} />
            </dd>
            <dt>Téléphones</dt>
            <dd>
              {[data.guardian.phoneHome, data.guardian.phoneMobile, data.guardian.phoneWork]
                .filter(Boolean)
                .join(' / ') || '—'}
            </dd>
            <dt>Adresse électronique</dt>
            <dd>{data.guardian.email || '—'}</dd>
            <dt>Profession</dt>
            <dd>{data.guardian.profession || '—'}</dd>
          </dl>
        </section>
      )}
      {data.children.map((c) => (
        <section className="p-card" key={c.studentId}>
          <h2>{names.get(c.studentId)}</h2>
          <dl className="p-data">
            <dt>Date de naissance</dt>
            <dd>{formatDate(c.birthDate) || '—'}</dd>
            <dt>Établissement</dt>
            <dd>{c.schoolName}</dd>
            <dt>Classe</dt>
            <dd>{c.divisionCode ?? '—'}</dd>
            <dt>Régime</dt>
            <dd>{c.regime ? regimeLabel(c.regime) : '—'}</dd>
            <dt>Adresse</dt>
            <dd>
              <Address a={c.address} />
            </dd>
          </dl>
        </section>
      ))}
      <section className="p-card">
        <h2>Historique du compte</h2>
        {data.history.length === 0 ? (
          <p>Aucun évènement.</p>
        ) : (
          <ul>
            {data.history.map((h, i) => (
              <li key={i}>
                {frenchInstant(h.at)} — {historyLabel(h.action)} ({h.by})
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="p-card">
        <h2>Courriels envoyés</h2>
        {data.messages.length === 0 ? (
          <p>Aucun courriel.</p>
        ) : (
          <ul>
            {data.messages.map((x, i) => (
              <li key={i}>
                {frenchInstant(x.at)} — {x.subject} ({x.to})
              </li>
            ))}
          </ul>
        )}
      </section>
    </PortalFrame>
  );
}
