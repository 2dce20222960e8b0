import { useRef, useState } from 'react';
import { Text } from '@mantine/core';
import { InfoSheetPage } from '../portal/pages/InfoSheetPage';
import { errorMessage } from '../ui/errors';
import { PageLoader } from '../ui/PageLoader';
import { useFrenchSpacing } from '../ui/useFrenchSpacing';
import { useStaffQuery } from './hooks/useStaffQuery';

/** The tab a link of the fiche's tabs names (`…&onglet=eleve`), unless it opens the form. */
function tabOfLink(target: EventTarget): string | null {
  const link = (target as HTMLElement).closest('a');
  const href = link?.getAttribute('href') ?? '';
  if (!href.startsWith('/fiche-renseignements') || /[?&]modifier=1/.test(href)) return null;
  return /[?&]onglet=([\w-]+)/.exec(href)?.[1] ?? null;
}

/**
 * « Aperçu du portail », the fiche de renseignements (issue 18): the portal's own page drawn
 * from the portal's own read model (`accounts.previewInfoSheet`), as this family sees it now:
 * its tabs, the school's values, its changes waiting for review. Only the tabs are active;
 * « Modifier » and every other link or button do nothing, and no form can be sent from here
 * (the server has no staff call for it either).
 */
export function PortalPreviewInfoSheet({
  accountId,
  child,
}: {
  accountId: number;
  child: number | undefined;
}) {
  // The tab chosen for this child (another child's fiche has other guardian records).
  const [choice, setChoice] = useState<{ child: number | undefined; tab: string } | null>(null);
  const tab = choice && choice.child === child ? choice.tab : 'eleve';
  const query = useStaffQuery('accounts.previewInfoSheet', {
    id: accountId,
    ...(child ? { child } : {}),
  });
  const view = query.data;
  const section = useRef<HTMLElement>(null);
  useFrenchSpacing(section);
  if (query.error) {
    return (
      <Text size="sm" c="dimmed">
        Fiche de renseignements : {errorMessage(query.error)}
      </Text>
    );
  }
  if (!view) return <PageLoader />;
  return (
    <section
      ref={section}
      aria-label="Aperçu de la fiche de renseignements"
      onClickCapture={(event) => {
        if (!(event.target as HTMLElement).closest('a, button')) return;
        event.preventDefault();
        const chosen = tabOfLink(event.target);
        if (chosen) setChoice({ child, tab: chosen });
      }}
      onSubmitCapture={(event) => event.preventDefault()}
    >
      <InfoSheetPage
        view={view}
        csrf=""
        tab={tab}
        embedded
        banner={
          <p className="p-preview-banner">
            Fiche de renseignements telle que la famille la voit aujourd’hui, avec ses modifications
            en attente ; en lecture seule : seuls les onglets sont actifs, rien ne peut être envoyé
            d’ici.
          </p>
        }
      />
    </section>
  );
}
