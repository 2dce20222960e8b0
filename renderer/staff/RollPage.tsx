import { useMemo, useState } from 'react';
import {
  Badge,
  Box,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { RollSheet, RollStatus, StaffInput } from '../../shared/api/staff';
import { isoFromSlashDate, slashDate } from '../../shared/domain/frenchDates';
import { addDays } from '../../shared/domain/publication/parisDays';
import { isoWeekday } from '../../shared/domain/vieScolaire/halfDays';
import {
  ROLL_HOURS,
  rollSlotLabel,
  type RollSlot,
} from '../../shared/domain/vieScolaire/rollSlots';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatCount, personName } from '../ui/format';
import { PageLoader } from '../ui/PageLoader';
import { callStaff } from './api';
import { FrenchDateField } from './components/FrenchDateField';
import { PageHeader } from './components/PageHeader';
import { useServerToday } from './hooks/useServerToday';
import { useStaffQuery } from './hooks/useStaffQuery';
import { useMayCall, useSession } from './session';

type Mark = { status: RollStatus; minutes: number | null };
type Structure = { kind: 'division' | 'group'; code: string };

// Nouns, not « Présent / Absent »: the roll does not know every pupil's sex, and « absent(e) »
// is not how a school writes.
const STATUS_CHOICES = [
  { value: 'present', label: 'Présence' },
  { value: 'absent', label: 'Absence' },
  { value: 'late', label: 'Retard' },
];

const HALF_DAYS: RollSlot[] = [
  { kind: 'halfDay', part: 'morning' },
  { kind: 'halfDay', part: 'afternoon' },
];
const slotValue = (slot: RollSlot) =>
  slot.kind === 'halfDay' ? slot.part : `${slot.from}-${slot.to}`;
const option = (slot: RollSlot) => ({ value: slotValue(slot), label: rollSlotLabel(slot) });

/**
 * A half-day or one hour of the school day, in one list the keyboard runs through; the hours
 * come from the school (the one holding its midday boundary is cut there).
 */
function useSlots() {
  const hours = useStaffQuery('roll.hours', {});
  return useMemo(() => {
    const slots: RollSlot[] = (hours.data ?? ROLL_HOURS).map((hour) => ({ kind: 'hour', ...hour }));
    return {
      choices: [
        { group: 'Demi-journée', items: HALF_DAYS.map(option) },
        { group: 'Heure de cours', items: slots.map(option) },
      ],
      byValue: new Map([...HALF_DAYS, ...slots].map((slot) => [slotValue(slot), slot])),
    };
  }, [hours.data]);
}
const SAVED_TOAST = 'roll-saved';

/** The day a roll opens on: today, or on a Sunday (no roll then) the Saturday before. */
function lastRollDay(today: string): string {
  return isoWeekday(today) === 7 ? addDays(today, -1) : today;
}

/** Stands for the input while no division or no valid day is chosen (the query is off). */
const NO_ROLL: StaffInput<'roll.open'> = {
  structure: { kind: 'division', code: '-' },
  day: '2000-01-01',
  slot: { kind: 'halfDay', part: 'morning' },
};

/** The divisions and groups one may take the roll of: a teacher's own, or all of them. */
function useStructures(): Structure[] {
  const { session } = useSession();
  const teacher = session.role === 'teacher';
  const services = useStaffQuery('services.list', {}, { enabled: teacher });
  const divisions = useStaffQuery('divisions.list', {}, { enabled: !teacher });
  const groups = useStaffQuery('groups.list', {}, { enabled: !teacher });
  return useMemo(() => {
    if (teacher) {
      const own = (services.data?.services ?? []).filter((s) => s.teacher.id === session.userId);
      const seen = new Map(own.map((s) => [`${s.structureKind}:${s.structureCode}`, s] as const));
      return [...seen.values()].map((s) => ({ kind: s.structureKind, code: s.structureCode }));
    }
    return [
      ...(divisions.data ?? []).map((d) => ({ kind: 'division' as const, code: d.code })),
      ...(groups.data ?? []).map((g) => ({ kind: 'group' as const, code: g.code })),
    ];
  }, [teacher, services.data, divisions.data, groups.data, session.userId]);
}

/**
 * « Appel » (issue 17 §2): a division's or a group's pupils for a half-day or an hour, present unless
 * marked otherwise; a pupil already covered by an absence or a sortie says so. Saving the same
 * roll again corrects it. The secrétariat sees it without changing it.
 */
