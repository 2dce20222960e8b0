import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { INVOKE_CHANNEL } from '../../shared/api/ipc';
import type { ApiResult } from '../../shared/api/result';
import type { StaffDispatch } from '../services/staffApi';

/**
 * Binds the staff API to one IPC channel. The session token stays here, in the main
 * process, keyed by window: the renderer never holds it, as in web mode where it is an
 * HttpOnly cookie.
 */
export function bindIpc(
  dispatch: StaffDispatch,
  isTrusted: (event: IpcMainInvokeEvent) => boolean,
) {
  const tokens = new Map<number, string>();
  const watched = new Set<number>();

  ipcMain.handle(
    INVOKE_CHANNEL,
    async (event, name: unknown, input: unknown): Promise<ApiResult<unknown>> => {
      if (!isTrusted(event) || typeof name !== 'string') {
        return { ok: false, error: { code: 'forbidden', message: 'Appel refusé.' } };
      }
      const id = event.sender.id;
      const { result, issued, ended } = await dispatch.handle(name, input, tokens.get(id) ?? null, {
        address: 'desktop',
      });
      if (issued) {
        tokens.set(id, issued);
        // One listener per window, however many times its user logs in again.
        if (!watched.has(id)) {
          watched.add(id);
          event.sender.once('destroyed', () => {
            tokens.delete(id);
            watched.delete(id);
          });
        }
      } else if (ended) {
        tokens.delete(id);
      }
      return result;
    },
  );
}
