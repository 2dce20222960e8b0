/**
 * The name a batch of letters is downloaded under: its date and its label, in plain ASCII
 * (« 2026-11-22-reinitialisation-m-laurent-muller.pdf »), so that a folder of downloads says
 * whom each PDF is for.
 */
export function batchDownloadName(label: string, createdAt: string): string {
  const words = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return `courriers-${createdAt.slice(0, 10)}${words ? `-${words}` : ''}.pdf`;
}
