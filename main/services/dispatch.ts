import { z } from 'zod';
import { ApiFailure, type ApiError, type ApiResult } from '../../shared/api/result';
import {
  isStaffCallName,
  roleMayCall,
  staffCalls,
  type StaffCallName,
} from '../../shared/api/staff';
import type { AuthService } from './auth';
import type { CallContext, StaffActor } from './context';
import type { StaffHandlers } from './handlers';

z.config(z.locales.fr());

/** What a user holding a temporary password may still do. */
const CALLS_WITH_TEMPORARY_PASSWORD = new Set<string>([
  'session.me',
  'session.logout',
  'session.changePassword',
]);

export interface DispatchLogger {
  error(message: string, error: unknown): void;
}

/** Field path → message, e.g. { 'address.postalCode': 'Code postal : 10 caractères au plus.' }. */
function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join('.') || '_';
    fields[path] ??= issue.message;
  }
  return fields;
}

/**
 * The one door to the staff API, shared by IPC and HTTP: known call → session → role →
 * input validation → handler → result. Unexpected errors are logged here and reach the
 * window as a French sentence, never as a stack trace.
 */
export function createDispatcher(
  handlers: StaffHandlers,
  auth: AuthService,
  logger: DispatchLogger,
) {
  /** Session, temporary password and role checks, shared by every call and the upload route. */
  async function authorize(
    name: StaffCallName,
    token: string | null,
  ): Promise<{ actor: StaffActor | null } | { error: ApiError }> {
    if (staffCalls[name].access === 'public') return { actor: null };
    const actor = await auth.resolve(token);
    if (!actor) {
      return {
        error: { code: 'unauthenticated', message: 'Votre session a expiré : reconnectez-vous.' },
      };
    }
    if (actor.mustChangePassword && !CALLS_WITH_TEMPORARY_PASSWORD.has(name)) {
      return {
        error: {
          code: 'forbidden',
          message:
            'Choisissez d’abord votre mot de passe personnel (mot de passe provisoire en cours).',
        },
      };
    }
    if (!roleMayCall(name, actor.role)) {
      return { error: { code: 'forbidden', message: 'Votre rôle ne permet pas cette action.' } };
    }
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
    logger.error(`Échec de l’appel ${name}`, error);
    return {
      ok: false,
      error: {
        code: 'internal',
        message:
          'Une erreur inattendue est survenue ; rien n’a été enregistré. Elle a été consignée.',
      },
    };
  }

  async function dispatch(
    name: string,
    rawInput: unknown,
    token: string | null,
  ): Promise<ApiResult<unknown>> {
    try {
      if (!isStaffCallName(name)) {
        return {
          ok: false,
          error: { code: 'unknown_call', message: `Action inconnue : ${name.slice(0, 60)}.` },
        };
      }
      const access = await authorize(name, token);
      if ('error' in access) return { ok: false, error: access.error };
      const parsed = staffCalls[name].input.safeParse(rawInput ?? {});
      if (!parsed.success) {
        const fields = fieldErrors(parsed.error);
        return {
          ok: false,
          error: {
            code: 'invalid_input',
            message: `Saisie invalide. ${Object.values(fields)[0] ?? ''}`.trim(),
            fields,
          },
        };
      }
      const ctx: CallContext = { actor: access.actor, token };
      const handler = handlers[name] as (input: unknown, ctx: CallContext) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data, ctx) };
    } catch (error) {
      return failure(name, error);
    }
  }

  /**
   * Work that is not a JSON call (a file streamed to /upload/import), behind the checks of
   * the call `name` and with the same error handling.
   */
  async function guarded<T>(
    name: StaffCallName,
    token: string | null,
    work: (actor: StaffActor) => Promise<T>,
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

  return Object.assign(dispatch, { guarded });
}

export type Dispatch = ReturnType<typeof createDispatcher>;
