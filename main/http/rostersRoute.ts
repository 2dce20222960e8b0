import type { FastifyInstance } from 'fastify';
import type { StaffDispatch } from '../services/staffApi';
import { SESSION_COOKIE, isCrossOrigin, send } from './staffRoutes';

/**
 * Web mode's download of a division's or group's printable list: GET
 * /rosters.pdf?division=12 (or ?groupe=4LAT1) answered by the `rosters.pdf` call (session,
 * role, input, journal), never cached. Children's data: the bytes are sent, not logged.
 */
export function registerRostersRoute(app: FastifyInstance, dispatch: StaffDispatch) {
  app.get<{ Querystring: { division?: string; groupe?: string } }>(
    '/rosters.pdf',
    async (request, reply) => {
      if (isCrossOrigin(request)) {
        return send(reply, {
          ok: false,
          error: { code: 'forbidden', message: 'Requête refusée : elle ne vient pas de Pupitre.' },
        });
      }
      const { division, groupe } = request.query;
      const input =
        division !== undefined ? { divisionId: Number(division) } : { group: groupe ?? '' };
      const token = request.cookies[SESSION_COOKIE] ?? null;
      const result = await dispatch('rosters.pdf', input, token, { address: request.ip });
      if (!result.ok) return send(reply, result);
      const name = division !== undefined ? `division-${division}` : `groupe-${groupe ?? ''}`;
      return reply
        .header('content-type', 'application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="liste-${name.replace(/[^A-Za-z0-9-]/g, '_')}.pdf"`,
        )
        .header('cache-control', 'no-store')
        .send(Buffer.from(result.value as Uint8Array));
    },
  );
}
