import { z } from 'zod';
import { out, type CallSpec } from '../contract';
import type { AccountKind } from '../../domain/accounts';
import { birthDateField, emailField, loginField, Nothing, passwordField } from './fields';
import type { FamilyView, MergePreview, MyData } from './view';
import type { PortalStage } from './session';

const FAMILY: readonly AccountKind[] = ['guardian', 'student'];
const GUARDIAN: readonly AccountKind[] = ['guardian'];

const childId = z.coerce
  .number({ error: 'Enfant inconnu.' })
  .int({ error: 'Enfant inconnu.' })
  .positive({ error: 'Enfant inconnu.' });

export const familyCalls = {
  'portal.home': {
    input: z.object({ child: childId.optional() }),
    access: FAMILY,
    output: out<FamilyView>(),
  },
  'portal.changePassword': {
    input: z
      .object({
        current: passwordField('Mot de passe actuel'),
        password: passwordField('Nouveau mot de passe'),
        passwordAgain: passwordField('Confirmation du mot de passe'),
      })
      .refine((v) => v.password === v.passwordAgain, {
        message: 'Confirmation du mot de passe : les deux saisies sont différentes.',
        path: ['passwordAgain'],
      }),
    access: FAMILY,
    session: 'issue',
    output: out<{ stage: PortalStage }>(),
  },
  'portal.changeEmail': {
    input: z
      .object({
        current: passwordField('Mot de passe actuel'),
        email: emailField('Nouvelle adresse électronique').refine((v) => v !== '', {
          message: 'Nouvelle adresse électronique : champ obligatoire.',
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
  'portal.mergePreview': {
    input: z.object({
      login: loginField,
      password: passwordField('Mot de passe'),
      birthDate: z.union([z.literal(''), birthDateField]).optional(),
    }),
    access: GUARDIAN,
    output: out<MergePreview>(),
  },
  'portal.merge': { input: Nothing, access: GUARDIAN, output: out<{ moved: number }>() },
  'portal.notMyChild': {
    input: z.object({
      child: childId,
      comment: z
        .string()
        .trim()
        .max(500, { error: 'Précision : 500 caractères au plus.' })
        .default(''),
    }),
    access: GUARDIAN,
    output: out<null>(),
  },
  'portal.myData': { input: Nothing, access: FAMILY, output: out<MyData>() },
} as const satisfies Record<string, CallSpec<AccountKind>>;
