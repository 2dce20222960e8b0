import { notifications, notificationsStore } from '@mantine/notifications';
import { afterEach, describe, expect, it } from 'vitest';
import { showNewestToastOnly } from '../../renderer/ui/newestToast';

// The staff window shows one toast at a time (two stacked covered the page's title); Mantine's
// limit queues the newer one behind the one shown, so the answer to the last click waited.
describe('one toast at a time, the newest', () => {
  let stop = () => {};
  afterEach(() => {
    stop();
    notifications.clean();
  });

  it('a new toast replaces the one shown at once, none left waiting', () => {
    notificationsStore.updateState((state) => ({ ...state, limit: 1 }));
    stop = showNewestToastOnly();
    notifications.show({ id: 'refus', message: 'Appel non enregistré' });
    notifications.show({ id: 'ok', message: 'Appel enregistré.' });
    const state = notificationsStore.getState();
    expect(state.notifications.map((n) => n.id)).toEqual(['ok']);
    expect(state.queue).toEqual([]);
  });
});
