import { Paper, SimpleGrid, Skeleton, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { SchoolYearInfo } from '../../shared/api/staff';
import { formatDate, formatNumber } from '../ui/format';
import { ErrorAlert } from '../ui/ErrorAlert';
import { CardSkeleton } from '../ui/PageLoader';
import { PageHeader } from './components/PageHeader';
import { SectionCard } from './components/SectionCard';
import { useStaffQuery } from './hooks/useStaffQuery';
import { useMayCall, useSession } from './session';

interface StatCardProps {
  label: string;
  value: number | undefined;
  /** Counts that ask for action (missing e-mail, no division) stand out when not zero. */
  attention?: boolean;
  /** Where the counted rows are listed: the whole card opens them. */
  to?: string;
}

function StatCard({ label, value, attention = false, to }: StatCardProps) {
  const highlighted = attention && value !== undefined && value > 0;
  const linked = to !== undefined && value !== undefined;
  const content = (
    <>
      <Text size="sm" c="dimmed" fw={500}>
        {label}
      </Text>
      {value === undefined ? (
        <Skeleton height={34} width={80} mt={6} />
      ) : (
        <Text fz={30} fw={700} c={highlighted ? 'orange.9' : linked ? 'indigo.8' : undefined}>
          {formatNumber(value)}
        </Text>
      )}
      {linked && (
        <Text size="sm" c="indigo.8" aria-hidden="true">
          Voir la liste →
        </Text>
      )}
    </>
  );
  const look = {
    withBorder: true,
    p: 'md',
    radius: 'md',
    bg: highlighted ? 'orange.0' : 'white',
  } as const;
  return linked ? (
    <Paper
      {...look}
      component={Link}
      to={to}
      className="stat-card-link"
      aria-label={`${label}\u00a0: ${formatNumber(value)}, voir la liste`}
    >
      {content}
    </Paper>
  ) : (
    <Paper {...look}>{content}</Paper>
  );
}

function SchoolYearCard({ year }: { year: SchoolYearInfo | null }) {
  if (!year) {
    return <Text size="sm">Aucune année scolaire n’est encore définie.</Text>;
  }
  return (
    <Stack gap="xs">
      <Text size="sm">
        Du {formatDate(year.startsOn)} au {formatDate(year.endsOn)}
      </Text>
      <Table striped withTableBorder maw={560} aria-label={`Périodes de l’année ${year.label}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Période</Table.Th>
            <Table.Th scope="col">Du</Table.Th>
            <Table.Th scope="col">Au</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {year.periods.map((period) => (
            <Table.Tr key={period.code}>
              <Table.Td>{period.label}</Table.Td>
              <Table.Td>{formatDate(period.startsOn)}</Table.Td>
              <Table.Td>{formatDate(period.endsOn)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

export function DashboardPage() {
  const { session } = useSession();
  // Teachers see the counts but not the guardians themselves (SPEC §2).
  const mayListGuardians = useMayCall()('guardians.list');
  const summary = useStaffQuery('dashboard.summary', {});
  const year = useStaffQuery('school.year', {});
  const counts = summary.data;

  return (
    <Stack gap="lg">
      <PageHeader
        title="Tableau de bord"
        subtitle={[counts?.schoolName ?? session.school.name, counts?.schoolYear]
          .filter(Boolean)
          .join(' — ')}
      />
      {summary.error !== null && <ErrorAlert error={summary.error} onRetry={summary.reload} />}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 5 }} spacing="md">
        <StatCard label="Élèves" value={counts?.studentCount} to="/eleves" />
        <StatCard label="Divisions" value={counts?.divisionCount} to="/eleves" />
        <StatCard
          label="Responsables"
          value={counts?.guardianCount}
          to={mayListGuardians ? '/responsables' : undefined}
        />
        <StatCard
          label="Responsables sans adresse e-mail"
          value={counts?.guardiansWithoutEmail}
          attention
          to={mayListGuardians ? '/responsables/sans-courriel' : undefined}
        />
        <StatCard
          label="Élèves sans division"
          value={counts?.studentsWithoutDivision}
          attention
          to="/eleves/sans-division"
        />
      </SimpleGrid>
      <SectionCard title={year.data ? `Année scolaire ${year.data.label}` : 'Année scolaire'}>
        {year.error !== null && <ErrorAlert error={year.error} onRetry={year.reload} />}
        {year.loading && year.data === undefined ? (
          <CardSkeleton lines={3} />
        ) : (
          year.data !== undefined && <SchoolYearCard year={year.data} />
        )}
      </SectionCard>
    </Stack>
  );
}
