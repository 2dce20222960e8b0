import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError } from '../../../shared/api/result';
import { MessagePage } from '../../../renderer/portal/pages/authPages';
import { html, stageOrRedirect } from './authRoutes';
import type { PageKit } from './pageKit';
import { renderPage } from './render';

/**
 * How a family page reads a refused call. The pages agree on everything else: a lost session
 * goes to the stage's page (or the login), `not_found` is « Page introuvable » (404) with
 * nothing of the child in it, any other refusal is a 400 under the page's `title`.
 *
 * They differ on `forbidden` only, because it does not mean the same thing on each page:
 * - home and notes (`FORBIDDEN_IS_STAGE`): the only `forbidden` is the dispatcher's stage
 *   gate (first connection or address check not done), so the browser is sent to that stage's
 *   page; one still left once at home (a race) is a plain 400 « Page introuvable ».
 * - vie scolaire (`FORBIDDEN_IS_STAGE_THEN_REFUSED`): the same stage gate, but its forms post
 *   (the justificatif), so a refusal still left is said as such, « Demande refusée » (403).
 * - fiche de renseignements (`FORBIDDEN_IS_SERVICE`): `forbidden` is the service's own answer
 *   (the school has not opened the fiche), not a stage: no stage is asked, « Accès refusé »
 *   (403).
 */
export interface RefusalStyle {
  /** The page's title for a refusal other than `not_found` and `forbidden`. */
  title: string;
  forbidden: { askStage: boolean; title: string; status: 400 | 403 };
}

export const FORBIDDEN_IS_STAGE: RefusalStyle = {
  title: 'Page introuvable',
  forbidden: { askStage: true, title: 'Page introuvable', status: 400 },
};

export const FORBIDDEN_IS_STAGE_THEN_REFUSED: RefusalStyle = {
  title: 'Demande refusée',
  forbidden: { askStage: true, title: 'Demande refusée', status: 403 },
};

export const FORBIDDEN_IS_SERVICE: RefusalStyle = {
  title: 'Page introuvable',
  forbidden: { askStage: false, title: 'Accès refusé', status: 403 },
};

/** The refusal page for `error` (or a redirect to the session's stage), in the page's style. */
export async function refusalPage(
  kit: PageKit,
  request: FastifyRequest,
  reply: FastifyReply,
  error: ApiError,
  style: RefusalStyle,
): Promise<FastifyReply | undefined> {
  const forbidden = error.code === 'forbidden';
  if (error.code === 'unauthenticated' || (forbidden && style.forbidden.askStage)) {
    if (!(await stageOrRedirect(kit, request, reply, 'home'))) return undefined;
  }
  const title =
    error.code === 'not_found'
      ? 'Page introuvable'
      : forbidden
        ? style.forbidden.title
        : style.title;
  const status = error.code === 'not_found' ? 404 : forbidden ? style.forbidden.status : 400;
  return html(
    reply,
    renderPage(title, MessagePage, {
      title,
      paragraphs: [error.message],
      link: { href: '/accueil', label: 'Retour à l’accueil' },
      csrf: kit.csrf(reply),
    }),
    status,
  );
}
