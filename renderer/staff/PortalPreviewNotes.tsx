import { useState } from 'react';
import { Text } from '@mantine/core';
import { NotesPage } from '../portal/pages/NotesPage';
import { formatDate } from '../ui/format';
import { errorMessage } from '../ui/errors';
import { PageLoader } from '../ui/PageLoader';
import { useStaffQuery } from './hooks/useStaffQuery';

/** The period a link of the notes page's chooser names (`…&periode=12`), if it is one. */
function periodOfLink(target: EventTarget): number | null {
  const link = (target as HTMLElement).closest('a');
  const match = link ? /[?&]periode=(\d+)/.exec(link.getAttribute('href') ?? '') : null;
  return match ? Number(match[1]) : null;
}

/**
 * « Aperçu du portail », the notes page (issue 16 §6): what the family read on that day, drawn
 * by the portal's own page from the portal's own read model (`accounts.previewNotes`). Its
 * links do nothing, except the period chooser, which shows that period here.
 */
export function PortalPreviewNotes({
  accountId,
  asOf,
  child,
}: {
  accountId: number;
  asOf: string;
  child: number | undefined;
}) {
  // The period chosen for this child (another child's class may follow other periods).
  const [choice, setChoice] = useState<{ child: number | undefined; period: number } | null>(null);
  const period = choice && choice.child === child ? choice.period : undefined;
  const query = useStaffQuery('accounts.previewNotes', {
    id: accountId,
    asOf,
    ...(child ? { child } : {}),
    ...(period ? { period } : {}),
  });
  const view = query.data;
  if (query.error) {
    return (
      <Text size="sm" c="dimmed">
        Notes : {errorMessage(query.error)}
      </Text>
    );
  }
  if (!view) return <PageLoader />;
  return (
    <section
      aria-label="Aperçu des notes"
      onClickCapture={(event) => {
        if (!(event.target as HTMLElement).closest('a, button')) return;
        event.preventDefault();
        const chosen = periodOfLink(event.target);
        if (chosen) setChoice({ child, period: chosen });
      }}
    >
      <NotesPage
        view={view}
        csrf=""
        embedded
        banner={
          <p className="p-preview-banner">
            Notes au {formatDate(view.asOf)}, telles que la famille les voyait ce jour-là ; seul le
            choix de la période est actif.
          </p>
        }
      />
    </section>
  );
}
