import { useEffect, useState } from 'react';
import { Alert, Button, Group, NumberInput, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { DivisionCoefficients, DivisionSummary } from '../../../../shared/api/staff';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { errorMessage } from '../../../ui/errors';
import { callStaff } from '../../api';
import { useStaffQuery } from '../../hooks/useStaffQuery';
import { SectionCard } from '../SectionCard';

interface Props {
  divisions: DivisionSummary[];
  readOnly: boolean;
  onDirty: (dirty: boolean) => void;
}

/** « Coefficients des matières »: per division, 1 unless direction sets another (0 to 100). */
export function SubjectCoefficientsSection({ divisions, readOnly, onDirty }: Props) {
  const [divisionId, setDivisionId] = useState<number | null>(divisions[0]?.id ?? null);
  return (
    <SectionCard title="Coefficients des matières">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Coefficient de chaque matière dans la moyenne générale de la division : 1 par défaut, 0
          pour afficher les notes sans les compter.
        </Text>
        <Select
          label="Division"
          maw={320}
          searchable
          allowDeselect={false}
          data={divisions.map((d) => ({ value: String(d.id), label: d.code }))}
          value={divisionId === null ? null : String(divisionId)}
          onChange={(value) => setDivisionId(value === null ? null : Number(value))}
        />
        {divisionId !== null && (
          <DivisionCoefficientsTable
            key={divisionId}
            divisionId={divisionId}
            readOnly={readOnly}
            onDirty={onDirty}
          />
        )}
      </Stack>
    </SectionCard>
  );
}

function DivisionCoefficientsTable({
  divisionId,
  readOnly,
  onDirty,
}: {
  divisionId: number;
  readOnly: boolean;
  onDirty: (dirty: boolean) => void;
}) {
  const query = useStaffQuery('coefficients.list', { divisionId });
  const [draft, setDraft] = useState<Record<string, number | string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const saved = query.data;
  const changed = saved
    ? saved.subjects.filter(
        (s) => draft[s.subjectCode] !== undefined && draft[s.subjectCode] !== s.coefficient,
      )
    : [];
  const dirty = changed.length > 0;
  useEffect(() => {
    onDirty(dirty);
    return () => onDirty(false);
  }, [dirty, onDirty]);

  if (query.error !== null) return <ErrorAlert error={query.error} onRetry={query.reload} />;
  if (!saved) return null;
  if (saved.subjects.length === 0) {
    return (
      <Text size="sm">
        Aucune matière connue : importez la nomenclature de SIECLE (ou le fichier de STS-Web) pour
        régler les coefficients.
      </Text>
    );
  }

  const save = async () => {
    setFailure(null);
    setSaving(true);
    let last: DivisionCoefficients = saved;
    try {
      // One call a subject: each change has its own line in the journal.
      for (const subject of changed) {
        const value = draft[subject.subjectCode];
        last = await callStaff('coefficients.update', {
          divisionId,
          subjectCode: subject.subjectCode,
          coefficient: typeof value === 'number' ? value : Number.NaN,
        });
      }
      setDraft({});
      notifications.show({ color: 'green', message: 'Coefficients enregistrés' });
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      query.setData(last);
      setSaving(false);
    }
  };

  return (
    <Stack gap="sm">
      <Table.ScrollContainer minWidth={300}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Matière</Table.Th>
              <Table.Th w={160}>Coefficient</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {saved.subjects.map((s) => (
              <Table.Tr key={s.subjectCode}>
                <Table.Td>{s.label}</Table.Td>
                <Table.Td>
                  <NumberInput
                    aria-label={`Coefficient de ${s.label}`}
                    min={0}
                    max={100}
                    step={0.5}
                    decimalScale={2}
                    decimalSeparator=","
                    readOnly={readOnly}
                    value={draft[s.subjectCode] ?? s.coefficient}
                    onChange={(value) => setDraft({ ...draft, [s.subjectCode]: value })}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {failure && (
        <Alert color="red" title="Coefficients non enregistrés" role="alert">
          {failure}
        </Alert>
      )}
      {!readOnly && (
        <Group justify="flex-end" gap="sm">
          <Button variant="default" disabled={!dirty} onClick={() => setDraft({})}>
            Annuler
          </Button>
          <Button onClick={() => void save()} loading={saving} disabled={!dirty}>
            Enregistrer les coefficients
          </Button>
        </Group>
      )}
    </Stack>
  );
}
