import { Button, Group, Stack, Text } from '@mantine/core';
import type { SetupResult } from '../../shared/api/staff';
import { CenteredPanel } from '../ui/CenteredPanel';
import { CopyableSecret } from '../ui/CopyableSecret';
import { useDocumentTitle } from './hooks/useDocumentTitle';

interface SchoolCreatedScreenProps {
  result: SetupResult;
  onContinue: () => void;
}

/** The only moment the first direction password is visible: the back end keeps its hash only. */
export function SchoolCreatedScreen({ result, onContinue }: SchoolCreatedScreenProps) {
  useDocumentTitle('Établissement créé');
  return (
    <CenteredPanel
      title="Établissement créé"
      subtitle={`${result.school.name} (${result.school.uai})`}
      width={520}
    >
      <Stack gap="md">
        <Text size="sm">
          {result.directionPassword
            ? 'Voici le compte de la direction. Vous devrez choisir un nouveau mot de passe à la première connexion.'
            : 'Voici le compte de la direction. Son mot de passe est celui qu’indique la variable PUPITRE_ADMIN_PASSWORD du serveur.'}
        </Text>
        <Group gap="xs">
          <Text size="sm">Identifiant :</Text>
          <Text size="sm" fw={700} ff="monospace">
            {result.directionLogin}
          </Text>
        </Group>
        {result.directionPassword ? (
          <>
            <CopyableSecret label="Mot de passe provisoire" value={result.directionPassword} />
            <Button onClick={onContinue}>J’ai noté le mot de passe, aller à la connexion</Button>
          </>
        ) : (
          <Button onClick={onContinue}>Aller à la connexion</Button>
        )}
      </Stack>
    </CenteredPanel>
  );
}
