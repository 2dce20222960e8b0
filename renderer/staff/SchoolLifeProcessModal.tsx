import { useState, type FormEvent } from 'react';
import { Button, Checkbox, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import {
  FAMILY_NOTICE_MEANS,
  type FamilyNoticeMeans,
  type Motif,
  type SchoolLifeEvent,
} from '../../shared/api/staff';
import { isoFromSlashDate, slashDate } from '../../shared/domain/frenchDates';
import { parisDay } from '../../shared/domain/publication/parisDays';
import {
  FAMILY_NOTICE_IN_FUTURE,
  familyNoticeInFuture,
} from '../../shared/domain/vieScolaire/familyNotice';
import { parisInstantAt } from '../../shared/domain/vieScolaire/rollSlots';
import { errorMessage, frenchSpacing } from '../ui/errors';
import { formatCount } from '../ui/format';
import { callStaff } from './api';
import { FrenchDateField } from './components/FrenchDateField';
import { useServerToday } from './hooks/useServerToday';
import {
  eventLabel,
  NOTICE_MEANS_LABELS,
  parisTime,
  sanctionErasureLabel,
  spanWords,
} from './SchoolLifeFormat';

const NOT_YET = 'non';
/** Several events told differently: each keeps how its family was told (a notice sent). */
const KEEP = 'inchangé';

/**
 * Processing one event, or several at once with the same answers (a week of absences of one
 * pupil with one certificate, a morning's retards). Each event is saved with the version read:
 * one changed meanwhile by another CPE is refused alone, the others are saved.
 */
export function SchoolLifeProcessModal({
  events,
  motifs,
  onClose,
  onProcessed,
}: {
  events: SchoolLifeEvent[];
  motifs: Motif[];
  onClose: () => void;
  onProcessed: (ids: number[], failures: string[]) => void;
}) {
  const first = events[0];
  const [motifId, setMotifId] = useState<string | null>(
    first?.motif ? String(first.motif.id) : null,
  );
  const [justified, setJustified] = useState(first?.justified ?? false);
  const [publishable, setPublishable] = useState(first?.publishableOnline ?? false);
  const toldAlike = events.every(
    (e) =>
      e.familyNotifiedBy === first?.familyNotifiedBy &&
      e.familyNotifiedAt === first?.familyNotifiedAt,
  );
  const [means, setMeans] = useState<string>(
    toldAlike ? (first?.familyNotifiedBy ?? NOT_YET) : KEEP,
  );
  // The day told defaults to the server's today (see useServerToday), not the computer's: a
  // clock weeks ahead offered a day to come, and let one through as « not in the future ».
  const { today } = useServerToday();
  const told = first?.familyNotifiedAt ?? null;
  const [typedDay, setDayText] = useState<string | null>(null);
  const dayText = typedDay ?? (told ? slashDate(parisDay(told)) : today ? slashDate(today) : '');
  const [timeText, setTimeText] = useState(parisTime(told ?? new Date().toISOString()));
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const usable = motifs.filter((m) => m.active || String(m.id) === motifId);
  const title =
    events.length === 1 && first
      ? `Traiter : ${first.studentName}`
      : `Traiter ${formatCount(events.length, 'évènement', 'évènements')}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    let familyNotifiedAt: string | null = null;
    if (means !== NOT_YET && means !== KEEP) {
      const day = isoFromSlashDate(dayText);
      if (!day) return setProblem('Famille avisée le : écrivez la date JJ/MM/AAAA.');
      if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(timeText.trim()))
        return setProblem('Famille avisée à : écrivez l’heure HH:MM, par exemple 09:30.');
      familyNotifiedAt = parisInstantAt(day, timeText.trim()).toISOString();
      // Now is the server's today at this computer's time of day: a clock days off neither
      // lets a day to come through nor refuses today (the server checks again with its own).
      const now = new Date();
      const serverNow = today ? parisInstantAt(today, parisTime(now.toISOString())) : now;
      if (familyNoticeInFuture(familyNotifiedAt, serverNow))
        return setProblem(FAMILY_NOTICE_IN_FUTURE);
    }
    if (justified && motifId === null)
      return setProblem('Justifiée : choisissez d’abord le motif donné par la famille.');
    setSaving(true);
    const done: number[] = [];
    const failures: string[] = [];
    for (const e of events) {
      try {
        await callStaff('schoolLife.process', {
          id: e.id,
          version: e.version,
          motifId: motifId === null ? null : Number(motifId),
          justified,
          publishableOnline: publishable,
          ...(means === KEEP
            ? { familyNotifiedAt: e.familyNotifiedAt, familyNotifiedBy: e.familyNotifiedBy }
            : {
                familyNotifiedAt,
                familyNotifiedBy: means === NOT_YET ? null : (means as FamilyNoticeMeans),
              }),
        });
        done.push(e.id);
      } catch (caught) {
        failures.push(`${e.studentName} : ${errorMessage(caught)}`);
      }
    }
    setSaving(false);
    onProcessed(done, failures);
  }

  return (
    <Modal opened onClose={onClose} title={frenchSpacing(title)} size="lg">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {events.length === 1 && first
              ? [
                  `${eventLabel(first)}, ${spanWords(first.startsAt, first.endsAt)}`,
                  sanctionErasureLabel(first)?.toLowerCase(),
                ]
                  .filter(Boolean)
                  .join('\u00a0; ')
              : 'Les mêmes réponses pour chacun ; un évènement changé entre-temps par quelqu’un d’autre est refusé seul.'}
          </Text>
          <Select
            label="Motif"
            placeholder="Aucun motif"
            data={usable.map((m) => ({
              value: String(m.id),
              label: m.legitimate ? `${m.label} (légitime)` : m.label,
            }))}
            value={motifId}
            onChange={setMotifId}
            searchable
            clearable
            data-autofocus
            // Focused on opening: its list would cover the form until one types.
            openOnFocus={false}
            nothingFoundMessage="Aucun motif de ce nom"
          />
          <Checkbox
            label="Justifiée"
            checked={justified}
            onChange={(e) => setJustified(e.currentTarget.checked)}
          />
          <Checkbox
            label="Publiable en ligne"
            description="Les familles le voient sur le portail à partir du lendemain."
            checked={publishable}
            onChange={(e) => setPublishable(e.currentTarget.checked)}
          />
          <Select
            label="Famille avisée"
            data={[
              ...(toldAlike ? [] : [{ value: KEEP, label: 'Comme déjà noté pour chacun' }]),
              { value: NOT_YET, label: 'Pas encore' },
              ...FAMILY_NOTICE_MEANS.map((m) => ({ value: m, label: NOTICE_MEANS_LABELS[m] })),
            ]}
            value={means}
            onChange={(value) => setMeans(value ?? NOT_YET)}
            allowDeselect={false}
          />
          {means !== NOT_YET && means !== KEEP && (
            <Group gap="sm" align="flex-start" wrap="wrap">
              <FrenchDateField label="Avisée le" value={dayText} onChange={setDayText} w={150} />
              <TextInput
                label="À"
                description="HH:MM"
                value={timeText}
                onChange={(e) => setTimeText(e.currentTarget.value)}
                w={100}
              />
            </Group>
          )}
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
              Enregistrer le traitement
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