export function RollPage() {
  const mayCall = useMayCall();
  const editable = mayCall('roll.save');
  const structures = useStructures();
  const slots = useSlots();
  const [chosenKey, setStructureKey] = useState<string | null>(null);
  const { today: serverToday } = useServerToday();
  // Null until the user types: the day then is the server's (see useServerToday).
  const [typedDay, setDayText] = useState<string | null>(null);
  const dayText = typedDay ?? (serverToday ? slashDate(lastRollDay(serverToday)) : '');
  const [slotKey, setSlotKey] = useState('morning');
  // A failed save stays beside the button rather than in a toast over the rows (390 px).
  const [failed, setFailed] = useState<{ sheet: RollSheet | undefined; error: unknown } | null>(
    null,
  );
  // What was changed on the sheet on screen; a sheet loaded afresh starts from its own marks.
  const [edited, setEdited] = useState<{ sheet: RollSheet | undefined; marks: Map<number, Mark> }>({
    sheet: undefined,
    marks: new Map(),
  });
  const [saving, setSaving] = useState(false);

  const first = structures[0];
  const structureKey = chosenKey ?? (first ? `${first.kind}:${first.code}` : null);
  const structure = structures.find((s) => `${s.kind}:${s.code}` === structureKey) ?? null;
  const day = isoFromSlashDate(dayText);
  const input: StaffInput<'roll.open'> | null =
    structure && day ? { structure, day, slot: slots.byValue.get(slotKey) ?? HALF_DAYS[0]! } : null;
  const sheet = useStaffQuery('roll.open', input ?? NO_ROLL, { enabled: input !== null });

  const markOf = (pupil: RollSheet['pupils'][number]): Mark =>
    (edited.sheet === sheet.data ? edited.marks.get(pupil.studentId) : undefined) ?? {
      status: pupil.status,
      minutes: pupil.minutes,
    };
  const setMark = (studentId: number, mark: Mark) =>
    setEdited((current) => ({
      sheet: sheet.data,
      marks: new Map(current.sheet === sheet.data ? current.marks : []).set(studentId, mark),
    }));
  const marks = (sheet.data?.pupils ?? []).map(
    (pupil) => [pupil.studentId, markOf(pupil)] as const,
  );

  async function save() {
    if (!input) return;
    setSaving(true);
    setFailed(null);
    try {
      const entries = marks
        .filter(([, mark]) => mark.status !== 'present')
        .map(([studentId, mark]) =>
          mark.status === 'late'
            ? { studentId, status: 'late' as const, minutes: mark.minutes ?? 0 }
            : { studentId, status: 'absent' as const },
        );
      const saved: RollSheet = await callStaff('roll.save', { ...input, entries });
      sheet.setData(saved);
      // Saved again: the one toast says so again rather than a second one piling up.
      notifications.hide(SAVED_TOAST);
      notifications.show({ id: SAVED_TOAST, color: 'green', message: 'Appel enregistré.' });
    } catch (caught) {
      setFailed({ sheet: sheet.data, error: caught });
    } finally {
      setSaving(false);
    }
  }

  const absent = marks.filter(([, m]) => m.status === 'absent').length;
  const late = marks.filter(([, m]) => m.status === 'late').length;
  return (
    <Stack gap="md">
      <PageHeader
        title="Appel"
        subtitle="Tous les élèves sont présents tant que vous n’en marquez pas un autrement."
      />
      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }}>
        <Group align="flex-end" wrap="wrap" gap="sm">
          <Select
            label="Division ou groupe"
            data={structures.map((s) => ({
              value: `${s.kind}:${s.code}`,
              label: s.kind === 'group' ? `Groupe ${s.code}` : s.code,
            }))}
            value={structureKey}
            onChange={setStructureKey}
            allowDeselect={false}
            w={{ base: '100%', xs: 200 }}
          />
          <FrenchDateField label="Jour" value={dayText} onChange={setDayText} w={150} />
          <Select
            label="Créneau"
            data={slots.choices}
            value={slotKey}
            onChange={(value) => value && setSlotKey(value)}
            allowDeselect={false}
            maxDropdownHeight={320}
            w={{ base: '100%', xs: 170 }}
          />
        </Group>
      </Paper>
      {sheet.error !== null && <ErrorAlert error={sheet.error} title="Appel indisponible" />}
      {input !== null && !sheet.data && sheet.error === null && <PageLoader />}
      {sheet.data && (
        <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section">
          <Group justify="space-between" mb="xs" wrap="wrap">
            <Text fw={600}>
              {sheet.data.title} · {input && rollSlotLabel(input.slot)} ·{' '}
              {formatCount(sheet.data.pupils.length, 'élève', 'élèves')} ·{' '}
              {formatCount(absent, 'absence', 'absences')} ·{' '}
              {formatCount(late, 'retard', 'retards')}
            </Text>
            {sheet.data.saved && (
              <Badge variant="light" color="green" tt="none">
                Appel déjà fait : enregistrer le corrige
              </Badge>
            )}
          </Group>
          <Table.ScrollContainer minWidth={300}>
            <Table verticalSpacing="xs" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Élève</Table.Th>
                  <Table.Th>Présence</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sheet.data.pupils.map((pupil) => {
                  const mark = markOf(pupil);
                  const name = personName(pupil.lastName, pupil.firstName);
                  return (
                    <Table.Tr key={pupil.studentId}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {name}
                        </Text>
                        <Group gap={6}>
                          {sheet.data?.title.startsWith('Groupe') && (
                            <Text size="xs" c="dimmed">
                              {pupil.divisionCode}
                            </Text>
                          )}
                          {pupil.coveredBy && (
                            <Badge size="sm" variant="light" color="orange" tt="none">
                              {pupil.coveredBy.label}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="wrap">
                          <SegmentedControl
                            size="xs"
                            aria-label={`Appel de ${name}`}
                            data={STATUS_CHOICES}
                            value={mark.status}
                            disabled={!editable}
                            onChange={(value) =>
                              setMark(pupil.studentId, {
                                status: value as RollStatus,
                                minutes: value === 'late' ? (mark.minutes ?? 5) : null,
                              })
                            }
                          />
                          {mark.status === 'late' && (
                            <NumberInput
                              size="xs"
                              w={110}
                              aria-label={`Minutes de retard de ${name}`}
                              suffix=" min"
                              min={1}
                              max={240}
                              value={mark.minutes ?? 5}
                              disabled={!editable}
                              onChange={(value) =>
                                setMark(pupil.studentId, {
                                  status: 'late',
                                  minutes: typeof value === 'number' ? value : null,
                                })
                              }
                            />
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {failed !== null && failed.sheet === sheet.data && (
            <Box mt="md">
              <ErrorAlert error={failed.error} title="Appel non enregistré" />
            </Box>
          )}
          {editable && (
            <Group justify="flex-end" mt="md">
              <Button onClick={() => void save()} loading={saving}>
                Enregistrer l’appel
              </Button>
            </Group>
          )}
        </Paper>
      )}
    </Stack>
  );
}
