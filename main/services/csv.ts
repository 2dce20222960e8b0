/**
 * One cell: quoted when it holds a separator, a quote or a line break; a leading = + - @
 * is neutralised so that a spreadsheet never runs a name as a formula (CSV injection).
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** What a French spreadsheet opens as is: UTF-8 with a BOM, semicolons, CRLF. */
export function csvDocument(header: readonly string[], rows: readonly string[][]): string {
  const lines = [header, ...rows].map((cells) => cells.map(csvCell).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
