import { Paper, Radio, Stack, Text, Title } from '@mantine/core';
import type { StsQuestion } from '../../../../shared/api/staff';
import { frenchSpacing } from '../../../ui/errors';
import { formatNumber } from '../../../ui/format';

/** The chosen user's id, 'new' for a new teacher; absent while unanswered. */
export type StsAnswers = Record<string, string>;

interface StsQuestionsProps {
  questions: StsQuestion[];
  answers: StsAnswers;
  onAnswer: (stsId: string, value: string) => void;
}

/**
 * Teachers Pupitre will not place alone: two users of the same name, or a name held by a user
 * who carries another STS id. The direction answers each before applying.
 */
export function StsQuestions({ questions, answers, onAnswer }: StsQuestionsProps) {
  return (
    <Paper
      component="section"
      withBorder
      radius="md"
      p={{ base: 'sm', sm: 'md' }}
      aria-label="Questions"
    >
      <Title order={3} size="h4" mb={4}>
        {frenchSpacing(`À vous de décider (${formatNumber(questions.length)})`)}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {frenchSpacing(
          'Pupitre ne rattache jamais un enseignant à un compte par supposition : dites qui est qui.',
        )}
      </Text>
      <Stack gap="md">
        {questions.map((question) => (
          <Radio.Group
            key={question.stsId}
            label={question.label}
            description={frenchSpacing(question.reason)}
            value={answers[question.stsId] ?? null}
            onChange={(value) => onAnswer(question.stsId, value)}
          >
            <Stack gap={6} mt={6}>
              {question.candidates.map((candidate) => (
                <Radio
                  key={candidate.userId}
                  value={String(candidate.userId)}
                  label={`C’est ${candidate.label}`}
                />
              ))}
              <Radio value="new" label="C’est une autre personne : créer un nouvel utilisateur" />
            </Stack>
          </Radio.Group>
        ))}
      </Stack>
    </Paper>
  );
}
