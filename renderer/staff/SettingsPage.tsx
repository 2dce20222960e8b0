import { useCallback, useEffect, useState } from 'react';
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
  type SettingsFormValues,
} from './components/SettingsFormSections';
import { UaiChangeWarning } from './components/UaiChangeWarning';
import { UnsavedChangesGuard } from './components/UnsavedChangesGuard';
import { useStaffQuery } from './hooks/useStaffQuery';
import { GradePublicationSection } from './components/settings/GradePublicationSection';
import { GradingPeriodsSection } from './components/settings/GradingPeriodsSection';
import { SubjectCoefficientsSection } from './components/settings/SubjectCoefficientsSection';
import { useMayCall } from './session';

/** The form's values: the publication mode is the « Publication des notes » section's. */
const formValues = ({
  gradePublicationMode: _mode,
  ...settings
}: SchoolSettings): SettingsFormValues => ({
  ...settings,
  uaiConfirmation: '',
});

function SettingsForm({
  initial,
  readOnly,
  onDirty,
}: {
  initial: SchoolSettings;
  readOnly: boolean;
  onDirty: (dirty: boolean) => void;
}) {
  const [failure, setFailure] = useState<unknown>(null);
  const form: SettingsForm = useForm({
    resolver: zodResolver(SchoolSettingsInput),
    defaultValues: formValues(initial),
  });
  const { isDirty, isSubmitting } = form.formState;
  useEffect(() => onDirty(isDirty && !isSubmitting), [isDirty, isSubmitting, onDirty]);

  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      const saved = await callStaff('settings.update', values);
      form.reset(formValues(saved));
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
    </form>
  );
}

export function SettingsPage() {
  const mayCall = useMayCall();
  const school = useStaffQuery('school.get', {});
  const periods = useStaffQuery('periods.list', {});
  const publication = useStaffQuery('publication.get', {});
  const divisions = useStaffQuery('divisions.list', {});
  // One guard for the page: each part says whether it holds unsaved edits.
  const [dirtyParts, setDirtyParts] = useState<Record<string, boolean>>({});
  const dirtyReporter = useCallback(
    (part: string) => (dirty: boolean) =>
      setDirtyParts((parts) => (parts[part] === dirty ? parts : { ...parts, [part]: dirty })),
    [],
  );
  const [onSchoolDirty] = useState(() => dirtyReporter('school'));
  const [onPeriodsDirty] = useState(() => dirtyReporter('periods'));
  const [onPublicationDirty] = useState(() => dirtyReporter('publication'));
  const [onCoefficientsDirty] = useState(() => dirtyReporter('coefficients'));

  return (
    <Stack gap="md" maw={1000}>
      <PageHeader title="Paramètres" subtitle="Établissement, portail des familles et notes" />
      {school.error !== null && <ErrorAlert error={school.error} onRetry={school.reload} />}
      {school.data === undefined ? (
        school.loading && <PageLoader />
      ) : (
        <SettingsForm
          initial={school.data}
          readOnly={!mayCall('settings.update')}
          onDirty={onSchoolDirty}
        />
      )}
      {publication.error !== null && (
        <ErrorAlert error={publication.error} onRetry={publication.reload} />
      )}
      {publication.data && (
        <GradePublicationSection
          settings={publication.data}
          readOnly={!mayCall('publication.update')}
          onSaved={publication.setData}
          onDirty={onPublicationDirty}
        />
      )}
      {periods.error !== null && <ErrorAlert error={periods.error} onRetry={periods.reload} />}
      {periods.data && (
        <GradingPeriodsSection
          overview={periods.data}
          readOnly={!mayCall('periods.update')}
          scheduled={publication.data?.mode === 'scheduled'}
          onChange={periods.setData}
          onDirty={onPeriodsDirty}
        />
      )}
      {divisions.data && divisions.data.length > 0 && (
        <SubjectCoefficientsSection
          divisions={divisions.data}
          readOnly={!mayCall('coefficients.update')}
          onDirty={onCoefficientsDirty}
        />
      )}
      <UnsavedChangesGuard when={Object.values(dirtyParts).some(Boolean)} />
    </Stack>
  );
}
