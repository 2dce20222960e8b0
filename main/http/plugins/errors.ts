import type { FastifyInstance } from 'fastify';

/** Fastify's own refusals (bad JSON, body too large…) as the API's French answers. */
export function registerErrorAnswers(app: FastifyInstance) {
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
  app.setNotFoundHandler((_request, reply) => {
    void reply
      .code(404)
      .send({ ok: false, error: { code: 'not_found', message: 'Page introuvable.' } });
  });
}
