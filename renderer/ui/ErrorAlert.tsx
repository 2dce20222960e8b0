import { Alert, Button, Group, Text } from '@mantine/core';
import { errorMessage } from './errors';

interface ErrorAlertProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}

/** Shows the API's French message (never a stack) and, when it makes sense, a way to try again. */
export function ErrorAlert({ error, title = 'Erreur', onRetry }: ErrorAlertProps) {
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      <Group justify="space-between" wrap="nowrap" gap="md">
        <Text size="sm">{errorMessage(error)}</Text>
        {onRetry && (
          <Button size="xs" variant="default" onClick={onRetry}>
            Réessayer
          </Button>
        )}
      </Group>
    </Alert>
  );
}
