import { z } from 'zod';
import { out, type CallSpec } from '../contract';
import type { AccountKind } from '../../domain/accounts';
import type { InfoSheetRequestStatus } from '../../domain/infoSheet/fields';

const GUARDIAN: readonly AccountKind[] = ['guardian'];

const positive = (message: string) =>
  z.coerce.number({ error: message }).int({ error: message }).positive({ error: message });

export const InfoSheetSubmitInput = z.object({
  child: positive('Enfant inconnu.'),
  /** Absent: the pupil's own record (onglet « Élève »); else a guardian record of the account. */
  guardian: positive('Responsable inconnu.').optional(),
  /** Field → value as typed; the fields left out are not changed. Checked field by field. */
  values: z.record(
    z.string().max(40),
    z.union([z.string().max(300, { error: '300 caractères au plus.' }), z.boolean()]),
    { error: 'Aucune valeur reçue.' },
  ),
});

export interface InfoSheetSubmitted {
  /** 'closed': nothing differs from the school's record any more, nothing waits. */
  status: InfoSheetRequestStatus;
  /** What now waits for the school, field by field. */
  changes: { field: string; label: string; oldValue: string; newValue: string }[];
}

export const infoSheetPortalCalls = {
  'portal.infoSheetSubmit': {
    input: InfoSheetSubmitInput,
    access: GUARDIAN,
    output: out<InfoSheetSubmitted>(),
  },
} as const satisfies Record<string, CallSpec<AccountKind>>;
