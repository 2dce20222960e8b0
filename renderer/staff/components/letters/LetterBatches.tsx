import { Button, Group, Menu, Table, Text } from '@mantine/core';
import type { LetterBatchSummary } from '../../../../shared/api/staff/letters';
import { notifyError } from '../../../ui/notify';
import { batchDownloadName, partDownloadName } from '../../../../shared/domain/letterBatches';
import { downloadLetterBatch } from '../../../api/download';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatCount, formatInstantShort } from '../../../ui/format';
import { callStaff } from '../../api';
import { SectionCard } from '../SectionCard';
import { useStaffQuery } from '../../hooks/useStaffQuery';

/**
 * The PDFs prepared in the last 24 hours; they hold passwords, so they do not stay longer.
 * The campaign page remounts it (key) after a new batch.
 */
export function LetterBatches() {
  const batches = useStaffQuery('letters.batches', {});
  return (
    <SectionCard title="Courriers prêts à imprimer">
      {batches.error ? <ErrorAlert error={batches.error} onRetry={batches.reload} /> : null}
      {batches.data && batches.data.length === 0 && (
        <Text size="sm" c="dimmed">
          Aucun lot de courriers ces dernières 24 heures.
        </Text>
      )}
      {batches.data && batches.data.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" aria-label="Lots de courriers">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Préparé le</Table.Th>
                <Table.Th scope="col">Lot</Table.Th>
                <Table.Th scope="col">Par</Table.Th>
                <Table.Th scope="col">Effacé le</Table.Th>
                <Table.Th scope="col">Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {batches.data.map((batch) => (
                <Table.Tr key={batch.id}>
                  <Table.Td>{formatInstantShort(batch.createdAt)}</Table.Td>
                  <Table.Td>{batch.label}</Table.Td>
                  <Table.Td>{batch.createdBy}</Table.Td>
                  <Table.Td>{formatInstantShort(batch.expiresAt)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="xs"
                        onClick={() =>
                          downloadLetterBatch(
                            batch.id,
                            batchDownloadName(
                              batch.label,
                              batch.createdAt,
                              batch.parts.length ? 'zip' : 'pdf',
                            ),
                          ).catch(notifyError)
                        }
                      >
                        {batch.parts.length ? 'Télécharger le fichier .zip' : 'Télécharger'}
                      </Button>
                      {batch.parts.length > 0 && <PartsMenu batch={batch} />}
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() =>
                          callStaff('letters.deleteBatch', { id: batch.id }).then(
                            () => batches.reload(),
                            notifyError,
                          )
                        }
                      >
                        Supprimer
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </SectionCard>
  );
}

/** A batch split by division: one division's PDF downloaded alone. */
function PartsMenu({ batch }: { batch: LetterBatchSummary }) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          size="xs"
          variant="light"
          aria-label={`Télécharger une division du lot « ${batch.label} »`}
        >
          Télécharger une division…
        </Button>
      </Menu.Target>
      <Menu.Dropdown mah={320} style={{ overflowY: 'auto' }}>
        {batch.parts.map((part) => (
          <Menu.Item
            key={part.index}
            onClick={() =>
              downloadLetterBatch(
                batch.id,
                partDownloadName(batch.label, batch.createdAt, part.fileName),
                part.index,
              ).catch(notifyError)
            }
          >
            {part.label} ({formatCount(part.letters, 'courrier', 'courriers')})
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
