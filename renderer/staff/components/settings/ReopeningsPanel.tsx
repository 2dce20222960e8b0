import { useState } from 'react';
import { Button, Fieldset, Group, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { PeriodsOverview } from '../../../../shared/api/staff';
import { ApiFailure } from '../../../../shared/api/result';
import { isoFromSlashDate, slashDate } from '../../../../shared/domain/frenchDates';
import { EVERY_LEVEL } from '../../../../shared/domain/periods';
import { errorMessage, frenchSpacing } from '../../../ui/errors';
import { notifyError } from '../../../ui/notify';
import { callStaff } from '../../api';
import { FrenchDateField } from '../FrenchDateField';

interface Props {
  overview: PeriodsOverview;
  readOnly: boolean;
  onChange: (overview: PeriodsOverview) => void;
}

const periodName = (p: { code: string; level: string }) =>
  `${p.code} — ${p.level === EVERY_LEVEL ? 'tous niveaux' : p.level}`;

/**
 * « Réouvertures de la saisie »: after a period's closing day, direction lets one teacher
 * enter marks again up to a day; withdrawn at any time. Both go to the journal.
 */
export function ReopeningsPanel({ overview, readOnly, onChange }: Props) {
  const closable = overview.periods.filter((p) => p.closesOn !== null);
  const [periodId, setPeriodId] = useState<string | null>(null);
  const [teacherId, setTeacherId] = useState<string | null>(null);
  const [until, setUntil] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const byId = new Map(overview.periods.map((p) => [p.id, p]));

  const reopen = async () => {
    const untilOn = isoFromSlashDate(until);
    const missing = {
      ...(periodId ? {} : { periodId: 'Choisissez la période.' }),
      ...(teacherId ? {} : { teacherId: 'Choisissez le professeur.' }),
      ...(untilOn ? {} : { untilOn: 'Écrivez la date JJ/MM/AAAA, par exemple 15/12/2026.' }),
    };
    setErrors(missing);
    if (!periodId || !teacherId || !untilOn) return;
    setBusy(true);
    try {
      onChange(
        await callStaff('periods.reopen', {
          periodId: Number(periodId),
          teacherId: Number(teacherId),
          untilOn,
        }),
      );
      setUntil('');
      notifications.show({ color: 'green', message: 'Saisie rouverte' });
    } catch (error) {
      setErrors(
        error instanceof ApiFailure && error.fields
          ? error.fields
          : { untilOn: errorMessage(error) },
      );
    } finally {
      setBusy(false);
    }
  };

  const withdraw = async (id: number) => {
    try {
      onChange(await callStaff('periods.withdrawReopening', { id }));
      notifications.show({ color: 'green', message: 'Réouverture retirée' });
    } catch (error) {
      notifyError(error);
    }
  };

  return (
    <Fieldset legend="Réouvertures de la saisie">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {frenchSpacing(
            'À partir du jour de fermeture, les notes d’une période sont verrouillées pour les professeurs. La direction peut rouvrir la saisie pour un professeur, jusqu’à une date incluse.',
          )}
        </Text>
        {overview.reopenings.length === 0 ? (
          <Text size="sm">Aucune réouverture en cours.</Text>
        ) : (
          <Table.ScrollContainer minWidth={420}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Professeur</Table.Th>
                  <Table.Th>Période</Table.Th>
                  <Table.Th>Jusqu’au (inclus)</Table.Th>
                  {!readOnly && <Table.Th aria-label="Actions" />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {overview.reopenings.map((r) => {
                  const period = byId.get(r.periodId);
                  return (
                    <Table.Tr key={r.id}>
                      <Table.Td>{r.teacherName}</Table.Td>
                      <Table.Td>{period ? periodName(period) : ''}</Table.Td>
                      <Table.Td>{slashDate(r.untilOn)}</Table.Td>
                      {!readOnly && (
                        <Table.Td>
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            onClick={() => void withdraw(r.id)}
                            aria-label={`Retirer la réouverture de ${r.teacherName}`}
                          >
                            Retirer
                          </Button>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {!readOnly && (
          <form
            aria-label="Rouvrir la saisie pour un professeur"
            onSubmit={(event) => {
              event.preventDefault();
              void reopen();
            }}
          >
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Select
                label="Période"
                placeholder={closable.length === 0 ? 'Aucune période fermée' : 'Choisir'}
                data={closable.map((p) => ({
                  value: String(p.id),
                  label: `${periodName(p)} (fermeture le ${slashDate(p.closesOn!)})`,
                }))}
                value={periodId}
                onChange={setPeriodId}
                error={errors.periodId}
              />
              <Select
                label="Professeur"
                placeholder={overview.teachers.length === 0 ? 'Aucun professeur' : 'Choisir'}
                searchable
                data={overview.teachers.map((t) => ({ value: String(t.id), label: t.displayName }))}
                value={teacherId}
                onChange={setTeacherId}
                error={errors.teacherId}
              />
              <FrenchDateField
                label="Rouverte jusqu’au (inclus)"
                value={until}
                onChange={setUntil}
                error={errors.untilOn && frenchSpacing(errors.untilOn)}
              />
            </SimpleGrid>
            <Group justify="flex-end" mt="sm">
              <Button type="submit" variant="light" loading={busy}>
                Rouvrir la saisie
              </Button>
            </Group>
          </form>
        )}
      </Stack>
    </Fieldset>
  );
}
