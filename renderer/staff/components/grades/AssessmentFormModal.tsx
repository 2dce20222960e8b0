import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import type { GridAssessment } from '../../../../shared/api/staff';
import { isoFromSlashDate, slashDate } from '../../../../shared/domain/frenchDates';
import { formatPoints } from '../../../../shared/domain/grades/marks';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { frenchSpacing, isApiFailure } from '../../../ui/errors';
import { formatCount } from '../../../ui/format';
import { callStaff } from '../../api';
import { FrenchDateField } from '../FrenchDateField';

/** The devoir being changed, with how many marks its deletion would take away. */
export interface EditedAssessment {
  assessment: GridAssessment;
  markCount: number;
}

interface AssessmentFormModalProps {
  serviceId: number;
  periodId: number;
  /** The day proposed: today if it falls in the period, else the period's last day. */
  defaultDay: string;
  /** Absent: « Nouveau devoir ». */
  edited?: EditedAssessment;
  onClose: () => void;
  onSaved: () => void;
}

/** What the deletion's confirmation says: the marks that go, and the journal after publication. */
function deletionMessage({ assessment, markCount }: EditedAssessment): string {
  const marks =
    markCount === 0
      ? 'Aucune note n’y est saisie.'
      : `${formatCount(markCount, 'note saisie sera supprimée', 'notes saisies seront supprimées')} avec lui.`;
  const published =
    assessment.published && markCount > 0
      ? ' Les familles voient déjà ces notes : la suppression ira au journal.'
      : '';
  return frenchSpacing(`« ${assessment.label} » : ${marks}${published}`);
}

/**
 * « Nouveau devoir » and « Modifier le devoir »: intitulé, date, barème (/20 by default),
 * coefficient, facultatif, and the devoir's own publication day (empty: the school's rule).
 * A devoir is deleted from here, after a confirmation naming how many marks go with it.
 */
export function AssessmentFormModal({
  serviceId,
  periodId,
  defaultDay,
  edited,
  onClose,
  onSaved,
}: AssessmentFormModalProps) {
  const initial = edited?.assessment;
  const [label, setLabel] = useState(initial?.label ?? '');
  const [day, setDay] = useState(slashDate(initial?.day ?? defaultDay));
  const [scale, setScale] = useState(initial ? formatPoints(initial.scaleHundredths) : '20');
  const [coefficient, setCoefficient] = useState(
    initial ? formatPoints(initial.coefficientHundredths) : '1',
  );
  const [optional, setOptional] = useState(initial?.optional ?? false);
  const [publishesOn, setPublishesOn] = useState(
    initial?.publishesOn ? slashDate(initial.publishesOn) : '',
  );
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fields = isApiFailure(error) ? (error.fields ?? {}) : {};

  async function run(action: () => Promise<unknown>) {
    setSaving(true);
    setError(null);
    try {
      await action();
      onSaved();
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  }

  function save() {
    const values = {
      periodId,
      label,
      day: isoFromSlashDate(day) ?? day,
      scale,
      coefficient,
      optional,
      publishesOn:
        publishesOn.trim() === '' ? null : (isoFromSlashDate(publishesOn) ?? publishesOn),
    };
    return run(() =>
      initial
        ? callStaff('assessments.update', { id: initial.id, version: initial.version, ...values })
        : callStaff('assessments.create', { serviceId, ...values }),
    );
  }

  if (edited && confirmingDelete) {
    // The question replaces the form in the same dialog: no dialog stacked over another.
    return (
      <Modal opened onClose={onClose} title={frenchSpacing('Supprimer le devoir ?')}>
        <Stack gap="md">
          <Text size="sm">{deletionMessage(edited)}</Text>
          {error !== null && <ErrorAlert error={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmingDelete(false)}>
              Annuler
            </Button>
            <Button
              color="red"
              data-autofocus
              loading={saving}
              onClick={() =>
                void run(() => callStaff('assessments.delete', { id: edited.assessment.id }))
              }
            >
              Supprimer le devoir
            </Button>
          </Group>
        </Stack>
      </Modal>
    );
  }

  return (
    <Modal opened onClose={onClose} title={initial ? 'Modifier le devoir' : 'Nouveau devoir'}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Stack gap="sm">
          {initial?.published && (
            <Alert color="orange" variant="light" p="xs">
              <Text size="sm">
                {frenchSpacing(
                  'Les familles voient déjà ce devoir : une modification ira au journal.',
                )}
              </Text>
            </Alert>
          )}
          <TextInput
            label="Intitulé"
            value={label}
            onChange={(e) => setLabel(e.currentTarget.value)}
            error={fields.label}
            data-autofocus
            required
          />
          <FrenchDateField
            label="Date du devoir"
            value={day}
            onChange={setDay}
            error={fields.day}
          />
          <Group grow align="flex-start">
            <TextInput
              label="Barème"
              description="sur…"
              value={scale}
              onChange={(e) => setScale(e.currentTarget.value)}
              error={fields.scale}
              inputMode="decimal"
            />
            <TextInput
              label="Coefficient"
              description="0 : affiché sans compter"
              value={coefficient}
              onChange={(e) => setCoefficient(e.currentTarget.value)}
              error={fields.coefficient}
              inputMode="decimal"
            />
          </Group>
          <Checkbox
            label="Facultatif (ne compte que s’il relève la moyenne)"
            checked={optional}
            onChange={(e) => setOptional(e.currentTarget.checked)}
          />
          <FrenchDateField
            label="Publication aux familles le"
            description="JJ/MM/AAAA ; vide : la règle de l’établissement"
            value={publishesOn}
            onChange={setPublishesOn}
            error={fields.publishesOn}
            optional
          />
          {error !== null && Object.keys(fields).length === 0 && <ErrorAlert error={error} />}
          <Group justify="space-between">
            {edited ? (
              <Button variant="subtle" color="red" onClick={() => setConfirmingDelete(true)}>
                Supprimer…
              </Button>
            ) : (
              <span />
            )}
            <Group gap="sm">
              <Button variant="default" onClick={onClose}>
                Annuler
              </Button>
              <Button type="submit" loading={saving}>
                {initial ? 'Enregistrer' : 'Créer le devoir'}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
