import { useState } from 'react';
import { Accordion, Anchor, Badge, Group, Select, Stack, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { InfoSheetRequestView } from '../../shared/api/staff';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatCount, formatInstantShort } from '../ui/format';
import { PageLoader } from '../ui/PageLoader';
import { PageHeader } from './components/PageHeader';
import { SectionCard } from './components/SectionCard';
import { useStaffQuery } from './hooks/useStaffQuery';
import { InfoSheetExportSection } from './InfoSheetExportSection';
import { InfoSheetRequestReview } from './InfoSheetRequestReview';

function RequestSummary({ request }: { request: InfoSheetRequestView }) {
  return (
    <Stack gap={2}>
      <Group gap="xs" wrap="wrap">
        <Text fw={600}>{request.studentName}</Text>
        {request.divisionCode && (
          <Badge variant="light" color="gray">
            {request.divisionCode}
          </Badge>
        )}
        <Badge variant="light">{formatCount(request.changes.length, 'champ', 'champs')}</Badge>
      </Group>
      <Text size="sm">{request.recordLabel}</Text>
      <Text size="xs" c="dimmed">
        Envoyée {request.submittedBy ? `par ${request.submittedBy} ` : ''}le{' '}
        {formatInstantShort(request.submittedAt)}
      </Text>
    </Stack>
  );
}

/**
 * « Fiches de renseignements » (issue 18 §2 and §3): the families' corrections waiting for
 * review, oldest first, each field old → new; then the accepted ones sent back to SIECLE.
 */
export function InfoSheetsPage() {
  const divisions = useStaffQuery('divisions.list', {});
  const [divisionId, setDivisionId] = useState<string | null>(null);
  const queue = useStaffQuery(
    'infoSheets.queue',
    divisionId === null ? {} : { divisionId: Number(divisionId) },
  );
  const [open, setOpen] = useState<string | null>(null);
  // A review changes what the next export holds: its count is reloaded with the queue.
  const [reviews, setReviews] = useState(0);

  function reload() {
    setOpen(null);
    queue.reload();
    setReviews((n) => n + 1);
  }

  return (
    <Stack gap="md">
      <PageHeader
        title="Fiches de renseignements"
        subtitle="Les corrections envoyées par les familles, de la plus ancienne à la plus récente : acceptez ou refusez chaque champ, puis renvoyez les changements acceptés vers SIECLE."
      />
      <SectionCard title="Demandes à traiter">
        <Stack gap="sm">
          <Select
            label="Division"
            placeholder="Toutes"
            data={(divisions.data ?? []).map((d) => ({ value: String(d.id), label: d.code }))}
            value={divisionId}
            onChange={(value) => {
              setDivisionId(value);
              setOpen(null);
            }}
            clearable
            searchable
            w={{ base: '100%', xs: 200 }}
          />
          {queue.error !== null && (
            <ErrorAlert error={queue.error} title="File indisponible" onRetry={queue.reload} />
          )}
          {!queue.data && queue.error === null && <PageLoader />}
          {queue.data && (
            <>
              <Text size="sm" fw={600} aria-live="polite">
                {queue.data.length === 0
                  ? `Aucune demande à traiter${divisionId ? ' dans cette division' : ''}.`
                  : formatCount(queue.data.length, 'demande en attente', 'demandes en attente')}
              </Text>
              {queue.data.length > 0 && (
                <Accordion
                  variant="separated"
                  value={open}
                  onChange={setOpen}
                  aria-label="Demandes des familles"
                >
                  {queue.data.map((request) => (
                    <Accordion.Item key={request.id} value={String(request.id)}>
                      <Accordion.Control>
                        <RequestSummary request={request} />
                      </Accordion.Control>
                      <Accordion.Panel>
                        <Text size="sm" mb="xs">
                          <Anchor component={Link} to={`/eleves/${request.studentId}`}>
                            Voir la fiche de l’élève
                          </Anchor>
                        </Text>
                        <InfoSheetRequestReview
                          key={`${request.id}-${request.version}`}
                          request={request}
                          onReviewed={reload}
                          onStale={reload}
                        />
                      </Accordion.Panel>
                    </Accordion.Item>
                  ))}
                </Accordion>
              )}
            </>
          )}
        </Stack>
      </SectionCard>
      <InfoSheetExportSection refreshKey={reviews} />
    </Stack>
  );
}
