import type { ApiResult } from '../../shared/api/result';
import { ApiFailure } from '../../shared/api/result';
import type { StsPreview } from '../../shared/api/staff';
import { invoke, SERVER_UNREACHABLE } from './client';

/** An STS-Web export is a few MB; the server refuses past 30 MB as well. */
export const MAX_STS_FILE_BYTES = 30 * 1024 * 1024;

/**
 * Hands an STS-Web export to `sts.upload` and returns its preview: over IPC in the desktop app,
 * as a raw POST to upload/sts in web mode (the JSON API stops at 1 MB).
 */
export async function uploadStsFile(file: File): Promise<StsPreview> {
  if (file.size > MAX_STS_FILE_BYTES) {
    throw new ApiFailure(
      'invalid_input',
      `Le fichier ${file.name} dépasse 30 Mo : ce n’est pas un export STS-Web d’établissement.`,
    );
  }
  if (window.pupitre) {
    return invoke('sts.upload', {
      fileName: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
  }
  let result: ApiResult<StsPreview>;
  try {
    const response = await fetch('upload/sts', {
      method: 'POST',
      headers: {
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent(file.name),
      },
      body: file,
    });
    result = (await response.json()) as ApiResult<StsPreview>;
  } catch {
    throw new ApiFailure('internal', SERVER_UNREACHABLE);
  }
  if (!result.ok)
    throw new ApiFailure(result.error.code, result.error.message, result.error.fields);
  return result.value;
}
