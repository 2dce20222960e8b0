import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { CenteredPanel } from '../ui/CenteredPanel';
import { ChangePasswordForm } from './components/ChangePasswordForm';
import { useDocumentTitle } from './hooks/useDocumentTitle';
import { useSession } from './session';

/** A temporary password (first start, new user, reset) must be replaced before any other screen. */
export function ForcedPasswordChangeScreen() {
  useDocumentTitle('Changer mon mot de passe');
  const { session, updateSession, signOut } = useSession();

  useEffect(() => {
    document.querySelector<HTMLInputElement>('input[type="password"]')?.focus();
  }, []);

  return (
    <CenteredPanel
      title="Changer mon mot de passe"
      subtitle={`${session.displayName} — ${session.school.name}`}
      width={540}
    >
      <Text size="sm">
        Votre mot de passe est provisoire. Choisissez-en un nouveau, connu de vous seul, avant de
        continuer.
      </Text>
      <ChangePasswordForm
        submitLabel="Enregistrer et continuer"
        onChanged={() => {
          notifications.show({ color: 'green', message: 'Mot de passe modifié.' });
          updateSession({ ...session, mustChangePassword: false });
        }}
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={() => void signOut()}>
          Se déconnecter
        </Button>
      </Group>
    </CenteredPanel>
  );
}
