import { useEffect, useState } from 'react';
import { Alert, Button, Group, NumberInput, Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { SchoolGradePublication } from '../../../../shared/api/staff';
import { ApiFailure } from '../../../../shared/api/result';
import {
  MAX_PUBLICATION_DELAY_DAYS,
  PRONOTE_DELAYS,
} from '../../../../shared/domain/gradePublication';
import {
  GRADE_PUBLICATION_MODES,
  type GradePublicationMode,
} from '../../../../shared/domain/school';
import { errorMessage, frenchSpacing } from '../../../ui/errors';
import { callStaff } from '../../api';
import { SectionCard } from '../SectionCard';

interface Props {
  settings: SchoolGradePublication;
  readOnly: boolean;
  onSaved: (settings: SchoolGradePublication) => void;
  /** Unsaved edits, for the page's one « leave without saving? » guard. */
  onDirty: (dirty: boolean) => void;
}

const DELAY_FIELDS = {
  studentDelayDays: {
    label: 'Délai pour l’élève (jours)',
    description: 'Jours après la date du devoir ; à date, jamais avant le jour de publication.',
  },
  parentDelayDays: {
    label: 'Délai pour les parents (jours)',
    description: 'Après l’élève : l’élève voit sa note avant ses parents.',
  },
} as const;

/** « Publication des notes »: the mode (SPEC §5) and the student-before-parent delays. */
export function GradePublicationSection({ settings, readOnly, onSaved, onDirty }: Props) {
  const [draft, setDraft] = useState<SchoolGradePublication>(settings);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const dirty = JSON.stringify(draft) !== JSON.stringify(settings);
  useEffect(() => onDirty(dirty), [dirty, onDirty]);

  const save = async () => {
    setFailure(null);
    setSaving(true);
    try {
      const saved = await callStaff('publication.update', draft);
      setErrors({});
      onSaved(saved);
      setDraft(saved);
      notifications.show({ color: 'green', message: 'Publication des notes enregistrée' });
    } catch (error) {
      setErrors(error instanceof ApiFailure && error.fields ? error.fields : {});
      setFailure(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <SectionCard title="Publication des notes">
      <form
        noValidate
        aria-label="Publication des notes"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Stack gap="sm">
          <Radio.Group
            label="Mode de publication des notes"
            description={frenchSpacing(
              'Au fil de l’eau : dès la saisie. À date d’échéance : au jour de publication de chaque période (section « Périodes de notation »).',
            )}
            value={draft.mode}
            onChange={(mode) => setDraft({ ...draft, mode: mode as GradePublicationMode })}
          >
            <Group mt="xs">
              {Object.entries(GRADE_PUBLICATION_MODES).map(([value, label]) => (
                <Radio key={value} value={value} label={label} disabled={readOnly} />
              ))}
            </Group>
          </Radio.Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {(Object.keys(DELAY_FIELDS) as (keyof typeof DELAY_FIELDS)[]).map((field) => (
              <NumberInput
                key={field}
                label={DELAY_FIELDS[field].label}
                description={frenchSpacing(DELAY_FIELDS[field].description)}
                min={0}
                max={MAX_PUBLICATION_DELAY_DAYS}
                allowDecimal={false}
                allowNegative={false}
                readOnly={readOnly}
                value={draft[field]}
                onChange={(value) =>
                  setDraft({ ...draft, [field]: typeof value === 'number' ? value : 0 })
                }
                error={errors[field] && frenchSpacing(errors[field])}
              />
            ))}
          </SimpleGrid>
          <Text size="sm" c="dimmed">
            {frenchSpacing(
              `Par défaut 0 et 0 : élève et parents voient la note en même temps. Pronote propose ${PRONOTE_DELAYS.studentDelayDays} jour pour l’élève et ${PRONOTE_DELAYS.parentDelayDays} jour de plus pour les parents.`,
            )}
          </Text>
          {failure && (
            <Alert color="red" title="Publication non enregistrée" role="alert">
              {failure}
            </Alert>
          )}
          {!readOnly && (
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setDraft({ ...draft, ...PRONOTE_DELAYS })}>
                Délais de Pronote (1 et 1)
              </Button>
              <Button variant="default" disabled={!dirty} onClick={() => setDraft(settings)}>
                Annuler
              </Button>
              <Button type="submit" loading={saving} disabled={!dirty}>
                Enregistrer la publication
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </SectionCard>
  );
}
