import { useMemo, useRef, useState } from 'react';
import { Group, Text, TextInput } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ImportLine } from '../../../../shared/api/staff';
import { foldForSearch } from '../../../../shared/domain/normalize';
import { formatCount, formatNumber } from '../../../ui/format';
import { frenchDatesIn } from '../../importLabels';

/** Up to this many lines are simply listed; beyond, the list scrolls in a box of its own. */
export const PLAIN_LIST_MAX = 50;
const ESTIMATED_ROW_HEIGHT = 52;

function LineContent({ line }: { line: ImportLine }) {
  return (
    <>
      <Text size="sm" fw={600} className="import-line__label">
        {line.label}
      </Text>
      {line.detail && (
        <Text size="sm" c="dimmed" className="import-line__detail">
          {frenchDatesIn(line.detail)}
        </Text>
      )}
    </>
  );
}

function PlainList({ lines, label }: { lines: ImportLine[]; label: string }) {
  return (
    <ul className="import-lines" aria-label={label}>
      {lines.map((line, index) => (
        <li key={`${line.key}-${index}`} className="import-line">
          <LineContent line={line} />
        </li>
      ))}
    </ul>
  );
}

/** Only the visible lines are in the DOM: 2 000 changed records scroll without a stall. */
function VirtualList({ lines, label }: { lines: ImportLine[]; label: string }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // No React Compiler in this build: the virtualizer re-renders this component itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_HEIGHT,
    overscan: 10,
  });
  return (
    <div
      ref={scrollRef}
      className="import-lines__scroll"
      // Focusable so that the keyboard can scroll it (arrows, Page up/down).
      tabIndex={0}
      role="region"
      aria-label={`${label} (liste défilante)`}
    >
      <ul
        className="import-lines import-lines--virtual"
        aria-label={label}
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((row) => {
          const line = lines[row.index];
          if (!line) return null;
          return (
            <li
              key={row.key}
              ref={virtualizer.measureElement}
              data-index={row.index}
              aria-setsize={lines.length}
              aria-posinset={row.index + 1}
              className="import-line"
              style={{ transform: `translateY(${row.start}px)` }}
            >
              <LineContent line={line} />
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/**
 * The people a section of the preview names, each with what changes for them. Long lists get
 * a filter, so a secretary can look up one pupil among hundreds.
 */
export function ImportLineList({ lines, label }: { lines: ImportLine[]; label: string }) {
  const [filter, setFilter] = useState('');
  const wanted = foldForSearch(filter);
  const shown = useMemo(
    () =>
      wanted === ''
        ? lines
        : lines.filter((line) => foldForSearch(`${line.label} ${line.detail}`).includes(wanted)),
    [lines, wanted],
  );

  if (lines.length <= PLAIN_LIST_MAX) return <PlainList lines={lines} label={label} />;
  return (
    <div className="import-lines__long">
      <Group align="flex-end" gap="md" mb="xs" wrap="wrap">
        <TextInput
          label="Rechercher dans cette liste"
          placeholder="Nom, prénom, division…"
          size="sm"
          w={280}
          value={filter}
          onChange={(event) => setFilter(event.currentTarget.value)}
        />
        <Text size="sm" c="dimmed" aria-live="polite" pb={6}>
          {wanted === ''
            ? formatCount(lines.length, 'ligne', 'lignes')
            : `${formatCount(shown.length, 'ligne trouvée', 'lignes trouvées')} sur ${formatNumber(lines.length)}`}
        </Text>
      </Group>
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed">
          Aucune ligne ne correspond à « {filter.trim()} ».
        </Text>
      ) : (
        <VirtualList lines={shown} label={label} />
      )}
    </div>
  );
}
