import type { FastifyInstance } from 'fastify';
import type { Pupitre } from '../../bootstrap';
import { LOOPBACK_HOSTNAMES } from '../plugins/hostCheck';
import { createPortalServer, type PortalConnectionLimits } from './portalServer';

export interface PortalListenOptions {
  /** 127.0.0.1 by default; « publier sur le réseau de l'établissement » binds another one. */
  host?: string;
  /** 0 picks a free port (tests). */
  port: number;
  https?: { key: Buffer; cert: Buffer } | null;
  trustProxy?: string | string[] | false;
  publicHttps?: boolean;
  /** Names the portal is reached by, beyond the loopback ones and the schools' portal URLs. */
  hostnames?: string[];
  /** Tests shorten them; the defaults are PORTAL_CONNECTION_LIMITS. */
  limits?: Partial<PortalConnectionLimits>;
}

export interface RunningPortal {
  url: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

function hostnameOf(url: string): string | null {
  try {
    const { hostname } = new URL(url);
    return hostname || null;
  } catch {
    return null;
  }
}

/** The family portal's own listener, beside (never inside) the staff one. */
export async function startPortal(
  pupitre: Pick<Pupitre, 'portal'>,
  options: PortalListenOptions,
): Promise<RunningPortal> {
  const schools = await pupitre.portal.schools();
  const host = options.host ?? '127.0.0.1';
  const allowed = new Set<string>([...LOOPBACK_HOSTNAMES, ...(options.hostnames ?? [])]);
  for (const s of schools) {
    const name = hostnameOf(s.portalUrl);
    if (name) allowed.add(name.includes(':') ? `[${name}]` : name);
  }
  if (host !== '0.0.0.0' && host !== '::') allowed.add(host);
  const app = await createPortalServer({
    dispatch: pupitre.portal.dispatch,
    schools: pupitre.portal.schools,
    secretKey: pupitre.portal.secretKey,
    allowedHostnames: [...allowed],
    https: options.https ?? null,
    trustProxy: options.trustProxy ?? false,
    publicHttps: options.publicHttps ?? false,
    ...(options.limits ? { limits: options.limits } : {}),
  });
  await app.listen({ host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const scheme = options.https ? 'https' : 'http';
  return {
    url: `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    app,
    close: () => app.close(),
  };
}
