import { useState } from 'react';
import { Button, Group, Paper, Radio, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { InfoSheetChangeView, InfoSheetRequestView } from '../../shared/api/staff';
import { errorMessage, isApiFailure } from '../ui/errors';
import { formatCount } from '../ui/format';
import { callStaff } from './api';

type Decision = 'accepted' | 'refused';

interface FieldDecision {
  decision: Decision | null;
  comment: string;
}

const DECISIONS = [
  { value: 'accepted', label: 'Accepter' },
  { value: 'refused', label: 'Refuser' },
];

/** What the notification says was done: the labels, so that the reviewer can check. */
function outcome(request: InfoSheetRequestView): string {
  const accepted = request.changes.filter((c) => c.status === 'accepted').map((c) => c.label);
  const refused = request.changes.filter((c) => c.status === 'refused').map((c) => c.label);
  const parts = [
    accepted.length > 0
      ? `${formatCount(accepted.length, 'modification acceptée', 'modifications acceptées')} (${accepted.join(', ')})`
      : '',
    refused.length > 0
      ? `${formatCount(refused.length, 'modification refusée', 'modifications refusées')} (${refused.join(', ')})`
      : '',
  ].filter(Boolean);
  // What tellAccountHolder really does (InfoSheetRequestView.holderMail).
  const mailed = {
    email: ' Un courriel en informe la famille.',
    no_email:
      ' Le compte de la famille n’a pas d’adresse électronique ou refuse les courriels : aucun courriel envoyé, la réponse se lit sur le portail.',
    no_account: ' Le compte de la famille n’existe plus : aucun courriel envoyé.',
  }[request.holderMail];
  return `${request.studentName}, ${request.recordLabel} : ${parts.join(' et ')}.${mailed}`;
}

/** One change: « Tél. mobile : 06 … → 07 … », accept or refuse, a comment for the family. */
function ChangeRow({
  change,
  value,
  onChange,
  disabled,
}: {
  change: InfoSheetChangeView;
  value: FieldDecision;
  onChange: (value: FieldDecision) => void;
  disabled: boolean;
}) {
  return (
    <Paper withBorder radius="sm" p="sm" component="li" aria-label={change.label}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <div style={{ minWidth: 0, flex: '1 1 260px' }}>
          <Text fw={600} size="sm">
            {change.label}
          </Text>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            <Text span c="dimmed" td="line-through">
              {change.oldShown || 'Non renseigné'}
            </Text>
            {' → '}
            <Text span fw={600}>
              {change.newShown || 'Non renseigné'}
            </Text>
          </Text>
        </div>
        <Radio.Group
          label="Décision"
          value={value.decision ?? ''}
          onChange={(decision) => onChange({ ...value, decision: decision as Decision })}
        >
          <Group gap="md" mt={2}>
            {DECISIONS.map((d) => (
              <Radio
                key={d.value}
                value={d.value}
                label={d.label}
                color={d.value === 'refused' ? 'red.9' : 'green.9'}
                disabled={disabled}
              />
            ))}
          </Group>
        </Radio.Group>
      </Group>
      <TextInput
        mt="xs"
        size="xs"
        label={`Commentaire pour la famille (${change.label})`}
        value={value.comment}
        maxLength={500}
        disabled={disabled}
        onChange={(event) => onChange({ ...value, comment: event.currentTarget.value })}
      />
    </Paper>
  );
}

/**
 * One family request opened for review (issue 18 §2): each field old → new, accepted or
 * refused one by one or all at once, with comments the family reads in its e-mail. The
 * request's version goes back with the decision: of two reviewers, the second is told.
 */
export function InfoSheetRequestReview({
  request,
  onReviewed,
  onStale,
}: {
  request: InfoSheetRequestView;
  onReviewed: () => void;
  onStale: () => void;
}) {
  const [fields, setFields] = useState<Record<number, FieldDecision>>(() =>
    Object.fromEntries(request.changes.map((c) => [c.id, { decision: null, comment: '' }])),
  );
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const undecided = request.changes.filter((c) => fields[c.id]?.decision == null).length;

  const setAll = (decision: Decision) =>
    setFields((current) =>
      Object.fromEntries(
        request.changes.map((c) => [c.id, { comment: current[c.id]?.comment ?? '', decision }]),
      ),
    );

  async function save() {
    setBusy(true);
    try {
      const reviewed = await callStaff('infoSheets.review', {
        id: request.id,
        version: request.version,
        decisions: request.changes.map((c) => ({
          changeId: c.id,
          decision: fields[c.id]!.decision!,
          comment: fields[c.id]!.comment,
        })),
        comment,
      });
      // Message only: under a title Mantine dims it below WCAG AA contrast.
      notifications.show({ color: 'green', message: `Demande traitée : ${outcome(reviewed)}` });
      onReviewed();
    } catch (error) {
      const stale = isApiFailure(error, 'conflict');
      notifications.show({
        color: 'red',
        title: stale ? 'Demande déjà traitée' : 'Décision refusée',
        message: errorMessage(error),
        autoClose: stale ? 10_000 : false,
        // Under a title Mantine dims the message below WCAG AA contrast: the text's own colour.
        styles: { description: { color: 'var(--mantine-color-text)' } },
      });
      if (stale) onStale();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="sm">
      <Group gap="xs" wrap="wrap">
        <Button
          size="xs"
          variant="light"
          color="green"
          disabled={busy}
          onClick={() => setAll('accepted')}
        >
          Tout accepter
        </Button>
        <Button
          size="xs"
          variant="light"
          color="red"
          disabled={busy}
          onClick={() => setAll('refused')}
        >
          Tout refuser
        </Button>
      </Group>
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {request.changes.map((change) => (
          <ChangeRow
            key={change.id}
            change={change}
            value={fields[change.id]!}
            disabled={busy}
            onChange={(value) => setFields((current) => ({ ...current, [change.id]: value }))}
          />
        ))}
      </Stack>
      <Textarea
        label="Commentaire général pour la famille"
        autosize
        minRows={2}
        maxLength={1000}
        value={comment}
        disabled={busy}
        onChange={(event) => setComment(event.currentTarget.value)}
      />
      <Group gap="sm" wrap="wrap">
        <Button disabled={undecided > 0} loading={busy} onClick={() => void save()}>
          Enregistrer la décision
        </Button>
        {undecided > 0 && (
          <Text size="sm" c="dimmed">
            {formatCount(undecided, 'champ', 'champs')} sans décision.
          </Text>
        )}
      </Group>
    </Stack>
  );
}
