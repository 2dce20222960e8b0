import { useEffect, useRef, useState } from 'react';
import { Badge, Button, Table, Text } from '@mantine/core';
import type { GradeGrid, GridAssessment, MarkSaveResult } from '../../../../shared/api/staff';
import { slashDate } from '../../../../shared/domain/frenchDates';
import { assessmentFigures } from '../../../../shared/domain/grades/averages';
import { formatCoefficient } from '../../../../shared/domain/grades/display';
import { formatPoints, type MarkValue } from '../../../../shared/domain/grades/marks';
import { personName } from '../../../ui/format';
import { AverageExplanation } from './AverageExplanation';
import { GradeCellInput, type Move } from './GradeCellInput';
import { clipboardRows } from './gridPaste';

interface GradeGridTableProps {
  grid: GradeGrid;
  onSave: (
    assessmentId: number,
    studentId: number,
    text: string,
    version: number,
  ) => Promise<MarkSaveResult>;
  /**
   * Several values pasted in one cell (a spreadsheet's rows × columns), from that cell; ends
   * when every column is saved or refused.
   */
  onPaste: (fromColumn: number, fromRow: number, rows: string[][]) => Promise<void>;
  /** « Modifier » under a devoir's heading, where the caller may change it. */
  onEdit?: (assessment: GridAssessment) => void;
}

/** The pupils' names stay in view while the devoirs scroll sideways (a phone, a long term). */
const STICKY = {
  position: 'sticky',
  left: 0,
  zIndex: 1,
  background: 'var(--mantine-color-body)',
} as const;

const cellKey = (column: number, row: number) => `grade-cell-${column}-${row}`;
const averageKey = (row: number) => `grade-average-${row}`;

