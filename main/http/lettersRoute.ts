import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { LetterJobs } from '../services/letters/letterJobs';
import type { StaffDispatch } from '../services/staffApi';
import { SESSION_COOKIE, isCrossOrigin, send } from './staffRoutes';

/**
 * Web mode's download of a batch of letters: GET /letters/:id.pdf behind the checks of
 * `letters.download` (session, role), streamed from disk, never cached.
 */
export function registerLettersRoute(
  app: FastifyInstance,
  dispatch: StaffDispatch,
  letters: LetterJobs,
) {
  app.get<{ Params: { id: string } }>('/letters/:id.pdf', async (request, reply) => {
    if (isCrossOrigin(request)) {
      return send(reply, {
        ok: false,
        error: { code: 'forbidden', message: 'Requête refusée : elle ne vient pas de Pupitre.' },
      });
    }
    const id = Number(request.params.id);
    if (!Number.isInteger(id) || id <= 0) {
      return send(reply, {
        ok: false,
        error: { code: 'not_found', message: 'Lot de courriers introuvable.' },
      });
    }
    const token = request.cookies[SESSION_COOKIE] ?? null;
    const result = await dispatch.guarded('letters.download', token, (actor) =>
      letters.batchFile(actor, id),
    );
    if (!result.ok) return send(reply, result);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${result.value.name}"`)
      .header('cache-control', 'no-store')
      .send(createReadStream(result.value.path));
  });
}
