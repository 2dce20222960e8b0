import { z } from 'zod';
import { out, type CallSpec } from '../contract';
import { Id, text } from '../fields';
import { OFFICE } from '../../domain/access';
import type { StaffRole } from '../../domain/roles';

/**
 * A division's or a group's list, as the secretariat prints it each September: names, dates
 * of birth, régime and the guardians' phones. The phones make it an office document (the
 * roles that see guardians, SPEC §2).
 */
export const RosterInput = z
  .object({
    divisionId: Id.optional(),
    /** A SIECLE group code (« 4LAT1 »). */
    group: text('Groupe', 30).optional(),
  })
  .refine((v) => (v.divisionId === undefined) !== (v.group === undefined || v.group === ''), {
    error: 'Choisissez une division ou un groupe.',
  });

export const rosterCalls = {
  /** CSV text (UTF-8 with a BOM, « ; »), saved as a file by the window. */
  'rosters.csv': { input: RosterInput, access: OFFICE, output: out<string>() },
  /** The printable list; web mode downloads it from GET rosters.pdf?division=… */
  'rosters.pdf': { input: RosterInput, access: OFFICE, output: out<Uint8Array>() },
} as const satisfies Record<string, CallSpec<StaffRole>>;
