import { notifications, notificationsStore } from '@mantine/notifications';

/**
 * With `limit={1}` Mantine queues a new toast behind the one shown, which then stays up to
 * its own delay: « Appel enregistré. » waited behind the refusal before it. The newest wins:
 * a queued toast closes the one shown. Returns the unsubscribe.
 */
export function showNewestToastOnly(): () => void {
  return notificationsStore.subscribe((state) => {
    if (state.queue.length === 0) return;
    for (const shown of state.notifications) if (shown.id) notifications.hide(shown.id);
  });
}
