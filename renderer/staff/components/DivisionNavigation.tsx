import { Skeleton, Stack, Text, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { DivisionSummary, GroupSummary } from '../../../shared/api/staff';
import { sameScope, scopePath, type ListScope } from '../studentListScope';
import { LEVELS } from '../../../shared/domain/school';
import { formatNumber } from '../../ui/format';

interface DivisionNavigationProps {
  divisions: DivisionSummary[] | undefined;
  /** SIECLE groups (languages, options): listed after the divisions when there are any. */
  groups: GroupSummary[] | undefined;
  /** What the page lists; null for an unknown division or group (nothing is current). */
  current: ListScope | null;
  /** Kept in each link so that switching division keeps what was typed in the search field. */
  search: string;
}

export const UNKNOWN_LEVEL = 'Niveau inconnu';

/** Levels in school order (6e → Tle); divisions of unknown level come last, under their own heading. */
function groupByLevel(divisions: DivisionSummary[]): [string, DivisionSummary[]][] {
  const order = (level: string) => {
    const index = (LEVELS as readonly string[]).indexOf(level);
    return index === -1 ? LEVELS.length : index;
  };
  const groups = new Map<string, DivisionSummary[]>();
  for (const division of divisions) {
    const level = division.level ?? UNKNOWN_LEVEL;
    groups.set(level, [...(groups.get(level) ?? []), division]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b, 'fr'))
    .map(([level, list]) => [
      level,
      [...list].sort((a, b) => a.code.localeCompare(b.code, 'fr', { numeric: true })),
    ]);
}

export function DivisionNavigation({
  divisions,
  groups,
  current,
  search,
}: DivisionNavigationProps) {
  const ariaCurrent = (scope: ListScope) => (sameScope(current, scope) ? 'page' : undefined);
  return (
    <nav aria-label="Divisions">
      <Stack gap="sm">
        <Link
          to={{ pathname: '/eleves', search }}
          className="all-students-link"
          aria-current={ariaCurrent({ kind: 'all' })}
        >
          Tous les élèves
        </Link>
        <Link
          to={{ pathname: '/eleves/sans-division', search }}
          className="all-students-link"
          aria-current={ariaCurrent({ kind: 'none' })}
        >
          Sans division
        </Link>
        {divisions === undefined ? (
          <Stack gap={6} aria-hidden="true">
            {[1, 2, 3, 4].map((row) => (
              <Skeleton key={row} height={26} />
            ))}
          </Stack>
        ) : (
          groupByLevel(divisions).map(([level, list]) => (
            <section key={level} aria-labelledby={`niveau-${level}`}>
              <Text id={`niveau-${level}`} component="h2" size="xs" fw={700} c="dimmed" mb={4}>
                {level}
              </Text>
              <div className="division-links">
                {list.map((division) => (
                  <Link
                    key={division.id}
                    to={{ pathname: `/eleves/division/${division.id}`, search }}
                    className="division-link"
                    title={division.label}
                    aria-current={ariaCurrent({ kind: 'division', id: division.id })}
                    aria-labelledby={`division-${division.id}`}
                    aria-describedby={`division-${division.id}-effectif`}
                  >
                    <span id={`division-${division.id}`}>{division.code}</span>
                    <span id={`division-${division.id}-effectif`} className="division-link__count">
                      <VisuallyHidden>effectif : </VisuallyHidden>
                      {formatNumber(division.studentCount)}
                    </span>
                  </Link>
                ))}
              </div>
            </section>
          ))
        )}
        {groups !== undefined && groups.length > 0 && (
          <section aria-labelledby="groupes">
            <Text id="groupes" component="h2" size="xs" fw={700} c="dimmed" mb={4}>
              Groupes
            </Text>
            <div className="division-links">
              {groups.map((group) => {
                const scope: ListScope = { kind: 'group', code: group.code };
                return (
                  <Link
                    key={group.code}
                    to={{ pathname: scopePath(scope), search }}
                    className="division-link"
                    aria-current={ariaCurrent(scope)}
                  >
                    <span>{group.code}</span>
                    <span className="division-link__count">
                      <VisuallyHidden>effectif : </VisuallyHidden>
                      {formatNumber(group.studentCount)}
                    </span>
                  </Link>
                );
              })}
            </div>
          </section>
        )}
        {divisions?.length === 0 && (
          <Text size="sm" c="dimmed">
            Aucune division.
          </Text>
        )}
      </Stack>
    </nav>
  );
}
