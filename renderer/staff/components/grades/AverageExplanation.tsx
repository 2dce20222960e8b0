import { useState } from 'react';
import { Button, Loader, Popover, Stack, Text } from '@mantine/core';
import type { AverageView } from '../../../../shared/domain/grades/explainAverage';
import { EXPLANATION_TITLE } from '../../../../shared/domain/grades/explainAverage';
import { errorMessage } from '../../../ui/errors';
import { callStaff } from '../../api';

interface AverageExplanationProps {
  serviceId: number;
  periodId: number;
  studentId: number;
  pupilName: string;
  /** « 12,50 » or « — ». */
  display: string;
}

/** A pupil's average; a click shows « Comment est calculée cette moyenne ? », as families read it. */
export function AverageExplanation({
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
