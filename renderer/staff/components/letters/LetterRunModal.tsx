import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, Progress, Radio, Stack, Text } from '@mantine/core';
import type { LetterJob, LetterPlan } from '../../../../shared/api/staff/letters';
import type { StaffInput } from '../../../../shared/api/staff';
import { downloadLetterBatch } from '../../../api/download';
import { errorMessage } from '../../../ui/errors';
import { formatCount, formatNumber } from '../../../ui/format';
import { PlanSummary } from './LetterPlanSummary';
import { callStaff } from '../../api';

export type LetterRunInput = StaffInput<'letters.start'>;

interface LetterRunModalProps {
  /** What to print; null keeps the modal closed. */
  input: LetterRunInput | null;
  mode: 'pdf' | 'email';
  title: string;
  /**
   * A batch for the school, a level or a division: offer « only accounts never notified »,
   * ticked at first, so that a second print leaves the letters already handed out valid.
   */
  offerNeverNotifiedOnly?: boolean;
  onClose: (changed: boolean) => void;
}

type Step =
  | { kind: 'planning' }
  | { kind: 'plan'; plan: LetterPlan }
  | { kind: 'job'; job: LetterJob }
  /**
   * `before`: the plan or the start was refused, nothing was changed; `download`: the batch
   * was saved, its download failed; `progress`: the run was started, following it failed.
   */
  | { kind: 'error'; message: string; when: 'before' | 'download' | 'progress' };

const ERROR_TITLES = {
  before: 'Rien n’a été changé',
  download: 'Le téléchargement a échoué',
  progress: 'Le suivi de la préparation a échoué',
} as const;

const POLL_MS = 400;

/** A batch over several divisions can be one PDF a division, in a zip (issue 15 §1). */
function spansDivisions(input: LetterRunInput | null): boolean {
  const scope = input?.scope;
  if (!scope) return false;
  return (
    scope.kind === 'school' ||
    scope.kind === 'level' ||
    (scope.kind === 'campaign' && scope.divisionId === undefined)
  );
}

/**
 * Plan → confirm → progress (with Cancel) → download. Mounted afresh for each run (the
 * callers give it a key), so it starts at « planning ». In PDF mode new passwords are committed
 * only when the whole PDF is written: a cancelled or failed run changes no account. An e-mail
 * run commits and queues slice by slice: stopped midway, some letters are already queued.
 */
