import { Text } from '@mantine/core';
import { SchoolLifePage } from '../portal/pages/SchoolLifePage';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDate } from '../ui/format';
import { PageLoader } from '../ui/PageLoader';
import { useStaffQuery } from './hooks/useStaffQuery';

/**
 * The family's « Vie scolaire » page in the « Aperçu du portail », as of the chosen day: the
 * portal's own read model and page component, so that the school reads what the family read
 * that day (J+1, « publiable en ligne », « famille avisée »). Read-only; journaled.
 */
export function PortalPreviewSchoolLife({
  accountId,
  asOf,
  child,
}: {
  accountId: number;
  asOf: string;
  child: number | undefined;
}) {
  const query = useStaffQuery(
    'accounts.previewSchoolLife',
    { id: accountId, asOf, ...(child ? { child } : {}) },
    { enabled: Number.isInteger(accountId) && accountId > 0 },
  );
  const view = query.data;
  if (query.error) {
    return (
      <>
        <Text fw={600}>Vie scolaire</Text>
        <ErrorAlert error={query.error} />
      </>
    );
  }
  if (!view) return <PageLoader />;
  return (
    <section
      aria-label="Aperçu de la vie scolaire"
      onClickCapture={(event) => {
        if ((event.target as HTMLElement).closest('a, button, summary')) event.preventDefault();
      }}
      onSubmitCapture={(event) => event.preventDefault()}
    >
      <SchoolLifePage
        view={view}
        csrf=""
        embedded
        banner={
          <p className="p-preview-banner">
            Vie scolaire au {formatDate(view.asOf)}, en lecture seule : les liens et boutons sont
            inactifs.
          </p>
        }
      />
    </section>
  );
}
