import { Anchor, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { GuardianListItem } from '../../shared/api/staff';
import { ErrorAlert } from '../ui/ErrorAlert';
import { civilName, formatCount, personName } from '../ui/format';
import { PageLoader } from '../ui/PageLoader';
import { EmailValue, PhoneNumber } from './components/ContactDetails';
import { PageHeader } from './components/PageHeader';
import { useStaffQuery } from './hooks/useStaffQuery';

function GuardianRow({ guardian }: { guardian: GuardianListItem }) {
  const phone = guardian.phoneMobile || guardian.phoneHome;
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={600}>
        <Anchor component={Link} to={`/responsables/${guardian.id}`} inherit>
          {civilName(guardian.civility, guardian.lastName, guardian.firstName)}
        </Anchor>
      </Table.Th>
      <Table.Td>
        {guardian.children.length === 0 ? (
          <Text span size="sm" c="dimmed">
            Aucun élève présent
          </Text>
        ) : (
          guardian.children.map((child) => (
            <span key={child.studentId} style={{ display: 'block' }}>
              <Anchor component={Link} to={`/eleves/${child.studentId}`} inherit>
                {personName(child.lastName, child.firstName)}
              </Anchor>{' '}
              <Text span size="xs" c="dimmed">
                {child.divisionCode ?? 'sans division'}
              </Text>
            </span>
          ))
        )}
      </Table.Td>
      <Table.Td>
        {phone ? (
          <PhoneNumber number={phone} />
        ) : (
          <Text span size="sm" c="dimmed">
            Aucun téléphone
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <EmailValue email={guardian.email} />
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * The school's guardians, or only those without an e-mail address: what the dashboard's
 * counters open (the secretariat phones the latter before the letters go out).
 */
export function GuardiansPage({ withoutEmail = false }: { withoutEmail?: boolean }) {
  const list = useStaffQuery('guardians.list', { withoutEmail });
  const title = withoutEmail ? 'Responsables sans adresse e-mail' : 'Responsables';
  return (
    <Stack gap="md">
      <PageHeader
        title={title}
        subtitle={
          list.data ? formatCount(list.data.length, 'responsable', 'responsables') : undefined
        }
      />
      {list.error !== null ? (
        <ErrorAlert error={list.error} onRetry={list.reload} />
      ) : list.data === undefined ? (
        <PageLoader />
      ) : list.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {withoutEmail
            ? 'Tous les responsables ont une adresse e-mail.'
            : 'Aucun responsable n’est encore enregistré.'}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped withTableBorder verticalSpacing="xs" aria-label={title}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Responsable</Table.Th>
                <Table.Th scope="col">Enfants</Table.Th>
                <Table.Th scope="col">Téléphone</Table.Th>
                <Table.Th scope="col">Courriel</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((guardian) => (
                <GuardianRow key={guardian.id} guardian={guardian} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
