import { z } from 'zod';
import { ApiFailure, type ApiResult } from '../../shared/api/result';
import {
  isStaffCallName,
  roleMayCall,
  staffCalls,
  type StaffCallName,
} from '../../shared/api/staff';
import type { AuthService } from './auth';
import type { CallContext } from './context';
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
  return async function dispatch(
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
      const spec = staffCalls[name];
      const actor = spec.access === 'public' ? null : await auth.resolve(token);
      if (spec.access !== 'public') {
        if (!actor) {
          return {
            ok: false,
            error: {
              code: 'unauthenticated',
              message: 'Votre session a expiré : reconnectez-vous.',
            },
          };
        }
        if (actor.mustChangePassword && !CALLS_WITH_TEMPORARY_PASSWORD.has(name)) {
          return {
            ok: false,
            error: {
              code: 'forbidden',
              message:
                'Choisissez d’abord votre mot de passe personnel (mot de passe provisoire en cours).',
            },
          };
        }
        if (!roleMayCall(name, actor.role)) {
          return {
            ok: false,
            error: { code: 'forbidden', message: 'Votre rôle ne permet pas cette action.' },
          };
        }
      }
      const parsed = spec.input.safeParse(rawInput ?? {});
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
      const ctx: CallContext = { actor, token };
      const handler = handlers[name] as (input: unknown, ctx: CallContext) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data, ctx) };
    } catch (error) {
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
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
export type { StaffCallName };
