import { Button, Group, List, Modal, Text } from '@mantine/core';
import type { ImportPreview } from '../../../../shared/api/staff';
import { previewSummary } from '../../importLabels';

interface ApplyConfirmModalProps {
  preview: ImportPreview;
  opened: boolean;
  applying: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

export function ApplyConfirmModal({
  preview,
  opened,
  applying,
  onConfirm,
  onClose,
}: ApplyConfirmModalProps) {
  const warnings = preview.problems.filter((problem) => !problem.blocking).length;
  return (
    <Modal
      opened={opened}
      onClose={() => {
        if (!applying) onClose();
      }}
      title="Enregistrer ces changements ?"
      size="lg"
      centered
    >
      <Text size="sm" mb="xs">
        L’import va enregistrer dans Pupitre :
      </Text>
      <List size="sm" spacing={2} mb="sm">
        {previewSummary(preview).map((item) => (
          <List.Item key={item}>{item}</List.Item>
        ))}
      </List>
      {warnings > 0 && (
        <Text size="sm" mb="sm" c="orange.9" fw={500}>
          {warnings === 1
            ? 'Un point à vérifier a été signalé : relisez-le avant de confirmer.'
            : `${warnings.toLocaleString('fr-FR')} points à vérifier ont été signalés : relisez-les avant de confirmer.`}
        </Text>
      )}
      <Text size="sm" c="dimmed" mb="md">
        L’opération est inscrite au journal ; elle ne peut pas être annulée ensuite.
      </Text>
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose} disabled={applying}>
          Revenir à l’aperçu
        </Button>
        <Button onClick={onConfirm} loading={applying}>
          Confirmer l’import
        </Button>
      </Group>
    </Modal>
  );
}