/** Pupils in rows, devoirs in columns, the class figures underneath. */
export function GradeGridTable({ grid, onSave, onPaste, onEdit }: GradeGridTableProps) {
  const readOnly = !grid.canEdit;
  // What each cell holds as typed, by « assessment:student »: the class figures follow the
  // typing with the same engine as the server's, whose reload then confirms them.
  const [live, setLive] = useState<Record<string, MarkValue | null>>({});
  // The cells holding a value not yet stored, each with a way to send it at once.
  const pending = useRef(new Map<string, () => void>());

  // The window closing, left for another page or hidden (a phone's tab switched, a laptop
  // shut): the marks still waiting for the autosave's pause are sent now, on requests the
  // browser finishes after the page is gone. Closing still asks while one is on its way or
  // wrong (the teacher may want to stay and see it stored, or correct it).
  useEffect(() => {
    const flushAll = () => {
      for (const flush of [...pending.current.values()]) flush();
    };
    const guard = (event: BeforeUnloadEvent) => {
      flushAll();
      if (pending.current.size === 0) return;
      event.preventDefault();
      event.returnValue = '';
    };
    const hidden = () => {
      if (document.visibilityState === 'hidden') flushAll();
    };
    window.addEventListener('beforeunload', guard);
    window.addEventListener('pagehide', flushAll);
    document.addEventListener('visibilitychange', hidden);
    return () => {
      window.removeEventListener('beforeunload', guard);
      window.removeEventListener('pagehide', flushAll);
      document.removeEventListener('visibilitychange', hidden);
    };
  }, []);

  const setLiveValue = (key: string, value: MarkValue | null) =>
    setLive((previous) =>
      key in previous && JSON.stringify(previous[key]) === JSON.stringify(value)
        ? previous
        : { ...previous, [key]: value },
    );
  const setPending = (key: string, isPending: boolean, flush: () => void) => {
    if (isPending) pending.current.set(key, flush);
    else pending.current.delete(key);
  };
  // A paste is saved one devoir after another: closing the window meanwhile would lose the
  // columns not yet sent, so it asks, as for a typed mark on its way (nothing to flush).
  const pastes = useRef(0);
  const pasteFrom = (column: number, row: number, rows: string[][]) => {
    const key = `paste:${(pastes.current += 1)}`;
    const done = () => setPending(key, false, () => {});
    setPending(key, true, () => {});
    onPaste(column, row, rows).then(done, done);
  };
  const move = (column: number, row: number, by: Move) => {
    const target = column + by.columns;
    // Past the last devoir, the pupil's average (out of the Tab order, reached by the arrows).
    const next =
      target === grid.assessments.length
        ? document.querySelector<HTMLElement>(`[data-focus-key="${averageKey(row + by.rows)}"]`)
        : document.getElementById(cellKey(target, row + by.rows));
    next?.focus();
  };

  const figures = grid.assessments.map(
    (a) =>
      assessmentFigures(
        grid.pupils.map((p) => {
          const key = `${a.id}:${p.id}`;
          return key in live ? live[key]! : p.cells[String(a.id)]!.value;
        }),
      ).display,
  );
  const figureRow = (title: string, pick: (f: (typeof figures)[number]) => string) => (
    <Table.Tr>
      <Table.Th scope="row" style={STICKY}>
        {title}
      </Table.Th>
      {grid.assessments.map((a, column) => (
        <Table.Td key={a.id} ta="center">
          {pick(figures[column]!)}
        </Table.Td>
      ))}
      <Table.Td />
    </Table.Tr>
  );
  return (
    <Table.ScrollContainer minWidth={320 + grid.assessments.length * 96}>
      <Table verticalSpacing={4} striped withColumnBorders stickyHeader>
        <Table.Thead>
          <Table.Tr>
            <Table.Th miw={{ base: 140, sm: 180 }} style={STICKY}>
              Élève
            </Table.Th>
            {grid.assessments.map((a) => (
              <Table.Th key={a.id} ta="center" miw={96}>
                <Text size="sm" fw={600} lineClamp={2}>
                  {a.label}
                </Text>
                <Text size="xs" c="dimmed">
                  {slashDate(a.day)}
                </Text>
                <Text size="xs" c="dimmed">
                  {`/${formatPoints(a.scaleHundredths)} · coef. ${formatCoefficient(a.coefficientHundredths)}`}
                </Text>
                {a.optional && (
                  <Badge size="xs" variant="light" tt="none">
                    facultatif
                  </Badge>
                )}
                {/* A correction here will show « modifiée le … » to the families. */}
                {a.published && (
                  <Text size="xs" fw={600} c="teal.9">
                    Visible des familles
                  </Text>
                )}
                {onEdit && !readOnly && (
                  <Button
                    display="block"
                    mx="auto"
                    size="compact-xs"
                    variant="subtle"
                    aria-label={`Modifier le devoir « ${a.label} »`}
                    onClick={() => onEdit(a)}
                  >
                    Modifier
                  </Button>
                )}
              </Table.Th>
            ))}
            <Table.Th ta="center">Moyenne</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {grid.pupils.map((pupil, row) => (
            <Table.Tr key={pupil.id}>
              <Table.Th scope="row" fw={500} style={STICKY}>
                {personName(pupil.lastName, pupil.firstName)}
                {grid.service.structureKind === 'group' && (
                  <Text span size="xs" c="dimmed">{` ${pupil.divisionCode}`}</Text>
                )}
              </Table.Th>
              {grid.assessments.map((a, column) => {
                const cell = pupil.cells[String(a.id)]!;
                const key = `${a.id}:${pupil.id}`;
                return (
                  <Table.Td key={a.id} ta="center">
                    <GradeCellInput
                      id={cellKey(column, row)}
                      label={`${a.label}, ${personName(pupil.lastName, pupil.firstName)}`}
                      cell={cell}
                      scaleHundredths={a.scaleHundredths}
                      readOnly={readOnly}
                      onSave={(text, version) => onSave(a.id, pupil.id, text, version)}
                      onLive={(value) => setLiveValue(key, value)}
                      onPending={(isPending, flush) => setPending(key, isPending, flush)}
                      onPaste={(text) => {
                        const rows = clipboardRows(text);
                        if (rows.length < 2 && (rows[0]?.length ?? 0) < 2) return false;
                        pasteFrom(column, row, rows);
                        return true;
                      }}
                      onMove={(by) => move(column, row, by)}
                    />
                  </Table.Td>
                );
              })}
              <Table.Td ta="center">
                <AverageExplanation
                  focusKey={averageKey(row)}
                  serviceId={grid.service.id}
                  periodId={grid.period.id}
                  studentId={pupil.id}
                  pupilName={personName(pupil.lastName, pupil.firstName)}
                  display={pupil.average}
                  onArrow={(by) => move(grid.assessments.length, row, by)}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        {grid.assessments.length > 0 && (
          <Table.Tfoot>
            {figureRow('Moyenne de la classe', (f) => f.average)}
            {figureRow('Note la plus basse', (f) => f.lowest)}
            {figureRow('Note la plus haute', (f) => f.highest)}
          </Table.Tfoot>
        )}
      </Table>
    </Table.ScrollContainer>
  );
}
