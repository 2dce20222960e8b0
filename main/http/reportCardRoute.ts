import type { FastifyInstance } from 'fastify';
import type { StaffDispatch } from '../services/staffApi';
import { SESSION_COOKIE, isCrossOrigin, send } from './staffRoutes';

const optionalNumber = (text: string | undefined) =>
  text === undefined ? undefined : Number(text);

/**
 * Web mode's download of a relevé de notes: GET /releve.pdf?periode=3&division=12 (or
 * &eleve=42) answered by the `grades.reportCard` call (session, role, professeur principal,
 * input, journal), never cached. Children's grades: the bytes are sent, not logged.
 */
export function registerReportCardRoute(app: FastifyInstance, dispatch: StaffDispatch) {
  app.get<{ Querystring: { periode?: string; division?: string; eleve?: string } }>(
    '/releve.pdf',
    async (request, reply) => {
      if (isCrossOrigin(request)) {
        return send(reply, {
          ok: false,
          error: { code: 'forbidden', message: 'Requête refusée : elle ne vient pas de Pupitre.' },
        });
      }
      const { periode, division, eleve } = request.query;
      const input = {
        periodId: optionalNumber(periode),
        divisionId: optionalNumber(division),
        studentId: optionalNumber(eleve),
      };
      const token = request.cookies[SESSION_COOKIE] ?? null;
      const result = await dispatch('grades.reportCard', input, token, { address: request.ip });
      if (!result.ok) return send(reply, result);
      const name = eleve !== undefined ? `eleve-${eleve}` : `division-${division ?? ''}`;
      return reply
        .header('content-type', 'application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="releve-${name.replace(/[^A-Za-z0-9-]/g, '_')}.pdf"`,
        )
        .header('cache-control', 'no-store')
        .send(Buffer.from(result.value as Uint8Array));
    },
  );
}
