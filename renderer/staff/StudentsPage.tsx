import { Anchor, Box, Flex, ScrollArea, Select, Text } from '@mantine/core';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../ui/ErrorAlert';
import { DivisionNavigation } from './components/DivisionNavigation';
import { PageHeader } from './components/PageHeader';
import { StudentSearchPanel } from './components/StudentSearchPanel';
import { useStaffQuery } from './hooks/useStaffQuery';
import { scopeKey, scopeOfKey, scopePath, type ListScope } from './studentListScope';

const PAGE_HEIGHT =
  'calc(100dvh - var(--app-shell-header-height, 60px) - 2 * var(--mantine-spacing-md))';

function parseDivisionId(value: string | undefined): number | undefined {
  const id = Number(value);
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

function UnknownList({ what }: { what: 'division' | 'group' }) {
  return (
    <Flex direction="column" gap="sm">
      <PageHeader title={what === 'division' ? 'Division introuvable' : 'Groupe introuvable'} />
      <Text size="sm">
        {what === 'division'
          ? 'Cette division n’existe pas dans l’année scolaire en cours.'
          : 'Aucun élève présent n’est dans ce groupe.'}{' '}
        Choisissez dans la liste, ou{' '}
        <Anchor component={Link} to="/eleves">
          revenez à tous les élèves
        </Anchor>
        .
      </Text>
    </Flex>
  );
}

/** Divisions and groups on the left, the search panel on the right. */
export function StudentsPage({ withoutDivision = false }: { withoutDivision?: boolean }) {
  const navigate = useNavigate();
  const params = useParams();
  const divisionId = parseDivisionId(params.divisionId);
  const [searchParams] = useSearchParams();
  const divisions = useStaffQuery('divisions.list', {});
  const groups = useStaffQuery('groups.list', {});
  const division = divisions.data?.find((candidate) => candidate.id === divisionId);
  const group = groups.data?.find((candidate) => candidate.code === params.group);
  // A division or group that does not exist (mistyped address, last year's link) is said so:
  // showing the whole school instead would pass for that division's list.
  const unknown: 'division' | 'group' | null =
    params.divisionId !== undefined &&
    (divisionId === undefined || (divisions.data !== undefined && division === undefined))
      ? 'division'
      : params.group !== undefined && groups.data !== undefined && group === undefined
        ? 'group'
        : null;
  const scope: ListScope | null =
    unknown !== null
      ? null
      : withoutDivision
        ? { kind: 'none' }
        : divisionId !== undefined
          ? { kind: 'division', id: divisionId }
          : params.group !== undefined
            ? { kind: 'group', code: params.group }
            : { kind: 'all' };
  const title =
    scope?.kind === 'none'
      ? 'Élèves sans division'
      : scope?.kind === 'division'
        ? `Élèves — ${division?.code ?? '…'}`
        : scope?.kind === 'group'
          ? `Élèves — groupe ${scope.code}`
          : 'Élèves';
  // Division links keep the "sortis" choice but not the search text (see StudentSearchPanel).
  const divisionSearch = searchParams.get('sortis') === '1' ? '?sortis=1' : '';
  const loadError = divisions.error ?? groups.error;

  return (
    <Flex gap="md" h={PAGE_HEIGHT} mih={420}>
      <Box w={220} miw={220} visibleFrom="sm">
        <ScrollArea h="100%" type="auto" offsetScrollbars>
          <DivisionNavigation
            divisions={divisions.data}
            groups={groups.data}
            current={scope}
            search={divisionSearch}
          />
        </ScrollArea>
      </Box>
      <Flex direction="column" gap="sm" style={{ flex: 1, minWidth: 0 }}>
        {loadError !== null && (
          <ErrorAlert
            error={loadError}
            onRetry={() => {
              divisions.reload();
              groups.reload();
            }}
          />
        )}
        {/* Narrow windows have no room for the division column: a list box replaces it. */}
        <Select
          hiddenFrom="sm"
          label="Division ou groupe"
          allowDeselect={false}
          data={[
            { value: scopeKey({ kind: 'all' }), label: 'Tous les élèves' },
            { value: scopeKey({ kind: 'none' }), label: 'Sans division' },
            ...(divisions.data ?? []).map((item) => ({
              value: scopeKey({ kind: 'division', id: item.id }),
              label: item.code,
            })),
            ...(groups.data ?? []).map((item) => ({
              value: scopeKey({ kind: 'group', code: item.code }),
              label: `Groupe ${item.code}`,
            })),
          ]}
          value={scope ? scopeKey(scope) : null}
          onChange={(value) =>
            navigate({
              pathname: scopePath(scopeOfKey(value ?? 'all')),
              search: divisionSearch,
            })
          }
        />
        {scope === null ? (
          <UnknownList what={unknown ?? 'division'} />
        ) : (
          <StudentSearchPanel
            key={scopeKey(scope)}
            scope={scope}
            code={scope.kind === 'group' ? scope.code : division?.code}
            title={title}
            subtitle={
              division?.label && division.label !== division.code ? division.label : undefined
            }
          />
        )}
      </Flex>
    </Flex>
  );
}
