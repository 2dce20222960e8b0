import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { CreateUserInput } from '../../../shared/api/staff';
import type { NewPasswordResult } from '../../../shared/api/staff';
import { foldForSearch } from '../../../shared/domain/normalize';
import { STAFF_ROLE_LABELS, STAFF_ROLES } from '../../../shared/domain/roles';
import { errorMessage } from '../../ui/errors';
import { applyServerFieldErrors } from '../../ui/formErrors';
import { callStaff } from '../api';

const ROLE_OPTIONS = STAFF_ROLES.map((role) => ({ value: role, label: STAFF_ROLE_LABELS[role] }));

/** "Marie-Hélène Dupré" → "marie.helene.dupre", the house style for identifiants. */
function suggestLogin(displayName: string): string {
  return foldForSearch(displayName).split(' ').filter(Boolean).join('.').slice(0, 60);
}

interface AddUserFormProps {
  onCreated: (result: NewPasswordResult) => void;
  onCancel: () => void;
}

export function AddUserForm({ onCreated, onCancel }: AddUserFormProps) {
  const [failure, setFailure] = useState<unknown>(null);
  const [loginEdited, setLoginEdited] = useState(false);
  const form = useForm({
    resolver: zodResolver(CreateUserInput),
    defaultValues: { displayName: '', login: '', role: 'teacher' as const },
  });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      onCreated(await callStaff('users.create', values));
    } catch (error) {
      applyServerFieldErrors(error, form.setError, ['displayName', 'login', 'role']);
      setFailure(error);
    }
  });

  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        {failure !== null && (
          <Alert color="red" title="Utilisateur non créé" role="alert">
            {errorMessage(failure)}
          </Alert>
        )}
        <TextInput
          label="Nom affiché"
          placeholder="Marie Curie"
          data-autofocus
          error={errors.displayName?.message}
          {...form.register('displayName', {
            onChange: (event: { target: { value: string } }) => {
              if (!loginEdited) form.setValue('login', suggestLogin(event.target.value));
            },
          })}
        />
        <TextInput
          label="Identifiant"
          description="Lettres minuscules sans accent, chiffres, point et tiret."
          autoCapitalize="none"
          spellCheck={false}
          error={errors.login?.message}
          {...form.register('login', {
            // Emptying the field hands it back to the suggestion.
            onChange: (event: { target: { value: string } }) =>
              setLoginEdited(event.target.value !== ''),
          })}
        />
        <Controller
          control={form.control}
          name="role"
          render={({ field, fieldState }) => (
            <Select
              label="Rôle"
              data={ROLE_OPTIONS}
              allowDeselect={false}
              value={field.value}
              onChange={(value) => field.onChange(value)}
              onBlur={field.onBlur}
              ref={field.ref}
              error={fieldState.error?.message}
            />
          )}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            Annuler
          </Button>
          <Button type="submit" loading={isSubmitting}>
            Créer l’utilisateur
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
