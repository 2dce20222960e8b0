import { Alert, Anchor, Badge, SimpleGrid, Stack, Text } from '@mantine/core';
import { Fragment } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { FollowedAddress, StudentDetail } from '../../shared/api/staff';
import { civilName, formatDate, personName } from '../ui/format';
import { ErrorAlert } from '../ui/ErrorAlert';
import { PageLoader } from '../ui/PageLoader';
import { BackButton } from './components/BackButton';
import { AddressLines, EmailValue, PhoneLines } from './components/ContactDetails';
import { GuardianLinkCard } from './components/GuardianLinkCard';
import { InfoList } from './components/InfoList';
import { PageHeader } from './components/PageHeader';
import { ReportCardButton } from './components/ReportCardButton';
import { SectionCard } from './components/SectionCard';
import { useStaffQuery } from './hooks/useStaffQuery';
import { scopePath } from './studentListScope';
import { leftOnLabel } from '../../shared/domain/agreement';

function birthSentence(student: StudentDetail): string {
  if (!student.birthDate) return '';
  const born = student.sex === 'F' ? 'Née le' : 'Né le';
  const where = [student.birthDepartment, student.birthCountry].filter(Boolean).join(', ');
  const place = student.birthCommune
    ? ` à ${student.birthCommune}${where ? ` (${where})` : ''}`
    : where
      ? ` (${where})`
      : '';
  return `${born} ${formatDate(student.birthDate)}${place}`;
}

/** The guardian's address the pupil lives at, and whose it is (a link to that guardian). */
function FollowedAddressLines({ followed }: { followed: FollowedAddress }) {
  const whose = followed.legalRank ? `, responsable légal ${followed.legalRank}` : '';
  return (
    <>
      <AddressLines address={followed.address} />
      <Text span size="xs" c="dimmed" style={{ display: 'block' }}>
        Adresse de{' '}
        <Anchor
          component={Link}
          to={`/responsables/${followed.guardianId}`}
          inherit
          underline="always"
        >
          {civilName(followed.civility, followed.lastName, followed.firstName)}
        </Anchor>
        {whose}
      </Text>
    </>
  );
}

function StudentRecord({ student }: { student: StudentDetail }) {
  const firstNames = [student.firstName, student.firstName2, student.firstName3].filter(Boolean);
  const left = student.leftOn ? leftOnLabel(student.sex, student.leftOn) : null;
  // A DATE_SORTIE still to come: the pupil is there until that day.
  const leaving = student.leavesOn ? `Part le ${formatDate(student.leavesOn)}` : null;

  return (
    <Stack gap="md">
      <BackButton fallback="/eleves" />
      <PageHeader
        title={personName(student.lastName, student.firstName)}
        subtitle={student.divisionCode ? `Division ${student.divisionCode}` : 'Sans division'}
        actions={
          student.divisionId !== null &&
          !student.leftOn && (
            <ReportCardButton
              target={{ studentId: student.id }}
              divisionId={student.divisionId}
              fileLabel={`${student.lastName}-${student.firstName}`}
            />
          )
        }
        badges={
          (left && (
            <Badge color="gray.8" variant="filled" size="lg">
              {left}
            </Badge>
          )) ||
          (leaving && (
            <Badge color="orange.9" variant="light" size="lg">
              {leaving}
            </Badge>
          ))
        }
      />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <SectionCard title="Identité">
          <InfoList
            items={[
              { label: 'Prénoms', value: firstNames.join(', ') },
              { label: 'Sexe', value: student.sex === 'F' ? 'Féminin' : 'Masculin' },
              { label: 'Naissance', value: birthSentence(student) },
              { label: 'INE', value: student.ine },
              {
                label: 'Division',
                value:
                  student.divisionId !== null && student.divisionCode ? (
                    <Anchor component={Link} to={`/eleves/division/${student.divisionId}`} inherit>
                      {student.divisionCode}
                    </Anchor>
                  ) : (
                    'Sans division'
                  ),
              },
              ...(student.groups.length > 0
                ? [
                    {
                      label: student.groups.length > 1 ? 'Groupes' : 'Groupe',
                      // Each group opens its list: its pupils from every division.
                      value: student.groups.map((code, i) => (
                        <Fragment key={code}>
                          {i > 0 && ', '}
                          <Anchor component={Link} to={scopePath({ kind: 'group', code })} inherit>
                            {code}
                          </Anchor>
                        </Fragment>
                      )),
                    },
                  ]
                : []),
              { label: 'Régime', value: student.regimeLabel },
            ]}
          />
        </SectionCard>
        <SectionCard title="Coordonnées">
          {student.contactHidden ? (
            <Alert color="gray" variant="light">
              Coordonnées de l’élève réservées à la vie scolaire et au secrétariat.
            </Alert>
          ) : (
            <InfoList
              items={[
                {
                  label: 'Adresse',
                  value: student.followedAddress ? (
                    <FollowedAddressLines followed={student.followedAddress} />
                  ) : (
                    <AddressLines address={student.address} />
                  ),
                },
                {
                  label: 'Téléphones',
                  value: (
                    <PhoneLines
                      phones={[
                        ['Domicile', student.phoneHome],
                        ['Portable', student.phoneMobile],
                      ]}
                    />
                  ),
                },
                { label: 'Courriel', value: <EmailValue email={student.email} /> },
              ]}
            />
          )}
        </SectionCard>
      </SimpleGrid>
      <SectionCard title="Responsables">
        {student.guardiansHidden ? (
          <Alert color="gray" variant="light">
            Coordonnées des responsables réservées à la vie scolaire et au secrétariat.
          </Alert>
        ) : student.guardians.length === 0 ? (
          <Text size="sm" c="dimmed">
            Aucun responsable enregistré pour cet élève.
          </Text>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            {student.guardians.map((guardian) => (
              <GuardianLinkCard key={guardian.guardianId} guardian={guardian} />
            ))}
          </SimpleGrid>
        )}
      </SectionCard>
    </Stack>
  );
}

export function StudentPage() {
  const id = Number(useParams().studentId);
  const valid = Number.isInteger(id) && id > 0;
  const student = useStaffQuery('students.get', { id }, { enabled: valid });

  if (!valid)
    return <PageHeader title="Élève introuvable" subtitle="L’adresse de la page est incorrecte." />;
  if (student.error !== null) {
    return (
      <Stack>
        <PageHeader title="Élève" />
        <ErrorAlert error={student.error} onRetry={student.reload} />
      </Stack>
    );
  }
  // Keyed data may belong to the previous student while the next one loads.
  if (student.loading || !student.data || student.data.id !== id) return <PageLoader />;
  return <StudentRecord student={student.data} />;
}
