import { z } from 'zod';
import { out, type CallSpec } from '../contract';
import { ByIdInput, Empty, Id, required } from '../fields';
import { ALL_STAFF, DIRECTION } from '../../domain/access';
import type { StaffRole } from '../../domain/roles';

/** A teacher of the STS file the direction must place before applying (never merged silently). */
export interface StsQuestion {
  stsId: string;
  /** « Mme DURAND Marie (STS 10001) ». */
  label: string;
  /** Why Pupitre cannot decide alone. */
  reason: string;
  candidates: { userId: number; label: string }[];
}

export interface StsPreviewLine {
  key: string;
  label: string;
  detail: string;
}

export interface StsPreview {
  previewId: string;
  fileName: string;
  uaj: string;
  schoolYear: number | null;
  problems: { blocking: boolean; message: string }[];
  /** The file has no SERVICE at all: the timetable has not been sent to STS-Web yet. */
  noServices: boolean;
  subjects: { added: StsPreviewLine[]; changed: StsPreviewLine[]; unchangedCount: number };
  teachers: {
    created: StsPreviewLine[];
    linked: StsPreviewLine[];
    /** Users known by an STS id the file no longer names: kept, for the direction to decide. */
    absent: StsPreviewLine[];
    unchangedCount: number;
  };
  questions: StsQuestion[];
  services: { added: StsPreviewLine[]; removed: StsPreviewLine[]; unchangedCount: number };
  mainTeachers: { added: StsPreviewLine[]; removed: StsPreviewLine[] };
  canApply: boolean;
  /** Applying would change nothing: « aucun changement ». */
  unchanged: boolean;
}

export interface StsResult {
  counts: Record<string, number>;
}

export type StructureKind = 'division' | 'group';

export interface TeachingServiceSummary {
  id: number;
  subject: { id: number; code: string; label: string };
  structureKind: StructureKind;
  structureCode: string;
  /** For a group: the divisions it draws from. */
  groupDivisions: string[];
  teacher: { id: number; displayName: string };
  source: 'sts' | 'manual';
}

export interface TeachingServicesView {
  services: TeachingServiceSummary[];
  /** Professeurs principaux of the divisions shown. */
  mainTeachers: { divisionCode: string; teacher: { id: number; displayName: string } }[];
  /** Whether the viewer sees every service (office) or only theirs and their divisions'. */
  scope: 'all' | 'own';
}

export interface TeachingServiceOptions {
  /** The school's subjects: STS's, and those of SIECLE's Nomenclature not yet used. */
  subjects: { code: string; label: string }[];
  divisions: string[];
  groups: string[];
  teachers: { id: number; displayName: string }[];
}

const PreviewId = z.string().regex(/^[A-Za-z0-9_-]{10,64}$/, { error: 'Aperçu inconnu.' });

export const StsUploadInput = z.object({
  fileName: required('Nom du fichier', 255),
  bytes: z.instanceof(Uint8Array, { error: 'Contenu du fichier manquant.' }),
});

export const StsApplyInput = z.object({
  previewId: PreviewId,
  /** One answer per question: the staff user who is this teacher, or null for a new one. */
  answers: z
    .array(z.object({ stsId: z.string().trim().min(1).max(20), userId: Id.nullable() }))
    .max(500)
    .default([]),
});

const StructureCode = required('Division ou groupe', 30);

export const ServiceSaveInput = z.object({
  /** Absent: a new service. */
  id: Id.optional(),
  /** Six-digit subject code (STS or SIECLE Nomenclature). */
  subjectCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { error: 'Matière inconnue.' }),
  structureKind: z.enum(['division', 'group'], { error: 'Division ou groupe ?' }),
  structureCode: StructureCode,
  teacherId: Id,
});

export const teachingCalls = {
  /** The STS-Web export's bytes (IPC, or web mode's POST /upload/sts): read, compared, kept. */
  'sts.upload': { input: StsUploadInput, access: DIRECTION, output: out<StsPreview>() },
  'sts.apply': { input: StsApplyInput, access: DIRECTION, output: out<StsResult>() },
  'sts.cancel': {
    input: z.object({ previewId: PreviewId }),
    access: DIRECTION,
    output: out<null>(),
  },
  /** Every role: each sees the services `serviceVisibleTo` lets them see. */
  'services.list': { input: Empty, access: ALL_STAFF, output: out<TeachingServicesView>() },
  'services.options': {
    input: Empty,
    access: DIRECTION,
    output: out<TeachingServiceOptions>(),
  },
  'services.save': {
    input: ServiceSaveInput,
    access: DIRECTION,
    output: out<TeachingServiceSummary>(),
  },
  'services.remove': { input: ByIdInput, access: DIRECTION, output: out<null>() },
} as const satisfies Record<string, CallSpec<StaffRole>>;
