import type { FastifyInstance } from 'fastify';
import type { Readable } from 'node:stream';
import type { StaffDispatch } from '../services/staffApi';
import { STS_LIMITS } from '../services/sts/readStsXml';
import { SESSION_COOKIE, isCrossOrigin, send } from './staffRoutes';

const MAX_STS_BYTES = STS_LIMITS.maxFileBytes ?? 30 * 1024 * 1024;

/**
 * STS-Web exports in web mode: the raw file as the request body (the JSON API stops at 1 MB),
 * gathered up to the STS size limit, then handed to the call `sts.upload` through the
 * dispatcher: the same session, role and input checks as over IPC.
 */
export function registerStsUploadRoute(app: FastifyInstance, dispatch: StaffDispatch) {
  app.post('/upload/sts', async (request, reply) => {
    if (isCrossOrigin(request)) {
      return send(reply, {
        ok: false,
        error: { code: 'forbidden', message: 'Requête refusée : elle ne vient pas de Pupitre.' },
      });
    }
    if (!(request.headers['content-type'] ?? '').startsWith('application/octet-stream')) {
      return reply.code(415).send({
        ok: false,
        error: {
          code: 'invalid_input',
          message: 'Envoi refusé : le fichier STS-Web doit être envoyé tel quel.',
        },
      });
    }
    let fileName = 'sts.xml';
    const header = request.headers['x-file-name'];
    try {
      if (typeof header === 'string' && header !== '') fileName = decodeURIComponent(header);
    } catch {
      // A badly encoded name is not worth refusing the file for.
    }
    const token = request.cookies[SESSION_COOKIE] ?? null;
    // The role is checked before a byte is kept.
    const allowed = await dispatch.guarded('sts.upload', token, async () => true);
    if (!allowed.ok) return send(reply, allowed);
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of request.body as Readable) {
      total += (chunk as Buffer).length;
      if (total > MAX_STS_BYTES) {
        (request.body as Readable).destroy();
        return send(reply, {
          ok: false,
          error: {
            code: 'invalid_input',
            message: `Le fichier ${fileName} dépasse ${MAX_STS_BYTES / 1024 / 1024} Mo : ce n’est pas un export STS-Web d’établissement.`,
          },
        });
      }
      chunks.push(chunk as Buffer);
    }
    const { result } = await dispatch.handle(
      'sts.upload',
      { fileName, bytes: new Uint8Array(Buffer.concat(chunks)) },
      token,
      { address: request.ip },
    );
    return send(reply, result);
  });
}
