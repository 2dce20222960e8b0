import type { LetterJob } from '../../../shared/api/staff/letters';
import type { Database } from '../../db/database';
import type { LetterFonts } from '../../pdf/fonts';
import type { Clock } from '../clock';
import type { PasswordHasher } from '../secrets';
import type { LetterSelection } from './letterSelection';

/** What a batch's run needs and the state it reports through (one job of the letters' queue). */

export interface RunDeps {
  db: Database;
  clock: Clock;
  /** Already bounded in concurrency (hashing must not starve the window). */
  hasher: PasswordHasher;
  fonts: () => Promise<LetterFonts>;
}

export interface RunningJob extends LetterJob {
  schoolId: number;
  userId: number;
  cancelled: boolean;
  /** E-mailed letters already committed and queued. */
  sent: number;
}

/** Thrown where a run sees that staff cancelled it. */
export class Cancelled extends Error {}

/** A batch's letters in order, and how to read a slice of them again in full to print it. */
export type BatchLetters = Pick<LetterSelection, 'letters' | 'read'>;
