import type { XsdError } from './xsd';

/** Who and which field a line of the file is about, as the writer recorded it. */
export interface LinePlace {
  who: string;
  field: string;
}

/**
 * libxml's usual complaints in French, for the secretariat: what is wrong with the value.
 * Its English text stays as the detail (a support request needs it as it is).
 */
const RULES: [RegExp, (m: RegExpExecArray) => string][] = [
  [
    /\[facet 'maxLength'\] The value has a length of '(\d+)'; this exceeds the allowed maximum length of '(\d+)'/,
    (m) => `${m[1]} caractères, SIECLE en accepte ${m[2]} au plus`,
  ],
  [
    /\[facet 'minLength'\] The value has a length of '(\d+)'; this underruns the allowed minimum length of '(\d+)'/,
    (m) => `${m[1]} caractères, SIECLE en attend au moins ${m[2]}`,
  ],
  [
    /\[facet 'length'\] The value has a length of '(\d+)'; this differs from the allowed length of '(\d+)'/,
    (m) => `${m[1]} caractères, SIECLE en attend exactement ${m[2]}`,
  ],
  [
    /\[facet 'pattern'\] The value '(.*)' is not accepted/,
    (m) => `« ${m[1]} » n’a pas la forme que SIECLE attend`,
  ],
  [
    /\[facet 'enumeration'\] The value '(.*)' is not an element/,
    (m) => `« ${m[1]} » n’est pas une des valeurs que SIECLE connaît`,
  ],
  [
    /: '(.*)' is not a valid value of the (?:local )?atomic type/,
    (m) => `« ${m[1]} » n’est pas une valeur que SIECLE accepte ici`,
  ],
  [/Missing child element\(s\)/, () => 'une valeur obligatoire manque'],
  [/This element is not expected/, () => 'élément que SIECLE n’attend pas à cette place'],
];

function frenchReason(message: string): string {
  for (const [pattern, say] of RULES) {
    const m = pattern.exec(message);
    if (m) return say(m);
  }
  return 'valeur refusée par le schéma SIECLE';
}

/** « Élève LŒWY Zoé, Code postal : 4 caractères, SIECLE en attend exactement 5 (détail : …) ». */
export function frenchXsdError(e: XsdError, places: ReadonlyMap<number, LinePlace>): string {
  const raw = e.message.replace(/^Schemas validity error : /, '').trim();
  const element = /^Element '([^']+)'/.exec(raw)?.[1] ?? '';
  const place = e.line !== null ? places.get(e.line) : undefined;
  const who = place?.who ?? 'Fichier';
  const field = place?.field || element || 'Structure';
  return `${who}, ${field} : ${frenchReason(raw)} (détail : ${raw})`;
}
