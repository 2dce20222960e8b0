import { MAX_IMPORT_FILE_BYTES } from '../../../shared/domain/importLimits';

/**
 * Bounds on what an import will read. A school's real exports are a few MB; these limits
 * leave a wide margin while refusing hostile or mistaken files (zip bombs, a whole academy's
 * database, a random disk image) before they cost memory or minutes.
 */
export interface ReadLimits {
  /** Largest XML file, measured on disk or, for a zip entry, once inflated. */
  maxFileBytes: number;
  /** Most entries (files and folders) a zip may hold. */
  maxZipEntries: number;
  /**
   * Largest inflated/compressed ratio for a zip entry that inflates to more than
   * RATIO_CHECK_FLOOR_BYTES. XML compresses about 10–30 times; a bomb, a thousand times.
   */
  maxCompressionRatio: number;
  /** Longest text of one field: names and codes are short, a huge value is an attack. */
  maxValueChars: number;
  /** Deepest element nesting: SIECLE goes 5 levels deep. */
  maxDepth: number;
  /**
   * Most records (ELEVE, PERSONNE, ADRESSE…) one file may hold. A large lycée exports about
   * 2,500 pupils and 5,000 guardians with their addresses; an académie's whole base, or a
   * file made to fill the server's memory, is refused as it is read.
   */
  maxRecords: number;
}

const MIB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<ReadLimits> = Object.freeze({
  maxFileBytes: MAX_IMPORT_FILE_BYTES,
  maxZipEntries: 20,
  maxCompressionRatio: 200,
  maxValueChars: 10_000,
  maxDepth: 32,
  maxRecords: 50_000,
});

/** Below this inflated size, a high ratio is harmless (a tiny file of repeated tags). */
export const RATIO_CHECK_FLOOR_BYTES = MIB;

export function resolveLimits(limits?: Partial<ReadLimits>): ReadLimits {
  return { ...DEFAULT_LIMITS, ...limits };
}

/** A byte count the way staff read it: « 200 Mo », « 1,5 Mo », « 12 Ko ». */
export function formatSize(bytes: number): string {
  const format = (value: number, unit: string): string => {
    const rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
    return `${String(rounded).replace('.', ',')} ${unit}`;
  };
  if (bytes >= MIB) return format(bytes / MIB, 'Mo');
  if (bytes >= 1024) return format(bytes / 1024, 'Ko');
  return `${bytes} octets`;
}
