import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LetterJobs } from '../services/letters/letterJobs';
import type { StaffDispatch } from '../services/staffApi';
import { SESSION_COOKIE, isCrossOrigin, send } from './staffRoutes';

/**
 * Web mode's download of a batch of letters: GET /letters/:id (the PDF, or the zip of a batch
 * split by division; `?partie=N` for one division's PDF alone) behind the checks of
 * `letters.download` (session, role), streamed from disk, never cached. /letters/:id.pdf is
 * the same address as it was before batches were split.
 */
export function registerLettersRoute(
  app: FastifyInstance,
  dispatch: StaffDispatch,
  letters: LetterJobs,
) {
  type Request = FastifyRequest<{ Params: { id: string }; Querystring: { partie?: string } }>;
  async function download(request: Request, reply: FastifyReply) {
    if (isCrossOrigin(request)) {
      return send(reply, {
        ok: false,
        error: { code: 'forbidden', message: 'Requête refusée : elle ne vient pas de Pupitre.' },
      });
    }
    const id = Number(request.params.id.replace(/\.pdf$/, ''));
    if (!Number.isInteger(id) || id <= 0) {
      return send(reply, {
        ok: false,
        error: { code: 'not_found', message: 'Lot de courriers introuvable.' },
      });
    }
    const partText = request.query.partie;
    const part = partText === undefined ? undefined : Number(partText);
    if (part !== undefined && (!Number.isInteger(part) || part <= 0)) {
      return send(reply, {
        ok: false,
        error: {
          code: 'not_found',
          message: 'Cette division n’est pas dans ce lot de courriers.',
        },
      });
    }
    const token = request.cookies[SESSION_COOKIE] ?? null;
    const result = await dispatch.guarded('letters.download', token, (actor) =>
      letters.batchFile(actor, id, part),
    );
    if (!result.ok) return send(reply, result);
    const { file, stream } = result.value;
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.name}"`)
      .header('cache-control', 'no-store')
      .send(stream);
  }
  app.get('/letters/:id', download);
}
