import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { SchoolSettingsInput } from '../../shared/api/staff';
import type { SchoolSettings } from '../../shared/api/staff';
import { errorMessage } from '../ui/errors';
import { ErrorAlert } from '../ui/ErrorAlert';
import { applyServerFieldErrors } from '../ui/formErrors';
import { PageLoader } from '../ui/PageLoader';
import { callStaff } from './api';
import { PageHeader } from './components/PageHeader';
import {
  ContactSection,
  IdentitySection,
  PortalListenerSection,
  PortalSection,
  SETTINGS_FIELD_PATHS,
  type SettingsForm,
} from './components/SettingsFormSections';
import { UaiChangeWarning } from './components/UaiChangeWarning';
import { UnsavedChangesGuard } from './components/UnsavedChangesGuard';
import { useStaffQuery } from './hooks/useStaffQuery';
import { useMayCall } from './session';

function SettingsForm({ initial, readOnly }: { initial: SchoolSettings; readOnly: boolean }) {
  const [failure, setFailure] = useState<unknown>(null);
  const form: SettingsForm = useForm({
    resolver: zodResolver(SchoolSettingsInput),
    defaultValues: { ...initial, uaiConfirmation: '' },
  });
  const { isDirty, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      const saved = await callStaff('settings.update', values);
      form.reset({ ...saved, uaiConfirmation: '' });
      notifications.show({ color: 'green', message: 'Paramètres enregistrés' });
    } catch (error) {
      applyServerFieldErrors(error, form.setError, SETTINGS_FIELD_PATHS);
      setFailure(error);
    }
  });

  return (
    <form noValidate onSubmit={submit} aria-label="Paramètres de l’établissement">
      <Stack gap="md">
        {readOnly && (
          <Alert color="blue" variant="light">
            Seule la direction peut modifier ces paramètres : vous les consultez en lecture seule.
          </Alert>
        )}
        <IdentitySection form={form} readOnly={readOnly} />
        {!readOnly && (
          <UaiChangeWarning
            form={form}
            savedUai={form.formState.defaultValues?.uai ?? initial.uai}
          />
        )}
        <ContactSection form={form} readOnly={readOnly} />
        <PortalSection form={form} readOnly={readOnly} offered={initial.offeredServices} />
        <PortalListenerSection form={form} readOnly={readOnly} />
        {failure !== null && (
          <Alert color="red" title="Paramètres non enregistrés" role="alert">
            {errorMessage(failure)}
          </Alert>
        )}
        {!readOnly && (
          <Group
            justify="flex-end"
            gap="md"
            pos="sticky"
            bottom={0}
            py="sm"
            bg="gray.0"
            style={{ zIndex: 2 }}
          >
            {isDirty && (
              <Text size="sm" c="dimmed">
                Modifications non enregistrées
              </Text>
            )}
            <Button
              variant="default"
              disabled={!isDirty || isSubmitting}
              onClick={() => form.reset()}
            >
              Annuler les modifications
            </Button>
            <Button type="submit" loading={isSubmitting}>
              Enregistrer
            </Button>
          </Group>
        )}
      </Stack>
      <UnsavedChangesGuard when={isDirty && !isSubmitting} />
    </form>
  );
}

export function SettingsPage() {
  const mayUpdate = useMayCall()('settings.update');
  const school = useStaffQuery('school.get', {});

  return (
    <Stack gap="md" maw={1000}>
      <PageHeader title="Paramètres" subtitle="Établissement et portail des familles" />
      {school.error !== null && <ErrorAlert error={school.error} onRetry={school.reload} />}
      {school.data === undefined ? (
        school.loading && <PageLoader />
      ) : (
        <SettingsForm initial={school.data} readOnly={!mayUpdate} />
      )}
    </Stack>
  );
}
