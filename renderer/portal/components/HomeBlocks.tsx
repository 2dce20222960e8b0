import type {
  FamilyView,
  PortalChild,
  PortalSchool,
  PortalService,
} from '../../../shared/api/portal';
import { formatDate } from '../../ui/format';
import { childName, childNames } from './childNames';
import { unbroken } from './format';
import { newItemsLabel } from './newLabels';

/** « Hugo MARTIN — né(e) le 04/04/2012 — 4C » (SPEC §9: name, date of birth, division). */
export function ChildBlock({
  child,
  siblings = [child],
  reportHref,
}: {
  child: PortalChild;
  /** The account's children, to tell this one from a twin or a homonym. */
  siblings?: PortalChild[];
  reportHref: string | null;
}) {
  return (
    <section className="p-card" aria-labelledby="enfant-titre">
      <h2 id="enfant-titre">{childNames(siblings).get(child.studentId) ?? childName(child)}</h2>
      <dl className="p-data">
        <dt>Date de naissance</dt>
        <dd>{formatDate(child.birthDate) || 'non renseignée'}</dd>
        <dt>Classe</dt>
        <dd>{child.divisionCode ?? 'en attente d’affectation'}</dd>
        <dt>Établissement</dt>
        <dd>{child.schoolName}</dd>
      </dl>
      {reportHref && (
        <p>
          <a href={reportHref}>Cet enfant n’est pas le mien</a>
        </p>
      )}
    </section>
  );
}

/** One link per child when the account covers several (SPEC §4.4: the child switcher). */
export function ChildSwitcher({
  list,
  current,
  page = '/accueil',
}: {
  list: PortalChild[];
  current: number | null;
  /** The page each link opens, for the other child. */
  page?: string;
}) {
  if (list.length < 2) return null;
  const names = childNames(list);
  return (
    <nav aria-label="Choisir l’enfant">
      <ul className="p-switcher">
        {list.map((c) => (
          <li key={c.studentId}>
            {c.studentId === current ? (
              <span aria-current="page">{names.get(c.studentId)}</span>
            ) : (
              <a href={`${page}?enfant=${c.studentId}`}>{names.get(c.studentId)}</a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function SchoolBlock({ school }: { school: PortalSchool }) {
  const a = school.address;
  return (
    <section className="p-card" aria-labelledby="etablissement-titre">
      <h2 id="etablissement-titre">{school.name}</h2>
      <p>
        {[a.line1, a.line2].filter(Boolean).join(', ')}
        {a.line1 && <br />}
        {[a.postalCode, a.city].filter(Boolean).join(' ')}
      </p>
      {school.phone && <p>Téléphone : {unbroken(school.phone)}</p>}
      {school.contactEmail && (
        <p>
          <a href={`mailto:${school.contactEmail}`}>Écrire à l’établissement</a>
        </p>
      )}
    </section>
  );
}

export function ServicesMenu({ services }: { services: PortalService[] }) {
  return (
    <section aria-labelledby="services-titre">
      <h2 id="services-titre">Vos services</h2>
      {services.length === 0 ? (
        <p className="p-muted">L’établissement n’a pas encore ouvert de service en ligne.</p>
      ) : (
        <ul className="p-services">
          {services.map((s) => (
            <li key={s.key} className={s.newCount ? 'p-service-new' : undefined}>
              <strong>
                {s.status === 'open' && s.href ? <a href={s.href}>{s.label}</a> : s.label}
              </strong>
              {s.status === 'soon' && <span className="p-soon">Bientôt disponible</span>}
              {s.newCount !== undefined && (
                <span className="p-cue">{newItemsLabel(s.key, s.newCount)}</span>
              )}
              {s.summary && <span className="p-tile">{s.summary}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function WelcomeMessage({ view }: { view: FamilyView }) {
  if (!view.school?.welcomeMessage.trim()) return null;
  return (
    <section className="p-notice" aria-label="Message de l’établissement">
      {view.school.welcomeMessage.split(/\n+/).map((line, i) => (
        <p key={i}>{line}</p>
      ))}
    </section>
  );
}
