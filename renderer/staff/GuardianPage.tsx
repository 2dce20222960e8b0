import { Anchor, Badge, Group, List, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link, useParams } from 'react-router-dom';
import type { GuardianChild, GuardianDetail } from '../../shared/api/staff';
import { leftOnLabel } from '../../shared/domain/agreement';
import { namesakeDetails } from '../../shared/domain/homonyms';
import { guardianRoleLabel } from '../../shared/domain/relationship';
import { civilName, personName } from '../ui/format';
import { ErrorAlert } from '../ui/ErrorAlert';
import { PageLoader } from '../ui/PageLoader';
import { BackButton } from './components/BackButton';
import { AddressLines, YesNo } from './components/ContactDetails';
import { guardianContactItems } from './components/guardianContactItems';
import { InfoList } from './components/InfoList';
import { PageHeader } from './components/PageHeader';
import { SectionCard } from './components/SectionCard';
import { useStaffQuery } from './hooks/useStaffQuery';

function ChildEntry({
  child,
  civility,
  namesake,
}: {
  child: GuardianChild;
  civility: string;
  namesake?: string;
}) {
  return (
    <List.Item>
      <Group gap="xs" wrap="wrap">
        <Anchor component={Link} to={`/eleves/${child.studentId}`} fw={600}>
          {personName(child.lastName, child.firstName)}
        </Anchor>
        {namesake && (
          <Text span size="sm" fw={600}>
            ({namesake})
          </Text>
        )}
        <Text span size="sm">
          {child.divisionCode ? `— ${child.divisionCode}` : '— sans division'}
        </Text>
        <Text span size="sm" c="dimmed">
          {child.relationshipLabel},{' '}
          {guardianRoleLabel(
            child.legalRank,
            child.responsibilityLevel,
            civility,
          ).toLocaleLowerCase('fr-FR')}
        </Text>
        {child.leftOn && (
          <Badge color="gray.8" variant="light">
            {leftOnLabel(child.sex, child.leftOn)}
          </Badge>
        )}
      </Group>
    </List.Item>
  );
}

function GuardianRecord({ guardian }: { guardian: GuardianDetail }) {
  const children = [...guardian.children].sort(
    (a, b) => Number(a.leftOn !== null) - Number(b.leftOn !== null),
  );
  const namesakes = namesakeDetails(children, { divisionShown: true });
  return (
    <Stack gap="md">
      <BackButton fallback="/eleves" />
      <PageHeader title={civilName(guardian.civility, guardian.lastName, guardian.firstName)} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <SectionCard title="Coordonnées">
          <InfoList
            items={[
              { label: 'Adresse', value: <AddressLines address={guardian.address} /> },
              ...guardianContactItems(guardian),
            ]}
          />
        </SectionCard>
        <SectionCard title="Situation et préférences">
          <InfoList
            items={[
              { label: 'Profession', value: guardian.profession },
              { label: 'Accepte les SMS', value: <YesNo value={guardian.acceptsSms} /> },
              {
                label: 'Autorise à communiquer son adresse',
                value: <YesNo value={guardian.sharesAddress} />,
              },
            ]}
          />
        </SectionCard>
      </SimpleGrid>
      <SectionCard title="Enfants">
        {children.length === 0 ? (
          <Text size="sm" c="dimmed">
            Aucun enfant rattaché.
          </Text>
        ) : (
          <List spacing="xs" listStyleType="none" aria-label="Enfants">
            {children.map((child) => (
              <ChildEntry
                key={child.studentId}
                child={child}
                civility={guardian.civility}
                namesake={namesakes.get(child.studentId)}
              />
            ))}
          </List>
        )}
      </SectionCard>
    </Stack>
  );
}

export function GuardianPage() {
  const id = Number(useParams().guardianId);
  const valid = Number.isInteger(id) && id > 0;
  const guardian = useStaffQuery('guardians.get', { id }, { enabled: valid });

  if (!valid) {
    return (
      <PageHeader title="Responsable introuvable" subtitle="L’adresse de la page est incorrecte." />
    );
  }
  if (guardian.error !== null) {
    return (
      <Stack>
        <PageHeader title="Responsable" />
        <ErrorAlert error={guardian.error} onRetry={guardian.reload} />
      </Stack>
    );
  }
  if (guardian.loading || !guardian.data || guardian.data.id !== id) return <PageLoader />;
  return <GuardianRecord guardian={guardian.data} />;
}
