/**
 * A pupil's DATE_SORTIE may be in the future (« part le 19/12/2026 »): until that day the
 * pupil is still there — in their division, in search, in the counts — and leaves on the
 * day itself, computed when read, so no new import is needed. `today` is a Paris date.
 */
export function hasLeft(leftOn: string | null, today: string): boolean {
  return leftOn !== null && leftOn <= today;
}

/** The date split as staff read it: « sorti le » (past or today) or « part le » (future). */
export function leavingDates(
  leftOn: string | null,
  today: string,
): { leftOn: string | null; leavesOn: string | null } {
  if (leftOn === null) return { leftOn: null, leavesOn: null };
  return hasLeft(leftOn, today) ? { leftOn, leavesOn: null } : { leftOn: null, leavesOn: leftOn };
}

/** The same rule in SQL, on a student alias: present pupils (`:today` bound to a Paris date). */
export const PRESENT_SQL = (alias: string) =>
  `(${alias}.leftOn IS NULL OR ${alias}.leftOn > :today)`;
