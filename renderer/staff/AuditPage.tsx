import { useState } from 'react';
import { Button, Group, Paper, Select, Stack, Table, Text } from '@mantine/core';
import type { AuditEntry } from '../../shared/api/staff';
import { isoFromSlashDate } from '../../shared/domain/frenchDates';
import { foldForSearch } from '../../shared/domain/normalize';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatInstantShort } from '../ui/format';
import { PageLoader } from '../ui/PageLoader';
import { callStaff } from './api';
import { AUDIT_ACTION_LABELS, auditActionLabel, formatAuditDetails } from './auditLabels';
import { FrenchDateField } from './components/FrenchDateField';
import { PageHeader } from './components/PageHeader';
import { useStaffQuery } from './hooks/useStaffQuery';

const PAGE_SIZE = 100;
/** Every action by its French label, sorted for reading; the server still gets the code. */
const ACTION_OPTIONS = Object.keys(AUDIT_ACTION_LABELS)
  .map((code) => ({ value: code, label: auditActionLabel(code) }))
  .sort((a, b) => a.label.localeCompare(b.label, 'fr'));

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
      <Table.Td data-label="Date et heure" style={{ whiteSpace: 'nowrap' }}>
        {formatInstantShort(entry.at)}
      </Table.Td>
      <Table.Td data-label="Auteur">{entry.actorLabel}</Table.Td>
      <Table.Td data-label="Action">
        <div>
          <Text size="sm" fw={500}>
            {auditActionLabel(entry.action)}
          </Text>
          {entry.action in AUDIT_ACTION_LABELS && (
            <Text size="xs" c="dimmed" ff="monospace">
              {entry.action}
            </Text>
          )}
        </div>
      </Table.Td>
      <Table.Td data-label="Cible">{target || '—'}</Table.Td>
      <Table.Td data-label="Détails">
        <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
          {details || '—'}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

/** A day typed in the date field (« 23/11/2026 »), as the instant its local midnight is. */
function startOfDay(text: string, plusDays = 0): string | undefined {
  const day = isoFromSlashDate(text);
  if (day === null) return undefined;
  const date = new Date(`${day}T00:00:00`);
  date.setDate(date.getDate() + plusDays);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function AuditPage() {
  const [action, setAction] = useState<string | null>(null);
  const [authorId, setAuthorId] = useState<string | null>(null);
  const [fromText, setFromText] = useState('');
  const [toText, setToText] = useState('');
  const users = useStaffQuery('users.list', {});
  const query = {
    action: action ?? undefined,
    actorId: authorId === null ? undefined : Number(authorId),
    from: startOfDay(fromText),
    // « Au 23/11/2026 » includes that whole day.
    until: startOfDay(toText, 1),
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
        <Select
          label="Action"
          placeholder="Toutes"
          description="Par son nom : « connexion », « rôle »…"
          w={{ base: '100%', sm: 320 }}
          data={ACTION_OPTIONS}
          value={action}
          onChange={setAction}
          clearable
          searchable
          nothingFoundMessage="Aucune action de ce nom."
          // Rendered next to the field, inside the main landmark, rather than in a body portal.
          comboboxProps={{ withinPortal: false }}
          filter={({ options, search }) => {
            const wanted = foldForSearch(search);
            return options.filter(
              (option) =>
                'value' in option &&
                foldForSearch(`${option.label} ${option.value}`).includes(wanted),
            );
          }}
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
        <FrenchDateField
          label="Du"
          optional
          value={fromText}
          onChange={setFromText}
          w={{ base: '100%', xs: 170 }}
        />
        <FrenchDateField
          label="Au"
          optional
          value={toText}
          onChange={setToText}
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
          {/* On a phone, one card per entry rather than a table scrolled sideways. */}
          <Table.ScrollContainer minWidth={900} type="native" className="stack-on-phone">
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
