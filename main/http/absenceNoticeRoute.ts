import type { FastifyInstance } from 'fastify';
import type { StaffDispatch } from '../services/staffApi';
import { SESSION_COOKIE, isCrossOrigin, send } from './staffRoutes';

/**
 * Web mode's download of an absence notice to print: GET /absence-notice.pdf?evenement=12,
 * answered by the `schoolLife.noticePdf` call (session, role, input), never cached. Safe: it
 * writes nothing; the screen records « famille avisée » with `schoolLife.noticePrinted`.
 * Refused from another origin all the same: it holds a pupil's absence.
 */
export function registerAbsenceNoticeRoute(app: FastifyInstance, dispatch: StaffDispatch) {
  app.get<{ Querystring: { evenement?: string } }>(
    '/absence-notice.pdf',
    async (request, reply) => {
      if (isCrossOrigin(request)) {
        return send(reply, {
          ok: false,
          error: { code: 'forbidden', message: 'Requête refusée : elle ne vient pas de Pupitre.' },
        });
      }
      const token = request.cookies[SESSION_COOKIE] ?? null;
      const input = { id: Number(request.query.evenement) };
      const result = await dispatch('schoolLife.noticePdf', input, token, { address: request.ip });
      if (!result.ok) return send(reply, result);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="avis-absence-${input.id}.pdf"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(result.value as Uint8Array));
    },
  );
}
