import { useState } from 'react';
import {
  Autocomplete,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
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

/** A day typed in the date field ('2026-11-23'), as the instant its local midnight is. */
function startOfDay(day: string, plusDays = 0): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const date = new Date(`${day}T00:00:00`);
  date.setDate(date.getDate() + plusDays);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function AuditPage() {
  const [filterText, setFilterText] = useState('');
  const [actionFilter] = useDebouncedValue(filterText.trim(), 250);
  const [authorId, setAuthorId] = useState<string | null>(null);
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  const users = useStaffQuery('users.list', {});
  const query = {
    action: actionFilter === '' ? undefined : actionFilter,
    actorId: authorId === null ? undefined : Number(authorId),
    from: startOfDay(fromDay),
    // « Au 23/11 » includes that whole day.
    until: startOfDay(toDay, 1),
  };
  const filter = JSON.stringify(query);
  const firstPage = useStaffQuery('audit.list', { limit: PAGE_SIZE, ...query });
  const [more, setMore] = useState<MorePages | null>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const authors = [...(users.data ?? [])]
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'fr'))
    .map((user) => ({ value: String(user.id), label: `${user.displayName} (${user.login})` }));
  const filtered = filter !== '{}';

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
        ...query,
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
      <Group align="flex-start" gap="md" wrap="wrap">
        <Autocomplete
          label="Filtrer par action"
          placeholder="Par exemple : session.login"
          description="Code d’action ; les suggestions cherchent aussi dans les libellés."
          w={{ base: '100%', sm: 320 }}
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
        <Select
          label="Auteur"
          placeholder="Tous"
          description="Les tentatives refusées n’ont pas d’auteur."
          data={authors}
          value={authorId}
          onChange={setAuthorId}
          clearable
          searchable
          comboboxProps={{ withinPortal: false }}
          w={{ base: '100%', sm: 260 }}
        />
        <TextInput
          type="date"
          label="Du"
          value={fromDay}
          onChange={(event) => setFromDay(event.currentTarget.value)}
          w={{ base: '100%', xs: 170 }}
        />
        <TextInput
          type="date"
          label="Au"
          value={toDay}
          min={fromDay || undefined}
          onChange={(event) => setToDay(event.currentTarget.value)}
          w={{ base: '100%', xs: 170 }}
        />
      </Group>
      {firstPage.error !== null && (
        <ErrorAlert error={firstPage.error} onRetry={firstPage.reload} />
      )}
      {firstPage.data === undefined ? (
        firstPage.loading && <PageLoader />
      ) : entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          {filtered ? 'Aucune entrée pour ces critères.' : 'Aucune entrée.'}
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
