import type { FastifyInstance } from 'fastify';
import { NotesPage } from '../../../renderer/portal/pages/NotesPage';
import { html } from './authRoutes';
import { query, type PageKit } from './pageKit';
import { FORBIDDEN_IS_STAGE, refusalPage } from './refusalPage';
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
    return refusalPage(kit, request, reply, result.error, FORBIDDEN_IS_STAGE);
  });
}
