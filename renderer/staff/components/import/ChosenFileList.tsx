import { Button, Group, Progress, Text } from '@mantine/core';
import { formatFileSize } from '../../importLabels';

export interface ChosenFile {
  /** Name, size and date: the same file chosen twice is listed once. */
  id: string;
  file: File;
}

export interface FileProgress {
  loaded: number;
  total: number;
  done: boolean;
}

interface ChosenFileListProps {
  files: ChosenFile[];
  progress: Record<string, FileProgress>;
  disabled: boolean;
  onRemove: (id: string) => void;
}

function percent(progress: FileProgress): number {
  if (progress.done) return 100;
  return progress.total > 0
    ? Math.min(100, Math.round((progress.loaded / progress.total) * 100))
    : 0;
}

/** The files about to be analysed, with their size, upload progress and a way to take one out. */
export function ChosenFileList({ files, progress, disabled, onRemove }: ChosenFileListProps) {
  return (
    <ul className="import-files" aria-label="Fichiers choisis">
      {files.map(({ id, file }) => {
        const state = progress[id];
        const value = state ? percent(state) : 0;
        return (
          <li key={id} className="import-file">
            <Group justify="space-between" wrap="nowrap" gap="sm" align="center">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {file.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatFileSize(file.size)}
                  {state && (state.done ? ' — envoyé' : ` — envoi : ${value} %`)}
                </Text>
              </div>
              <Button
                variant="subtle"
                color="red"
                size="compact-sm"
                disabled={disabled}
                onClick={() => onRemove(id)}
                aria-label={`Retirer ${file.name}`}
              >
                Retirer
              </Button>
            </Group>
            {state && (
              <Progress
                value={value}
                size="sm"
                mt={6}
                color={state.done ? 'green.8' : 'indigo.8'}
                striped={!state.done}
                animated={!state.done}
                aria-label={`Envoi de ${file.name}`}
              />
            )}
          </li>
        );
      })}
    </ul>
  );
}
