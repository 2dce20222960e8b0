import type { FastifyInstance } from 'fastify';
import { MessagePage } from '../../../renderer/portal/pages/authPages';
import { NotesPage } from '../../../renderer/portal/pages/NotesPage';
import { html, stageOrRedirect } from './authRoutes';
import { query, type PageKit } from './pageKit';
import { renderPage } from './render';

/** The address's `enfant` and `periode`, as the call takes them (an empty one is left out). */
function notesInput(q: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  if (q.enfant !== undefined && q.enfant !== '') input.child = q.enfant;
  if (q.periode !== undefined && q.periode !== '') input.period = q.periode;
  return input;
}

/**
 * « Notes » (issue 16 §6): `/notes?enfant=…&periode=…`, one call for the page. A child that is
 * not the account's, a period the child's class does not follow, or a service the school has
 * not opened gives the same « page introuvable » (404), with nothing of the child in it.
 */
export function registerNotesRoutes(app: FastifyInstance, kit: PageKit) {
  app.get('/notes', async (request, reply) => {
    const result = await kit.call(request, reply, 'portal.notes', notesInput(query(request)));
    if (result.ok) {
      return html(
        reply,
        renderPage('Notes', NotesPage, { view: result.value, csrf: kit.csrf(reply) }),
      );
    }
    if (result.error.code === 'unauthenticated' || result.error.code === 'forbidden') {
      if (!(await stageOrRedirect(kit, request, reply, 'home'))) return;
    }
    return html(
      reply,
      renderPage('Page introuvable', MessagePage, {
        title: 'Page introuvable',
        paragraphs: [result.error.message],
        link: { href: '/accueil', label: 'Retour à l’accueil' },
        csrf: kit.csrf(reply),
      }),
      result.error.code === 'not_found' ? 404 : 400,
    );
  });
}
