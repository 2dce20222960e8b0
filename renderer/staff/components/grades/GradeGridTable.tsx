import { useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { Badge, Button, Table, Text, TextInput, Tooltip } from '@mantine/core';
import type { GradeCell, GradeGrid, GridAssessment } from '../../../../shared/api/staff';
import { slashDate } from '../../../../shared/domain/frenchDates';
import { formatCoefficient } from '../../../../shared/domain/grades/display';
import { formatPoints } from '../../../../shared/domain/grades/marks';
import { formatInstant, personName } from '../../../ui/format';
import { AverageExplanation } from './AverageExplanation';

interface GradeGridTableProps {
  grid: GradeGrid;
  onSave: (assessmentId: number, cell: GradeCell, text: string) => Promise<void>;
  /** Several lines pasted in one cell: the column from that pupil down. */
  onPasteColumn: (assessmentId: number, fromRow: number, lines: string[]) => Promise<void>;
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

function GradeCellInput({
  label,
  cell,
  column,
  row,
  readOnly,
  onSave,
  onPaste,
}: {
  label: string;
  cell: GradeCell;
  column: number;
  row: number;
  readOnly: boolean;
  onSave: (text: string) => Promise<void>;
  onPaste: (lines: string[]) => Promise<void>;
}) {
  const [text, setText] = useState(cell.text);
  const commit = () => {
    if (text.trim() !== cell.text) void onSave(text);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    // Down the column, as in a spreadsheet; leaving the cell saves it (once, on blur).
    const next = document.getElementById(cellKey(column, row + 1));
    if (next) next.focus();
    else event.currentTarget.blur();
  };
  const paste = (event: ClipboardEvent<HTMLInputElement>) => {
    const lines = event.clipboardData.getData('text').replace(/\r/g, '').split('\n');
    if (lines.at(-1) === '') lines.pop();
    if (lines.length < 2) return;
    event.preventDefault();
    void onPaste(lines);
  };
  const input = (
    <TextInput
      id={cellKey(column, row)}
      aria-label={label}
      size="xs"
      w={64}
      value={text}
      readOnly={readOnly}
      autoComplete="off"
      onChange={(event) => setText(event.currentTarget.value)}
      onBlur={commit}
      onKeyDown={onKeyDown}
      onPaste={paste}
      styles={{ input: { textAlign: 'center' } }}
      rightSection={cell.modifiedAfterPublicationAt ? '*' : undefined}
    />
  );
  return cell.modifiedAfterPublicationAt ? (
    <Tooltip
      label={`Modifiée le ${formatInstant(cell.modifiedAfterPublicationAt)}, après publication`}
    >
      {input}
    </Tooltip>
  ) : (
    input
  );
}

/** Pupils in rows, devoirs in columns, the class figures underneath. */
export function GradeGridTable({ grid, onSave, onPasteColumn, onEdit }: GradeGridTableProps) {
  const readOnly = !grid.canEdit;
  const figureRow = (
    title: string,
    pick: (f: GradeGrid['assessments'][number]['figures']) => string,
  ) => (
    <Table.Tr>
      <Table.Th scope="row" style={STICKY}>
        {title}
      </Table.Th>
      {grid.assessments.map((a) => (
        <Table.Td key={a.id} ta="center">
          {pick(a.figures)}
        </Table.Td>
      ))}
      <Table.Td />
    </Table.Tr>
  );
  return (
    <Table.ScrollContainer minWidth={320 + grid.assessments.length * 88}>
      <Table verticalSpacing={4} striped withColumnBorders stickyHeader>
        <Table.Thead>
          <Table.Tr>
            <Table.Th miw={{ base: 140, sm: 180 }} style={STICKY}>
              Élève
            </Table.Th>
            {grid.assessments.map((a) => (
              <Table.Th key={a.id} ta="center" miw={88}>
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
                {onEdit && !readOnly && (
                  <Button
                    display="block"
                    mx="auto"
                    size="compact-xs"
                    variant="subtle"
                    aria-label={`Modifier le devoir « ${a.label} »`}
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
                return (
                  <Table.Td key={a.id} ta="center">
                    <GradeCellInput
                      key={`${cell.version}|${cell.text}`}
                      label={`${a.label}, ${personName(pupil.lastName, pupil.firstName)}`}
                      cell={cell}
                      column={column}
                      row={row}
                      readOnly={readOnly}
                      onSave={(text) => onSave(a.id, cell, text)}
                      onPaste={(lines) => onPasteColumn(a.id, row, lines)}
                    />
                  </Table.Td>
                );
              })}
              <Table.Td ta="center">
                <AverageExplanation
                  serviceId={grid.service.id}
                  periodId={grid.period.id}
                  studentId={pupil.id}
                  pupilName={personName(pupil.lastName, pupil.firstName)}
                  display={pupil.average}
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
