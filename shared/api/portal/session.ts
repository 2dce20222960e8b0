import { z } from 'zod';
import { out, type CallSpec } from '../contract';
import type { AccountKind } from '../../domain/accounts';
import { FAMILY_PASSWORD_MAX } from '../../domain/familyPassword';
import {
  birthDateField,
  emailField,
  loginField,
  newPasswordField,
  Nothing,
  passwordField,
  tokenField,
} from './fields';

const FAMILY: readonly AccountKind[] = ['guardian', 'student'];

/** Where a logged-in family goes next (SPEC §4.2). */
export type PortalStage = 'first_connection' | 'verify_email' | 'home';

export interface LoginResult {
  stage: PortalStage;
  /** A browser token to keep (« appareil connu »): a lock set off by strangers spares it. */
  device: string;
}

/** What the pages before the home page need to know about the logged-in account. */
export interface StageInfo {
  stage: PortalStage;
  login: string;
  kind: AccountKind;
  /** The address waiting for its confirmation link, if any. */
  email: string;
  /** A responsable must give an address, unless the school recorded « sans courriel ». */
  emailRequired: boolean;
}

/** A confirmed address: a first confirmation opens the account, a later one only changes it. */
export interface ConfirmedAddress {
  login: string;
  /** The address now confirmed, named on the page that says so. */
  email: string;
  activated: boolean;
}

/** The same answer whether or not the identifiant or the address exists (SPEC §4.3). */
export interface RequestReceipt {
  reference: string;
}

/**
 * Two typings of one value must agree. Checked even when another field of the form is wrong,
 * so that the family reads every error at once (issue 13), not one more at each round.
 */
const sameTyping = (
  a: string,
  b: string,
  message: string,
  fold: (v: string) => string = (v) => v,
) => ({
  check: (v: object) => {
    const r = v as Record<string, unknown>;
    return typeof r[a] !== 'string' || typeof r[b] !== 'string' || fold(r[a]) === fold(r[b]);
  },
  params: {
    message,
    path: [b],
    when: (payload: { value: unknown }) => {
      const r = (payload.value ?? {}) as Record<string, unknown>;
      return typeof r[a] === 'string' && typeof r[b] === 'string';
    },
  },
});

const twice = <T extends z.ZodRawShape>(
  shape: T,
  a: keyof T & string,
  b: keyof T & string,
  message: string,
) => {
  const rule = sameTyping(a, b, message);
  return z.object(shape).refine(rule.check, rule.params);
};

const sameEmail = sameTyping(
  'email',
  'emailAgain',
  'Confirmation de l’adresse électronique : les deux saisies sont différentes.',
  (v) => v.trim().toLowerCase(),
);

/** Seed 004 « Première connexion »: the form's own rules, each field checked beside the others. */
export const FirstConnectionForm = twice(
  {
    birthDate: birthDateField,
    password: newPasswordField('Nouveau mot de passe'),
    passwordAgain: passwordField('Confirmation du mot de passe'),
    email: emailField('Adresse électronique'),
    emailAgain: emailField('Confirmation de l’adresse électronique'),
  },
  'password',
  'passwordAgain',
  'Confirmation du mot de passe : les deux saisies sont différentes.',
).refine(sameEmail.check, sameEmail.params);

export const sessionCalls = {
  'portal.login': {
    input: z.object({
      login: loginField,
      password: passwordField('Mot de passe'),
      device: z.string().max(100).optional(),
    }),
    access: 'public',
    session: 'issue',
    output: out<LoginResult>(),
  },
  'portal.logout': { input: Nothing, access: FAMILY, session: 'end', output: out<null>() },
  'portal.stage': { input: Nothing, access: FAMILY, output: out<StageInfo>() },
  'portal.firstConnection': {
    // Strings only here: the form's rules (FirstConnectionForm) are checked by the service
    // beside the date of birth, so that every error is told at once.
    input: z.object({
      birthDate: z.string().max(40).default(''),
      password: z
        .string()
        .max(FAMILY_PASSWORD_MAX * 4)
        .default(''),
      passwordAgain: z
        .string()
        .max(FAMILY_PASSWORD_MAX * 4)
        .default(''),
      email: z.string().max(254).default(''),
      emailAgain: z.string().max(254).default(''),
    }),
    access: FAMILY,
    session: 'issue',
    output: out<{ stage: PortalStage }>(),
  },
  'portal.resendConfirmation': { input: Nothing, access: FAMILY, output: out<null>() },
  'portal.correctEmail': {
    input: z
      .object({
        email: emailField('Adresse électronique').refine((v) => v !== '', {
          message: 'Adresse électronique : champ obligatoire.',
        }),
        emailAgain: emailField('Confirmation de l’adresse électronique'),
      })
      .refine((v) => v.email.toLowerCase() === v.emailAgain.toLowerCase(), {
        message: 'Confirmation de l’adresse électronique : les deux saisies sont différentes.',
        path: ['emailAgain'],
      }),
    access: FAMILY,
    output: out<null>(),
  },
  'portal.checkConfirmLink': {
    input: z.object({ token: tokenField }),
    access: 'public',
    output: out<{ login: string }>(),
  },
  'portal.confirmEmail': {
    input: z.object({ token: tokenField }),
    access: 'public',
    output: out<ConfirmedAddress>(),
  },
  'portal.forgotLogin': {
    input: z.object({
      email: emailField('Adresse électronique').refine((v) => v !== '', {
        message: 'Adresse électronique : champ obligatoire.',
      }),
    }),
    access: 'public',
    output: out<RequestReceipt>(),
  },
  'portal.forgotPassword': {
    input: z.object({ login: loginField, device: z.string().max(100).optional() }),
    access: 'public',
    output: out<RequestReceipt>(),
  },
  'portal.checkResetLink': {
    input: z.object({ token: tokenField }),
    access: 'public',
    output: out<{ login: string }>(),
  },
  'portal.resetPassword': {
    input: twice(
      {
        token: tokenField,
        password: passwordField('Nouveau mot de passe'),
        passwordAgain: passwordField('Confirmation du mot de passe'),
      },
      'password',
      'passwordAgain',
      'Confirmation du mot de passe : les deux saisies sont différentes.',
    ),
    access: 'public',
    /** `device`: the resetting browser proved the mailbox; it becomes « appareil connu ». */
    output: out<{ login: string; device: string }>(),
  },
} as const satisfies Record<string, CallSpec<AccountKind>>;
