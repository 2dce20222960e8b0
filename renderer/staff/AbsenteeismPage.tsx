import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { AbsenteeismWatchRow } from '../../shared/api/staff';
import { isoFromSlashDate, slashDate } from '../../shared/domain/frenchDates';
import { saveCsv } from '../api/download';
import { ErrorAlert } from '../ui/ErrorAlert';
import { errorMessage, frenchSpacing } from '../ui/errors';
import { formatCount } from '../ui/format';
import { notifyError } from '../ui/notify';
import { PageLoader } from '../ui/PageLoader';
import { callStaff } from './api';
import { FrenchDateField } from './components/FrenchDateField';
import { PageHeader } from './components/PageHeader';
import { useServerToday } from './hooks/useServerToday';
import { useStaffQuery } from './hooks/useStaffQuery';
import { halfDayLabel, recentMonths } from './SchoolLifeFormat';
import { useMayCall } from './session';

/**
 * « Absentéisme » (issue 17 §3, Code de l'éducation L131-8): the pupils who missed four
 * half-days or more in a calendar month « sans motif légitime ni excuses valables », with the
 * half-days listed; the CPE records when the DSDEN was told, and exports the list.
 */
export function AbsenteeismPage() {
  const mayCall = useMayCall();
  const mayReport = mayCall('schoolLife.reportToDsden');
  // The months up to the server's (see useServerToday); none shown until it has answered.
  const { today, error: todayError } = useServerToday();
  const months = today ? recentMonths(today) : [];
  const [chosenMonth, setMonth] = useState<string | null>(null);
  const month = chosenMonth ?? months[0]?.value ?? '';
  const watch = useStaffQuery('schoolLife.watch', { month }, { enabled: month !== '' });
  const [reporting, setReporting] = useState<AbsenteeismWatchRow | null>(null);
  const [exporting, setExporting] = useState(false);
  const monthLabel = months.find((m) => m.value === month)?.label ?? month;

  function exportCsv() {
    setExporting(true);
    callStaff('schoolLife.watchCsv', { month })
      .then((text) => saveCsv(text, `absenteisme-${month}.csv`))
      .catch(notifyError)
      .finally(() => setExporting(false));
  }

  return (
    <Stack gap="md">
      <PageHeader
        title="Absentéisme"
        subtitle="Élèves absents au moins quatre demi-journées dans le mois sans motif légitime ni excuses valables (article L131-8 du Code de l’éducation)."
      />
      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }}>
        <Group align="flex-end" wrap="wrap" gap="sm">
          <Select
            label="Mois"
            data={months}
            value={month}
            onChange={(value) => value && setMonth(value)}
            allowDeselect={false}
            w={{ base: '100%', xs: 220 }}
          />
          <Button variant="default" loading={exporting} disabled={month === ''} onClick={exportCsv}>
            Exporter en CSV
          </Button>
        </Group>
      </Paper>
      {/* Without the server's today there is no month to list: said, not a loader forever. */}
      {month === '' && todayError !== null && (
        <ErrorAlert error={todayError} title="Liste indisponible" />
      )}
      {watch.error !== null && <ErrorAlert error={watch.error} title="Liste indisponible" />}
      {!watch.data && watch.error === null && todayError === null && <PageLoader />}
      {watch.data && (
        <Paper withBorder radius="md" p={{ base: 'xs', sm: 'md' }} component="section">
          <Text fw={600} mb="xs">
            {frenchSpacing(
              `${monthLabel} : ${formatCount(watch.data.length, 'élève à signaler', 'élèves à signaler')}`,
            )}
          </Text>
          {watch.data.length === 0 ? (
            <Text c="dimmed" size="sm">
              Aucun élève n’atteint quatre demi-journées sans motif légitime ce mois-ci.
            </Text>
          ) : (
            <Table verticalSpacing="xs" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Élève</Table.Th>
                  <Table.Th>Demi-journées</Table.Th>
                  <Table.Th>DSDEN</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {watch.data.map((row) => (
                  <Table.Tr key={row.studentId}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {row.studentName}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {row.divisionCode}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {formatCount(row.count, 'demi-journée', 'demi-journées')}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {row.halfDays.map(halfDayLabel).join(', ')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {row.reportedOn
                          ? `Signalé le ${slashDate(row.reportedOn)}`
                          : 'Pas encore signalé'}
                      </Text>
                      {mayReport && (
                        <Button
                          size="xs"
                          variant="light"
                          mt={4}
                          onClick={() => setReporting(row)}
                          aria-label={`Signaler ${row.studentName} à la DSDEN`}
                        >
                          {row.reportedOn ? 'Corriger la date' : 'Signaler à la DSDEN'}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      )}
      {reporting && today && (
        <DsdenReportModal
          row={reporting}
          month={month}
          today={today}
          onClose={() => setReporting(null)}
          onSaved={(rows) => {
            setReporting(null);
            watch.setData(rows);
            notifications.show({ color: 'green', message: 'Signalement enregistré.' });
          }}
        />
      )}
    </Stack>
  );
}

function DsdenReportModal({
  row,
  month,
  today,
  onClose,
  onSaved,
}: {
  row: AbsenteeismWatchRow;
  month: string;
  /** The server's today: the day the DSDEN was told, unless already recorded. */
  today: string;
  onClose: () => void;
  onSaved: (rows: AbsenteeismWatchRow[]) => void;
}) {
  const [dayText, setDayText] = useState(slashDate(row.reportedOn ?? today));
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const reportedOn = isoFromSlashDate(dayText);
    if (!reportedOn) return setProblem('Écrivez la date JJ/MM/AAAA, par exemple 07/03/2027.');
    setSaving(true);
    try {
      onSaved(
        await callStaff('schoolLife.reportToDsden', {
          month,
          studentId: row.studentId,
          reportedOn,
        }),
      );
    } catch (caught) {
      setProblem(errorMessage(caught));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      opened
      onClose={onClose}
      title={frenchSpacing(`Signaler à la DSDEN : ${row.studentName}`)}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <FrenchDateField
            label="Signalé à la DSDEN le"
            value={dayText}
            onChange={setDayText}
            data-autofocus
          />
          {problem && (
            <Text c="red" size="sm" role="alert">
              {frenchSpacing(problem)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Annuler
            </Button>
            <Button type="submit" loading={saving}>
              Enregistrer
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
