import { Alert, Stack, Text, TextInput } from '@mantine/core';
import { useWatch } from 'react-hook-form';
import type { SettingsForm } from './SettingsFormSections';

/**
 * Shown as soon as the UAI field differs from the saved one. Every SIECLE file is checked
 * against the UAI: the person changing it is told what that means, and types it again
 * (the server refuses the change without it once pupils exist).
 */
export function UaiChangeWarning({ form, savedUai }: { form: SettingsForm; savedUai: string }) {
  const uai = useWatch({ control: form.control, name: 'uai' });
  const typed = (uai ?? '').trim().toUpperCase();
  if (typed === savedUai) return null;
  const error = form.formState.errors.uaiConfirmation?.message;
  return (
    <Alert color="orange" variant="light" title="Changer l’UAI de l’établissement ?">
      <Stack gap="xs">
        <Text size="sm">
          L’UAI identifie l’établissement dans SIECLE : chaque export importé doit porter le même.
          Ne le changez que s’il a été mal saisi. Ensuite, les exports de {savedUai} seront refusés,
          et l’export d’un autre établissement ferait sortir tous les élèves actuels.
        </Text>
        <TextInput
          label={`Retapez le nouvel UAI${typed ? ` (${typed})` : ''} pour confirmer`}
          maxLength={8}
          maw={320}
          autoComplete="off"
          error={error}
          {...form.register('uaiConfirmation')}
        />
      </Stack>
    </Alert>
  );
}
