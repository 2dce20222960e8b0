import { z } from 'zod';
import { out, type CallSpec } from '../contract';
import { required, type IsoDate } from '../fields';
import { IMPORTERS } from '../../domain/access';
import type { StaffRole } from '../../domain/roles';

/** A file handed to the import, stored server-side until the preview is applied or cancelled. */
export interface ImportUpload {
  uploadId: string;
  fileName: string;
  bytes: number;
}

export type ImportFileKind = 'eleves' | 'responsables' | 'nomenclature';

export interface ImportFileSummary {
  fileName: string;
  kind: ImportFileKind;
  kindLabel: string;
  uaj: string;
  schoolYear: number | null;
  exportDate: IsoDate | null;
  /** HORODATAGE, 'YYYY-MM-DDTHH:MM:SS'. */
  exportedAt: string | null;
  records: number;
}

/** One line of the preview: who, and what changes for them. */
export interface ImportLine {
  /** SIECLE key (ELEVE_ID / PERSONNE_ID), for lists and tests. */
  key: string;
  /** The person, e.g. "DUPONT Léa (4B)". */
  label: string;
  /** What changes, e.g. "4B → 4C" or "Téléphone portable : 06… → 07…". */
  detail: string;
}

export interface ImportProblem {
  /** Blocking problems prevent applying; the others are warnings. */
  blocking: boolean;
  fileName: string | null;
  line: number | null;
  message: string;
}

/** A SIECLE group the import changes: how many pupils enter it, how many leave it. */
export interface ImportGroupChange {
  code: string;
  entering: number;
  leaving: number;
}

export interface ImportPreview {
  previewId: string;
  files: ImportFileSummary[];
  problems: ImportProblem[];
  canApply: boolean;
  /** True when applying would change nothing: the database is already up to date. */
  unchanged: boolean;
  students: {
    added: ImportLine[];
    left: ImportLine[];
    unplaced: ImportLine[];
    moved: ImportLine[];
    changed: ImportLine[];
    unchangedCount: number;
  };
  guardians: {
    added: ImportLine[];
    changed: ImportLine[];
    removed: ImportLine[];
    sharedBySiblings: ImportLine[];
  };
  links: { added: ImportLine[]; changed: ImportLine[]; removed: ImportLine[] };
  divisions: { added: string[] };
  /** Issue 16 §1: the groups whose members change, by code. */
  groups: ImportGroupChange[];
  labels: { added: number; changed: number };
}

export interface ImportResult {
  counts: Record<string, number>;
}

const UploadId = z.string().regex(/^[A-Za-z0-9_-]{10,64}$/, { error: 'Fichier importé inconnu.' });

export const ImportUploadInput = z.object({
  fileName: required('Nom du fichier', 255),
  bytes: z.instanceof(Uint8Array, { error: 'Contenu du fichier manquant.' }),
});

export const ImportPreviewInput = z.object({
  uploadIds: z
    .array(UploadId)
    .min(1, { error: 'Choisissez au moins un fichier.' })
    .max(10, { error: 'Dix fichiers au plus.' }),
});

export const PreviewIdInput = z.object({
  previewId: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/, { error: 'Aperçu inconnu.' }),
});

export const importCalls = {
  /** Desktop only: the file's bytes over IPC. Web mode posts the file to /upload/import. */
  'import.upload': { input: ImportUploadInput, access: IMPORTERS, output: out<ImportUpload>() },
  'import.preview': {
    input: ImportPreviewInput,
    access: IMPORTERS,
    output: out<ImportPreview>(),
  },
  'import.apply': { input: PreviewIdInput, access: IMPORTERS, output: out<ImportResult>() },
  'import.cancel': { input: PreviewIdInput, access: IMPORTERS, output: out<null>() },
} as const satisfies Record<string, CallSpec<StaffRole>>;
