import { useEffect, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Fieldset,
  Group,
  Radio,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { PeriodLevelKey, PeriodsOverview } from '../../../../shared/api/staff';
import { ApiFailure } from '../../../../shared/api/result';
import {
  PERIOD_KINDS,
  defaultPeriods,
  markEntryStatus,
  markEntryStatusText,
  periodKindOf,
  periodLabel,
  type GradingPeriod,
  type PeriodKind,
} from '../../../../shared/domain/periods';
import { errorMessage, frenchSpacing } from '../../../ui/errors';
import { callStaff } from '../../api';
import { FrenchDateField } from '../FrenchDateField';
import { PERIOD_FIELDS, datesOf, rowsOf, type PeriodRowText } from './periodForm';

const FIELD_LABELS: Record<(typeof PERIOD_FIELDS)[number], string> = {
  startsOn: 'Début',
  endsOn: 'Fin',
  closesOn: 'Fermeture de la saisie',
  publishesOn: 'Publication des notes',
};

const FIELD_HINTS: Record<(typeof PERIOD_FIELDS)[number], string> = {
  startsOn: 'JJ/MM/AAAA',
  endsOn: 'JJ/MM/AAAA, incluse',
  closesOn: 'JJ/MM/AAAA ; vide : jamais',
  publishesOn: 'JJ/MM/AAAA ; vide : lendemain de la fin',
};

interface Props {
  overview: PeriodsOverview;
  year: NonNullable<PeriodsOverview['year']>;
  level: PeriodLevelKey;
  /** The level's own periods (or the school's, as the starting point of its own). */
  periods: GradingPeriod[];
  readOnly: boolean;
  /** « À date »: each period's publication day is asked for. */
  scheduled: boolean;
  onSaved: (overview: PeriodsOverview) => void;
  onCancel?: () => void;
  /** Unsaved edits, for the page's one « leave without saving? » guard. */
  onDirty: (dirty: boolean) => void;
}

/** One level's trimestres or semestres, typed JJ/MM/AAAA, checked by the server field by field. */
export function LevelPeriodsEditor(props: Props) {
  const { overview, year, level, periods, readOnly, scheduled, onSaved, onDirty } = props;
  const startKind: PeriodKind =
    periods.length > 0 ? periodKindOf(periods.map((p) => p.code)) : 'trimestres';
  const startRows = rowsOf(periods.length > 0 ? periods : defaultPeriods(startKind, year));
  const [kind, setKind] = useState<PeriodKind>(startKind);
  const [rows, setRows] = useState<PeriodRowText[]>(startRows);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const dirty = kind !== startKind || JSON.stringify(rows) !== JSON.stringify(startRows);
  useEffect(() => {
    onDirty(dirty);
    return () => onDirty(false);
  }, [dirty, onDirty]);
  const unsaved = periods.length === 0 || periods.some((p) => p.level !== level);

  const changeKind = (next: PeriodKind) => {
    setKind(next);
    setRows(rowsOf(defaultPeriods(next, year)));
    setFieldErrors({});
  };
  const setField = (index: number, field: keyof PeriodRowText, text: string) => {
    setRows((current) => current.map((row, i) => (i === index ? { ...row, [field]: text } : row)));
    setFieldErrors(({ [`periods.${index}.${field}`]: _gone, ...rest }) => rest);
  };

  const save = async () => {
    setFailure(null);
    const dates = datesOf(rows);
    if (!dates) {
      setFailure('Une date n’est pas au format JJ/MM/AAAA : corrigez le champ signalé.');
      return;
    }
    setSaving(true);
    try {
      const saved = await callStaff('periods.update', { level, kind, periods: dates });
      setFieldErrors({});
      notifications.show({ color: 'green', message: 'Périodes enregistrées' });
      onSaved(saved);
    } catch (error) {
      setFieldErrors(error instanceof ApiFailure && error.fields ? error.fields : {});
      setFailure(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  const status = (index: number) => {
    const period = periods.find((p) => p.code === PERIOD_KINDS[kind].codes[index]);
    if (!period || period.level !== level) return null;
    const entry = markEntryStatus({
      period,
      teacherId: 0,
      reopenings: [],
      // Noon UTC falls on the same day in Paris: the server's « today » as an instant.
      now: new Date(`${overview.today}T12:00:00Z`),
    });
    return (
      <Badge variant="light" tt="none" color={entry.state === 'closed' ? 'gray' : 'green'}>
        {markEntryStatusText(entry)}
      </Badge>
    );
  };

  const fields = PERIOD_FIELDS.filter((f) => scheduled || f !== 'publishesOn');
  return (
    <Stack gap="sm">
      {unsaved && !readOnly && (
        <Alert color="yellow" variant="light">
          {frenchSpacing(
            'Dates proposées, pas encore enregistrées : vérifiez-les puis enregistrez.',
          )}
        </Alert>
      )}
      <Radio.Group
        label="Découpage de l’année"
        value={kind}
        onChange={(value) => changeKind(value as PeriodKind)}
      >
        <Group mt="xs">
          {(Object.keys(PERIOD_KINDS) as PeriodKind[]).map((k) => (
            <Radio key={k} value={k} label={PERIOD_KINDS[k].label} disabled={readOnly} />
          ))}
        </Group>
      </Radio.Group>
      {rows.map((row, index) => (
        <Fieldset
          key={`${kind}-${index}`}
          legend={
            <Group gap="xs">
              <span>{periodLabel(kind, index)}</span>
              {status(index)}
            </Group>
          }
        >
          <SimpleGrid cols={{ base: 1, xs: 2, md: fields.length }}>
            {fields.map((field) => (
              <FrenchDateField
                key={field}
                label={`${FIELD_LABELS[field]} (${PERIOD_KINDS[kind].codes[index]})`}
                description={FIELD_HINTS[field]}
                value={row[field]}
                onChange={(text) => setField(index, field, text)}
                optional={field === 'closesOn' || field === 'publishesOn'}
                readOnly={readOnly}
                error={
                  fieldErrors[`periods.${index}.${field}`] &&
                  frenchSpacing(fieldErrors[`periods.${index}.${field}`]!)
                }
              />
            ))}
          </SimpleGrid>
        </Fieldset>
      ))}
      {failure && (
        <Alert color="red" title="Périodes non enregistrées" role="alert">
          {failure}
        </Alert>
      )}
      {!readOnly && (
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={() => changeKind(kind)}>
            Dates par défaut
          </Button>
          {props.onCancel && (
            <Button variant="default" onClick={props.onCancel}>
              Annuler
            </Button>
          )}
          <Button onClick={() => void save()} loading={saving} disabled={!dirty && !unsaved}>
            Enregistrer les périodes
          </Button>
        </Group>
      )}
      {readOnly && (
        <Text size="sm" c="dimmed">
          Seule la direction modifie les périodes.
        </Text>
      )}
    </Stack>
  );
}
