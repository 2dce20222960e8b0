import { singleAddressProblem } from '../../../shared/domain/emailAddress';
import {
  hasInvisibleCharacters,
  showInvisibleCharacters,
} from '../../../shared/domain/visibleText';
import type { ProblemList } from './problems';

/**
 * The rules staff-typed values follow, applied to the values read from SIECLE: the same
 * rule everywhere (issue 14), each breach shown in the preview.
 */

/**
 * A name with an invisible or control character (a right-to-left override, a zero-width
 * space) blocks the import. Staff cannot type one, and it is not ours to guess which
 * letters the family's name really has: stripping it silently would change an identity
 * nobody saw, importing it would bring the look-alike names the rule keeps out. SIECLE is
 * corrected, then exported again.
 */
export function checkNames(
  names: Record<string, string>,
  label: string,
  problems: ProblemList,
  fileName: string,
  line: number,
): void {
  for (const [field, value] of Object.entries(names)) {
    if (!hasInvisibleCharacters(value)) continue;
    problems.block(
      `${label} : ${field} « ${showInvisibleCharacters(value)} » contient des caractères invisibles ou de contrôle, refusés dans un nom : corrigez-le dans SIECLE puis refaites l’export.`,
      fileName,
      line,
    );
  }
}

/**
 * The MEL field as Pupitre keeps it: one address, or empty. Anything else (two addresses,
 * a group, a line break followed by « Bcc: ») is kept empty and shown as a problem that does
 * not block: one parent's mistake in SIECLE must not stop the school's import, and a letter
 * with a password must never go to an address guessed out of a list. Until SIECLE is
 * corrected, the person gets no e-mail (letters are printed for them).
 */
export function checkedEmail(
  value: string,
  label: string,
  problems: ProblemList,
  fileName: string,
  line: number,
): string {
  if (value === '') return '';
  const problem = singleAddressProblem(value);
  if (!problem) return value;
  problems.warn(
    `${label} : adresse électronique (MEL) « ${showInvisibleCharacters(value)} » écartée, ${problem} Corrigez-la dans SIECLE ; d’ici là, aucun courriel ne lui est envoyé.`,
    fileName,
    line,
  );
  return '';
}
