import { useId, useState } from 'react';
import { Alert, Button, Text } from '@mantine/core';
import type { ImportProblem } from '../../../../shared/api/staff';
import { frenchSpacing } from '../../../ui/errors';
import { formatNumber } from '../../../ui/format';

/** Longer lists show this many problems and a button for the rest. */
const SHOWN_FIRST = 8;

/** "eleves.xml, ligne 139" — or just the file when the message does not already name it. */
export function problemLocation(problem: ImportProblem): string | null {
  const { fileName, line } = problem;
  if (fileName && line !== null) return `${fileName}, ligne ${line}`;
  if (line !== null) return `Ligne ${line}`;
  if (fileName && !problem.message.includes(fileName)) return fileName;
  return null;
}

function ProblemList({ problems }: { problems: ImportProblem[] }) {
  const [expanded, setExpanded] = useState(false);
  const listId = useId();
  const hidden = problems.length - SHOWN_FIRST;
  const shown = expanded || hidden <= 0 ? problems : problems.slice(0, SHOWN_FIRST);
  return (
    <>
      <ul className="import-problems" id={listId}>
        {shown.map((problem, index) => {
          const location = problemLocation(problem);
          return (
            <li key={index}>
              {location && (
                <Text span fw={600} size="sm">
                  {location} :{' '}
                </Text>
              )}
              <Text span size="sm">
                {frenchSpacing(problem.message)}
              </Text>
            </li>
          );
        })}
      </ul>
      {hidden > 0 && (
        <Button
          variant="subtle"
          size="compact-sm"
          mt={4}
          aria-expanded={expanded}
          aria-controls={listId}
          onClick={() => setExpanded((value) => !value)}
        >
          {expanded ? 'Réduire la liste' : `Voir les ${formatNumber(hidden)} autres`}
        </Button>
      )}
    </>
  );
}

/** Blocking problems first (nothing can be written), then the warnings to read before applying. */
export function ImportProblems({ problems }: { problems: ImportProblem[] }) {
  const blocking = problems.filter((problem) => problem.blocking);
  const warnings = problems.filter((problem) => !problem.blocking);
  return (
    <>
      {blocking.length > 0 && (
        <Alert color="red" variant="light" title="Import impossible" role="alert">
          <Text size="sm" mb="xs">
            {blocking.length === 1
              ? 'Rien ne peut être enregistré tant que ce problème n’est pas corrigé.'
              : 'Rien ne peut être enregistré tant que ces problèmes ne sont pas corrigés.'}{' '}
            Remplacez ou retirez le fichier en cause, puis analysez à nouveau.
          </Text>
          <ProblemList problems={blocking} />
        </Alert>
      )}
      {warnings.length > 0 && (
        <Alert
          color="orange"
          variant="light"
          title={`Points à vérifier (${formatNumber(warnings.length)})`}
          role="region"
        >
          <Text size="sm" mb="xs">
            Ils n’empêchent pas l’import ; relisez-les avant de l’appliquer.
          </Text>
          <ProblemList problems={warnings} />
        </Alert>
      )}
    </>
  );
}
