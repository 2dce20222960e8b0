import { useState } from 'react';
import { Badge, Button, Checkbox, Group, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { SchoolLifeEvent } from '../../shared/api/staff';
import {
  SCHOOL_LIFE_EVENT_KIND_KEYS,
  SCHOOL_LIFE_EVENT_KINDS,
} from '../../shared/domain/vieScolaire/eventKinds';
import { ErrorAlert } from '../ui/ErrorAlert';
import { frenchSpacing } from '../ui/errors';
import { formatCount, formatNumber } from '../ui/format';
import { PageLoader } from '../ui/PageLoader';
import { PageHeader } from './components/PageHeader';
import { useStaffQuery } from './hooks/useStaffQuery';
import {
  eventLabel,
  NOTICE_MEANS_LABELS,
  sanctionErasureLabel,
  spanLabel,
} from './SchoolLifeFormat';
import { SchoolLifeNoticeButtons } from './SchoolLifeNoticeButtons';
import { SchoolLifeProcessModal } from './SchoolLifeProcessModal';
import { useMayCall } from './session';

/**
 * « Vie scolaire › À traiter » (issue 17 §3): what the roll and the vie scolaire recorded and
 * nobody processed yet, oldest first. The CPE gives each its motif, says whether it is
 * justified and published, and records how the family was told; several at once when they
 * share the answers.
 */
export function SchoolLifeQueuePage() {
  const mayCall = useMayCall();
  const editable = mayCall('schoolLife.process');
  const divisions = useStaffQuery('divisions.list', {});
  const motifs = useStaffQuery('motifs.list', {});
  const [divisionId, setDivisionId] = useState<string | null>(null);
  const [kind, setKind] = useState<string | null>(null);
  const queue = useStaffQuery(
    'schoolLife.queue',
    divisionId === null ? {} : { divisionId: Number(divisionId) },
  );
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [processing, setProcessing] = useState<SchoolLifeEvent[] | null>(null);

  const shown = (queue.data ?? []).filter((e) => kind === null || e.kind === kind);
  const chosen = shown.filter((e) => selected.has(e.id));
  const toggle = (id: number, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  function processed(ids: number[], failures: string[]) {
    setProcessing(null);
    setSelected(new Set());
    if (ids.length > 0)
      notifications.show({
        color: 'green',
        message: `${formatCount(ids.length, 'évènement traité', 'évènements traités')}.`,
      });
    for (const failure of failures)
      notifications.show({ color: 'red', message: frenchSpacing(failure), autoClose: false });
    queue.reload();
  }

  return (
    <Stack gap="md">
      <PageHeader
        title="Vie scolaire › À traiter"
        subtitle="Les évènements saisis et pas encore traités, du plus ancien au plus récent."
      />
      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }}>
        <Group align="flex-end" wrap="wrap" gap="sm">
          <Select
            label="Division"
            placeholder="Toutes"
            data={(divisions.data ?? []).map((d) => ({ value: String(d.id), label: d.code }))}
            value={divisionId}
            onChange={setDivisionId}
            clearable
            searchable
            w={{ base: '100%', xs: 180 }}
          />
          <Select
            label="Type"
            placeholder="Tous"
            data={SCHOOL_LIFE_EVENT_KIND_KEYS.map((k) => ({
              value: k,
              label: SCHOOL_LIFE_EVENT_KINDS[k].label,
            }))}
            value={kind}
            onChange={setKind}
            clearable
            w={{ base: '100%', xs: 260 }}
          />
          {editable && (
            <Button disabled={chosen.length === 0} onClick={() => setProcessing(chosen)}>
              {chosen.length > 1
                ? `Traiter les ${formatNumber(chosen.length)} sélectionnés`
                : 'Traiter la sélection'}
            </Button>
          )}
        </Group>
      </Paper>
      {queue.error !== null && <ErrorAlert error={queue.error} title="File indisponible" />}
      {!queue.data && queue.error === null && <PageLoader />}
      {queue.data && (
        <Paper withBorder radius="md" p={{ base: 'xs', sm: 'md' }} component="section">
          <Text fw={600} mb="xs">
            {formatCount(shown.length, 'évènement à traiter', 'évènements à traiter')}
          </Text>
          {shown.length === 0 ? (
            <Text c="dimmed" size="sm">
              Rien à traiter{kind || divisionId ? ' avec ces filtres' : ''}.
            </Text>
          ) : (
            <Table verticalSpacing="xs" striped>
              <Table.Thead>
                <Table.Tr>
                  {editable && (
                    <Table.Th w={36}>
                      <Checkbox
                        aria-label="Tout sélectionner"
                        checked={chosen.length === shown.length}
                        indeterminate={chosen.length > 0 && chosen.length < shown.length}
                        onChange={(e) =>
                          setSelected(
                            new Set(e.currentTarget.checked ? shown.map((s) => s.id) : []),
                          )
                        }
                      />
                    </Table.Th>
                  )}
                  <Table.Th>Élève</Table.Th>
                  <Table.Th>Évènement</Table.Th>
                  <Table.Th visibleFrom="md">Motif</Table.Th>
                  <Table.Th visibleFrom="md">Famille avisée</Table.Th>
                  {editable && <Table.Th>Action</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((e) => (
                  <Table.Tr key={e.id}>
                    {editable && (
                      <Table.Td>
                        <Checkbox
                          aria-label={`Sélectionner ${e.kindLabel.toLowerCase()} de ${e.studentName}`}
                          checked={selected.has(e.id)}
                          onChange={(c) => toggle(e.id, c.currentTarget.checked)}
                        />
                      </Table.Td>
                    )}
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {e.studentName}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {e.divisionCode}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{eventLabel(e)}</Text>
                      <Text size="xs" c="dimmed">
                        {spanLabel(e.startsAt, e.endsAt)}
                      </Text>
                      {sanctionErasureLabel(e) && (
                        <Text size="xs" c="dimmed">
                          {sanctionErasureLabel(e)}
                        </Text>
                      )}
                      {/* On a phone the motif and notice columns are hidden: said here. */}
                      <Text size="xs" c="dimmed" hiddenFrom="md">
                        {[
                          e.motif?.label ?? 'Sans motif',
                          e.familyNotifiedBy
                            ? `avisée par ${NOTICE_MEANS_LABELS[e.familyNotifiedBy].toLowerCase()}`
                            : null,
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </Text>
                    </Table.Td>
                    <Table.Td visibleFrom="md">
                      {e.motif ? (
                        <Text size="sm">{e.motif.label}</Text>
                      ) : (
                        <Badge variant="light" color="gray" tt="none">
                          Sans motif
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td visibleFrom="md">
                      <Text size="sm">
                        {e.familyNotifiedBy ? NOTICE_MEANS_LABELS[e.familyNotifiedBy] : 'Non'}
                      </Text>
                    </Table.Td>
                    {editable && (
                      <Table.Td>
                        <Group gap={6} wrap="wrap">
                          <Button
                            size="xs"
                            onClick={() => setProcessing([e])}
                            aria-label={`Traiter ${e.kindLabel.toLowerCase()} de ${e.studentName}`}
                          >
                            Traiter
                          </Button>
                          {e.kind === 'absence' && (
                            <SchoolLifeNoticeButtons event={e} onSent={() => queue.reload()} />
                          )}
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      )}
      {processing && (
        <SchoolLifeProcessModal
          events={processing}
          motifs={motifs.data ?? []}
          onClose={() => setProcessing(null)}
          onProcessed={processed}
        />
      )}
    </Stack>
  );
}
