import type { ApiResult } from '../../shared/api/result';
import { ApiFailure } from '../../shared/api/result';
import type { ImportUpload } from '../../shared/api/staff';
import { invoke, SERVER_UNREACHABLE } from './client';
import { MAX_IMPORT_FILE_BYTES } from '../../shared/domain/importLimits';

/** Bytes sent so far and the file's size; called often while a file is on its way. */
export type UploadProgress = (loaded: number, total: number) => void;

function failure(code: ApiFailure['code'], message: string): ApiResult<ImportUpload> {
  return { ok: false, error: { code, message } };
}

/** A status without a readable JSON body (a proxy's page, a cut connection). */
function fromStatus(status: number, fileName: string): ApiResult<ImportUpload> {
  if (status === 401)
    return failure('unauthenticated', 'Votre session a expiré : reconnectez-vous.');
  if (status === 403)
    return failure('forbidden', 'Votre rôle ne permet pas d’importer des fichiers.');
  if (status === 413) {
    return failure('invalid_input', `Le fichier ${fileName} est trop volumineux pour être envoyé.`);
  }
  return failure('internal', `Réponse illisible du serveur (HTTP ${status}).`);
}

/** POST upload/import with the raw file as body: XMLHttpRequest, for its upload progress. */
function postFile(file: File, onProgress?: UploadProgress): Promise<ApiResult<ImportUpload>> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open('POST', 'upload/import');
    request.setRequestHeader('content-type', 'application/octet-stream');
    request.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    request.upload.onprogress = (event) => {
      onProgress?.(event.loaded, event.lengthComputable ? event.total : file.size);
    };
    request.onload = () => {
      try {
        const body = JSON.parse(request.responseText) as ApiResult<ImportUpload>;
        if (typeof body === 'object' && body !== null && 'ok' in body) {
          resolve(body);
          return;
        }
      } catch {
        // Not JSON: fall through to a message chosen from the status.
      }
      resolve(fromStatus(request.status, file.name));
    };
    request.onerror = () => resolve(failure('internal', SERVER_UNREACHABLE));
    request.ontimeout = () => resolve(failure('internal', SERVER_UNREACHABLE));
    request.onabort = () => resolve(failure('internal', `Envoi de ${file.name} interrompu.`));
    request.send(file);
  });
}

/**
 * Hands one SIECLE file to the import: over IPC in the desktop app, as a streamed POST in web
 * mode. Returns the server's upload record; throws ApiFailure like `invoke`.
 */
export async function uploadImportFile(
  file: File,
  onProgress?: UploadProgress,
): Promise<ImportUpload> {
  if (file.size > MAX_IMPORT_FILE_BYTES) {
    throw new ApiFailure(
      'invalid_input',
      `Le fichier ${file.name} dépasse ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} Mo : ce n’est pas un export SIECLE d’établissement.`,
    );
  }
  if (window.pupitre) {
    // IPC gives no progress: the bar goes from empty to full when the main process has the file.
    onProgress?.(0, file.size);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const upload = await invoke('import.upload', { fileName: file.name, bytes });
    onProgress?.(file.size, file.size);
    return upload;
  }
  const result = await postFile(file, onProgress);
  if (!result.ok) {
    throw new ApiFailure(result.error.code, result.error.message, result.error.fields);
  }
  onProgress?.(file.size, file.size);
  return result.value;
}
