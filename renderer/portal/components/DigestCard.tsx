import type { DigestStatus } from '../../../shared/api/portal';
import { CsrfField } from './Form';

/**
 * « Résumé par courriel » on the account page (issue 17 §5): opt-in, one button either way.
 * It says plainly that the message counts and never shows a mark or a detail.
 */
export function DigestCard({ csrf, digest }: { csrf: string; digest: DigestStatus }) {
  return (
    <section className="p-card" aria-labelledby="resume-titre">
      <h2 id="resume-titre">Résumé par courriel</h2>
      <p>
        Une fois par jour au plus, jamais entre 21 h et 7 h, un courriel vous dit s’il y a de
        nouvelles notes ou de nouveaux évènements de vie scolaire, sans en donner le détail : vous
        les consultez ici. Rien n’est envoyé les jours sans nouveauté.
      </p>
      <p>
        <strong>
          {digest.enabled ? 'Vous recevez le résumé.' : 'Vous ne recevez pas le résumé.'}
        </strong>
      </p>
      {!digest.enabled && !digest.addressConfirmed ? (
        <p>Confirmez d’abord votre adresse électronique : le résumé n’est envoyé qu’à elle.</p>
      ) : (
        <form method="post" action="/compte/resume">
          <CsrfField token={csrf} />
          <input type="hidden" name="enabled" value={digest.enabled ? '0' : '1'} />
          <button
            className={digest.enabled ? 'p-button p-button-secondary' : 'p-button'}
            type="submit"
          >
            {digest.enabled ? 'Ne plus recevoir le résumé' : 'Recevoir le résumé par courriel'}
          </button>
        </form>
      )}
    </section>
  );
}
