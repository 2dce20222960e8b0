import iconv from 'iconv-lite';
import { zipSync } from 'fflate';

/** « 20261206143005 »: the Paris wall-clock time, as the file name's horodatage. */
export function parisStamp(at: Date): string {
  const parts = new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}${part('month')}${part('day')}${part('hour')}${part('minute')}${part('second')}`;
}

/** `<UAI>PRIVE<année><horodatage>`: the name BEE expects, for the zip and the XML in it. */
export function exportBaseName(uai: string, schoolYear: number, at: Date): string {
  return `${uai}PRIVE${schoolYear}${parisStamp(at)}`;
}

/**
 * The XML in ISO-8859-15 (a character it lacks is refused by the caller before this), in a
 * zip holding that one file under the same name.
 */
export function packExport(baseName: string, xml: string): Uint8Array {
  return zipSync({ [`${baseName}.xml`]: new Uint8Array(iconv.encode(xml, 'ISO-8859-15')) });
}

const encodable = new Map<string, boolean>();

/** Whether ISO-8859-15 holds this character (one code point), else it would be written « ? ». */
function fits(c: string): boolean {
  let ok = encodable.get(c);
  if (ok === undefined) {
    ok = iconv.decode(iconv.encode(c, 'ISO-8859-15'), 'ISO-8859-15') === c;
    encodable.set(c, ok);
  }
  return ok;
}

/**
 * Characters ISO-8859-15 cannot hold, each once. Whole code points are compared: an emoji is
 * two UTF-16 units but one « ? » once encoded, so comparing position by position after it
 * would blame every innocent letter that follows.
 */
export function unencodable(text: string): string[] {
  return [...new Set([...text].filter((c) => !fits(c)))];
}
