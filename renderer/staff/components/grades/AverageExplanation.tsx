import { useState } from 'react';
import { Button, Loader, Popover, Stack, Text } from '@mantine/core';
import type { AverageView } from '../../../../shared/domain/grades/explainAverage';
import { EXPLANATION_TITLE } from '../../../../shared/domain/grades/explainAverage';
import { errorMessage } from '../../../ui/errors';
import { callStaff } from '../../api';

interface AverageExplanationProps {
  /** How the grid finds the button (Popover.Target sets the button's id itself). */
  focusKey?: string;
  /** An arrow key on the button: the grid moves the focus (the button is out of the Tab order). */
  onArrow?: (move: { columns: number; rows: number }) => void;
  serviceId: number;
  periodId: number;
  studentId: number;
  pupilName: string;
  /** « 12,50 » or « — ». */
  display: string;
}

const ARROWS: Record<string, { columns: number; rows: number }> = {
  ArrowLeft: { columns: -1, rows: 0 },
  ArrowUp: { columns: 0, rows: -1 },
  ArrowDown: { columns: 0, rows: 1 },
};

/** A pupil's average; a click shows « Comment est calculée cette moyenne ? », as families read it. */
export function AverageExplanation({
  focusKey,
  onArrow,
  serviceId,
  periodId,
  studentId,
  pupilName,
  display,
}: AverageExplanationProps) {
  const [view, setView] = useState<AverageView | null>(null);
  const [error, setError] = useState<unknown>(null);

  function load() {
    setView(null);
    setError(null);
    callStaff('grades.subjectAverage', { serviceId, periodId, studentId }).then(
      (answer) => setView(answer.average),
      setError,
    );
  }

  return (
    <Popover width={340} position="bottom-end" withArrow shadow="md" onOpen={load}>
      <Popover.Target>
        <Button
          data-focus-key={focusKey}
          // Tab goes from mark to mark: one stop a row here would double every row's stops.
          // The arrows reach it (ArrowRight from the last devoir), Entrée opens it.
          tabIndex={onArrow ? -1 : undefined}
          onKeyDown={(event) => {
            const move = onArrow && ARROWS[event.key];
            if (!move) return;
            event.preventDefault();
            onArrow(move);
          }}
          variant="subtle"
          size="compact-sm"
          fw={700}
          aria-label={`Moyenne de ${pupilName} : ${display}. ${EXPLANATION_TITLE}`}
        >
          {display}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={4}>
          <Text size="sm" fw={700}>
            {EXPLANATION_TITLE}
          </Text>
          {error !== null && (
            <Text size="sm" c="red.9">
              {errorMessage(error)}
            </Text>
          )}
          {view === null && error === null && <Loader size="xs" />}
          {view?.explanation.map((line) => (
            <Text key={line} size="sm">
              {line}
            </Text>
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
