/** Plain ASCII words of a French label, for file names (« Réinitialisation » → « reinitialisation »). */
export function asciiSlug(label: string, max = 80): string {
  return label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}

/**
 * The name a batch of letters is downloaded under: its date and its label, in plain ASCII
 * (« 2026-11-22-reinitialisation-m-laurent-muller.pdf »), so that a folder of downloads says
 * whom each PDF is for. A batch split by division is a zip of PDFs.
 */
export function batchDownloadName(
  label: string,
  createdAt: string,
  format: 'pdf' | 'zip' = 'pdf',
): string {
  const words = asciiSlug(label);
  return `courriers-${createdAt.slice(0, 10)}${words ? `-${words}` : ''}.${format}`;
}

/** One part of a split batch downloaded alone: the batch's name and the part's. */
export function partDownloadName(label: string, createdAt: string, partFileName: string): string {
  return batchDownloadName(label, createdAt).replace(/\.pdf$/, `-${partFileName}`);
}

/** A part's file name inside the zip: its place, then the division (« 03-3e-b.pdf »). */
export function partFileName(index: number, divisionCode: string): string {
  return `${String(index).padStart(2, '0')}-${asciiSlug(divisionCode, 30) || 'sans-division'}.pdf`;
}
