import { notifications } from '@mantine/notifications';
import { errorMessage } from './errors';

/** A failed action in one French sentence, where the user acted (never a stack). */
export function notifyError(error: unknown) {
  notifications.show({ color: 'red', message: errorMessage(error) });
}
