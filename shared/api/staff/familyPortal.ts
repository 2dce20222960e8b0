import { z } from 'zod';
import { out, type CallSpec } from '../contract';
import { ByIdInput, Empty, Id, type IsoDate, type IsoInstant } from '../fields';
import { ACCOUNT_HOLDERS, PORTAL_PREVIEWERS } from '../../domain/access';
import type { StaffRole } from '../../domain/roles';
import type { InfoSheetView } from '../portal/infoSheet';
import type { NotesView } from '../portal/notes';
import type { FamilyView } from '../portal/view';
import type { AccountDetail } from './accounts';

/** « Cet enfant n'est pas le mien », as the school's queue shows it. */
export interface ChildReport {
  id: number;
  accountId: number;
  accountLogin: string;
  accountName: string;
  studentId: number;
  studentName: string;
  divisionCode: string | null;
  comment: string;
  createdAt: IsoInstant;
}

/** The preview shows days that have come: a later one would show what families cannot yet read. */
export const FUTURE_PREVIEW =
  'L’aperçu montre ce que la famille voyait : choisissez une date passée ou aujourd’hui.';

export const PreviewInput = z.object({
  id: Id,
  asOf: z
    .string({ error: 'Date : champ obligatoire.' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Date : au format AAAA-MM-JJ.' }),
  child: Id.optional(),
});

/**
 * The home page's preview: with no day, the school's today by the server's clock (Paris), the
 * day the field then shows — the browser's own day may be later and would be refused.
 */
export const HomePreviewInput = PreviewInput.extend({ asOf: PreviewInput.shape.asOf.optional() });

/** The family's home page on that day, and the server's today (the latest day it shows). */
export type FamilyPreview = FamilyView & { today: IsoDate };

/** What staff do about the family portal (SPEC §4.5, issue 8 §4). */
export const familyPortalCalls = {
  /** The portal as this family sees it on that day: the same read model, read-only, audited. */
  'accounts.preview': {
    input: HomePreviewInput,
    access: PORTAL_PREVIEWERS,
    output: out<FamilyPreview>(),
  },
  /** The family's notes page as it read it on that day (issue 16 §6): same read model, audited. */
  'accounts.previewNotes': {
    input: PreviewInput.extend({ period: Id.optional() }),
    access: ACCOUNT_HOLDERS,
    output: out<NotesView>(),
  },
  /**
   * The fiche de renseignements as this family reads it now (issue 18): tabs, values, its
   * waiting changes. Read-only: no staff call submits a fiche. Audited.
   */
  'accounts.previewInfoSheet': {
    input: z.object({ id: Id, child: Id.optional() }),
    access: ACCOUNT_HOLDERS,
    output: out<InfoSheetView>(),
  },
  /** Undoes a regroupement: the merged-away account comes back (its guardian's children with it) and needs a new letter. */
  'accounts.splitMerge': {
    input: ByIdInput,
    access: ACCOUNT_HOLDERS,
    output: out<AccountDetail>(),
  },
  'childReports.list': { input: Empty, access: ACCOUNT_HOLDERS, output: out<ChildReport[]>() },
  'childReports.handle': { input: ByIdInput, access: ACCOUNT_HOLDERS, output: out<null>() },
} as const satisfies Record<string, CallSpec<StaffRole>>;
