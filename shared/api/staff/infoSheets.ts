import { z } from 'zod';
import { out, type CallSpec } from '../contract';
import { Empty, Id, text, type IsoInstant } from '../fields';
import type { InfoSheetChangeStatus, InfoSheetRequestStatus } from '../../domain/infoSheet/fields';
import type { StaffRole } from '../../domain/roles';

/** Who reviews the fiche de renseignements (SPEC §2: « secrétariat … fiche review »). */
export const INFO_SHEET_REVIEWERS = [
  'direction',
  'secretariat',
] as const satisfies readonly StaffRole[];

export interface InfoSheetChangeView {
  id: number;
  field: string;
  /** « Tél. mobile ». */
  label: string;
  /** As stored; coded values (profession, lien, oui/non) also in words below. */
  oldValue: string;
  newValue: string;
  oldShown: string;
  newShown: string;
  status: InfoSheetChangeStatus;
  comment: string;
}

export interface InfoSheetRequestView {
  id: number;
  /** Send it back with the review: of two reviews at once, the second is told. */
  version: number;
  status: InfoSheetRequestStatus;
  studentId: number;
  /** « DUPONT Léa ». */
  studentName: string;
  divisionCode: string;
  record: 'student' | 'guardian';
  guardianId: number | null;
  /** « Élève », or « Responsable légal 1 : Mme DUPONT Anne ». */
  recordLabel: string;
  /** The family account's identifiant; '' once the account is gone. */
  submittedBy: string;
  /**
   * How the account holder hears of the review: by e-mail, or not at all because the account
   * has no address or asked for none (« pas de courriel »), or no longer exists.
   */
  holderMail: 'email' | 'no_email' | 'no_account';
  submittedAt: IsoInstant;
  reviewedAt: IsoInstant | null;
  comment: string;
  changes: InfoSheetChangeView[];
}

const decision = z.enum(['accepted', 'refused'], { error: 'Accepter ou refuser.' });

export const InfoSheetReviewInput = z.object({
  id: Id,
  version: z.number({ error: 'Version manquante.' }).int().positive(),
  /** Field by field; the changes left out take `all`. */
  decisions: z
    .array(
      z.object({
        changeId: Id,
        decision,
        comment: text('Commentaire', 500).default(''),
      }),
    )
    .max(40)
    .default([]),
  all: decision.optional(),
  comment: text('Commentaire', 1000).default(''),
});

export interface InfoSheetExportView {
  id: number;
  /** NUM_ENVOI: the school's counter, never reused. */
  number: number;
  /** <UAI>PRIVE<année><horodatage>.zip */
  fileName: string;
  changeCount: number;
  createdAt: IsoInstant;
  /** Who prepared it: the staff user's name; '' once the user is gone. */
  createdBy: string;
}

export interface InfoSheetExportWaiting {
  changeCount: number;
  studentCount: number;
}

export interface InfoSheetExportFile {
  fileName: string;
  bytes: Uint8Array;
}

export const InfoSheetQueueInput = z.object({ divisionId: Id.optional() });

export const infoSheetCalls = {
  /** Requests waiting for review, oldest first (issue 18 §2). */
  'infoSheets.queue': {
    input: InfoSheetQueueInput,
    access: INFO_SHEET_REVIEWERS,
    output: out<InfoSheetRequestView[]>(),
  },
  /** Accept or refuse each change; the accepted ones go to the school's record at once. */
  'infoSheets.review': {
    input: InfoSheetReviewInput,
    access: INFO_SHEET_REVIEWERS,
    output: out<InfoSheetRequestView>(),
  },
  /** Accepted changes since the last export, as BEE's « import privé » zip (issue 18 §3). */
  'infoSheets.export': {
    input: Empty,
    access: INFO_SHEET_REVIEWERS,
    output: out<InfoSheetExportView>(),
  },
  'infoSheets.exports': {
    input: Empty,
    access: INFO_SHEET_REVIEWERS,
    output: out<InfoSheetExportView[]>(),
  },
  /** How many accepted changes (and of how many pupils) the next export would send. */
  'infoSheets.exportWaiting': {
    input: Empty,
    access: INFO_SHEET_REVIEWERS,
    output: out<InfoSheetExportWaiting>(),
  },
  /**
   * An export's zip again, as bytes: over IPC on the desktop, from GET /export-siecle/:id in
   * web mode. Pupils' personal data: each download is journaled.
   */
  'infoSheets.exportFile': {
    input: z.object({ id: Id }),
    access: INFO_SHEET_REVIEWERS,
    output: out<InfoSheetExportFile>(),
  },
} as const satisfies Record<string, CallSpec<StaffRole>>;
