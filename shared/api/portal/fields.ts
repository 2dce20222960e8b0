import { z } from 'zod';
import { EMAIL_MAX, singleAddressProblem } from '../../domain/emailAddress';
import { FAMILY_PASSWORD_MAX, familyPasswordProblem } from '../../domain/familyPassword';
import { isoIfRealDay } from '../../domain/frenchDates';

/** What a family types, posted by forms: strings only, checked here before anything runs. */
export const loginField = z
  .string({ error: 'Identifiant : champ obligatoire.' })
  .trim()
  .toLowerCase()
  .min(1, { error: 'Identifiant : champ obligatoire.' })
  .max(80, { error: 'Identifiant : 80 caractères au plus.' });

export const passwordField = (label: string) =>
  z
    .string({ error: `${label} : champ obligatoire.` })
    .min(1, { error: `${label} : champ obligatoire.` })
    .max(FAMILY_PASSWORD_MAX * 4, { error: `${label} : trop long.` });

/**
 * A password the family chooses: the rules that do not depend on the identifiant are checked
 * with the form, beside its other fields (the service adds « not the identifiant »).
 */
export const newPasswordField = (label: string) =>
  passwordField(label).check((ctx) => {
    const problem = familyPasswordProblem(ctx.value, '');
    if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
  });

/** One address, the same rule as the import and the mailer's (shared/domain/emailAddress). */
export const emailField = (label: string) =>
  z
    .string({ error: `${label} : champ obligatoire.` })
    .trim()
    .max(EMAIL_MAX, { error: `${label} : ${EMAIL_MAX} caractères au plus.` })
    .check((ctx) => {
      const problem = ctx.value === '' ? null : singleAddressProblem(ctx.value);
      if (problem) {
        ctx.issues.push({ code: 'custom', message: `${label} : ${problem}`, input: ctx.value });
      }
    });

/**
 * A date of birth as a family types it, or null. The letters and guides write JJ/MM/AAAA, but
 * the field opens a phone's digits-only keypad, where « / » cannot be typed: eight digits
 * (JJMMAAAA) are accepted, as are spaces, dots and dashes between the parts, days and months
 * without their leading zero, and AAAA-MM-JJ from a date field.
 */
export function parseBirthDate(typed: string): string | null {
  const v = typed.trim();
  const fr = /^(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{4})$/.exec(v);
  const digits = /^(\d{2})(\d{2})(\d{4})$/.exec(v);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const parts = fr ?? digits;
  const [y, m, d] = parts ? [parts[3], parts[2], parts[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  return y && m && d ? isoIfRealDay(y, m, d) : null;
}

export const BIRTH_DATE_FORMAT =
  'Date de naissance : écrivez-la JJMMAAAA ou JJ/MM/AAAA, par exemple 07032012 ou 07/03/2012.';

export const birthDateField = z
  .string({ error: 'Date de naissance : champ obligatoire.' })
  .trim()
  .min(1, { error: 'Date de naissance : champ obligatoire.' })
  .transform((v, ctx) => {
    const date = parseBirthDate(v);
    if (date) return date;
    ctx.addIssue({ code: 'custom', message: BIRTH_DATE_FORMAT });
    return z.NEVER;
  });

/** A token from a link: base64url, 43 characters for 32 random bytes. */
export const tokenField = z
  .string({ error: 'Ce lien est incomplet.' })
  .trim()
  .regex(/^[A-Za-z0-9_-]{20,100}$/, {
    error: 'Ce lien est incomplet ou abîmé : copiez-le en entier depuis le courriel.',
  });

export const Nothing = z.object({}).strip();
