import { z } from 'zod';
import { out, type CallSpec } from '../contract';
import type { AccountKind } from '../../domain/accounts';
import {
  birthDateField,
  emailField,
  loginField,
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

/** The same answer whether or not the identifiant or the address exists (SPEC §4.3). */
export interface RequestReceipt {
  reference: string;
}

const twice = <T extends z.ZodRawShape>(
  shape: T,
  a: keyof T & string,
  b: keyof T & string,
  message: string,
) =>
  z
    .object(shape)
    .refine((v) => (v as Record<string, unknown>)[a] === (v as Record<string, unknown>)[b], {
      message,
      path: [b],
    });

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
    input: twice(
      {
        birthDate: birthDateField,
        password: passwordField('Nouveau mot de passe'),
        passwordAgain: passwordField('Confirmation du mot de passe'),
        email: emailField('Adresse électronique'),
        emailAgain: emailField('Confirmation de l’adresse électronique'),
      },
      'password',
      'passwordAgain',
      'Confirmation du mot de passe : les deux saisies sont différentes.',
    ).refine((v) => v.email.toLowerCase() === v.emailAgain.toLowerCase(), {
      message: 'Confirmation de l’adresse électronique : les deux saisies sont différentes.',
      path: ['emailAgain'],
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
  'portal.confirmEmail': {
    input: z.object({ token: tokenField }),
    access: 'public',
    /** `activated`: this confirmation opened the account (first connection), not a new address. */
    output: out<{ login: string; email: string; activated: boolean }>(),
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
    input: z.object({ login: loginField }),
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
    output: out<{ login: string }>(),
  },
} as const satisfies Record<string, CallSpec<AccountKind>>;
