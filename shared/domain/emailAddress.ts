import { hasInvisibleCharacters } from './visibleText';

/** RFC 5321: 254 characters for a path, 64 for its local part. */
export const EMAIL_MAX = 254;
const LOCAL_MAX = 64;
/** The local part as people write it (dot-atom): no quotes, no comments, no specials. */
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
/** Letters (accented domains too), digits and hyphens, in two labels at least; IDN TLDs too. */
const DOMAIN =
  /^([\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+(\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/iu;

/**
 * Why a value is not exactly one e-mail address, in French, or null. A single address, as a
 * message's only recipient: no list (« ; » « , »), no group (« nom : a@x, b@y; »), no display
 * name or comment (« < > " ( ) »), no line break, NUL or bidirectional override (a CRLF
 * followed by « Bcc: » would add a hidden recipient). The empty value is not an address:
 * callers that allow « no address » test it first.
 */
export function singleAddressProblem(value: string): string | null {
  if (value === '') return 'adresse électronique manquante.';
  if (hasInvisibleCharacters(value)) {
    return 'caractères invisibles ou de contrôle (retour à la ligne, NUL, inversion du sens d’écriture) refusés.';
  }
  if (/[;,]/.test(value) || (value.match(/@/g) ?? []).length > 1) {
    return 'plusieurs adresses dans un même champ : une seule adresse est acceptée.';
  }
  if (/[:<>"()[\]\\]/.test(value)) {
    return 'liste, groupe ou nom d’affichage refusés (« : », « < », « > », guillemets) : une seule adresse, sans rien autour.';
  }
  if (value.length > EMAIL_MAX) return `${EMAIL_MAX} caractères au plus.`;
  const at = value.lastIndexOf('@');
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (at < 1 || local.length > LOCAL_MAX || !LOCAL.test(local) || !DOMAIN.test(domain)) {
    return 'adresse électronique invalide (exemple : prenom.nom@exemple.fr).';
  }
  return null;
}
