import { ApiFailure } from '../../shared/api/result';
import { invoke } from './client';

/** Offers a file to the user as a download, the way a browser saves an attachment. */
export function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Fetches a file the web server streams (the session cookie goes with it), or says why not. */
async function fetchPdf(url: string, fileName: string): Promise<void> {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) {
    let message = `Le téléchargement a échoué (HTTP ${response.status}).`;
    try {
      const body = (await response.json()) as { error?: { message?: string } };
      message = body.error?.message ?? message;
    } catch {
      // Not JSON: keep the status sentence.
    }
    // An ApiFailure, as from invoke: the window shows its French message, not the generic one.
    throw new ApiFailure(response.status === 401 ? 'unauthenticated' : 'internal', message);
  }
  saveBlob(await response.blob(), fileName);
}

/**
 * A batch of letters (its PDF, or the zip of a batch split by division), or one part of it:
 * over IPC on the desktop (the bytes come back from the main process), from GET letters/:id
 * in web mode (the session cookie goes with it).
 */
export async function downloadLetterBatch(
  id: number,
  fileName: string,
  part?: number,
): Promise<void> {
  if (window.pupitre) {
    const bytes = await invoke('letters.download', part === undefined ? { id } : { id, part });
    const type = fileName.endsWith('.zip') ? 'application/zip' : 'application/pdf';
    saveBlob(new Blob([bytes as BlobPart], { type }), fileName);
    return;
  }
  await fetchPdf(`letters/${id}${part === undefined ? '' : `?partie=${part}`}`, fileName);
}

/** A division's or group's printable list, the same two ways as a batch of letters. */
export async function downloadRosterPdf(
  target: { divisionId: number } | { group: string },
  fileName: string,
): Promise<void> {
  if (window.pupitre) {
    const bytes = await invoke('rosters.pdf', target);
    saveBlob(new Blob([bytes as BlobPart], { type: 'application/pdf' }), fileName);
    return;
  }
  await fetchPdf(
    'divisionId' in target
      ? `rosters.pdf?division=${target.divisionId}`
      : `rosters.pdf?groupe=${encodeURIComponent(target.group)}`,
    fileName,
  );
}

/** A relevé de notes (one pupil or a division, one period), the same two ways. */
export async function downloadReportCard(
  input: { periodId: number } & ({ divisionId: number } | { studentId: number }),
  fileName: string,
): Promise<void> {
  if (window.pupitre) {
    const bytes = await invoke('grades.reportCard', input);
    saveBlob(new Blob([bytes as BlobPart], { type: 'application/pdf' }), fileName);
    return;
  }
  const target =
    'divisionId' in input ? `division=${input.divisionId}` : `eleve=${input.studentId}`;
  await fetchPdf(`releve.pdf?periode=${input.periodId}&${target}`, fileName);
}

/** An absence notice to print, the same two ways; it records nothing (see schoolLife.noticePrinted). */
export async function downloadAbsenceNotice(eventId: number, fileName: string): Promise<void> {
  if (window.pupitre) {
    const bytes = await invoke('schoolLife.noticePdf', { id: eventId });
    saveBlob(new Blob([bytes as BlobPart], { type: 'application/pdf' }), fileName);
    return;
  }
  await fetchPdf(`absence-notice.pdf?evenement=${eventId}`, fileName);
}

/** A SIECLE export's zip (« import privé »), again: the same two ways as a batch of letters. */
export async function downloadInfoSheetExport(id: number, fileName: string): Promise<void> {
  if (window.pupitre) {
    const file = await invoke('infoSheets.exportFile', { id });
    saveBlob(new Blob([file.bytes as BlobPart], { type: 'application/zip' }), file.fileName);
    return;
  }
  await fetchPdf(`export-siecle/${id}`, fileName);
}

/** CSV text (from campaign.csv) saved as a file a spreadsheet opens. */
export function saveCsv(text: string, fileName: string) {
  saveBlob(new Blob([text], { type: 'text/csv;charset=utf-8' }), fileName);
}
