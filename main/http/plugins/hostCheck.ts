import type { FastifyInstance } from 'fastify';

export const LOOPBACK_HOSTNAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * DNS rebinding defence: a hostile page can make its own domain resolve to 127.0.0.1 and
 * then send requests whose Host and Origin both name that domain. Only the names this
 * server is meant to be reached by are answered.
 */
export function registerHostCheck(
  app: FastifyInstance,
  allowedHostnames: readonly string[],
  /** Behind a reverse proxy the public port is the proxy's, not this listener's. */
  options: { checkPort?: boolean } = {},
) {
  const checkPort = options.checkPort ?? true;
  const allowed = new Set(allowedHostnames.map((h) => h.toLowerCase()));
  app.addHook('onRequest', async (request, reply) => {
    const host = (request.headers.host ?? '').toLowerCase();
    const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host);
    const hostname = match?.[1] ?? '';
    const port = match?.[2] ? Number(match[2]) : 80;
    const localPort = request.socket.localPort;
    if (!allowed.has(hostname) || (checkPort && localPort !== undefined && localPort !== port)) {
      return reply.code(421).send({
        ok: false,
        error: {
          code: 'forbidden',
          message: 'Adresse non reconnue : ouvrez Pupitre par son adresse habituelle.',
        },
      });
    }
  });
}
