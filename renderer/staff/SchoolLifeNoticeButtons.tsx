import { useState } from 'react';
import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { SchoolLifeEvent } from '../../shared/api/staff';
import { downloadAbsenceNotice } from '../api/download';
import { frenchSpacing } from '../ui/errors';
import { notifyError } from '../ui/notify';
import { callStaff } from './api';

/**
 * « Aviser par courriel » and « Imprimer l’avis » for one absence: the first records « famille
 * avisée » (courriel or courrier, now) on it; a later one is journaled and keeps that.
 */
export function SchoolLifeNoticeButtons({
  event,
  onSent,
}: {
  event: SchoolLifeEvent;
  onSent: () => void;
}) {
  const [busy, setBusy] = useState<'mail' | 'pdf' | null>(null);

  function run(kind: 'mail' | 'pdf', work: () => Promise<string>) {
    setBusy(kind);
    work()
      .then((message) => {
        notifications.show({ color: 'green', message: frenchSpacing(message) });
        onSent();
      })
      .catch(notifyError)
      .finally(() => setBusy(null));
  }

  return (
    <>
      <Button
        size="xs"
        variant="default"
        loading={busy === 'mail'}
        aria-label={`Aviser par courriel la famille de ${event.studentName}`}
        onClick={() =>
          run('mail', async () => {
            const sent = await callStaff('schoolLife.noticeEmail', { id: event.id });
            return sent.recipients > 1
              ? `Avis envoyé par courriel aux ${sent.recipients} représentants légaux.`
              : 'Avis envoyé par courriel au représentant légal.';
          })
        }
      >
        Courriel
      </Button>
      <Button
        size="xs"
        variant="default"
        loading={busy === 'pdf'}
        aria-label={`Imprimer l’avis d’absence de ${event.studentName}`}
        onClick={() =>
          run('pdf', async () => {
            await downloadAbsenceNotice(event.id, `avis-absence-${event.id}.pdf`);
            // Once the file is in hand: a failed download records nothing.
            await callStaff('schoolLife.noticePrinted', { id: event.id });
            return 'Avis d’absence prêt à imprimer : famille avisée par courrier.';
          })
        }
      >
        Imprimer
      </Button>
    </>
  );
}
