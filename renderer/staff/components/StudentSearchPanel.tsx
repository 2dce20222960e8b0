import type { KeyboardEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import { Anchor, Checkbox, Flex, Group, Loader, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { STUDENT_QUERY_MAX, type StudentListItem } from '../../../shared/api/staff';
import { formatCount } from '../../ui/format';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { callStaff } from '../api';
import { STUDENT_SEARCH_ID } from '../hooks/useSearchShortcut';
import { useStaffQuery } from '../hooks/useStaffQuery';
import { scopeFilter, type ListScope } from '../studentListScope';
import { PageHeader } from './PageHeader';
import { ReportCardButton } from './ReportCardButton';
import { RosterExportButtons } from './RosterExportButtons';
import { StudentResultsGrid } from './StudentResultsGrid';

/** Enough for a whole lycée on one virtualized list; the back end says when there are more. */
// The largest lycées hold about 4,000 pupils: the whole roll fits, the list is virtualised.
const SEARCH_LIMIT = 5000;

interface StudentSearchPanelProps {
  scope: ListScope;
  /** A division's or group's code once known: the export buttons name their file with it. */
  code: string | undefined;
  title: string;
  subtitle: string | undefined;
}

/**
 * The search text and the "sortis" box live in the URL (?q=…&sortis=1), so that the back
 * button from a student returns to the same list. Keyed by scope: choosing a division or a
 * group shows all of it, with a fresh search field.
 */
export function StudentSearchPanel({ scope, code, title, subtitle }: StudentSearchPanelProps) {
  const filter = scopeFilter(scope);
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const includeLeft = searchParams.get('sortis') === '1';
  const [query, setQuery] = useState(() => searchParams.get('q') ?? '');
  const [debouncedQuery] = useDebouncedValue(query.trim(), 150);
  const [activeId, setActiveId] = useState<number | null>(null);
  const gridRef = useRef<HTMLDivElement>(null);

  const urlQuery = searchParams.get('q') ?? '';
  useEffect(() => {
    if (debouncedQuery === urlQuery) return;
    setSearchParams(
      (params) => {
        const next = new URLSearchParams(params);
        if (debouncedQuery) next.set('q', debouncedQuery);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [debouncedQuery, urlQuery, setSearchParams]);

  const results = useStaffQuery('students.search', {
    query: debouncedQuery,
    ...filter,
    includeLeft,
    limit: SEARCH_LIMIT,
  });
  const items = results.data?.items ?? [];
  // The active row follows the student, not the position, when the list changes under it.
  const activeIndex = Math.max(
    0,
    items.findIndex((item) => item.id === activeId),
  );

  function open(student: StudentListItem) {
    navigate(`/eleves/${student.id}`);
  }

  function onSearchKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' && items.length > 0) {
      event.preventDefault();
      gridRef.current?.focus();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const typed = query.trim();
      if (typed !== debouncedQuery || results.loading) {
        // Typed faster than the list refreshes (or a barcode scanner): never open the row
        // of an older query; ask for the typed one now and open its first match.
        void callStaff('students.search', {
          query: typed,
          ...filter,
          includeLeft,
          limit: 1,
        })
          .then((fresh) => {
            const first = fresh.items[0];
            if (first) open(first);
          })
          .catch(() => undefined);
        return;
      }
      const student = items[activeIndex];
      if (student) open(student);
    }
  }

  return (
    <Flex direction="column" gap="sm" style={{ flex: 1, minWidth: 0 }}>
      <PageHeader
        title={title}
        subtitle={subtitle}
        actions={
          code !== undefined &&
          (scope.kind === 'division' || scope.kind === 'group') && (
            <>
              <RosterExportButtons
                target={
                  scope.kind === 'division' ? { divisionId: scope.id } : { group: scope.code }
                }
                code={code}
              />
              {scope.kind === 'division' && (
                <ReportCardButton
                  target={{ divisionId: scope.id }}
                  divisionId={scope.id}
                  fileLabel={code}
                />
              )}
            </>
          )
        }
      />
      <Group align="flex-end" gap="md">
        <TextInput
          id={STUDENT_SEARCH_ID}
          style={{ flex: 1 }}
          miw={260}
          label="Rechercher un élève"
          placeholder="Nom, prénom, INE ou responsable"
          description="Raccourcis : / ou Ctrl+K pour revenir ici, ↓ pour parcourir la liste, Entrée pour ouvrir."
          // Keyboard shortcuts mean nothing on a phone: the hint is hidden below `sm`.
          classNames={{ description: 'keyboard-hint' }}
          type="search"
          maxLength={STUDENT_QUERY_MAX}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
          onKeyDown={onSearchKeyDown}
          rightSection={results.loading ? <Loader size="xs" /> : null}
        />
        <Checkbox
          label="Inclure les élèves sortis"
          checked={includeLeft}
          mb={8}
          onChange={(event) => {
            const checked = event.currentTarget.checked;
            setSearchParams(
              (params) => {
                const next = new URLSearchParams(params);
                if (checked) next.set('sortis', '1');
                else next.delete('sortis');
                return next;
              },
              { replace: true },
            );
          }}
        />
      </Group>
      <Text size="sm" role="status" aria-live="polite" aria-atomic="true">
        {results.error !== null || results.data === undefined
          ? results.loading
            ? 'Recherche…'
            : ''
          : `${results.data.division ? `Division ${results.data.division.code}\u00a0: ` : ''}${formatCount(items.length, 'élève', 'élèves')}`}
        {results.error === null &&
          results.data?.truncated &&
          ` affichés — d’autres élèves correspondent : précisez la recherche ou choisissez une division.`}
      </Text>
      {results.data?.division && results.error === null && (
        <Anchor component={Link} to={`/eleves/division/${results.data.division.id}`} size="sm">
          Ouvrir la division {results.data.division.code}
        </Anchor>
      )}
      {/* An error replaces the list: rows of an older query must not pass for this one's. */}
      {results.error !== null ? (
        <ErrorAlert error={results.error} onRetry={results.reload} />
      ) : results.data !== undefined && items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {debouncedQuery
            ? `Aucun élève ne correspond à « ${debouncedQuery} ».`
            : scope.kind === 'none'
              ? 'Tous les élèves ont une division.'
              : scope.kind === 'all'
                ? 'Aucun élève n’est encore enregistré.'
                : scope.kind === 'group'
                  ? 'Aucun élève dans ce groupe.'
                  : 'Aucun élève dans cette division.'}
        </Text>
      ) : (
        <StudentResultsGrid
          items={items}
          activeIndex={activeIndex}
          onActiveIndexChange={(index) => setActiveId(items[index]?.id ?? null)}
          onOpen={open}
          gridRef={gridRef}
          label={title}
        />
      )}
    </Flex>
  );
}
