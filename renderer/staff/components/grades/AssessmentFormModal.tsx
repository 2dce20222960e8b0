import { useState } from 'react';
import { Button, Checkbox, Group, Modal, Stack, TextInput } from '@mantine/core';
import { isoFromSlashDate, slashDate } from '../../../../shared/domain/frenchDates';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { isApiFailure } from '../../../ui/errors';
import { callStaff } from '../../api';
import { FrenchDateField } from '../FrenchDateField';

interface AssessmentFormModalProps {
  serviceId: number;
  periodId: number;
  /** The day proposed: today if it falls in the period, else the period's last day. */
  defaultDay: string;
  onClose: () => void;
  onSaved: () => void;
}

/** « Nouveau devoir »: intitulé, date, barème (/20 by default), coefficient, facultatif. */
export function AssessmentFormModal({
  serviceId,
  periodId,
  defaultDay,
  onClose,
  onSaved,
}: AssessmentFormModalProps) {
  const [label, setLabel] = useState('');
  const [day, setDay] = useState(slashDate(defaultDay));
  const [scale, setScale] = useState('20');
  const [coefficient, setCoefficient] = useState('1');
  const [optional, setOptional] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fields = isApiFailure(error) ? (error.fields ?? {}) : {};

  async function save() {
    setSaving(true);
    setError(null);
    try {
      await callStaff('assessments.create', {
        serviceId,
        periodId,
        label,
        day: isoFromSlashDate(day) ?? day,
        scale,
        coefficient,
        optional,
      });
      onSaved();
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title="Nouveau devoir">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Stack gap="sm">
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
              description="0 : affiché sans compter"
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
          {error !== null && Object.keys(fields).length === 0 && <ErrorAlert error={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Annuler
            </Button>
            <Button type="submit" loading={saving}>
              Créer le devoir
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
