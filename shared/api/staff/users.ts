import { z } from 'zod';
import { out, type CallSpec } from '../contract';
import { ByIdInput, Empty, Id, displayName, required, type IsoInstant } from '../fields';
import { DIRECTION } from '../../domain/access';
import { STAFF_ROLES, type StaffRole } from '../../domain/roles';

export interface StaffUserSummary {
  id: number;
  login: string;
  displayName: string;
  role: StaffRole;
  active: boolean;
  lastLoginAt: IsoInstant | null;
}

export interface NewPasswordResult {
  user: StaffUserSummary;
  /** Shown once to the direction, who hands it over; only its hash is kept. */
  temporaryPassword: string;
}

export const RoleSchema = z.enum(STAFF_ROLES, { error: 'Rôle inconnu.' });

export const CreateUserInput = z.object({
  login: required('Identifiant', 60).regex(/^[a-z0-9.-]+$/, {
    error: 'Identifiant : lettres minuscules sans accent, chiffres, point et tiret.',
  }),
  displayName: displayName('Nom affiché', 120),
  role: RoleSchema,
});

export const UpdateUserInput = z.object({
  id: Id,
  displayName: displayName('Nom affiché', 120).optional(),
  role: RoleSchema.optional(),
  active: z.boolean().optional(),
});

export const userCalls = {
  'users.list': { input: Empty, access: DIRECTION, output: out<StaffUserSummary[]>() },
  'users.create': { input: CreateUserInput, access: DIRECTION, output: out<NewPasswordResult>() },
  'users.update': { input: UpdateUserInput, access: DIRECTION, output: out<StaffUserSummary>() },
  'users.resetPassword': {
    input: ByIdInput,
    access: DIRECTION,
    output: out<NewPasswordResult>(),
  },
} as const satisfies Record<string, CallSpec<StaffRole>>;
