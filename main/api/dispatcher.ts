import { z } from 'zod';
import {
  isCallName,
  type CallOutput,
  type Calls,
  type IssuedSession,
  type ParsedInput,
} from '../../shared/api/contract';
import { ApiFailure, type ApiError, type ApiResult } from '../../shared/api/result';
import { safeErrorSummary, type ErrorLogger } from './errorLog';

z.config(z.locales.fr());

/** Where a call comes from, as far as throttling and the audit log need to know. */
export interface CallOrigin {
  /** The client's address in web and portal mode; 'desktop' over IPC. */
  address: string;
}

export interface CallContext<Actor> {
  actor: Actor | null;
  /** The raw token the transport holds: logout ends it, a new login replaces it. */
  token: string | null;
  origin: CallOrigin;
}

/** A call declared `session: 'issue'` answers with the token beside the value. */
type HandlerResult<C extends Calls, K extends keyof C> = C[K]['session'] extends 'issue'
  ? IssuedSession<CallOutput<C, K>>
  : CallOutput<C, K>;

export type Handler<C extends Calls, K extends keyof C, Actor> = (
  input: ParsedInput<C, K>,
  ctx: CallContext<Actor>,
) => Promise<HandlerResult<C, K>>;

/** One handler per call of the contract; a missing one is a compile error. */
export type Handlers<C extends Calls, Actor> = { [K in keyof C]: Handler<C, K, Actor> };

/** What a transport does with an answer: send it, and keep, replace or forget its token. */
export interface Dispatched {
  result: ApiResult<unknown>;
  /** A new session token to hold (cookie, IPC map); never sent to the page itself. */
  issued: string | null;
  /** The session is over (logout, expired): forget the token. */
  ended: boolean;
}

export interface DispatcherOptions<C extends Calls<Actor['role']>, Actor extends { role: string }> {
  calls: C;
  handlers: Handlers<C, Actor>;
  resolveActor(token: string | null): Promise<Actor | null>;
  /** A rule beyond the role lists (e.g. a temporary password allows only a few calls). */
  gate?(name: Extract<keyof C, string>, actor: Actor): ApiError | null;
  logger: ErrorLogger;
  /** The French sentence for a call made without a valid session. */
  unauthenticated: string;
}

/** Field path → message, e.g. { 'address.postalCode': 'Code postal : 10 caractères au plus.' }. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join('.') || '_';
    fields[path] ??= issue.message;
  }
  return fields;
}

const FORBIDDEN: ApiError = {
  code: 'forbidden',
  message: 'Votre rôle ne permet pas cette action.',
};

/**
 * The one door of a contract, shared by its transports (IPC and HTTP for staff, HTTP for
 * families): known call → actor → access → input validation → handler → result, and what
 * the call does to the session as its declaration says. Unexpected errors are logged here
 * (code and message, never a query's parameters) and reach the page as a French sentence.
 */
export function createDispatcher<C extends Calls<Actor['role']>, Actor extends { role: string }>(
  options: DispatcherOptions<C, Actor>,
) {
  const { calls, handlers, logger } = options;
  type Name = Extract<keyof C, string>;

  async function authorize(
    name: Name,
    token: string | null,
  ): Promise<{ actor: Actor | null } | { error: ApiError }> {
    const access = calls[name]!.access;
    if (access === 'public') return { actor: null };
    const actor = await options.resolveActor(token);
    if (!actor) return { error: { code: 'unauthenticated', message: options.unauthenticated } };
    const gated = options.gate?.(name, actor);
    if (gated) return { error: gated };
    if (!access.includes(actor.role)) return { error: FORBIDDEN };
    return { actor };
  }

  function failure(name: string, error: unknown): ApiResult<never> {
    if (error instanceof ApiFailure) {
      return {
        ok: false,
        error: {
          code: error.code,
          message: error.message,
          ...(error.fields ? { fields: error.fields } : {}),
        },
      };
    }
    logger.error(`Échec de l’appel ${name}`, safeErrorSummary(error));
    return {
      ok: false,
      error: {
        code: 'internal',
        message:
          'Une erreur inattendue est survenue ; rien n’a été enregistré. Elle a été consignée.',
      },
    };
  }

  const none = (result: ApiResult<unknown>): Dispatched => ({ result, issued: null, ended: false });

  /** For transports: the answer and what it does to the session token. */
  async function handle(
    name: string,
    rawInput: unknown,
    token: string | null,
    origin: CallOrigin,
  ): Promise<Dispatched> {
    try {
      if (!isCallName(calls, name)) {
        return none({
          ok: false,
          error: { code: 'unknown_call', message: `Action inconnue : ${name.slice(0, 60)}.` },
        });
      }
      const access = await authorize(name, token);
      if ('error' in access) {
        // Only the caller's own token, found invalid here, ends the session: a handler's
        // « unauthenticated » is about credentials typed into a form (a login, the other
        // account of a regroupement), and must not log out whoever typed them.
        const ended = access.error.code === 'unauthenticated';
        return { result: { ok: false, error: access.error }, issued: null, ended };
      }
      const parsed = calls[name]!.input.safeParse(rawInput ?? {});
      if (!parsed.success) {
        const fields = fieldErrors(parsed.error);
        return none({
          ok: false,
          error: {
            code: 'invalid_input',
            message: `Saisie invalide. ${Object.values(fields)[0] ?? ''}`.trim(),
            fields,
          },
        });
      }
      const handler = handlers[name] as (
        input: unknown,
        ctx: CallContext<Actor>,
      ) => Promise<unknown>;
      const value = await handler(parsed.data, { actor: access.actor, token, origin });
      const effect = calls[name]!.session;
      if (effect === 'issue') {
        const issued = value as IssuedSession<unknown>;
        return { result: { ok: true, value: issued.value }, issued: issued.token, ended: false };
      }
      return { result: { ok: true, value }, issued: null, ended: effect === 'end' };
    } catch (error) {
      return none(failure(name, error));
    }
  }

  /** The answer alone, for in-process callers and tests. */
  async function dispatch(
    name: string,
    rawInput: unknown,
    token: string | null,
    origin: CallOrigin = { address: 'desktop' },
  ): Promise<ApiResult<unknown>> {
    return (await handle(name, rawInput, token, origin)).result;
  }

  /**
   * Work that is not a JSON call (a file streamed to an upload route), behind the checks of
   * the call `name` and with the same error handling.
   */
  async function guarded<T>(
    name: Name,
    token: string | null,
    work: (actor: Actor) => Promise<T>,
  ): Promise<ApiResult<T>> {
    try {
      const access = await authorize(name, token);
      if ('error' in access) return { ok: false, error: access.error };
      if (!access.actor) throw new Error(`${name} must not be public`);
      return { ok: true, value: await work(access.actor) };
    } catch (error) {
      return failure(name, error);
    }
  }

  return Object.assign(dispatch, { handle, guarded });
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
