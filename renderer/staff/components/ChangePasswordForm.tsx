import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { Alert, Button, Group, PasswordInput, Stack } from '@mantine/core';
import { invoke } from '../../api/client';
import { ChangePasswordInput } from '../../../shared/api/staff';
import { errorMessage } from '../../ui/errors';
import { applyServerFieldErrors } from '../../ui/formErrors';

const PasswordChangeWithConfirmation = ChangePasswordInput.extend({
  confirmPassword: z.string(),
}).refine((values) => values.newPassword === values.confirmPassword, {
  path: ['confirmPassword'],
  error: 'Confirmation : les deux mots de passe diffèrent.',
});

interface ChangePasswordFormProps {
  onChanged: () => void;
  submitLabel?: string;
}

/**
 * Used both for the forced change after a temporary password and under "Mon compte".
 * Calls `invoke` directly: a wrong current password must be shown here, not treated as a
 * lost session.
 */
export function ChangePasswordForm({
  onChanged,
  submitLabel = 'Changer mon mot de passe',
}: ChangePasswordFormProps) {
  const [failure, setFailure] = useState<unknown>(null);
  const form = useForm({
    resolver: zodResolver(PasswordChangeWithConfirmation),
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
  });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async ({ currentPassword, newPassword }) => {
    setFailure(null);
    try {
      await invoke('session.changePassword', { currentPassword, newPassword });
      form.reset();
      onChanged();
    } catch (error) {
      applyServerFieldErrors(error, form.setError, ['currentPassword', 'newPassword']);
      setFailure(error);
    }
  });

  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm" maw={420}>
        {failure !== null && (
          <Alert color="red" title="Mot de passe inchangé" role="alert">
            {errorMessage(failure)}
          </Alert>
        )}
        <PasswordInput
          label="Mot de passe actuel"
          autoComplete="current-password"
          error={errors.currentPassword?.message}
          {...form.register('currentPassword')}
        />
        <PasswordInput
          label="Nouveau mot de passe"
          description="10 caractères au moins, avec au moins une lettre et un chiffre."
          autoComplete="new-password"
          error={errors.newPassword?.message}
          {...form.register('newPassword')}
        />
        <PasswordInput
          label="Confirmation du mot de passe"
          autoComplete="new-password"
          error={errors.confirmPassword?.message}
          {...form.register('confirmPassword')}
        />
        <Group>
          <Button type="submit" loading={isSubmitting}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
