import { z } from 'zod';
import { out, type CallSpec } from '../contract';
import { Empty, Id, type IsoDate, type IsoInstant } from '../fields';
import type { StaffRole } from '../../domain/roles';
import { SCHOOL_LIFE_KEEPERS } from './schoolLife';

/**
 * End of year (issue 17 §5): the school's archive of its vie scolaire (a CSV of every event
 * held, a PDF a division), then the purge of what is older than the retention the school
 * sets. The RGPD fixes no duration: it leaves it to the school (SPEC §6).
 */

/** Only the direction decides what the school keeps and erases. */
const DIRECTION = ['direction'] as const satisfies readonly StaffRole[];

/**
 * By default the school keeps the current school year only: SPEC §6 « Vie scolaire data is
 * purged at the end of the school year as the CNIL asks, after an export for the school's
 * archive ». A school may keep more (up to five years).
 */
export const DEFAULT_RETENTION_YEARS = 1;
export const MAX_RETENTION_YEARS = 5;
/** The purge needs a complete archive (the CSV) made within these days. */
export const ARCHIVE_FRESHNESS_DAYS = 30;

export const RetentionInput = z.object({
  years: z
    .number({ error: 'Durée de conservation : un nombre d’années scolaires.' })
    .int({ error: 'Durée de conservation : un nombre entier d’années scolaires.' })
    .min(1, { error: 'Durée de conservation : au moins l’année en cours.' })
    .max(MAX_RETENTION_YEARS, {
      error: `Durée de conservation : ${MAX_RETENTION_YEARS} années scolaires au plus.`,
    }),
});

export const ArchivePdfInput = z.object({ divisionId: Id });

export const PurgeInput = z.object({
  /** The count the direction saw and confirmed: a different count now refuses the purge. */
  confirmedCount: z.number({ error: 'Nombre d’évènements confirmé manquant.' }).int().min(1),
});

export interface SchoolLifeArchiveCsv {
  fileName: string;
  csv: string;
  eventCount: number;
}

export interface SchoolLifeArchivePdf {
  fileName: string;
  /** The PDF's bytes in base64: they travel as JSON over both transports. */
  base64: string;
}

export interface SchoolLifePurgePlan {
  retentionYears: number;
  /** Events that started before this Paris day go (the first day kept). */
  keepsFrom: IsoDate | null;
  /** Events the purge would erase now (sanctions wait for their own erasure date). */
  count: number;
  lastArchiveAt: IsoInstant | null;
  /** Why the purge is refused now, in French; null when it may run. */
  refusal: string | null;
}

export const schoolLifeArchiveCalls = {
  /** The archive's CSV: every event held, one row each; recorded as the school's archive. */
  'schoolLife.archiveCsv': {
    input: Empty,
    access: SCHOOL_LIFE_KEEPERS,
    output: out<SchoolLifeArchiveCsv>(),
  },
  /** One division's events, printable, for the archive. */
  'schoolLife.archivePdf': {
    input: ArchivePdfInput,
    access: SCHOOL_LIFE_KEEPERS,
    output: out<SchoolLifeArchivePdf>(),
  },
  /** What a purge would erase now, and whether it may run. */
  'schoolLife.purgePlan': { input: Empty, access: DIRECTION, output: out<SchoolLifePurgePlan>() },
  'schoolLife.setRetention': {
    input: RetentionInput,
    access: DIRECTION,
    output: out<SchoolLifePurgePlan>(),
  },
  'schoolLife.purge': {
    input: PurgeInput,
    access: DIRECTION,
    output: out<{ purged: number; plan: SchoolLifePurgePlan }>(),
  },
} as const satisfies Record<string, CallSpec<StaffRole>>;
