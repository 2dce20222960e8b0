import { z } from 'zod';
import { out, type CallSpec } from '../contract';
import { Empty, required, type SchoolRef } from '../fields';
import { ALL_STAFF } from '../../domain/access';
import type { StaffRole } from '../../domain/roles';

export interface StaffSession {
  userId: number;
  login: string;
  displayName: string;
  role: StaffRole;
  mustChangePassword: boolean;
  school: SchoolRef;
}

export const LoginInput = z.object({
  login: required('Identifiant', 100),
  password: z
    .string({ error: 'Mot de passe : texte attendu.' })
    .min(1, { error: 'Mot de passe : champ obligatoire.' })
    .max(200, { error: 'Mot de passe : trop long.' }),
});

/** Staff passwords: 10 to 128 characters, letters and digits at least (SPEC §4.2 asks the same spirit for families). */
export const StaffPassword = z
  .string({ error: 'Mot de passe : texte attendu.' })
  .min(10, { error: 'Mot de passe : 10 caractères au moins.' })
  .max(128, { error: 'Mot de passe : 128 caractères au plus.' })
  .refine((v) => /[A-Za-z]/.test(v) && /\d/.test(v), {
    error: 'Mot de passe : au moins une lettre et un chiffre.',
  });

export const ChangePasswordInput = z.object({
  currentPassword: z
    .string()
    .min(1, { error: 'Mot de passe actuel : champ obligatoire.' })
    .max(200),
  newPassword: StaffPassword,
});

export const sessionCalls = {
  /** The token goes to the transport (cookie or IPC map), never into the page. */
  'session.login': {
    input: LoginInput,
    access: 'public',
    session: 'issue',
    output: out<StaffSession>(),
  },
  'session.me': { input: Empty, access: ALL_STAFF, output: out<StaffSession>() },
  'session.logout': { input: Empty, access: ALL_STAFF, session: 'end', output: out<null>() },
  'session.changePassword': {
    input: ChangePasswordInput,
    access: ALL_STAFF,
    output: out<null>(),
  },
} as const satisfies Record<string, CallSpec<StaffRole>>;
