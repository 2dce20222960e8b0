import { z } from 'zod';
import { isFrenchCountry, uaiProblem } from '../domain/school';
import { EMAIL_MAX, singleAddressProblem } from '../domain/emailAddress';
import { hasInvisibleCharacters } from '../domain/visibleText';

/** Dates are 'YYYY-MM-DD'; instants are ISO 8601 strings. */
export type IsoDate = string;
export type IsoInstant = string;

export interface Address {
  line1: string;
  line2: string;
  postalCode: string;
  city: string;
  country: string;
}

export interface SchoolRef {
  id: number;
  uai: string;
  name: string;
}

export const Id = z.number({ error: 'Identifiant manquant.' }).int().positive();

export const text = (label: string, max: number) =>
  z
    .string({ error: `${label} : texte attendu.` })
    .trim()
    .max(max, { error: `${label} : ${max} caractères au plus.` });

export const required = (label: string, max: number) =>
  text(label, max).min(1, { error: `${label} : champ obligatoire.` });

/** A name people read in lists and in the journal: visible characters only. */
export const displayName = (label: string, max: number) =>
  required(label, max).refine((v) => !hasInvisibleCharacters(v), {
    error: `${label} : caractères invisibles ou de contrôle refusés.`,
  });

/** One address or empty: the rule of the import, the portal and the mailer (issue 14). */
export const email = (label: string) =>
  text(label, EMAIL_MAX).check((ctx) => {
    const problem = ctx.value === '' ? null : singleAddressProblem(ctx.value);
    if (problem) {
      ctx.issues.push({ code: 'custom', message: `${label} : ${problem}`, input: ctx.value });
    }
  });

export const phone = (label: string) =>
  text(label, 30).refine((v) => v === '' || /^[+0-9 .()-]{6,30}$/.test(v), {
    error: `${label} : numéro de téléphone invalide.`,
  });

export const UaiSchema = z
  .string({ error: 'UAI : texte attendu.' })
  .trim()
  .toUpperCase()
  .superRefine((uai, ctx) => {
    const problem = uaiProblem(uai);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A French address (country blank or France) has a five-digit postcode and a commune, once begun. */
export const AddressSchema = z
  .object({
    line1: text('Adresse', 200),
    line2: text('Complément d’adresse', 200),
    postalCode: text('Code postal', 10),
    city: text('Commune', 100),
    country: text('Pays', 100),
  })
  .superRefine((address, ctx) => {
    if (!isFrenchCountry(address.country)) return;
    if (address.postalCode !== '' && !/^\d{5}$/.test(address.postalCode)) {
      ctx.addIssue({
        code: 'custom',
        path: ['postalCode'],
        message: 'Code postal : cinq chiffres pour une adresse en France (ex. 25000).',
      });
    }
    const begun = address.line1 !== '' || address.line2 !== '' || address.postalCode !== '';
    if (begun && address.city === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['city'],
        message: 'Commune : champ obligatoire pour une adresse en France.',
      });
    }
  });

export const ByIdInput = z.object({ id: Id });

export const Empty = z.object({}).strict();
