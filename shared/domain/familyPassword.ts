import { COMMON_PASSWORD_WORDS, COMMON_RUNS } from './commonPasswords';
import { foldForSearch } from './normalize';

/**
 * A family's password (SPEC §4.2): the guides ask for 8 to 14 characters, letters and
 * digits; Pupitre accepts 8 to 64, letters and digits, and refuses a common password and
 * the identifiant itself. Answers in French, or null when the password is accepted.
 */
export const FAMILY_PASSWORD_MIN = 8;
export const FAMILY_PASSWORD_MAX = 64;
export const FAMILY_PASSWORD_RULE =
  'de 8 à 64 caractères, avec au moins une lettre et au moins un chiffre';

const common = new Set(COMMON_PASSWORD_WORDS);

export function familyPasswordProblem(password: string, login: string): string | null {
  if (password.length < FAMILY_PASSWORD_MIN)
    return `Le mot de passe est trop court : ${FAMILY_PASSWORD_RULE}.`;
  if (password.length > FAMILY_PASSWORD_MAX)
    return `Le mot de passe est trop long : ${FAMILY_PASSWORD_RULE}.`;
  if (!/\p{L}/u.test(password) || !/\p{Nd}/u.test(password))
    return `Le mot de passe doit contenir des lettres et des chiffres : ${FAMILY_PASSWORD_RULE}.`;
  const folded = foldForSearch(password).replace(/ /g, '');
  const loginFolded = foldForSearch(login).replace(/ /g, '');
  if (loginFolded && folded.includes(loginFolded))
    return 'Le mot de passe ne doit pas reprendre votre identifiant.';
  const letters = folded
    .replace(/[0-9]+/g, ' ')
    .trim()
    .split(/ +/);
  if (
    COMMON_RUNS.some((run) => folded.includes(run)) ||
    letters.every((word) => word === '' || common.has(word) || /^(.)\1*$/.test(word))
  ) {
    return 'Ce mot de passe est trop courant, donc facile à deviner : choisissez-en un autre, par exemple trois mots sans rapport séparés de chiffres.';
  }
  return null;
}