export function LetterRunModal({
  input,
  mode,
  title,
  offerNeverNotifiedOnly = false,
  onClose,
}: LetterRunModalProps) {
  const [step, setStep] = useState<Step>({ kind: 'planning' });
  const [changed, setChanged] = useState(false);
  const [neverNotifiedOnly, setNeverNotifiedOnly] = useState(offerNeverNotifiedOnly);
  const [split, setSplit] = useState<'none' | 'division'>('none');
  // Letters sorted by postcode go by post; a batch that falls in one division is one PDF.
  const offerSplit =
    mode === 'pdf' &&
    (input?.order ?? 'division') === 'division' &&
    spansDivisions(input) &&
    (step.kind !== 'plan' || step.plan.divisions >= 2);
  const effective: LetterRunInput | null = input
    ? {
        ...input,
        ...(offerNeverNotifiedOnly ? { neverNotifiedOnly } : {}),
        ...(offerSplit ? { split } : {}),
      }
    : null;
  // The plan does not depend on the split: choosing it does not plan again.
  const inputKey = JSON.stringify(effective && { ...effective, split: undefined });

  useEffect(() => {
    if (!inputKey || inputKey === 'null') return;
    let current = true;
    callStaff('letters.plan', JSON.parse(inputKey) as LetterRunInput).then(
      (plan) => current && setStep({ kind: 'plan', plan }),
      (error: unknown) =>
        current && setStep({ kind: 'error', message: errorMessage(error), when: 'before' }),
    );
    return () => {
      current = false;
    };
  }, [inputKey]);

  const running = step.kind === 'job' && step.job.state === 'running';
  const jobId = step.kind === 'job' ? step.job.jobId : null;
  useEffect(() => {
    if (!running || !jobId) return;
    const timer = setInterval(() => {
      callStaff('letters.job', { jobId }).then(
        (job) => {
          setStep({ kind: 'job', job });
          // A cancelled or failed e-mail run may have queued some letters already (the
          // message says how many): the page reloads what it shows.
          if (
            job.state === 'done' ||
            (job.mode === 'email' && (job.state === 'cancelled' || job.state === 'failed'))
          )
            setChanged(true);
        },
        (error: unknown) => {
          setChanged(true);
          setStep({ kind: 'error', message: errorMessage(error), when: 'progress' });
        },
      );
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [running, jobId]);

  async function start() {
    if (!effective) return;
    try {
      const job = await callStaff(mode === 'pdf' ? 'letters.start' : 'letters.email', effective);
      setStep({ kind: 'job', job });
    } catch (error) {
      setStep({ kind: 'error', message: errorMessage(error), when: 'before' });
    }
  }

  async function download(job: LetterJob) {
    if (job.batchId === null) return;
    try {
      await downloadLetterBatch(job.batchId, job.fileName);
    } catch (error) {
      setStep({ kind: 'error', message: errorMessage(error), when: 'download' });
    }
  }

  const close = () => onClose(changed);

  return (
    <Modal
      opened={input !== null}
      onClose={running ? () => undefined : close}
      withCloseButton={!running}
      closeButtonProps={{ 'aria-label': 'Fermer la fenêtre' }}
      closeOnEscape={!running}
      title={title}
      size="lg"
    >
      <Stack gap="md">
        {offerNeverNotifiedOnly && (step.kind === 'planning' || step.kind === 'plan') && (
          <Checkbox
            label="Seulement les comptes jamais notifiés"
            // Said only when ticked: unticked, it would read as describing the re-print, which
            // does replace passwords (the plan below says so, account by account).
            description={
              neverNotifiedOnly
                ? `Les courriers déjà remis restent valables\u202f: aucun mot de passe provisoire déjà imprimé n’est remplacé.`
                : undefined
            }
            checked={neverNotifiedOnly}
            onChange={(event) => {
              setStep({ kind: 'planning' });
              setNeverNotifiedOnly(event.currentTarget.checked);
            }}
          />
        )}
        {offerSplit && (step.kind === 'planning' || step.kind === 'plan') && (
          <Radio.Group
            label="Téléchargement"
            value={split}
            onChange={(value) => setSplit(value === 'division' ? 'division' : 'none')}
          >
            <Stack gap={6} mt={6}>
              <Radio value="none" label="Un seul PDF" />
              <Radio
                value="division"
                label="Un PDF par division, réunis dans un fichier .zip"
                description="Plus simple à imprimer et à distribuer classe par classe. Chaque division se télécharge aussi seule, depuis « Courriers prêts à imprimer »."
              />
            </Stack>
          </Radio.Group>
        )}
        {step.kind === 'planning' && <Text role="status">Calcul des courriers…</Text>}
        {step.kind === 'error' && (
          <Alert color="red" role="alert" title={ERROR_TITLES[step.when]}>
            {step.message}
          </Alert>
        )}
        {step.kind === 'plan' && <PlanSummary plan={step.plan} mode={mode} />}
        {step.kind === 'job' && (
          <Stack gap="xs">
            <Progress
              value={step.job.total ? (100 * step.job.done) / step.job.total : 0}
              size="lg"
              animated={step.job.state === 'running'}
              aria-label="Avancement de la préparation des courriers"
            />
            <Text size="sm" role="status" aria-live="polite">
              {step.job.state === 'running' &&
                `${formatNumber(step.job.done)} / ${formatNumber(step.job.total)} courriers préparés…`}
              {step.job.state === 'done' &&
                (step.job.mode === 'pdf'
                  ? `${formatCount(step.job.total, 'courrier prêt', 'courriers prêts')} : le PDF est à télécharger (il est effacé au bout de 24 heures).`
                  : step.job.message)}
              {(step.job.state === 'failed' || step.job.state === 'cancelled') && step.job.message}
            </Text>
          </Stack>
        )}
        <Group justify="flex-end">
          {step.kind === 'plan' && (
            <>
              <Button variant="default" onClick={close}>
                Fermer
              </Button>
              <Button
                onClick={() => void start()}
                disabled={
                  step.plan.unprintable.length > 0 ||
                  step.plan.portalUrlMissing ||
                  step.plan.letters === 0 ||
                  (mode === 'email' && step.plan.withEmail === 0)
                }
              >
                {mode === 'email'
                  ? 'Envoyer par courriel'
                  : offerSplit && split === 'division'
                    ? 'Préparer les PDF'
                    : 'Préparer le PDF'}
              </Button>
            </>
          )}
          {running && step.kind === 'job' && (
            <Button
              color="red"
              variant="light"
              onClick={() => void callStaff('letters.cancel', { jobId: step.job.jobId })}
            >
              Annuler
            </Button>
          )}
          {step.kind === 'job' && step.job.state === 'done' && step.job.mode === 'pdf' && (
            <Button onClick={() => void download(step.job)}>
              {step.job.fileName.endsWith('.zip')
                ? 'Télécharger le fichier .zip'
                : 'Télécharger le PDF'}
            </Button>
          )}
          {(step.kind === 'error' || (step.kind === 'job' && step.job.state !== 'running')) && (
            <Button variant="default" onClick={close}>
              Fermer
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
