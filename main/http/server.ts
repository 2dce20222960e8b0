import { existsSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import type { Dispatch } from '../services/dispatch';
import { LOOPBACK_HOSTNAMES, registerHostCheck } from './hostCheck';
import { SECURITY_HEADERS } from './securityHeaders';
import { registerStaffRoutes, registerUploadRoute } from './staffRoutes';
import type { ImportService } from '../services/import/importService';

export interface HttpServerOptions {
  dispatch: Dispatch;
  /** Receives SIECLE files posted to /upload/import. */
  imports: ImportService;
  /** The built renderer (dist/renderer); when absent only the API is served. */
  rendererDir: string | null;
  secureCookies?: boolean;
  /** Host names the server answers to; the loopback names by default. */
  allowedHostnames?: readonly string[];
  logger?: boolean;
}

export async function createHttpServer(options: HttpServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1024 * 1024 });
  await app.register(fastifyCookie);
  registerHostCheck(app, options.allowedHostnames ?? LOOPBACK_HOSTNAMES);

  app.addHook('onSend', async (_request, reply, payload) => {
    for (const [header, value] of Object.entries(SECURITY_HEADERS)) reply.header(header, value);
    return payload;
  });

  app.setErrorHandler((error: { statusCode?: number }, _request, reply) => {
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    const message =
      status === 415
        ? 'Format de requête non pris en charge : JSON attendu.'
        : status === 413
          ? 'Requête trop volumineuse.'
          : status < 500
            ? 'Requête mal formée.'
            : 'Une erreur inattendue est survenue.';
    void reply.code(status).send({
      ok: false,
      error: { code: status < 500 ? 'invalid_input' : 'internal', message },
    });
  });

  registerStaffRoutes(app, options.dispatch, options.secureCookies ?? false);
  registerUploadRoute(app, options.dispatch, options.imports);

  if (options.rendererDir && existsSync(options.rendererDir)) {
    await app.register(fastifyStatic, { root: options.rendererDir, index: ['index.html'] });
  }
  app.setNotFoundHandler((_request, reply) => {
    void reply
      .code(404)
      .send({ ok: false, error: { code: 'not_found', message: 'Page introuvable.' } });
  });
  return app;
}
