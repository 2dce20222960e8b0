import { useEffect } from 'react';
import { Button, Group, Modal, Text } from '@mantine/core';
import { useBlocker } from 'react-router-dom';

/**
 * Asks before leaving a page with unsaved edits, inside the app (router blocker) and, in a
 * browser, when the tab is closed. Electron is left out of the latter: there a beforeunload
 * veto silently keeps the window open, with no dialog to explain why.
 */
export function UnsavedChangesGuard({ when }: { when: boolean }) {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      when && currentLocation.pathname !== nextLocation.pathname,
  );

  useEffect(() => {
    if (!when || window.pupitre) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [when]);

  return (
    <Modal
      opened={blocker.state === 'blocked'}
      onClose={() => blocker.reset?.()}
      title="Modifications non enregistrées"
      centered
    >
      <Text size="sm">Vos modifications seront perdues si vous quittez cette page.</Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={() => blocker.reset?.()} data-autofocus>
          Rester sur la page
        </Button>
        <Button color="red.9" onClick={() => blocker.proceed?.()}>
          Quitter sans enregistrer
        </Button>
      </Group>
    </Modal>
  );
}
