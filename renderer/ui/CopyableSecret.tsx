import { Alert, Button, CopyButton, Group, Stack, Text } from '@mantine/core';

interface CopyableSecretProps {
  /** What the secret is, e.g. "Mot de passe provisoire". */
  label: string;
  value: string;
}

/**
 * A password shown exactly once: the back end keeps only its hash, so the box says so and
 * offers a copy button rather than relying on the user to retype eight look-alike characters.
 */
export function CopyableSecret({ label, value }: CopyableSecretProps) {
  return (
    <Alert color="orange" variant="light" title="Notez-le : il ne sera plus affiché">
      <Stack gap="xs">
        <Text size="sm">{label}</Text>
        <Group justify="space-between" wrap="nowrap">
          <Text className="secret-value">{value}</Text>
          <CopyButton value={value} timeout={2500}>
            {({ copied, copy }) => (
              <Button variant={copied ? 'filled' : 'outline'} color="dark" onClick={copy}>
                {copied ? 'Copié' : 'Copier'}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Alert>
  );
}
