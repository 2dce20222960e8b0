import { useEffect, useState } from 'react';
import { Alert, Button, Group, List, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { SchoolLifePurgePlan } from '../../shared/api/staff';
import {
  ARCHIVE_FRESHNESS_DAYS,
  DEFAULT_RETENTION_YEARS,
  MAX_RETENTION_YEARS,
} from '../../shared/api/staff';
import { saveBlob, saveCsv } from '../api/download';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatCount, formatDate, formatInstant } from '../ui/format';
import { isApiFailure } from '../ui/errors';
import { notifyError } from '../ui/notify';
import { PageLoader } from '../ui/PageLoader';
import { callStaff } from './api';
import { PageHeader } from './components/PageHeader';
import { SectionCard } from './components/SectionCard';
import { useStaffQuery } from './hooks/useStaffQuery';
import { useMayCall } from './session';

function base64Bytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The archive: the CSV of every event (what the purge asks for) and a PDF a division. */
function ArchiveSection({ onArchived }: { onArchived: () => void }) {
  const divisions = useStaffQuery('divisions.list', {});
  const [busy, setBusy] = useState<string | null>(null);
  function run(key: string, work: () => Promise<void>) {
    setBusy(key);
    work()
      .catch(notifyError)
      .finally(() => setBusy(null));
  }
  return (
    <SectionCard title="1. Archiver la vie scolaire">
      <Stack gap="sm">
        <Text size="sm">
          Le fichier CSV contient tous les évènements de vie scolaire que Pupitre conserve
          (absences, retards, punitions, sanctions…), une ligne par évènement. Gardez-le dans les
          archives de l’établissement&nbsp;: c’est lui qui autorise la purge pendant{' '}
          {ARCHIVE_FRESHNESS_DAYS}&nbsp;jours.
        </Text>
        <Group>
          <Button
            loading={busy === 'csv'}
            disabled={busy !== null}
            onClick={() =>
              run('csv', async () => {
                const archive = await callStaff('schoolLife.archiveCsv', {});
                saveCsv(archive.csv, archive.fileName);
                notifications.show({
                  color: 'green',
                  message: `Archive enregistrée : ${formatCount(archive.eventCount, 'évènement', 'évènements')}.`,
                });
                onArchived();
              })
            }
          >
            Télécharger l’archive (CSV)
          </Button>
        </Group>
        <Text size="sm" fw={600}>
          Version imprimable, une division par PDF
        </Text>
        {divisions.error ? <ErrorAlert error={divisions.error} /> : null}
        <Group gap="xs">
          {(divisions.data ?? []).map((d) => (
            <Button
              key={d.id}
              size="xs"
              variant="default"
              loading={busy === `pdf-${d.id}`}
              disabled={busy !== null}
              aria-label={`PDF de la division ${d.code}`}
              onClick={() =>
                run(`pdf-${d.id}`, async () => {
                  const pdf = await callStaff('schoolLife.archivePdf', { divisionId: d.id });
                  const bytes = base64Bytes(pdf.base64);
                  saveBlob(
                    new Blob([bytes as BlobPart], { type: 'application/pdf' }),
                    pdf.fileName,
                  );
                })
              }
            >
              {d.code}
            </Button>
          ))}
        </Group>
      </Stack>
    </SectionCard>
  );
}

function RetentionForm({
  plan,
  onSaved,
}: {
  plan: SchoolLifePurgePlan;
  onSaved: (p: SchoolLifePurgePlan) => void;
}) {
  const [years, setYears] = useState<number | string>(plan.retentionYears);
  const [busy, setBusy] = useState(false);
  return (
    <Group align="flex-end">
      <NumberInput
        label="Durée de conservation (années scolaires)"
        description={`Par défaut ${DEFAULT_RETENTION_YEARS} : l’année en cours seulement. Le RGPD ne fixe pas de durée, il la laisse à l’établissement ; la CNIL demande d’effacer la vie scolaire en fin d’année, après archivage.`}
        min={1}
        max={MAX_RETENTION_YEARS}
        value={years}
        onChange={setYears}
        w={420}
      />
      <Button
        variant="default"
        loading={busy}
        onClick={() => {
          setBusy(true);
          callStaff('schoolLife.setRetention', { years: Number(years) })
            .then((next) => {
              onSaved(next);
              notifications.show({ color: 'green', message: 'Durée de conservation enregistrée.' });
            })
            .catch(notifyError)
            .finally(() => setBusy(false));
        }}
      >
        Enregistrer
      </Button>
    </Group>
  );
}

