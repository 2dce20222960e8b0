import { SimpleGrid, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { STAFF_ROLE_LABELS } from '../../shared/domain/roles';
import { ChangePasswordForm } from './components/ChangePasswordForm';
import { InfoList } from './components/InfoList';
import { PageHeader } from './components/PageHeader';
import { SectionCard } from './components/SectionCard';
import { useSession } from './session';

export function AccountPage() {
  const { session } = useSession();
  return (
    <Stack gap="md" maw={1000}>
      <PageHeader title="Mon compte" />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <SectionCard title="Mon profil">
          <InfoList
            items={[
              { label: 'Nom', value: session.displayName },
              { label: 'Identifiant', value: session.login },
              { label: 'Rôle', value: STAFF_ROLE_LABELS[session.role] },
              { label: 'Établissement', value: `${session.school.name} (${session.school.uai})` },
            ]}
          />
        </SectionCard>
        <SectionCard title="Changer mon mot de passe">
          <ChangePasswordForm
            onChanged={() =>
              notifications.show({ color: 'green', message: 'Mot de passe modifié.' })
            }
          />
        </SectionCard>
      </SimpleGrid>
    </Stack>
  );
}
