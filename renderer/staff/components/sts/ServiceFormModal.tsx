import { useState } from 'react';
import { Button, Group, Modal, SegmentedControl, Select, Stack } from '@mantine/core';
import type {
  StructureKind,
  TeachingServiceOptions,
  TeachingServiceSummary,
} from '../../../../shared/api/staff';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { callStaff } from '../../api';

interface ServiceFormModalProps {
  options: TeachingServiceOptions;
  /** The service to change; null to add one. */
  service: TeachingServiceSummary | null;
  onClose: () => void;
  onSaved: () => void;
}

/** The direction adds or changes a service: a subject, a division or a group, a teacher. */
export function ServiceFormModal({ options, service, onClose, onSaved }: ServiceFormModalProps) {
  const [subjectCode, setSubjectCode] = useState<string | null>(service?.subject.code ?? null);
  const [kind, setKind] = useState<StructureKind>(service?.structureKind ?? 'division');
  const [structureCode, setStructureCode] = useState<string | null>(service?.structureCode ?? null);
  const [teacherId, setTeacherId] = useState<string | null>(
    service ? String(service.teacher.id) : null,
  );
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const codes = kind === 'division' ? options.divisions : options.groups;
  const ready = subjectCode !== null && structureCode !== null && teacherId !== null;

  async function save() {
    if (!ready) return;
    setSaving(true);
    setError(null);
    try {
      await callStaff('services.save', {
        ...(service ? { id: service.id } : {}),
        subjectCode,
        structureKind: kind,
        structureCode,
        teacherId: Number(teacherId),
      });
      onSaved();
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      opened
      onClose={onClose}
      title={service ? 'Modifier le service' : 'Ajouter un service d’enseignement'}
    >
      <Stack gap="sm">
        <Select
          label="Matière"
          searchable
          data={options.subjects.map((s) => ({
            value: s.code,
            label: `${s.label} (${s.code})`,
          }))}
          value={subjectCode}
          onChange={setSubjectCode}
          nothingFoundMessage="Aucune matière : importez la Nomenclature de SIECLE ou l’export STS-Web."
        />
        <SegmentedControl
          aria-label="Division ou groupe"
          data={[
            { value: 'division', label: 'Division' },
            { value: 'group', label: 'Groupe' },
          ]}
          value={kind}
          onChange={(value) => {
            setKind(value as StructureKind);
            setStructureCode(null);
          }}
        />
        <Select
          label={kind === 'division' ? 'Division' : 'Groupe'}
          searchable
          data={codes}
          value={structureCode}
          onChange={setStructureCode}
          nothingFoundMessage="Aucune"
        />
        <Select
          label="Enseignant"
          searchable
          data={options.teachers.map((t) => ({ value: String(t.id), label: t.displayName }))}
          value={teacherId}
          onChange={setTeacherId}
          nothingFoundMessage="Aucun enseignant"
        />
        {error !== null && <ErrorAlert error={error} title="Service non enregistré" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Annuler
          </Button>
          <Button onClick={() => void save()} disabled={!ready} loading={saving}>
            Enregistrer
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
