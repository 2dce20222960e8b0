import { useState } from 'react';
import { Group, Select, Stack, Text } from '@mantine/core';
import { useParams } from 'react-router-dom';
import { HomePage } from '../portal/pages/HomePage';
import { PORTAL_CSS } from '../portal/styles';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDate } from '../ui/format';
import { isoFromSlashDate } from '../../shared/domain/frenchDates';
import { FUTURE_PREVIEW } from '../../shared/api/staff/familyPortal';
import { PageLoader } from '../ui/PageLoader';
import { BackButton } from './components/BackButton';
import { FrenchDateField } from './components/FrenchDateField';
import { PageHeader } from './components/PageHeader';
import { PortalPreviewSchoolLife } from './PortalPreviewSchoolLife';
import { PortalPreviewInfoSheet } from './PortalPreviewInfoSheet';
import { PortalPreviewNotes } from './PortalPreviewNotes';
import { useStaffQuery } from './hooks/useStaffQuery';
import { useMayCall } from './session';

/**
 * « Aperçu du portail » (issue 8 §4): the family's home page drawn by the portal's own
 * components from the portal's own read model, as of a chosen day. Read-only: links and
 * buttons inside do nothing. Each opening is written to the journal by the server.
 */
export function PortalPreviewPage() {
  const id = Number(useParams().accountId);
  const mayCall = useMayCall();
  // Null until the user types: the server then shows its own today (the school's clock, Paris),
  // and the field shows that day. The browser's day may be later (a computer's clock set
  // wrong, a test clock) and the server refuses any day after its own.
  const [typedDate, setTypedDate] = useState<string | null>(null);
  const [child, setChild] = useState<number | undefined>(undefined);
  const [serverToday, setServerToday] = useState<string | null>(null);
  const asOf = typedDate === null ? null : isoFromSlashDate(typedDate);
  const future = asOf !== null && serverToday !== null && asOf > serverToday;
  const query = useStaffQuery(
    'accounts.preview',
    { id, ...(asOf ? { asOf } : {}), ...(child ? { child } : {}) },
    { enabled: Number.isInteger(id) && id > 0 && !future },
  );
  // Each answer brings the server's today (it moves at midnight); kept for the next typed day.
  const answeredToday = query.data?.today;
  if (answeredToday && answeredToday !== serverToday) setServerToday(answeredToday);
  // A refused day shows nothing of the family's page, not the previous day's left on screen.
  const view = future ? undefined : query.data;
  return (
    <Stack gap="md">
      <BackButton fallback={mayCall('accounts.get') ? `/comptes/${id}` : '/vie-scolaire'} />
      <PageHeader
        title="Aperçu du portail"
        subtitle={view ? `Ce que voit ${view.account.displayName} (${view.account.login})` : ''}
      />
      <Group gap="md" align="end" wrap="wrap">
        <FrenchDateField
          label="À la date du"
          value={typedDate ?? (view ? formatDate(view.asOf) : '')}
          onChange={setTypedDate}
          error={future ? FUTURE_PREVIEW : undefined}
          w={200}
        />
        {view && view.children.length > 1 && (
          <Select
            label="Enfant"
            data={view.children.map((c) => ({
              value: String(c.studentId),
              label: `${c.firstName} ${c.lastName.toUpperCase()}`,
            }))}
            value={String(view.child?.studentId ?? '')}
            onChange={(value) => setChild(value ? Number(value) : undefined)}
            allowDeselect={false}
            w={260}
          />
        )}
      </Group>
      {query.error && !future ? <ErrorAlert error={query.error} /> : null}
      {!view && !query.error && !future && <PageLoader />}
      {view && (
        <section
          aria-label="Aperçu du portail des familles"
          onClickCapture={(event) => {
            if ((event.target as HTMLElement).closest('a, button')) event.preventDefault();
          }}
          onSubmitCapture={(event) => event.preventDefault()}
        >
          <style>{PORTAL_CSS}</style>
          <HomePage
            view={view}
            csrf=""
            embedded
            banner={
              <p className="p-preview-banner">
                Aperçu au {formatDate(view.asOf)}, en lecture seule : les liens et boutons sont
                inactifs.
              </p>
            }
          />
        </section>
      )}
      {mayCall('accounts.previewSchoolLife') &&
        view?.services.some((s) => s.key === 'vie_scolaire' && s.status === 'open') &&
        view.child && (
          <PortalPreviewSchoolLife accountId={id} asOf={view.asOf} child={view.child.studentId} />
        )}
      {view && mayCall('accounts.previewNotes') && (
        <PortalPreviewNotes accountId={id} asOf={view.asOf} child={view.child?.studentId} />
      )}
      {mayCall('accounts.previewInfoSheet') &&
        view?.account.kind === 'guardian' &&
        view.services.some((s) => s.key === 'fiche_renseignements' && s.status === 'open') &&
        view.child && <PortalPreviewInfoSheet accountId={id} child={view.child.studentId} />}
      <Text size="xs" c="dimmed">
        Chaque ouverture de l’aperçu est inscrite au journal. Les notes et la vie scolaire sont
        montrées telles que la famille les voyait à la date choisie (publications à date, délai
        élèves puis parents) ; la fiche de renseignements, telle qu’elle est aujourd’hui. Les
        enfants scolarisés dans un autre établissement (regroupement) n’y sont pas nommés.
      </Text>
    </Stack>
  );
}
