import { z } from 'zod';
import { FAMILY_PASSWORD_MAX } from '../../domain/familyPassword';

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

export const emailField = (label: string) =>
  z
    .string({ error: `${label} : champ obligatoire.` })
    .trim()
    .max(254, { error: `${label} : 254 caractères au plus.` })
    .refine((v) => v === '' || /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(v), {
      error: `${label} : adresse électronique invalide (exemple : prenom.nom@exemple.fr).`,
    });

/** JJ/MM/AAAA as the letters and guides write it, or AAAA-MM-JJ from a date field. */
export const birthDateField = z
  .string({ error: 'Date de naissance : champ obligatoire.' })
  .trim()
  .min(1, { error: 'Date de naissance : champ obligatoire.' })
  .transform((v, ctx) => {
    const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    const [y, m, d] = fr ? [fr[3], fr[2], fr[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
    const date = y ? `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}` : '';
    if (
      !date ||
      Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ||
      new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date
    ) {
      ctx.addIssue({
        code: 'custom',
        message: 'Date de naissance : écrivez-la JJ/MM/AAAA, par exemple 07/03/2012.',
      });
      return z.NEVER;
    }
    return date;
  });

/** A token from a link: base64url, 43 characters for 32 random bytes. */
export const tokenField = z
  .string({ error: 'Ce lien est incomplet.' })
  .trim()
  .regex(/^[A-Za-z0-9_-]{20,100}$/, {
    error: 'Ce lien est incomplet ou abîmé : copiez-le en entier depuis le courriel.',
  });

export const Nothing = z.object({}).strip();
