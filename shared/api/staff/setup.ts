import { z } from 'zod';
import { out, type CallSpec } from '../contract';
import { UaiSchema, displayName, type SchoolRef } from '../fields';
import type { StaffRole } from '../../domain/roles';
import { Empty } from '../fields';

export interface SetupStatus {
  hasSchool: boolean;
}

export interface SetupResult {
  school: SchoolRef;
  directionLogin: string;
  /** Shown once, then only its hash is kept; empty when PUPITRE_ADMIN_PASSWORD chose it. */
  directionPassword: string;
}

export const SetupInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('demo') }),
  z.object({
    kind: z.literal('empty'),
    uai: UaiSchema,
    name: displayName('Nom de l’établissement', 200),
  }),
]);

/** First start: works only while the database holds no school (checked by the service). */
export const setupCalls = {
  'setup.status': { input: Empty, access: 'public', output: out<SetupStatus>() },
  'setup.createSchool': { input: SetupInput, access: 'public', output: out<SetupResult>() },
} as const satisfies Record<string, CallSpec<StaffRole>>;
