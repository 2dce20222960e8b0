import { createHmac } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import { InfoPage, type InfoTopic } from '../../../renderer/portal/pages/infoPages';
import { MessagePage } from '../../../renderer/portal/pages/authPages';
import type { PortalPublicSchool } from '../../../shared/api/portal';
import type { PortalDispatcher } from '../../services/portal/portalApi';
import { registerHostCheck } from '../plugins/hostCheck';
import { html, registerAuthRoutes } from './authRoutes';
import { registerFamilyRoutes } from './familyRoutes';
import { registerSchoolLifeRoutes } from './schoolLifeRoutes';
import { registerNotesRoutes } from './notesRoutes';
import { registerInfoSheetRoutes } from './infoSheetRoutes';
import { registerDigestRoutes } from './digestRoutes';
import { createPageKit } from './pageKit';
import { registerPortalHeaders } from './portalHeaders';
import { renderPage, SERVED_CSS } from './render';

export interface PortalServerOptions {
  dispatch: PortalDispatcher;
  /** The schools the portal serves: login page, « Contact », « Mentions légales ». */
  schools: () => Promise<PortalPublicSchool[]>;
  /** Seals the cookies (CSRF secret): the installation's key, the same for every process. */
  secretKey: Buffer;
  /** Host names families reach the portal by (its public name, and the loopback names). */
  allowedHostnames: readonly string[];
  /** The certificate the school gives, for HTTPS served by Pupitre itself. */
  https?: { key: Buffer; cert: Buffer } | null;
  /**
   * A reverse proxy in front (its address, or a list): the family's address is then read
   * from X-Forwarded-For, and `Secure` cookies and HSTS follow its HTTPS.
   */
  trustProxy?: string | string[] | false;
  /** Behind a proxy that serves HTTPS. */
  publicHttps?: boolean;
  logger?: boolean;
  /** How long a slow or idle client may hold a connection, and how many may be open. */
  limits?: Partial<PortalConnectionLimits>;
}

export interface PortalConnectionLimits {
  /** The whole request (headers and body) must arrive within this. */
  requestTimeoutMs: number;
  /** A connection silent this long is closed. */
  idleTimeoutMs: number;
  /** A kept-alive connection waiting for the next request. */
  keepAliveTimeoutMs: number;
  /** A TLS client must finish its handshake within this (Node waits 2 minutes by default). */
  handshakeTimeoutMs: number;
  /** Connections open at once: past it, a new one is closed at once (others are still served). */
  maxConnections: number;
}

/**
 * A page is a few kilobytes and a form 16 KiB at most: 15 s for a whole request is ample on a
 * poor mobile line, and stops a client trickling its headers byte by byte from holding a
 * descriptor (Node's own defaults are 60 s for the headers and 5 minutes for the request).
 */
export const PORTAL_CONNECTION_LIMITS: PortalConnectionLimits = {
  requestTimeoutMs: 15_000,
  idleTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  handshakeTimeoutMs: 10_000,
  maxConnections: 500,
};

const INFO_TOPICS: InfoTopic[] = ['mentions-legales', 'donnees-personnelles', 'contact', 'aide'];

/**
 * The family portal's own listener (never the staff one): server-rendered pages that work
 * without script, forms that post, a session cookie bound to a database row, CSRF tokens on
 * every form, and the headers of registerPortalHeaders.
 */
