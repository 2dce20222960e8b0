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
  values: z
    .record(
      z.string().max(40),
      z.union([z.string().max(300, { error: '300 caractères au plus.' }), z.boolean()]),
      { error: 'Aucune valeur reçue.' },
    )
    // A fiche has 16 fields at most: more keys are no form of ours.
    .refine((v) => Object.keys(v).length <= 40, { error: 'Trop de champs.' }),
});

export interface InfoSheetSubmitted {
  /** 'closed': nothing differs from the school's record any more, nothing waits. */
  status: InfoSheetRequestStatus;
  /** What now waits for the school, field by field. */
  changes: { field: string; label: string; oldValue: string; newValue: string }[];
}

export interface InfoSheetFieldView {
  field: string;
  label: string;
  /** As the school holds it, and in words (codes by their labels, « Oui »/« Non »). */
  value: string;
  shown: string;
  /** The value waiting for the school's review, or null. */
  pending: string | null;
  /** A coded field's options (Nomenclature, civilité, sexe, oui/non), in list order. */
  choices?: { value: string; label: string }[];
}

export interface InfoSheetRecordView {
  record: 'student' | 'guardian';
  guardianId: number | null;
  /**
   * The account holder's own guardian record: the only one the browser may fill from its
   * profile (the pupil's record and, in a compte joint, the other guardian's are not theirs).
   */
  holderOwn: boolean;
  /** « Élève », « Responsable légal 1 »… */
  label: string;
  fields: InfoSheetFieldView[];
  /** What the family sees but may not change, with the reason (seed 000). */
  locked: { field: string; label: string; shown: string; reason: string }[];
  /** Why nothing can be submitted now (another guardian's change waits), or null. */
  blockedBecause: string | null;
}

export interface InfoSheetView {
  /** The school opened the fiche de renseignements (SPEC §7). */
  open: boolean;
  child: number;
  /** The pupil's record, then the guardian records of this account for this child. */
  records: InfoSheetRecordView[];
}

export const infoSheetPortalCalls = {
  'portal.infoSheet': {
    input: z.object({ child: positive('Enfant inconnu.') }),
    access: GUARDIAN,
    output: out<InfoSheetView>(),
  },
  'portal.infoSheetSubmit': {
    input: InfoSheetSubmitInput,
    access: GUARDIAN,
    output: out<InfoSheetSubmitted>(),
  },
} as const satisfies Record<string, CallSpec<AccountKind>>;
