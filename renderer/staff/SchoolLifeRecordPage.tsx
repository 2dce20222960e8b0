import { useState, type FormEvent } from 'react';
import {
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ApiFailure } from '../../shared/api/result';
import type { StaffInput } from '../../shared/api/staff';
import { isoFromSlashDate, slashDate } from '../../shared/domain/frenchDates';
import {
  SCHOOL_LIFE_EVENT_KIND_KEYS,
  SCHOOL_LIFE_EVENT_KINDS,
  type SchoolLifeEventKind,
} from '../../shared/domain/vieScolaire/eventKinds';
import { parisInstantAt } from '../../shared/domain/vieScolaire/rollSlots';
import {
  SANCTION_KINDS,
  SANCTIONS,
  suspensionRevocableBounds,
  type SanctionKind,
} from '../../shared/domain/vieScolaire/sanctions';
import { errorMessage, frenchSpacing } from '../ui/errors';
import { personName } from '../ui/format';
import { callStaff } from './api';
import { FrenchDateField } from './components/FrenchDateField';
import { PageHeader } from './components/PageHeader';
import { useServerToday } from './hooks/useServerToday';
import { useStaffQuery } from './hooks/useStaffQuery';
import { spanWords } from './SchoolLifeFormat';

type Errors = Partial<Record<string, string>>;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A kind with a start and an end; a retard, a punition or a sanction is one moment. */
const SPANS: ReadonlySet<SchoolLifeEventKind> = new Set([
  'absence',
  'exemption',
  'internship',
  'outing',
]);

/**
 * « Saisir un évènement » (issue 17 §2): one pupil, one event over as many days as it lasts
 * (an absence from Monday to Wednesday, a stage of two weeks), or one moment (a retard, a
 * sanction). The server checks everything again and says what is wrong field by field.
 */
