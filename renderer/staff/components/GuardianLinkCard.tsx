import { Anchor, Paper, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { GuardianLink } from '../../../shared/api/staff';
import { guardianRoleLabel } from '../../../shared/domain/relationship';
import { civilName } from '../../ui/format';
import { useMayCall } from '../session';
import { guardianContactItems } from './guardianContactItems';
import { InfoList } from './InfoList';

/** One guardian of a student, as seen from the student's record. */
export function GuardianLinkCard({ guardian }: { guardian: GuardianLink }) {
  const mayOpenGuardian = useMayCall()('guardians.get');
  const name = civilName(guardian.civility, guardian.lastName, guardian.firstName);
  return (
    <Paper withBorder p="md" radius="md" bg="gray.0">
      <Text size="xs" fw={700} tt="uppercase" c="indigo.9">
        {guardianRoleLabel(guardian.legalRank, guardian.responsibilityLevel, guardian.civility)} ·{' '}
        {guardian.relationshipLabel}
      </Text>
      <Text component="h3" fw={700} size="md" my={6}>
        {mayOpenGuardian ? (
          <Anchor component={Link} to={`/responsables/${guardian.guardianId}`} inherit>
            {name}
          </Anchor>
        ) : (
          name
        )}
      </Text>
      <InfoList items={guardianContactItems(guardian)} />
    </Paper>
  );
}
