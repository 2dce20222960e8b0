import type { SelectQueryBuilder } from 'typeorm';

/**
 * Keeps the pupils (alias `s`) of a SIECLE group. The column holds the codes joined by commas
 * (« 4LAT1,AGL2 »): a code matches whole, never as a prefix (4LAT1 is not 4LAT10), and a
 * `%` or `_` in a code is a character, not a wildcard.
 */
export function whereInGroup<T extends object>(qb: SelectQueryBuilder<T>, group: string) {
  const escaped = group.replace(/[\\%_]/g, (c) => `\\${c}`);
  return qb.andWhere(`(',' || s.groups || ',') LIKE :groupPattern ESCAPE '\\'`, {
    groupPattern: `%,${escaped},%`,
  });
}

/** The distinct group codes of a `groups` column's values, with how many pupils each holds. */
export function countGroups(values: readonly string[]): { code: string; studentCount: number }[] {
  const counts = new Map<string, number>();
  for (const value of values) {
    for (const code of new Set(value.split(',').map((c) => c.trim()))) {
      if (code) counts.set(code, (counts.get(code) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .map(([code, studentCount]) => ({ code, studentCount }))
    .sort((a, b) => a.code.localeCompare(b.code, 'fr', { numeric: true }));
}
