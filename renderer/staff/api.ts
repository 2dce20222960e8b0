import { invoke, type InvokeOptions } from '../api/client';
import type { UploadProgress } from '../api/upload';
import { uploadImportFile } from '../api/upload';
import { uploadStsFile } from '../api/stsUpload';
import type { ImportUpload, StsPreview } from '../../shared/api/staff';
import type { StaffCallName, StaffInput, StaffOutput } from '../../shared/api/staff';
import { isApiFailure } from '../ui/errors';

type SessionLostListener = () => void;
const sessionLostListeners = new Set<SessionLostListener>();

/** The start-up gate listens here so that an expired session anywhere brings back the login screen. */
export function onSessionLost(listener: SessionLostListener): () => void {
  sessionLostListeners.add(listener);
  return () => {
    sessionLostListeners.delete(listener);
  };
}

/**
 * `invoke` for screens behind the login. The login and first-start screens call `invoke`
 * directly: for them an "unauthenticated" answer is a wrong password, not a lost session.
 */
export async function callStaff<K extends StaffCallName>(
  name: K,
  input: StaffInput<K>,
  options?: InvokeOptions,
): Promise<StaffOutput<K>> {
  try {
    return await invoke(name, input, options);
  } catch (error) {
    throw noticeSessionLoss(error);
  }
}

/** `uploadImportFile` behind the login: an expired session brings back the login screen. */
export async function uploadForImport(
  file: File,
  onProgress?: UploadProgress,
): Promise<ImportUpload> {
  try {
    return await uploadImportFile(file, onProgress);
  } catch (error) {
    throw noticeSessionLoss(error);
  }
}

/** `uploadStsFile` behind the login: the STS-Web export read and compared, nothing written. */
export async function uploadForSts(file: File): Promise<StsPreview> {
  try {
    return await uploadStsFile(file);
  } catch (error) {
    throw noticeSessionLoss(error);
  }
}

function noticeSessionLoss(error: unknown): unknown {
  if (isApiFailure(error, 'unauthenticated')) {
    for (const listener of sessionLostListeners) listener();
  }
  return error;
}
