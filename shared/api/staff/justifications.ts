import { z } from 'zod';
import { out, type CallSpec } from '../contract';
import { Id, text, type IsoInstant } from '../fields';
import type { StaffRole } from '../../domain/roles';
import type { FamilySchoolLifeView, JustificationStatus } from '../portal/schoolLife';
import { PreviewInput } from './familyPortal';
import { SCHOOL_LIFE_KEEPERS } from './schoolLife';

/** A justification sent online by a responsable, as the CPE reads it (issue 17 §5). */
export interface OnlineJustification {
  id: number;
  status: JustificationStatus;
  studentId: number;
  studentName: string;
  divisionCode: string;
  /** The responsable's account that sent it (its holder's name and identifiant). */
  sentBy: string;
  event: { id: number; startsAt: IsoInstant; endsAt: IsoInstant; halfDays: number };
  motif: { id: number; label: string; legitimate: boolean } | null;
  comment: string;
  submittedAt: IsoInstant;
  decidedAt: IsoInstant | null;
  decidedBy: string;
  decisionComment: string;
}

export const JustificationListInput = z.object({
  status: z.enum(['pending', 'decided'], { error: 'En attente ou traités.' }).default('pending'),
});

export const JustificationDecideInput = z
  .object({
    id: Id,
    decision: z.enum(['accept', 'refuse'], { error: 'Accepter ou refuser.' }),
    comment: text('Commentaire', 500).default(''),
  })
  .refine((d) => d.decision === 'accept' || d.comment.trim() !== '', {
    error: 'Commentaire : dites à la famille pourquoi le justificatif est refusé.',
    path: ['comment'],
  });

export const SchoolLifePreviewInput = PreviewInput.extend({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'Mois : AAAA-MM.' })
    .optional(),
});

export const justificationCalls = {
  /** « Justificatifs en ligne »: what families sent, waiting first. */
  'justifications.list': {
    input: JustificationListInput,
    access: SCHOOL_LIFE_KEEPERS,
    output: out<OnlineJustification[]>(),
  },
  /** Accepting gives the absence the family's motif and marks it justified; audited either way. */
  'justifications.decide': {
    input: JustificationDecideInput,
    access: SCHOOL_LIFE_KEEPERS,
    output: out<OnlineJustification>(),
  },
  /** The family's « Vie scolaire » page as of a day: the portal's read model, read-only, audited. */
  // Vie scolaire is the CPE's and direction's (SPEC §2), even through a family's preview.
  'accounts.previewSchoolLife': {
    input: SchoolLifePreviewInput,
    access: SCHOOL_LIFE_KEEPERS,
    output: out<FamilySchoolLifeView>(),
  },
} as const satisfies Record<string, CallSpec<StaffRole>>;
