import { useRef, useState } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Group,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link } from 'react-router-dom';
import { JustificationDecideInput, type OnlineJustification } from '../../shared/api/staff';
import { JUSTIFICATION_STATUS_LABELS } from '../../shared/api/portal/schoolLife';
import { errorMessage } from '../ui/errors';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatCount } from '../ui/format';
import { PageLoader } from '../ui/PageLoader';
import { callStaff } from './api';
import { PageHeader } from './components/PageHeader';
import { SectionCard } from './components/SectionCard';
import { useStaffQuery } from './hooks/useStaffQuery';
import { instantLabel, spanLabel } from './SchoolLifeFormat';

const span = (j: OnlineJustification) =>
  `${spanLabel(j.event.startsAt, j.event.endsAt)} (${formatCount(j.event.halfDays, 'demi-journée', 'demi-journées')})`;

/** One waiting justification: accept (the absence takes the motif) or refuse, with a comment. */
function DecisionCell({ j, onDone }: { j: OnlineJustification; onDone: () => void }) {
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | null>(null);
  const commentField = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  async function decide(decision: 'accept' | 'refuse') {
    // A refusal without a comment is told on the field itself (as the roll does), not in a
    // toast that covered the page's title on a phone: the same rule the server applies.
    const checked = JustificationDecideInput.safeParse({ id: j.id, decision, comment });
    const commentIssue = checked.error?.issues.find((issue) => issue.path[0] === 'comment');
    if (commentIssue) {
      setCommentError(commentIssue.message);
      commentField.current?.focus();
      return;
    }
    setCommentError(null);
    setBusy(true);
    try {
      await callStaff('justifications.decide', { id: j.id, decision, comment });
      notifications.show({
        color: 'green',
        message:
          decision === 'accept'
            ? 'Justificatif accepté : l’absence est justifiée.'
            : 'Justificatif refusé : la famille voit votre commentaire.',
      });
      onDone();
    } catch (error) {
      notifications.show({ color: 'red', title: 'Action refusée', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <Stack gap={6}>
      <TextInput
        ref={commentField}
        size="xs"
        label="Commentaire pour la famille"
        description="Obligatoire pour refuser."
        value={comment}
        maxLength={500}
        error={commentError}
        onChange={(event) => {
          setComment(event.currentTarget.value);
          setCommentError(null);
        }}
      />
      <Group gap="xs">
        <Button size="xs" disabled={busy} onClick={() => void decide('accept')}>
          Accepter
        </Button>
        <Button
          size="xs"
          variant="default"
          color="red"
          disabled={busy}
          onClick={() => void decide('refuse')}
        >
          Refuser
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * « Justificatifs en ligne » (issue 17 §5): absences a responsable justified from the portal
 * with a motif the school opens to families. The CPE accepts (the absence takes the motif and
 * is marked justified) or refuses with a comment the family reads; both are journaled.
 */
export function JustificationsPage() {
  const [status, setStatus] = useState<'pending' | 'decided'>('pending');
  const query = useStaffQuery('justifications.list', { status });
  const rows = query.data;
  return (
    <Stack gap="md">
      <PageHeader
        title="Justificatifs en ligne"
        subtitle="Les absences justifiées par les responsables depuis le portail : acceptez ou refusez chaque justificatif."
      />
      <SegmentedControl
        value={status}
        onChange={(value) => setStatus(value as 'pending' | 'decided')}
        data={[
          { value: 'pending', label: 'En attente' },
          { value: 'decided', label: 'Traités' },
        ]}
        w="fit-content"
      />
      {query.error ? <ErrorAlert error={query.error} /> : null}
      {!rows && !query.error && <PageLoader />}
      {rows && (
        <SectionCard
          title={
            status === 'pending'
              ? `${formatCount(rows.length, 'justificatif', 'justificatifs')} en attente`
              : 'Derniers justificatifs traités'
          }
        >
          {rows.length === 0 ? (
            <Text size="sm" c="dimmed">
              {status === 'pending'
                ? 'Aucun justificatif en attente.'
                : 'Aucun justificatif traité.'}
            </Text>
          ) : (
            // On a phone, one card per justificatif rather than a table scrolled sideways.
            <Table.ScrollContainer minWidth={760} type="native" className="stack-on-phone">
              <Table verticalSpacing="xs" aria-label="Justificatifs en ligne">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Élève</Table.Th>
                    <Table.Th scope="col">Absence</Table.Th>
                    <Table.Th scope="col">Motif et commentaire</Table.Th>
                    <Table.Th scope="col">Envoyé par</Table.Th>
                    <Table.Th scope="col">{status === 'pending' ? 'Décision' : 'Réponse'}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((j) => (
                    <Table.Tr key={j.id}>
                      {/* One element a cell: a phone's card sets it beside its label. */}
                      <Table.Td data-label="Élève">
                        <div>
                          <Anchor component={Link} to={`/eleves/${j.studentId}`}>
                            {j.studentName}
                          </Anchor>
                          {j.divisionCode ? ` — ${j.divisionCode}` : ''}
                        </div>
                      </Table.Td>
                      <Table.Td data-label="Absence">{span(j)}</Table.Td>
                      <Table.Td data-label="Motif et commentaire">
                        <div>
                          <Text size="sm" fw={600}>
                            {j.motif?.label ?? 'motif supprimé'}
                            {j.motif?.legitimate ? ' (légitime)' : ''}
                          </Text>
                          <Text size="sm">{j.comment || '—'}</Text>
                        </div>
                      </Table.Td>
                      <Table.Td data-label="Envoyé par">
                        <div>
                          {j.sentBy}
                          <Text size="xs" c="dimmed">
                            le {instantLabel(j.submittedAt)}
                          </Text>
                        </div>
                      </Table.Td>
                      <Table.Td data-label={status === 'pending' ? 'Décision' : 'Réponse'}>
                        {j.status === 'pending' ? (
                          <DecisionCell j={j} onDone={query.reload} />
                        ) : (
                          <Stack gap={4}>
                            <Badge
                              color={j.status === 'accepted' ? 'green' : 'red'}
                              variant="light"
                            >
                              {JUSTIFICATION_STATUS_LABELS[j.status]}
                            </Badge>
                            <Text size="xs">
                              {j.decidedBy}
                              {j.decidedAt ? `, le ${instantLabel(j.decidedAt)}` : ''}
                            </Text>
                            {j.decisionComment && <Text size="sm">« {j.decisionComment} »</Text>}
                          </Stack>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </SectionCard>
      )}
    </Stack>
  );
}
