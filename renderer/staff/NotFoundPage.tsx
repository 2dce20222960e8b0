import { Anchor, Stack, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { PageHeader } from './components/PageHeader';

export function NotFoundPage() {
  return (
    <Stack>
      <PageHeader title="Page introuvable" />
      <Text size="sm">
        Cette adresse ne correspond à aucune page de Pupitre.{' '}
        <Anchor component={Link} to="/">
          Revenir au tableau de bord
        </Anchor>
      </Text>
    </Stack>
  );
}
