import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PortalCallName, PortalOutput } from '../../../shared/api/portal';
import type { ApiError, ApiResult } from '../../../shared/api/result';
import type { FormState } from '../../../renderer/portal/components/Form';
import type { PortalDispatcher } from '../../services/portal/portalApi';

/** A posted form's fields, and an address's query, as plain records (zod checks them next). */
export const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
export const query = (request: FastifyRequest) => (request.query ?? {}) as Record<string, unknown>;

/**
 * The portal's cookie names. Over HTTPS the session and form cookies are `__Host-` (the
 * browser then takes them only with Secure, Path=/ and no Domain: a sibling host or a plain
 * HTTP page cannot plant or shadow them); the « appareil connu » cookie keeps its
 * Path=/connexion, which `__Host-` forbids, so it is `__Secure-`.
 */
export function portalCookieNames(secure: boolean) {
  return {
    session: secure ? '__Host-pupitre_famille' : 'pupitre_famille',
    device: secure ? '__Secure-pupitre_appareil' : 'pupitre_appareil',
    form: secure ? '__Host-pupitre_formulaire' : 'pupitre_formulaire',
  };
}

/** The notices a redirect may name: fixed sentences, never text taken from the address. */
export const NOTICES = {
  session: 'Votre session a pris fin : reconnectez-vous.',
  deconnexion: 'Déconnexion effectuée. À bientôt !',
  'mot-de-passe': 'Votre mot de passe a été changé. Connectez-vous avec le nouveau.',
  bienvenue:
    'Création réussie : vous pouvez maintenant utiliser les services ouverts par l’établissement.',
  envoye: 'Un nouveau lien vient d’être envoyé. Il remplace les précédents.',
  regroupement:
    'Regroupement effectué : les enfants de l’autre compte sont maintenant rattachés au vôtre.',
  signalement: 'Votre signalement a été transmis à l’établissement.',
  'mot-de-passe-change': 'Votre mot de passe a été changé.',
  adresse:
    'Un lien de confirmation a été envoyé à la nouvelle adresse. Elle sera utilisée une fois confirmée.',
  'resume-active':
    'C’est noté : vous recevrez le résumé par courriel les jours où il y a du nouveau.',
  'resume-arrete': 'C’est noté : vous ne recevrez plus le résumé par courriel.',
} as const;
export type NoticeKey = keyof typeof NOTICES;

/** Own keys only: `?info=__proto__` or `?info=constructor` must not reach Object.prototype. */
const NOTICE_MAP: ReadonlyMap<string, string> = new Map(Object.entries(NOTICES));

export function noticeOf(request: FastifyRequest): string | undefined {
  const key = query(request).info;
  return typeof key === 'string' ? NOTICE_MAP.get(key) : undefined;
}

export interface CookiePolicy {
  secure: boolean;
}

export function createPageKit(dispatch: PortalDispatcher, cookies: CookiePolicy) {
  const names = portalCookieNames(cookies.secure);
  const sessionOf = (request: FastifyRequest): string | null =>
    request.cookies[names.session] ?? null;
  const deviceOf = (request: FastifyRequest): string | undefined => request.cookies[names.device];
  /** The session a request leaves its browser with, once a call issued or ended one. */
  const sessionAfter = new WeakMap<FastifyRequest, string | null>();

  /**
   * What binds a form token to the session (`getUserInfo`): a token read under one session (or
   * none) is refused under another, so a token planted with a stranger's cookie is worthless.
   */
  function csrfUserInfo(request: FastifyRequest): string {
    const session = sessionAfter.has(request) ? sessionAfter.get(request) : sessionOf(request);
    // Never empty: @fastify/csrf refuses an empty userInfo.
    return session ? `session:${session}` : 'sans-session';
  }

  /** A form token for the page being rendered, bound to the session the browser will hold. */
  const csrf = (reply: FastifyReply): string =>
    reply.generateCsrf({ userInfo: csrfUserInfo(reply.request) });

  function setSession(reply: FastifyReply, token: string) {
    reply.setCookie(names.session, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: cookies.secure,
    });
  }

  function setDevice(reply: FastifyReply, token: string) {
    reply.setCookie(names.device, token, {
      path: '/connexion',
      httpOnly: true,
      sameSite: 'strict',
      secure: cookies.secure,
      maxAge: 365 * 24 * 3600,
    });
  }

  /** One portal call with the browser's session: a new session sets the cookie, an end clears it. */
  async function call<K extends PortalCallName>(
    request: FastifyRequest,
    reply: FastifyReply,
    name: K,
    input: unknown,
  ): Promise<ApiResult<PortalOutput<K>>> {
    const out = await dispatch.handle(name, input, sessionOf(request), { address: request.ip });
    if (out.issued) {
      setSession(reply, out.issued);
      sessionAfter.set(request, out.issued);
    }
    if (out.ended) {
      reply.clearCookie(names.session, { path: '/', secure: cookies.secure });
      sessionAfter.set(request, null);
    }
    return out.result as ApiResult<PortalOutput<K>>;
  }

  /** What a refused form shows: the fields' messages, or the general one. */
  function formState(error: ApiError, body: unknown, keep: string[]): FormState {
    const values: Record<string, string> = {};
    const posted = (body ?? {}) as Record<string, unknown>;
    for (const key of keep) if (typeof posted[key] === 'string') values[key] = posted[key];
    const errors =
      error.fields && Object.keys(error.fields).length ? { ...error.fields } : { _: error.message };
    return { values, errors };
  }

  return { call, formState, setSession, setDevice, sessionOf, deviceOf, csrf, csrfUserInfo, names };
}

export type PageKit = ReturnType<typeof createPageKit>;

/** The page a stage leads to (SPEC §4.2). */
export const STAGE_PAGES = {
  first_connection: '/premiere-connexion',
  verify_email: '/verification',
  home: '/accueil',
} as const;