export async function createPortalServer(options: PortalServerOptions): Promise<FastifyInstance> {
  const https = Boolean(options.https) || Boolean(options.publicHttps);
  const limits = { ...PORTAL_CONNECTION_LIMITS, ...options.limits };
  // Node checks the request deadline only every `connectionsCheckingInterval` (30 s by default).
  const nodeServer = {
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, limits.requestTimeoutMs / 4)),
  };
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 16 * 1024,
    trustProxy: options.trustProxy || false,
    requestTimeout: limits.requestTimeoutMs,
    connectionTimeout: limits.idleTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    ...(options.https
      ? {
          https: {
            ...options.https,
            ...nodeServer,
            // A silent socket must not hold a descriptor until Node's 2-minute default.
            handshakeTimeout: limits.handshakeTimeoutMs,
          },
        }
      : { http: nodeServer }),
  } as Parameters<typeof Fastify>[0]) as unknown as FastifyInstance;
  // The headers' own deadline (60 s by default) may not exceed the request's.
  app.server.headersTimeout = limits.requestTimeoutMs;
  app.server.maxConnections = limits.maxConnections;
  const cookieSecret = createHmac('sha256', options.secretKey)
    .update('pupitre-portail-cookies')
    .digest('hex');
  await app.register(fastifyCookie, { secret: cookieSecret });
  await app.register(fastifyFormbody, { bodyLimit: 16 * 1024 });
  const kit = createPageKit(options.dispatch, { secure: https });
  await app.register(fastifyCsrf, {
    cookieKey: kit.names.form,
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, signed: true, secure: https },
    getUserInfo: kit.csrfUserInfo,
    csrfOpts: {
      hmacKey: createHmac('sha256', options.secretKey)
        .update('pupitre-portail-formulaires')
        .digest(),
    },
  });
  registerHostCheck(app, options.allowedHostnames, { checkPort: !options.trustProxy });
  registerPortalHeaders(app, { https });

  registerAuthRoutes(app, kit, options.schools);
  registerFamilyRoutes(app, kit);
  registerSchoolLifeRoutes(app, kit);
  registerNotesRoutes(app, kit);
  registerInfoSheetRoutes(app, kit);
  registerDigestRoutes(app, kit);

  app.get('/portail.css', async (_request, reply) =>
    reply
      .type('text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(SERVED_CSS),
  );
  for (const topic of INFO_TOPICS) {
    app.get(`/${topic}`, async (request, reply) => {
      // Signed in only if the session still holds (an expired cookie shows the public header).
      const signedIn =
        Boolean(kit.sessionOf(request)) && (await kit.call(request, reply, 'portal.stage', {})).ok;
      return html(
        reply,
        renderPage(topic, InfoPage, {
          topic,
          csrf: signedIn ? kit.csrf(reply) : null,
          schools:
            topic === 'contact' || topic === 'mentions-legales' ? await options.schools() : [],
        }),
      );
    });
  }

  app.setNotFoundHandler(async (_request, reply) =>
    html(
      reply,
      renderPage('Page introuvable', MessagePage, {
        title: 'Page introuvable',
        paragraphs: [
          'Cette page n’existe pas. Vérifiez l’adresse, ou repartez de la page d’accueil.',
        ],
        link: { href: '/', label: 'Aller à l’accueil' },
      }),
      404,
    ),
  );
  app.setErrorHandler(async (error: { code?: string; statusCode?: number }, request, reply) => {
    const csrf =
      error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET';
    const tooLarge = error.statusCode === 413;
    if (!csrf && !tooLarge && (error.statusCode ?? 500) >= 500) {
      request.log.error({ code: error.code }, 'portal error');
    }
    return html(
      reply,
      renderPage(
        csrf ? 'Formulaire expiré' : tooLarge ? 'Saisie trop longue' : 'Erreur',
        MessagePage,
        {
          title: csrf ? 'Formulaire expiré' : tooLarge ? 'Saisie trop longue' : 'Erreur',
          paragraphs: [
            csrf
              ? 'Ce formulaire a expiré ou ne vient pas de ce site : rien n’a été enregistré. Rechargez la page et recommencez.'
              : tooLarge
                ? 'La saisie envoyée est trop longue : rien n’a été enregistré.'
                : 'Une erreur inattendue est survenue ; rien n’a été enregistré. Réessayez dans un instant.',
          ],
          link: { href: '/', label: 'Retour à l’accueil' },
        },
      ),
      csrf
        ? 403
        : tooLarge
          ? 413
          : (error.statusCode ?? 500) >= 500
            ? 500
            : (error.statusCode ?? 400),
    );
  });
  return app;
}
