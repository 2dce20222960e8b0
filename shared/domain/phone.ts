/**
 * Phone numbers as French people read them. SIECLE and typed data come as « 0611112222 »,
 * « 06.11.11.22.22 » or « +33 6 11 11 22 22 »: French numbers are shown in pairs
 * (« 06 11 11 22 22 »), foreign ones stay international as typed.
 */
const SEPARATORS = /[\s.\-/()]/g;

/** The ten national digits of a French (metropolitan) number, or null. */
function frenchDigits(raw: string): string | null {
  const compact = raw.replace(SEPARATORS, '');
  const national = /^(?:\+33|0033)0?([1-9]\d{8})$/.exec(compact);
  if (national) return `0${national[1]}`;
  return /^0[1-9]\d{8}$/.test(compact) ? compact : null;
}

export function formatPhone(raw: string): string {
  const trimmed = raw.trim().replace(/\s+/g, ' ');
  const french = frenchDigits(trimmed);
  if (french) return french.replace(/(\d{2})(?=\d)/g, '$1 ');
  return trimmed.startsWith('00') ? `+${trimmed.slice(2)}` : trimmed;
}

/** A `tel:` link target (RFC 3966: international form, digits only), or null if unusable. */
export function phoneHref(raw: string): string | null {
  const french = frenchDigits(raw.trim());
  if (french) return `tel:+33${french.slice(1)}`;
  const compact = raw.replace(SEPARATORS, '').replace(/^00/, '+');
  return /^\+?\d{3,}$/.test(compact) ? `tel:${compact}` : null;
}
