import { useEffect, useRef } from 'react';
import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import type { ImportPreview } from '../../../../shared/api/staff';
import { errorMessage, isApiFailure } from '../../../ui/errors';
import { useFocusOnMount } from '../../hooks/useFocusOnMount';
import { previewSummary } from '../../importLabels';
import { ImportChanges } from './ImportChanges';
import { ImportFilesTable } from './ImportFilesTable';
import { ImportProblems } from './ImportProblems';

export const UNCHANGED_MESSAGE = 'Aucun changement : la base est déjà à jour de ces fichiers.';

interface ImportPreviewStepProps {
  preview: ImportPreview;
  schoolUai: string;
  /** What went wrong when applying or cancelling, shown above the preview. */
  error: unknown;
  busy: 'apply' | 'cancel' | 'reload' | null;
  onApply: () => void;
  onCancel: () => void;
  /** Runs the preview again on the same files (after a "conflict"). */
  onReload: () => void;
}

/** Step 2: what the files would change, with the problems first; nothing is written yet. */
export function ImportPreviewStep({
  preview,
  schoolUai,
  error,
  busy,
  onApply,
  onCancel,
  onReload,
}: ImportPreviewStepProps) {
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const errorRef = useRef<HTMLDivElement>(null);
  // The buttons are at the bottom of a long page: bring a failure into view.
  useEffect(() => {
    if (error !== null) errorRef.current?.scrollIntoView({ block: 'center' });
  }, [error]);
  const hasBlocking = preview.problems.some((problem) => problem.blocking);
  const upToDate = preview.unchanged && !hasBlocking;
  const summary = preview.unchanged ? [] : previewSummary(preview);

  return (
    <Stack gap="md">
      <div>
        <Title order={2} size="h3" ref={headingRef} tabIndex={-1}>
          Aperçu de l’import
        </Title>
        <Alert color="blue" variant="light" role="status" mt="xs">
          <Text size="sm" fw={600}>
            Aperçu : rien n’a encore été enregistré.
          </Text>
          {preview.canApply && (
            <Text size="sm">
              Vérifiez les changements ci-dessous, puis appliquez l’import ou annulez-le.
            </Text>
          )}
          {summary.length > 0 && (
            <Text size="sm" mt={4}>
              <Text span fw={600} size="sm">
                En résumé :
              </Text>{' '}
              {summary.join(', ')}.
            </Text>
          )}
        </Alert>
      </div>

      {error !== null && (
        <Alert
          ref={errorRef}
          color="red"
          variant="light"
          title="L’import n’a pas été appliqué"
          role="alert"
        >
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Text size="sm">{errorMessage(error)}</Text>
            {isApiFailure(error, 'conflict') && (
              <Button size="xs" variant="default" onClick={onReload} loading={busy === 'reload'}>
                Relancer l’aperçu
              </Button>
            )}
          </Group>
        </Alert>
      )}

      <ImportProblems problems={preview.problems} />

      {upToDate && (
        <Alert color="green" variant="light" role="status" title="Base à jour">
          <Text size="sm">{UNCHANGED_MESSAGE}</Text>
        </Alert>
      )}

      <section aria-labelledby="import-files-title">
        <Title order={3} size="h4" id="import-files-title" mb="xs">
          Fichiers reconnus
        </Title>
        <ImportFilesTable files={preview.files} schoolUai={schoolUai} />
      </section>

      {!preview.unchanged && <ImportChanges preview={preview} />}

      <div className="import-actions">
        {upToDate ? (
          <Group justify="space-between" gap="sm">
            <Text size="sm" c="dimmed">
              Rien à enregistrer.
            </Text>
            <Button onClick={onCancel} loading={busy === 'cancel'}>
              Terminer
            </Button>
          </Group>
        ) : (
          <Group justify="space-between" gap="sm" wrap="wrap">
            <Text
              size="sm"
              // On a phone the buttons need the room more than this reminder does.
              visibleFrom={preview.canApply ? 'sm' : undefined}
              c={preview.canApply ? 'dimmed' : 'red.9'}
              fw={preview.canApply ? 400 : 500}
            >
              {preview.canApply
                ? 'Rien n’est enregistré avant votre confirmation.'
                : 'Corrigez d’abord les problèmes bloquants signalés plus haut.'}
            </Text>
            <Group gap="sm" wrap="nowrap">
              <Button
                variant="default"
                onClick={onCancel}
                loading={busy === 'cancel'}
                disabled={busy !== null && busy !== 'cancel'}
              >
                Annuler
              </Button>
              <Button onClick={onApply} disabled={!preview.canApply || busy !== null}>
                Appliquer l’import
              </Button>
            </Group>
          </Group>
        )}
      </div>
    </Stack>
  );
}
