import { useState } from 'react';
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ImportPreview } from '../../../../shared/api/staff';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { callStaff, uploadForImport } from '../../api';
import type { ChosenFile, FileProgress } from './ChosenFileList';
import { ChosenFileList } from './ChosenFileList';
import { FileDropArea } from './FileDropArea';
import { formatNumber } from '../../../ui/format';

/** The preview call takes ten files at most (ImportPreviewInput). */
const MAX_FILES = 10;
const ACCEPTED = /\.(xml|zip)$/i;

export const fileId = (file: File) => `${file.name}|${file.size}|${file.lastModified}`;

interface ChooseFilesStepProps {
  files: ChosenFile[];
  onFilesChange: (files: ChosenFile[]) => void;
  onPreview: (preview: ImportPreview, uploadIds: string[]) => void;
}

type Phase = { name: 'idle' } | { name: 'uploading'; fileName: string } | { name: 'analysing' };

/** Step 1: pick the exports, send them one after the other, then ask for the preview. */
export function ChooseFilesStep({ files, onFilesChange, onPreview }: ChooseFilesStepProps) {
  const [progress, setProgress] = useState<Record<string, FileProgress>>({});
  const [phase, setPhase] = useState<Phase>({ name: 'idle' });
  const [error, setError] = useState<unknown>(null);
  const [refused, setRefused] = useState<string[]>([]);
  const busy = phase.name !== 'idle';

  function addFiles(picked: File[]) {
    const notes: string[] = [];
    const next = [...files];
    for (const file of picked) {
      if (!ACCEPTED.test(file.name)) {
        notes.push(`« ${file.name} » n’est pas un fichier .xml ou .zip : il n’a pas été ajouté.`);
        continue;
      }
      const id = fileId(file);
      if (next.some((chosen) => chosen.id === id)) continue;
      if (next.length >= MAX_FILES) {
        notes.push(`Dix fichiers au plus : « ${file.name} » n’a pas été ajouté.`);
        continue;
      }
      next.push({ id, file });
    }
    setRefused(notes);
    setError(null);
    setProgress({});
    onFilesChange(next);
  }

  function removeFile(id: string) {
    setRefused([]);
    setError(null);
    setProgress({});
    onFilesChange(files.filter((chosen) => chosen.id !== id));
  }

  async function analyse() {
    setError(null);
    setRefused([]);
    setProgress({});
    const uploadIds: string[] = [];
    try {
      for (const { id, file } of files) {
        setPhase({ name: 'uploading', fileName: file.name });
        const upload = await uploadForImport(file, (loaded, total) =>
          setProgress((current) => ({ ...current, [id]: { loaded, total, done: false } })),
        );
        setProgress((current) => ({
          ...current,
          [id]: { loaded: file.size, total: file.size, done: true },
        }));
        uploadIds.push(upload.uploadId);
      }
      setPhase({ name: 'analysing' });
      const preview = await callStaff('import.preview', { uploadIds });
      setPhase({ name: 'idle' });
      onPreview(preview, uploadIds);
    } catch (caught) {
      setPhase({ name: 'idle' });
      setError(caught);
    }
  }

  const sentCount = Object.values(progress).filter((state) => state.done).length;

  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="md">
        <div>
          <Title order={2} size="h3">
            Choisir les fichiers
          </Title>
          <Text size="sm" c="dimmed" mt={4}>
            Choisissez les exports, puis lancez l’analyse. Pupitre montre ce qui changerait, sans
            rien enregistrer tant que vous n’avez pas confirmé.
          </Text>
        </div>

        <FileDropArea disabled={busy} onFiles={addFiles} />

        {refused.length > 0 && (
          <Alert color="orange" variant="light" role="status">
            {refused.map((note) => (
              <Text size="sm" key={note}>
                {note}
              </Text>
            ))}
          </Alert>
        )}

        {files.length > 0 && (
          <ChosenFileList files={files} progress={progress} disabled={busy} onRemove={removeFile} />
        )}

        {error !== null && <ErrorAlert error={error} title="Analyse impossible" />}

        <Group justify="space-between" gap="sm" wrap="wrap">
          <Text size="sm" c="dimmed" role="status" aria-live="polite">
            {phase.name === 'uploading'
              ? `Envoi de ${phase.fileName} (${formatNumber(sentCount + 1)} sur ${formatNumber(files.length)})…`
              : phase.name === 'analysing'
                ? 'Analyse des fichiers… Cela peut prendre quelques secondes.'
                : files.length === 0
                  ? 'Aucun fichier choisi.'
                  : ''}
          </Text>
          <Button onClick={() => void analyse()} disabled={files.length === 0} loading={busy}>
            Analyser les fichiers
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
