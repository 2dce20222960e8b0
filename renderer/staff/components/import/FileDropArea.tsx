import type { DragEvent, MouseEvent } from 'react';
import { useId, useRef, useState } from 'react';
import { Text } from '@mantine/core';

export const FILE_INPUT_LABEL = 'Fichiers SIECLE (.xml ou .zip)';

interface FileDropAreaProps {
  disabled: boolean;
  onFiles: (files: File[]) => void;
}

/**
 * A real file input (keyboard, screen readers, automated tests all reach it by its label),
 * visually hidden inside a zone that also takes files dropped from the file explorer.
 */
export function FileDropArea({ disabled, onFiles }: FileDropAreaProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const helpId = useId();
  const [dragging, setDragging] = useState(false);

  function onDragOver(event: DragEvent<HTMLDivElement>) {
    if (disabled || !event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    if (disabled) return;
    onFiles([...event.dataTransfer.files]);
  }

  function onZoneClick(event: MouseEvent<HTMLDivElement>) {
    // A click on the label already opens the picker (and reaches here through the input).
    const target = event.target as HTMLElement;
    if (disabled || target === inputRef.current || target.closest('label')) return;
    inputRef.current?.click();
  }

  return (
    <div
      className="import-dropzone"
      data-dragging={dragging || undefined}
      data-disabled={disabled || undefined}
      onDragOver={onDragOver}
      onDragLeave={(event) => {
        // Leaving for one of the zone's own children is not leaving the zone.
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
      onClick={onZoneClick}
    >
      <label htmlFor={inputId} className="import-dropzone__label">
        {FILE_INPUT_LABEL}
      </label>
      <input
        ref={inputRef}
        id={inputId}
        type="file"
        multiple
        accept=".xml,.zip"
        disabled={disabled}
        aria-describedby={helpId}
        className="import-dropzone__input"
        onChange={(event) => {
          const files = [...(event.currentTarget.files ?? [])];
          // Emptied so that choosing the same file again (after removing it) is noticed.
          event.currentTarget.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
      <Text size="sm" id={helpId} className="import-dropzone__help">
        Les exports de SIECLE (BEE) : ElevesSansAdresses ou ElevesAvecAdresses,
        ResponsablesAvecAdresses et Nomenclature, en .xml ou dans le .zip d’origine. Leur nom
        importe peu : Pupitre reconnaît chaque fichier à son contenu.
      </Text>
      <span className="import-dropzone__button" aria-hidden="true">
        Choisir des fichiers
      </span>
      <Text size="xs" c="dimmed" aria-hidden="true">
        ou glissez-les ici
      </Text>
    </div>
  );
}
