import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { NewPasswordResult } from '../../../shared/api/staff';
import { CopyableSecret } from '../../ui/CopyableSecret';

interface TemporaryPasswordModalProps {
  result: NewPasswordResult | null;
  onClose: () => void;
}

/**
 * Shows a new temporary password once. Clicking outside does not close it: the password
 * cannot be displayed again, only reset.
 */
export function TemporaryPasswordModal({ result, onClose }: TemporaryPasswordModalProps) {
  return (
    <Modal
      opened={result !== null}
      onClose={onClose}
      title="Mot de passe provisoire"
      closeOnClickOutside={false}
      centered
      size="lg"
    >
      {result && (
        <Stack gap="md">
          <Text size="sm">
            Transmettez-le à <strong>{result.user.displayName}</strong> (identifiant{' '}
            <strong>{result.user.login}</strong>). Il lui sera demandé d’en choisir un nouveau à la
            première connexion.
          </Text>
          <CopyableSecret label="Mot de passe provisoire" value={result.temporaryPassword} />
          <Group justify="flex-end">
            <Button onClick={onClose} data-autofocus>
              J’ai noté le mot de passe
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
