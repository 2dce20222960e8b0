import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { Alert, Button, Divider, Stack, Text, TextInput, Title } from '@mantine/core';
import { invoke } from '../api/client';
import { SchoolSettingsInput } from '../../shared/api/staff';
import { UaiSchema } from '../../shared/api/fields';
import type { SetupResult } from '../../shared/api/staff';
import type { StaffInput } from '../../shared/api/staff';
import { errorMessage } from '../ui/errors';
import { applyServerFieldErrors } from '../ui/formErrors';
import { CenteredPanel } from '../ui/CenteredPanel';
import { useDocumentTitle } from './hooks/useDocumentTitle';

/** The "empty school" branch of SetupInput, built from the same pieces so messages match. */
const NewSchoolForm = z.object({ uai: UaiSchema, name: SchoolSettingsInput.shape.name });

interface FirstStartScreenProps {
  onCreated: (result: SetupResult) => void;
}

export function FirstStartScreen({ onCreated }: FirstStartScreenProps) {
  useDocumentTitle('Bienvenue');
  const [pending, setPending] = useState<'demo' | 'empty' | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const form = useForm({
    resolver: zodResolver(NewSchoolForm),
    defaultValues: { uai: '', name: '' },
  });
  const { errors } = form.formState;

  async function create(input: StaffInput<'setup.createSchool'>) {
    setPending(input.kind);
    setFailure(null);
    try {
      onCreated(await invoke('setup.createSchool', input));
    } catch (error) {
      applyServerFieldErrors(error, form.setError, ['uai', 'name']);
      setFailure(error);
      setPending(null);
    }
  }

  return (
    <CenteredPanel
      title="Bienvenue dans Pupitre"
      subtitle="Aucun établissement n’est encore enregistré sur ce poste. Choisissez comment commencer."
      width={520}
    >
      {failure !== null && (
        <Alert color="red" title="L’établissement n’a pas été créé" role="alert">
          {errorMessage(failure)}
        </Alert>
      )}

      <Stack gap="xs">
        <Title order={2} size="h4">
          Découvrir Pupitre
        </Title>
        <Text size="sm">
          Un collège fictif avec ses divisions, ses élèves et leurs responsables, pour essayer
          l’application sans données réelles.
        </Text>
        <Button
          variant="light"
          loading={pending === 'demo'}
          disabled={pending !== null}
          onClick={() => void create({ kind: 'demo' })}
        >
          Créer l’établissement de démonstration
        </Button>
      </Stack>

      <Divider label="ou" labelPosition="center" />

      <form
        noValidate
        onSubmit={form.handleSubmit((values) => create({ kind: 'empty', ...values }))}
      >
        <Stack gap="sm">
          <Title order={2} size="h4">
            Créer mon établissement
          </Title>
          <TextInput
            label="UAI (code établissement)"
            description="7 chiffres et une lettre, par exemple 0251711Z."
            autoComplete="off"
            maxLength={8}
            error={errors.uai?.message}
            {...form.register('uai')}
          />
          <TextInput
            label="Nom de l’établissement"
            placeholder="Collège Victor Hugo"
            error={errors.name?.message}
            {...form.register('name')}
          />
          <Button type="submit" loading={pending === 'empty'} disabled={pending !== null}>
            Créer mon établissement
          </Button>
        </Stack>
      </form>
    </CenteredPanel>
  );
}
