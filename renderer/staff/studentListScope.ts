/** Which pupils the pupils' page lists: its address says it (#/eleves/…). */
export type ListScope =
  | { kind: 'all' }
  | { kind: 'none' }
  | { kind: 'division'; id: number }
  | { kind: 'group'; code: string };

/** The search call's filter for a scope. */
export function scopeFilter(scope: ListScope): {
  divisionId?: number;
  group?: string;
  withoutDivision: boolean;
} {
  if (scope.kind === 'division') return { divisionId: scope.id, withoutDivision: false };
  if (scope.kind === 'group') return { group: scope.code, withoutDivision: false };
  return { withoutDivision: scope.kind === 'none' };
}

export function scopePath(scope: ListScope): string {
  switch (scope.kind) {
    case 'all':
      return '/eleves';
    case 'none':
      return '/eleves/sans-division';
    case 'division':
      return `/eleves/division/${scope.id}`;
    case 'group':
      return `/eleves/groupe/${encodeURIComponent(scope.code)}`;
  }
}

/** A stable text for a scope: React keys and the narrow window's list box values. */
export function scopeKey(scope: ListScope): string {
  return scope.kind === 'division'
    ? `d:${scope.id}`
    : scope.kind === 'group'
      ? `g:${scope.code}`
      : scope.kind;
}

export function scopeOfKey(key: string): ListScope {
  if (key.startsWith('d:')) return { kind: 'division', id: Number(key.slice(2)) };
  if (key.startsWith('g:')) return { kind: 'group', code: key.slice(2) };
  return key === 'none' ? { kind: 'none' } : { kind: 'all' };
}

export function sameScope(a: ListScope | null, b: ListScope): boolean {
  return a !== null && scopeKey(a) === scopeKey(b);
}
