import type { FastifyInstance } from 'fastify';
import type { StaffDispatch } from '../services/staffApi';
import type { InfoSheetExportFile } from '../../shared/api/staff';
import { SESSION_COOKIE, isCrossOrigin, send } from './staffRoutes';

/**
 * Web mode's download of a SIECLE export again: GET /export-siecle/12 answered by the
 * `infoSheets.exportFile` call (session, role, this school's exports only, journal), never
 * cached. Pupils' and guardians' records: the bytes are sent, not logged.
 */
export function registerInfoSheetExportRoute(app: FastifyInstance, dispatch: StaffDispatch) {
  app.get<{ Params: { id: string } }>('/export-siecle/:id', async (request, reply) => {
    if (isCrossOrigin(request)) {
      return send(reply, {
        ok: false,
        error: { code: 'forbidden', message: 'Requête refusée : elle ne vient pas de Pupitre.' },
      });
    }
    const token = request.cookies[SESSION_COOKIE] ?? null;
    const result = await dispatch(
      'infoSheets.exportFile',
      { id: Number(request.params.id) },
      token,
      { address: request.ip },
    );
    if (!result.ok) return send(reply, result);
    const file = result.value as InfoSheetExportFile;
    return reply
      .header('content-type', 'application/zip')
      .header(
        'content-disposition',
        `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9.-]/g, '_')}"`,
      )
      .header('cache-control', 'no-store')
      .send(Buffer.from(file.bytes));
  });
}
