import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { Link } from 'react-router-dom';
import type { TeachingServiceSummary, TeachingServicesView } from '../../shared/api/staff';
import { ConfirmButton } from '../ui/ConfirmButton';
import { ErrorAlert } from '../ui/ErrorAlert';
import { frenchSpacing } from '../ui/errors';
import { notifyError } from '../ui/notify';
import { PageLoader } from '../ui/PageLoader';
import { callStaff } from './api';
import { PageHeader } from './components/PageHeader';
import { ServiceFormModal } from './components/sts/ServiceFormModal';
import { useStaffQuery } from './hooks/useStaffQuery';
import { useMayCall } from './session';

interface Structure {
  key: string;
  title: string;
  note: string | null;
  mainTeachers: string[];
  services: TeachingServiceSummary[];
}

/** Divisions first, then groups, each with its services sorted by subject. */
function byStructure(view: TeachingServicesView): Structure[] {
  const structures = new Map<string, Structure>();
  for (const service of view.services) {
    const key = `${service.structureKind}|${service.structureCode}`;
    let structure = structures.get(key);
    if (!structure) {
      const isGroup = service.structureKind === 'group';
      structure = {
        key,
        title: isGroup ? `Groupe ${service.structureCode}` : service.structureCode,
        note:
          isGroup && service.groupDivisions.length > 0
            ? `Élèves de ${service.groupDivisions.join(', ')}`
            : null,
        mainTeachers: isGroup
          ? []
          : view.mainTeachers
              .filter((mt) => mt.divisionCode === service.structureCode)
              .map((mt) => mt.teacher.displayName),
        services: [],
      };
      structures.set(key, structure);
    }
    structure.services.push(service);
  }
  return [...structures.values()];
}

/**
 * « Services d’enseignement »: who teaches what, division by division. Every role opens it and
 * sees what `servicesVisibleTo` allows; the direction adds, changes and removes services.
 */
export function TeachingServicesPage() {
  const mayCall = useMayCall();
  const editable = mayCall('services.save');
  const list = useStaffQuery('services.list', {});
  const choices = useStaffQuery('services.options', {}, { enabled: editable });
  const view = list.data ?? null;
  const options = choices.data ?? null;
  const error = list.error;
  const [editing, setEditing] = useState<TeachingServiceSummary | 'new' | null>(null);
  const load = () => {
    list.reload();
    choices.reload();
  };

  async function remove(service: TeachingServiceSummary) {
    try {
      await callStaff('services.remove', { id: service.id });
      load();
    } catch (caught) {
      notifyError(caught);
    }
  }

  const structures = view ? byStructure(view) : [];
  return (
    <Stack gap="md">
      <PageHeader
        title="Services d’enseignement"
        subtitle={
          view?.scope === 'own'
            ? 'Vos services, et ceux des divisions dont vous êtes professeur principal'
            : 'Qui enseigne quoi, division par division'
        }
        actions={
          editable && (
            <>
              {mayCall('sts.upload') && (
                <Button component={Link} to="/import-sts" variant="default">
                  Import STS-Web
                </Button>
              )}
              <Button onClick={() => setEditing('new')} disabled={!options}>
                Ajouter un service
              </Button>
            </>
          )
        }
      />
      {error !== null && <ErrorAlert error={error} title="Services indisponibles" />}
      {view === null && error === null && <PageLoader />}
      {view !== null && structures.length === 0 && (
        <Alert color="blue" variant="light" role="status" title="Aucun service d’enseignement">
          <Text size="sm">
            {frenchSpacing(
              editable
                ? 'Importez l’export STS-Web (sts_emp_<UAI>_<année>.xml) ou ajoutez les services à la main.'
                : 'Aucun service ne vous est attribué pour l’instant : la direction les importe de STS-Web.',
            )}
          </Text>
        </Alert>
      )}
      {structures.map((structure) => (
        <Paper
          key={structure.key}
          component="section"
          withBorder
          radius="md"
          p={{ base: 'sm', sm: 'md' }}
          aria-label={structure.title}
        >
          <Group gap="sm" mb="xs" wrap="wrap">
            <Title order={2} size="h4">
              {structure.title}
            </Title>
            {structure.mainTeachers.map((name) => (
              <Badge key={name} variant="light" tt="none">
                {frenchSpacing(`Professeur principal : ${name}`)}
              </Badge>
            ))}
            {structure.note && (
              <Text size="sm" c="dimmed">
                {structure.note}
              </Text>
            )}
          </Group>
          <Table.ScrollContainer minWidth={300}>
            <Table verticalSpacing="xs" striped layout="fixed">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w="42%">Matière</Table.Th>
                  <Table.Th>Enseignant</Table.Th>
                  {editable && (
                    <Table.Th w={{ base: 112, sm: 190 }}>
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {structure.services.map((service) => (
                  <Table.Tr key={service.id}>
                    <Table.Td>
                      {service.subject.label}
                      {editable && (
                        <Text size="xs" c="dimmed">
                          {service.source === 'sts' ? 'STS-Web' : 'Saisi à la main'}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{service.teacher.displayName}</Table.Td>
                    {editable && (
                      <Table.Td>
                        <Group gap={4} justify="flex-end">
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            onClick={() => setEditing(service)}
                          >
                            Modifier
                          </Button>
                          <ConfirmButton
                            size="compact-sm"
                            variant="subtle"
                            color="red"
                            danger
                            title="Retirer ce service ?"
                            message={frenchSpacing(
                              `${service.teacher.displayName} n’enseignera plus ${service.subject.label} en ${service.structureCode} dans Pupitre. Un prochain import STS-Web remettra ce service s’il y figure encore.`,
                            )}
                            confirmLabel="Retirer"
                            onConfirm={() => void remove(service)}
                          >
                            Retirer
                          </ConfirmButton>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      ))}
      {editing !== null && options && (
        <ServiceFormModal
          options={options}
          service={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            load();
          }}
        />
      )}
    </Stack>
  );
}
