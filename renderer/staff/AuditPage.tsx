import { useState } from 'react';
import { Autocomplete, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { AuditEntry } from '../../shared/api/staff';
import { foldForSearch } from '../../shared/domain/normalize';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatInstantShort } from '../ui/format';
import { PageLoader } from '../ui/PageLoader';
import { callStaff } from './api';
import { AUDIT_ACTION_LABELS, auditActionLabel, formatAuditDetails } from './auditLabels';
import { PageHeader } from './components/PageHeader';
import { useStaffQuery } from './hooks/useStaffQuery';

const PAGE_SIZE = 100;
const KNOWN_ACTIONS = Object.keys(AUDIT_ACTION_LABELS);

/** Pages fetched with "Voir plus", remembered per filter so a new filter starts afresh. */
interface MorePages {
  filter: string;
  entries: AuditEntry[];
  nextBeforeId: number | null;
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const target = entry.targetLabel || [entry.targetType, entry.targetId].filter(Boolean).join(' ');
  const details = formatAuditDetails(entry.details, entry.action);
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatInstantShort(entry.at)}</Table.Td>
      <Table.Td>{entry.actorLabel}</Table.Td>
      <Table.Td>
        <Text size="sm" fw={500}>
          {auditActionLabel(entry.action)}
        </Text>
        {entry.action in AUDIT_ACTION_LABELS && (
          <Text size="xs" c="dimmed" ff="monospace">
            {entry.action}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{target || '—'}</Table.Td>
      <Table.Td>
        <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
          {details || '—'}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

export function AuditPage() {
  const [filterText, setFilterText] = useState('');
  const [filter] = useDebouncedValue(filterText.trim(), 250);
  const firstPage = useStaffQuery('audit.list', {
    limit: PAGE_SIZE,
    action: filter === '' ? undefined : filter,
  });
  const [more, setMore] = useState<MorePages | null>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  const extra = more?.filter === filter ? more : null;
  const entries = [...(firstPage.data?.entries ?? []), ...(extra?.entries ?? [])];
  const nextBeforeId = extra ? extra.nextBeforeId : (firstPage.data?.nextBeforeId ?? null);

  async function loadMore() {
    if (nextBeforeId === null) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await callStaff('audit.list', {
        limit: PAGE_SIZE,
        beforeId: nextBeforeId,
        action: filter === '' ? undefined : filter,
      });
      setMore({
        filter,
        entries: [...(extra?.entries ?? []), ...page.entries],
        nextBeforeId: page.nextBeforeId,
      });
    } catch (error) {
      setMoreError(error);
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <Stack gap="md">
      <PageHeader
        title="Journal"
        subtitle="Actions sensibles des personnels, les plus récentes d’abord"
      />
      <Autocomplete
        label="Filtrer par action"
        placeholder="Par exemple : session.login"
        description="Code d’action ; les suggestions cherchent aussi dans les libellés."
        maw={420}
        value={filterText}
        onChange={setFilterText}
        data={KNOWN_ACTIONS}
        clearable
        // Rendered next to the field, inside the main landmark, rather than in a body portal.
        comboboxProps={{ withinPortal: false }}
        filter={({ options, search }) => {
          const wanted = foldForSearch(search);
          return options.filter(
            (option) =>
              'value' in option &&
              foldForSearch(`${option.value} ${auditActionLabel(option.value)}`).includes(wanted),
          );
        }}
        renderOption={({ option }) => (
          <div>
            <Text size="sm">{auditActionLabel(option.value)}</Text>
            <Text size="xs" c="dimmed" ff="monospace">
              {option.value}
            </Text>
          </div>
        )}
      />
      {firstPage.error !== null && (
        <ErrorAlert error={firstPage.error} onRetry={firstPage.reload} />
      )}
      {firstPage.data === undefined ? (
        firstPage.loading && <PageLoader />
      ) : entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          Aucune entrée{filter ? ` pour l’action « ${filter} »` : ''}.
        </Text>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="xs" striped aria-label="Journal des actions">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w={140}>
                    Date et heure
                  </Table.Th>
                  <Table.Th scope="col" w="20%">
                    Auteur
                  </Table.Th>
                  <Table.Th scope="col" w="20%">
                    Action
                  </Table.Th>
                  <Table.Th scope="col" w="22%">
                    Cible
                  </Table.Th>
                  <Table.Th scope="col">Détails</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((entry) => (
                  <AuditRow key={entry.id} entry={entry} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {moreError !== null && <ErrorAlert error={moreError} onRetry={() => void loadMore()} />}
      {nextBeforeId !== null && !firstPage.loading && (
        <Group justify="center">
          <Button variant="default" loading={loadingMore} onClick={() => void loadMore()}>
            Voir plus
          </Button>
        </Group>
      )}
    </Stack>
  );
}
