import type { ApiResult } from '../../shared/api/result';
import { ApiFailure } from '../../shared/api/result';
import type { StaffCallName, StaffInput, StaffOutput } from '../../shared/api/staff';

/** Exposed by the Electron preload, and nothing else (ARCHITECTURE.md rule 5). */
interface PupitreBridge {
  invoke(name: string, input: unknown): Promise<ApiResult<unknown>>;
}

declare global {
  interface Window {
    pupitre?: PupitreBridge;
  }
}

/** How a call travels; IPC needs none of it (the main process outlives the window's page). */
export interface InvokeOptions {
  /**
   * Let the request finish after the page is closed or left (fetch's keepalive): for a small
   * save sent as the window goes. The browser caps such bodies at 64 KiB in all.
   */
  keepalive?: boolean;
}

/** A request that got no answer at all (server stopped, network cut), wherever it was thrown. */
export const SERVER_UNREACHABLE =
  'Le serveur Pupitre ne répond pas : vérifiez qu’il est lancé et que le réseau fonctionne, puis réessayez.';

async function overHttp(
  name: string,
  input: unknown,
  options: InvokeOptions,
): Promise<ApiResult<unknown>> {
  let response: Response;
  try {
    response = await fetch(`api/${encodeURIComponent(name)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input ?? {}),
      ...(options.keepalive ? { keepalive: true } : {}),
    });
  } catch {
    return {
      ok: false,
      error: {
        code: 'internal',
        message: SERVER_UNREACHABLE,
      },
    };
  }
  try {
    return (await response.json()) as ApiResult<unknown>;
  } catch {
    return {
      ok: false,
      error: {
        code: 'internal',
        message: `Réponse illisible du serveur (HTTP ${response.status}).`,
      },
    };
  }
}

/** Calls the staff API over IPC in the desktop app, over HTTP in web mode. Throws ApiFailure. */
export async function invoke<K extends StaffCallName>(
  name: K,
  input: StaffInput<K>,
  options: InvokeOptions = {},
): Promise<StaffOutput<K>> {
  const result = window.pupitre
    ? await window.pupitre.invoke(name, input)
    : await overHttp(name, input, options);
  if (!result.ok) {
    throw new ApiFailure(result.error.code, result.error.message, result.error.fields);
  }
  return result.value as StaffOutput<K>;
}
