import { Anchor, Button, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link } from 'react-router-dom';
import { errorMessage } from '../ui/errors';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatCount, formatInstantShort } from '../ui/format';
import { PageLoader } from '../ui/PageLoader';
import { callStaff } from './api';
import { PageHeader } from './components/PageHeader';
import { SectionCard } from './components/SectionCard';
import { useStaffQuery } from './hooks/useStaffQuery';

/**
 * « Cet enfant n'est pas le mien » (SPEC §4.3): what families reported from the portal,
 * oldest first. Staff check the links in SIECLE, then mark the report handled.
 */
export function ChildReportsPage() {
  const query = useStaffQuery('childReports.list', {});
  async function handle(id: number) {
    try {
      await callStaff('childReports.handle', { id });
      notifications.show({ color: 'green', message: 'Signalement marqué comme traité.' });
      query.reload();
    } catch (error) {
      notifications.show({ color: 'red', title: 'Action refusée', message: errorMessage(error) });
    }
  }
  return (
    <Stack gap="md">
      <PageHeader
        title="Signalements des familles"
        subtitle="« Cet enfant n’est pas le mien » : vérifiez les liens de responsabilité, corrigez-les dans SIECLE puis importez."
      />
      {query.error ? <ErrorAlert error={query.error} /> : null}
      {!query.data && !query.error && <PageLoader />}
      {query.data && (
        <SectionCard
          title={`${formatCount(query.data.length, 'signalement', 'signalements')} en attente`}
        >
          {query.data.length === 0 ? (
            <Text size="sm" c="dimmed">
              Aucun signalement en attente.
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing="xs" aria-label="Signalements en attente">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Reçu le</Table.Th>
                    <Table.Th scope="col">Compte</Table.Th>
                    <Table.Th scope="col">Élève signalé</Table.Th>
                    <Table.Th scope="col">Précision</Table.Th>
                    <Table.Th scope="col">Action</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {query.data.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>{formatInstantShort(r.createdAt)}</Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/comptes/${r.accountId}`}>
                          {r.accountName}
                        </Anchor>{' '}
                        ({r.accountLogin})
                      </Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/eleves/${r.studentId}`}>
                          {r.studentName}
                        </Anchor>
                        {r.divisionCode ? ` — ${r.divisionCode}` : ''}
                      </Table.Td>
                      <Table.Td>{r.comment || '—'}</Table.Td>
                      <Table.Td>
                        <Button size="xs" variant="default" onClick={() => void handle(r.id)}>
                          Marquer traité
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </SectionCard>
      )}
    </Stack>
  );
}