export function SchoolLifeRecordPage() {
  const { today: serverToday } = useServerToday();
  const today = serverToday ? slashDate(serverToday) : '';
  const [query, setQuery] = useState('');
  const [studentId, setStudentId] = useState<string | null>(null);
  const [kind, setKind] = useState<SchoolLifeEventKind>('absence');
  // Null until the user types: the server's today (see useServerToday) until then.
  const [typedFromDay, setFromDay] = useState<string | null>(null);
  const fromDay = typedFromDay ?? today;
  const [fromTime, setFromTime] = useState('08:00');
  const [typedToDay, setToDay] = useState<string | null>(null);
  const toDay = typedToDay ?? today;
  const [toTime, setToTime] = useState('17:00');
  const [minutes, setMinutes] = useState<number | string>(5);
  const [sanction, setSanction] = useState<SanctionKind | null>(null);
  const [suspended, setSuspended] = useState(false);
  const [suspendedUntil, setSuspendedUntil] = useState('');
  const [motifId, setMotifId] = useState<string | null>(null);
  const [justified, setJustified] = useState(false);
  const [publishable, setPublishable] = useState(false);
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);

  const found = useStaffQuery(
    'students.search',
    { query: query.trim(), limit: 20 },
    { enabled: query.trim().length >= 2 },
  );
  const motifs = useStaffQuery('motifs.list', {});
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const options = [
    ...(picked ? [picked] : []),
    ...(found.data?.items ?? [])
      .filter((s) => String(s.id) !== picked?.value)
      .map((s) => ({
        value: String(s.id),
        label: `${personName(s.lastName, s.firstName)}${s.divisionCode ? ` (${s.divisionCode})` : ''}`,
      })),
  ];
  const spans = SPANS.has(kind);
  // Motives excuse an absence or a retard; « publiable en ligne » is the flag that publishes
  // absences, retards, punitions and mesures (a sanction waits for « famille avisée »).
  const excusable = kind === 'absence' || kind === 'lateness';
  const publishes = SCHOOL_LIFE_EVENT_KINDS[kind].gate === 'publishableOnline';
  const suspensionAllowed = sanction !== null && SANCTIONS[sanction].suspensionAllowed;
  const sursis = kind === 'sanction' && suspensionAllowed && suspended;
  // R511-13-1's bounds for the day typed, to say them before the server refuses.
  const pronouncedOn = isoFromSlashDate(fromDay);
  const revocable =
    sanction !== null && pronouncedOn ? suspensionRevocableBounds(sanction, pronouncedOn) : null;

  function instantOf(dayText: string, time: string, field: string, local: Errors) {
    const day = isoFromSlashDate(dayText);
    if (!day) local[field] = 'Écrivez la date JJ/MM/AAAA, par exemple 07/03/2027.';
    else if (!TIME.test(time.trim())) local[field] = 'Écrivez l’heure HH:MM, par exemple 08:30.';
    return day && TIME.test(time.trim()) ? parisInstantAt(day, time.trim()).toISOString() : null;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const local: Errors = {};
    if (studentId === null) local.studentId = 'Choisissez l’élève.';
    const startsAt = instantOf(fromDay, fromTime, 'startsAt', local);
    const endsAt = spans ? instantOf(toDay, toTime, 'endsAt', local) : startsAt;
    if (kind === 'sanction' && sanction === null)
      local.sanctionKind = 'Choisissez la sanction (R511-13).';
    if (kind === 'lateness' && typeof minutes !== 'number')
      local.minutes = 'Retard : combien de minutes ?';
    const until = sursis ? isoFromSlashDate(suspendedUntil) : null;
    if (sursis && !until)
      local.suspendedUntil = 'Sursis révocable jusqu’au : écrivez la date JJ/MM/AAAA.';
    setErrors(local);
    if (Object.keys(local).length > 0 || !startsAt || !endsAt || studentId === null) return;
    const input: StaffInput<'schoolLife.record'> = {
      studentId: Number(studentId),
      kind,
      startsAt,
      endsAt,
      minutes: kind === 'lateness' && typeof minutes === 'number' ? minutes : null,
      motifId: excusable && motifId !== null ? Number(motifId) : null,
      justified: excusable && justified,
      publishableOnline: publishes && publishable,
      sanctionKind: kind === 'sanction' ? sanction : null,
      suspended: sursis,
      suspendedUntil: until,
      comment,
    };
    setSaving(true);
    try {
      const saved = await callStaff('schoolLife.record', input);
      notifications.show({
        color: 'green',
        message: frenchSpacing(
          `Évènement enregistré pour ${saved.studentName} : ${saved.kindLabel.toLowerCase()}, ${spanWords(saved.startsAt, saved.endsAt)}.`,
        ),
      });
      setComment('');
    } catch (caught) {
      if (caught instanceof ApiFailure && caught.fields) setErrors(caught.fields);
      else setErrors({ form: errorMessage(caught) });
    } finally {
      setSaving(false);
    }
  }

  const err = (field: string) => (errors[field] ? frenchSpacing(errors[field]) : undefined);
  return (
    <Stack gap="md">
      <PageHeader
        title="Saisir un évènement"
        subtitle={frenchSpacing(
          'Pour un élève, sur un ou plusieurs jours : absence, retard, punition, sanction…',
        )}
      />
      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} maw={760}>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack gap="sm">
            <Select
              label="Élève"
              placeholder="Tapez deux lettres du nom"
              searchable
              data={options}
              value={studentId}
              searchValue={query}
              onSearchChange={setQuery}
              onChange={(value) => {
                setErrors(({ studentId: _chosen, ...rest }) => rest);
                setStudentId(value);
                setPicked(options.find((o) => o.value === value) ?? null);
              }}
              filter={({ options: all }) => all}
              nothingFoundMessage={query.trim().length < 2 ? 'Tapez deux lettres' : 'Aucun élève'}
              error={err('studentId')}
              required
            />
            <Select
              label="Type"
              data={SCHOOL_LIFE_EVENT_KIND_KEYS.map((k) => ({
                value: k,
                label: SCHOOL_LIFE_EVENT_KINDS[k].label,
              }))}
              value={kind}
              onChange={(value) => value && setKind(value as SchoolLifeEventKind)}
              allowDeselect={false}
              error={err('kind')}
            />
            <Group gap="sm" align="flex-start" wrap="wrap">
              <FrenchDateField
                label={spans ? 'Du' : 'Le'}
                value={fromDay}
                onChange={setFromDay}
                w={150}
                error={err('startsAt')}
              />
              <TextInput
                label="À"
                description="HH:MM"
                value={fromTime}
                onChange={(e) => setFromTime(e.currentTarget.value)}
                w={100}
              />
              {spans && (
                <>
                  <FrenchDateField
                    label="Au"
                    value={toDay}
                    onChange={setToDay}
                    w={150}
                    error={err('endsAt')}
                  />
                  <TextInput
                    label="À"
                    description="HH:MM"
                    aria-label="Fin à"
                    value={toTime}
                    onChange={(e) => setToTime(e.currentTarget.value)}
                    w={100}
                  />
                </>
              )}
            </Group>
            {kind === 'lateness' && (
              <NumberInput
                label="Minutes de retard"
                min={1}
                max={240}
                value={minutes}
                onChange={setMinutes}
                w={160}
                error={err('minutes')}
              />
            )}
            {kind === 'sanction' && (
              <>
                <Select
                  label="Sanction (article R511-13)"
                  data={SANCTION_KINDS.map((k) => ({ value: k, label: SANCTIONS[k].label }))}
                  value={sanction}
                  onChange={(value) => setSanction(value as SanctionKind | null)}
                  error={err('sanctionKind')}
                />
                <Checkbox
                  label="Avec sursis"
                  description="Pour la mesure de responsabilisation et les exclusions seulement."
                  checked={suspensionAllowed && suspended}
                  disabled={!suspensionAllowed}
                  onChange={(e) => setSuspended(e.currentTarget.checked)}
                  error={err('suspended')}
                />
                {sursis && (
                  <FrenchDateField
                    label="Sursis révocable jusqu’au"
                    description={
                      revocable
                        ? `Article R511-13-1 : du ${slashDate(revocable.earliest)} au ${slashDate(revocable.latest)}.`
                        : 'Article R511-13-1.'
                    }
                    value={suspendedUntil}
                    onChange={setSuspendedUntil}
                    w={260}
                    error={err('suspendedUntil')}
                  />
                )}
              </>
            )}
            {excusable && (
              <Select
                label="Motif"
                placeholder="Aucun motif pour l’instant"
                data={(motifs.data ?? [])
                  .filter((m) => m.active)
                  .map((m) => ({ value: String(m.id), label: m.label }))}
                value={motifId}
                onChange={setMotifId}
                searchable
                clearable
                error={err('motifId')}
              />
            )}
            <Group gap="lg">
              {excusable && (
                <Checkbox
                  label="Justifiée"
                  checked={justified}
                  onChange={(e) => setJustified(e.currentTarget.checked)}
                />
              )}
              {publishes && (
                <Checkbox
                  label="Publiable en ligne"
                  checked={publishable}
                  onChange={(e) => setPublishable(e.currentTarget.checked)}
                />
              )}
            </Group>
            <Textarea
              label="Commentaire"
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              autosize
              minRows={2}
              maxLength={2000}
              error={err('comment')}
            />
            {errors.form && (
              <Text c="red" size="sm" role="alert">
                {frenchSpacing(errors.form)}
              </Text>
            )}
            <Group justify="flex-end">
              <Button type="submit" loading={saving}>
                Enregistrer l’évènement
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
