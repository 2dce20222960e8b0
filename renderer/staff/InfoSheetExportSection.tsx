import { useEffect, useState } from 'react';
import { Alert, Box, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { InfoSheetExportView } from '../../shared/api/staff';
import { downloadInfoSheetExport } from '../api/download';
import { errorMessage } from '../ui/errors';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatCount, formatInstantShort, formatNumber } from '../ui/format';
import { PageLoader } from '../ui/PageLoader';
import { callStaff } from './api';
import { SectionCard } from './components/SectionCard';
import { useStaffQuery } from './hooks/useStaffQuery';

async function download(file: InfoSheetExportView) {
  try {
    await downloadInfoSheetExport(file.id, file.fileName);
  } catch (error) {
    notifications.show({
      color: 'red',
      title: 'Téléchargement impossible',
      message: errorMessage(error),
    });
  }
}

function DownloadButton({ file }: { file: InfoSheetExportView }) {
  return (
    <Button
      size="xs"
      variant="default"
      mt={4}
      onClick={() => void download(file)}
      aria-label={`Télécharger ${file.fileName}`}
    >
      Télécharger le .zip
    </Button>
  );
}

/**
 * « Export vers SIECLE » (issue 18 §3): the accepted changes since the last export leave as
 * BEE's « import privé » zip, built and checked against the XSD before anything is recorded;
 * a refusal names the pupil and the field. Past exports can be downloaded again.
 */
export function InfoSheetExportSection({ refreshKey }: { refreshKey: number }) {
  const waiting = useStaffQuery('infoSheets.exportWaiting', {});
  const exports = useStaffQuery('infoSheets.exports', {});
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<unknown>(null);
  const reloadWaiting = waiting.reload;
  useEffect(() => {
    if (refreshKey > 0) reloadWaiting();
  }, [refreshKey, reloadWaiting]);

  async function prepare() {
    setBusy(true);
    setRefusal(null);
    try {
      const made = await callStaff('infoSheets.export', {});
      notifications.show({
        color: 'green',
        // Message only: under a title Mantine dims it below WCAG AA contrast.
        message: `Export n° ${made.number} prêt : ${made.fileName}, ${formatCount(made.changeCount, 'changement', 'changements')}. Téléchargez-le, puis déposez-le dans BEE, menu « Importations › Dossiers depuis logiciel privé ».`,
      });
    } catch (error) {
      setRefusal(error);
    } finally {
      setBusy(false);
      waiting.reload();
      exports.reload();
    }
  }

  const count = waiting.data?.changeCount ?? 0;
  return (
    <SectionCard title="Export vers SIECLE">
      <Stack gap="sm">
        {waiting.error !== null && <ErrorAlert error={waiting.error} onRetry={waiting.reload} />}
        {waiting.data && (
          <Text size="sm" aria-live="polite">
            {count === 0
              ? 'Aucun changement accepté n’attend d’être envoyé à SIECLE.'
              : `${formatCount(count, 'changement accepté attend', 'changements acceptés attendent')} d’être envoyé${count > 1 ? 's' : ''} à SIECLE (${formatCount(waiting.data.studentCount, 'élève', 'élèves')}).`}
          </Text>
        )}
        <Group>
          <Button disabled={count === 0} loading={busy} onClick={() => void prepare()}>
            Préparer l’export
          </Button>
        </Group>
        {refusal !== null && (
          <Alert color="red" variant="light" title="Rien n’a été enregistré" role="alert">
            <Text size="sm">{errorMessage(refusal)}</Text>
          </Alert>
        )}
        <Text fw={600} size="sm" mt="xs">
          Exports déjà faits
        </Text>
        {exports.error !== null && <ErrorAlert error={exports.error} onRetry={exports.reload} />}
        {!exports.data && exports.error === null && <PageLoader />}
        {exports.data &&
          (exports.data.length === 0 ? (
            <Text size="sm" c="dimmed">
              Aucun export pour l’instant.
            </Text>
          ) : (
            <>
              <Box visibleFrom="sm">
                <Table.ScrollContainer minWidth={560}>
                  <Table verticalSpacing="xs" aria-label="Exports vers SIECLE">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">N° d’envoi</Table.Th>
                        <Table.Th scope="col">Le</Table.Th>
                        <Table.Th scope="col">Par</Table.Th>
                        <Table.Th scope="col">Changements</Table.Th>
                        <Table.Th scope="col">Fichier</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {exports.data.map((file) => (
                        <Table.Tr key={file.id}>
                          <Table.Td>{file.number}</Table.Td>
                          <Table.Td>{formatInstantShort(file.createdAt)}</Table.Td>
                          <Table.Td>{file.createdBy || '—'}</Table.Td>
                          <Table.Td>{formatNumber(file.changeCount)}</Table.Td>
                          <Table.Td>
                            <DownloadButton file={file} />
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </Box>
              {/* At phone width, one block per export instead of a table to scroll sideways. */}
              <Stack
                gap="xs"
                hiddenFrom="sm"
                component="ul"
                style={{ listStyle: 'none', padding: 0, margin: 0 }}
              >
                {exports.data.map((file) => (
                  <Paper key={file.id} component="li" withBorder radius="sm" p="sm">
                    <Text size="sm" fw={600}>
                      Envoi n° {file.number}, le {formatInstantShort(file.createdAt)}
                    </Text>
                    <Text size="sm">
                      {formatCount(file.changeCount, 'changement', 'changements')}
                      {file.createdBy ? `, par ${file.createdBy}` : ''}
                    </Text>
                    <DownloadButton file={file} />
                  </Paper>
                ))}
              </Stack>
            </>
          ))}
      </Stack>
    </SectionCard>
  );
}
