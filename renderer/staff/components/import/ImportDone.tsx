import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { ImportResult } from '../../../../shared/api/staff';
import { useFocusOnMount } from '../../hooks/useFocusOnMount';
import { importCountLabel } from '../../importLabels';
import { InfoList } from '../InfoList';
import { formatNumber } from '../../../ui/format';

interface ImportDoneProps {
  result: ImportResult;
  fileNames: string[];
  onRestart: () => void;
}

/** Step 3: what was written, in the words of the audit log. */
export function ImportDone({ result, fileNames, onRestart }: ImportDoneProps) {
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const counts = Object.entries(result.counts);
  return (
    <Paper withBorder radius="md" p="lg" maw={720}>
      <Stack gap="md">
        <Title order={2} size="h3" ref={headingRef} tabIndex={-1}>
          Import terminé
        </Title>
        <Alert color="green" variant="light" role="status">
          <Text size="sm">
            Les changements sont enregistrés et l’import est inscrit au journal.
          </Text>
        </Alert>
        {fileNames.length > 0 && (
          <Text size="sm">
            <Text span fw={600}>
              {fileNames.length === 1 ? 'Fichier importé : ' : 'Fichiers importés : '}
            </Text>
            {fileNames.join(', ')}
          </Text>
        )}
        <InfoList
          items={counts.map(([key, count]) => ({
            label: importCountLabel(key),
            value: formatNumber(count),
          }))}
        />
        <Group gap="sm">
          <Button component={Link} to="/eleves">
            Voir les élèves
          </Button>
          <Button variant="default" onClick={onRestart}>
            Nouvel import
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
