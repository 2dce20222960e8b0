import type { FastifyInstance } from 'fastify';
import type { Readable } from 'node:stream';
import type { ImportService } from '../services/import/importService';
import type { StaffDispatch } from '../services/staffApi';
import { SESSION_COOKIE, isCrossOrigin, send } from './staffRoutes';

/**
 * SIECLE files in web mode: the raw file as the request body, streamed to disk with its
 * size checked as it comes, behind the same session and role checks as `import.upload`.
 */
export function registerUploadRoute(
  app: FastifyInstance,
  dispatch: StaffDispatch,
  imports: ImportService,
) {
  app.addContentTypeParser('application/octet-stream', (_request, payload, done) =>
    done(null, payload),
  );
  app.post('/upload/import', async (request, reply) => {
    if (isCrossOrigin(request)) {
      return send(reply, {
        ok: false,
        error: { code: 'forbidden', message: 'Requête refusée : elle ne vient pas de Pupitre.' },
      });
    }
    // Only a raw file is accepted: a JSON or form body never reaches the import service.
    if (!(request.headers['content-type'] ?? '').startsWith('application/octet-stream')) {
      return reply.code(415).send({
        ok: false,
        error: {
          code: 'invalid_input',
          message:
            'Envoi refusé : le fichier SIECLE doit être envoyé tel quel (application/octet-stream).',
        },
      });
    }
    const header = request.headers['x-file-name'];
    let fileName = 'fichier.xml';
    try {
      if (typeof header === 'string' && header !== '') fileName = decodeURIComponent(header);
    } catch {
      // A badly encoded name is not worth refusing the file for.
    }
    const token = request.cookies[SESSION_COOKIE] ?? null;
    const result = await dispatch.guarded('import.upload', token, (actor) =>
      imports.receive(actor, fileName, request.body as Readable),
    );
    return send(reply, result);
  });
}
