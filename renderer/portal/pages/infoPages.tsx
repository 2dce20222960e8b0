import type { PortalPublicSchool } from '../../../shared/api/portal';
import { unbroken } from '../components/format';
import { PortalFrame } from '../components/PortalFrame';

export type InfoTopic = 'mentions-legales' | 'donnees-personnelles' | 'contact' | 'aide';

const TITLES: Record<InfoTopic, string> = {
  'mentions-legales': 'Mentions légales',
  'donnees-personnelles': 'Données personnelles',
  contact: 'Contact',
  aide: 'Aide',
};

/** « , 8 rue des Tilleuls, 25660 Saône »: the publisher's postal address, as written. */
function postal({ address: a }: PortalPublicSchool): string {
  const parts = [a.line1, a.line2, `${a.postalCode} ${a.city}`.trim()].filter(Boolean);
  return parts.length ? `, ${parts.join(', ')}` : '';
}

/** The footer's pages (the guides' « contact - mentions légales - aide »). */
export function InfoPage({
  topic,
  csrf,
  schools,
}: {
  topic: InfoTopic;
  csrf: string | null;
  schools: PortalPublicSchool[];
}) {
  return (
    <PortalFrame title={TITLES[topic]} signedIn={csrf ? { csrf } : null}>
      {topic === 'mentions-legales' && (
        <>
          {schools.map((s) => (
            <section key={s.name} className="p-card" aria-label={s.name}>
              <dl className="p-data">
                <dt>Éditeur</dt>
                <dd>
                  {s.name}
                  {postal(s)}
                  {s.phone && `, téléphone : ${unbroken(s.phone)}`}
                </dd>
                <dt>Directeur ou directrice de la publication</dt>
                <dd>{s.publicationDirector || 'le chef d’établissement'}</dd>
              </dl>
            </section>
          ))}
          <p>
            Ce portail est publié par l’établissement scolaire de votre enfant, responsable de son
            contenu, avec le logiciel Pupitre.
          </p>
          <p>
            Il n’utilise aucun cookie de mesure d’audience ni de publicité : seulement les cookies
            nécessaires à la connexion (session, protection des formulaires, reconnaissance de votre
            appareil).
          </p>
        </>
      )}
      {topic === 'donnees-personnelles' && (
        <>
          <p>
            Les données affichées viennent du dossier administratif de l’élève tenu par
            l’établissement (base élèves SIECLE). Elles servent à la scolarité de l’élève et à
            l’accès de sa famille aux services en ligne.
          </p>
          <p>
            Vous pouvez consulter et télécharger à tout moment l’ensemble des données de votre
            compte depuis « Gérer mon compte », rubrique « Mes données ». Pour les faire rectifier,
            adressez-vous à l’établissement.
          </p>
          <p>
            Les mots de passe ne sont jamais conservés en clair, et chaque consultation de votre
            compte par le personnel de l’établissement est inscrite à son journal.
          </p>
        </>
      )}
      {topic === 'contact' && (
        <>
          <p>
            Pour toute question sur votre compte ou sur la scolarité de votre enfant, contactez
            l’établissement :
          </p>
          <ul>
            {schools.map((s) => (
              <li key={s.name}>
                {s.name}
                {s.phone && ` — téléphone : ${unbroken(s.phone)}`}
                {s.email && (
                  <>
                    {' — '}
                    <a href={`mailto:${s.email}`}>{s.email}</a>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {topic === 'aide' && (
        <>
          <h2>Première connexion</h2>
          <p>
            Munissez-vous du courrier remis par l’établissement : il porte votre identifiant et un
            mot de passe provisoire, valable 3 mois. Vous devrez indiquer la date de naissance de
            votre enfant (ou la vôtre pour un compte d’élève), choisir un mot de passe et donner
            votre adresse électronique.
          </p>
          <h2>Compte en attente de validation</h2>
          <p>
            Ouvrez le courriel reçu et suivez son lien. S’il n’arrive pas, regardez dans vos
            courriers indésirables, ou connectez-vous pour le renvoyer ou corriger l’adresse.
          </p>
          <h2>Identifiant ou mot de passe oublié</h2>
          <p>
            Utilisez les liens de la page de connexion. Ils ne fonctionnent qu’avec une adresse
            électronique confirmée ; sinon, contactez l’établissement.
          </p>
          <h2>Plusieurs enfants, deux responsables</h2>
          <p>
            Depuis « Gérer mon compte », « Regrouper des comptes » rattache à votre compte les
            enfants d’un autre compte que vous détenez, y compris celui de l’autre responsable
            (compte joint).
          </p>
        </>
      )}
    </PortalFrame>
  );
}