/** The purge: direction only, with a confirm step that names how many events go. */
function PurgeSection({ reloadKey }: { reloadKey: number }) {
  const query = useStaffQuery('schoolLife.purgePlan', {});
  const { reload } = query;
  // A new archive may lift the refusal: the plan is read again.
  useEffect(() => {
    if (reloadKey > 0) reload();
  }, [reloadKey, reload]);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  // Why the last try failed (an event changed or recorded since the plan was read, or no
  // answer): said inside the dialog, where the direction is looking, not only in a passing
  // toast; with the count the dialog offered then.
  const [failed, setFailed] = useState<{ error: unknown; count: number } | null>(null);
  const closeDialog = () => {
    setConfirming(false);
    setFailed(null);
  };
  const plan = query.data;
  // Only the purge's own refusal (conflict) says nothing was erased: a request that got no
  // answer may have run. A refusal holds the button until the plan read again no longer
  // refuses and names another count (« confirmez de nouveau »): the new count is confirmed.
  const refusal = failed !== null && isApiFailure(failed.error, 'conflict');
  const blocked =
    refusal && !(plan !== undefined && plan.refusal === null && plan.count !== failed.count);
  const events = plan ? formatCount(plan.count, 'évènement', 'évènements') : '';
  return (
    <SectionCard title="2. Purger la vie scolaire ancienne">
      {query.error ? <ErrorAlert error={query.error} /> : null}
      {!plan && !query.error && <PageLoader />}
      {plan && (
        <Stack gap="sm">
          <RetentionForm plan={plan} onSaved={query.setData} />
          <List size="sm">
            <List.Item>
              {!plan.keepsFrom
                ? 'Aucune année scolaire en cours.'
                : `Pupitre garde les évènements depuis le ${formatDate(plan.keepsFrom)}\u00a0; ${
                    plan.count === 0
                      ? 'aucun évènement plus ancien à effacer.'
                      : plan.count === 1
                        ? '1\u00a0évènement plus ancien serait effacé.'
                        : `${events} plus anciens seraient effacés.`
                  }`}
            </List.Item>
            <List.Item>
              Les sanctions restent jusqu’à leur date d’effacement (décret 2019-906) et ne sont pas
              purgées ici.
            </List.Item>
            <List.Item>
              {plan.lastArchiveAt
                ? `Dernière archive\u00a0: ${formatInstant(plan.lastArchiveAt)}.`
                : 'Aucune archive n’a encore été faite.'}
            </List.Item>
            <List.Item>
              Un évènement à effacer saisi ou modifié après la dernière archive (motif, traitement,
              justification, famille avisée, publication, correction d’appel) bloque la purge&nbsp;:
              refaites alors l’archive, pour que l’établissement le garde tel qu’il est.
            </List.Item>
          </List>
          {plan.refusal ? (
            <Alert color="yellow" title="Purge impossible pour l’instant">
              {plan.refusal}
            </Alert>
          ) : null}
          <Group>
            <Button
              color="red"
              disabled={plan.refusal !== null}
              onClick={() => setConfirming(true)}
            >
              Purger…
            </Button>
          </Group>
          <Modal opened={confirming} onClose={closeDialog} title="Confirmer la purge">
            <Stack gap="sm">
              <Text size="sm">
                {`${events} antérieurs au ${plan.keepsFrom ? formatDate(plan.keepsFrom) : ''} seront définitivement effacés de Pupitre, avec les justificatifs en ligne et les avis d’absence envoyés par courriel qui s’y rattachent. Les familles ne les verront plus. Cette action est inscrite au journal et ne peut pas être annulée.`}
              </Text>
              {failed ? (
                <ErrorAlert
                  error={failed.error}
                  {...(refusal ? { title: 'Purge refusée, rien n’a été effacé' } : {})}
                />
              ) : null}
              <Group justify="flex-end">
                <Button variant="default" onClick={closeDialog}>
                  Annuler
                </Button>
                <Button
                  color="red"
                  loading={busy}
                  disabled={blocked}
                  onClick={() => {
                    const confirmedCount = plan.count;
                    setBusy(true);
                    setFailed(null);
                    callStaff('schoolLife.purge', { confirmedCount })
                      .then((done) => {
                        query.setData(done.plan);
                        closeDialog();
                        notifications.show({
                          color: 'green',
                          message: `Purge faite : ${formatCount(done.purged, 'évènement effacé', 'évènements effacés')}.`,
                        });
                      })
                      .catch((error: unknown) => {
                        setFailed({ error, count: confirmedCount });
                        // The page's own notice and button follow the plan as it is now.
                        reload();
                      })
                      .finally(() => setBusy(false));
                  }}
                >
                  {`Effacer ${events}`}
                </Button>
              </Group>
            </Stack>
          </Modal>
        </Stack>
      )}
    </SectionCard>
  );
}

/**
 * « Fin d’année » (issue 17 §5): the archive of the school’s vie scolaire (the CPE and the
 * direction), then the purge of what is older than the retention the school sets (the
 * direction alone).
 */
export function EndOfYearPage() {
  const mayCall = useMayCall();
  const [archives, setArchives] = useState(0);
  return (
    <Stack gap="md">
      <PageHeader
        title="Fin d’année"
        subtitle="Archivez la vie scolaire de l’établissement, puis effacez ce qui dépasse la durée de conservation choisie."
      />
      <ArchiveSection onArchived={() => setArchives((n) => n + 1)} />
      {mayCall('schoolLife.purgePlan') ? <PurgeSection reloadKey={archives} /> : null}
    </Stack>
  );
}
