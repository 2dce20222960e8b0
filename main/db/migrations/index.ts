import { Initial1763840000000 } from './1763840000000-Initial';
import { SiecleImport1763850000000 } from './1763850000000-SiecleImport';

/** In order. A shipped migration is never edited: add a new one. */
export const MIGRATIONS = [Initial1763840000000, SiecleImport1763850000000];
