import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { ApiFailure } from '../../../shared/api/result';
import type { LetterJob } from '../../../shared/api/staff/letters';
import { safeErrorSummary, type ErrorLogger } from '../../api/errorLog';
import { DivisionEntity } from '../../db/entities';
import type { Mailer } from '../../mail/types';
import type { StaffActor } from '../context';
import { batchFile, deleteBatch, listBatches, tidyBatches, type BatchDeps } from './letterBatches';
import { runEmail } from './letterEmailRun';
import { runPdf, type PdfRunDeps } from './letterPdfRun';
import {
  describeScope,
  mailable,
  planLetters,
  portalUrlMissing,
  selectFor,
  unprintableNames,
  type LettersInputValue,
} from './letterPlanning';
import { Cancelled, type RunningJob } from './letterRun';

export { BATCH_TTL_MS } from './letterBatches';
export type { LettersInputValue } from './letterPlanning';

export interface LetterJobsDeps extends PdfRunDeps, BatchDeps {
  mailer: Mailer;
  /** Where an unexpected failure is recorded (name and code, never the letters' content). */
  logger?: ErrorLogger;
}

const newId = () => randomBytes(18).toString('base64url');

function publicJob(job: RunningJob): LetterJob {
  const { schoolId: _s, userId: _u, cancelled: _c, sent: _n, ...rest } = job;
  return { ...rest };
}

/** The French message of a run that did not finish: what was changed, what was not. */
function failureMessage(job: RunningJob, total: number, error: unknown): string {
  const email = job.mode === 'email';
  // E-mailed letters commit by slices of 100: those already queued have their new password.
  const remaining = total - job.sent;
  const what =
    job.sent > 0
      ? `${job.sent} courrier${job.sent > 1 ? 's sont' : ' est'} déjà dans la file d’envoi (leur mot de passe provisoire a changé) ; les ${remaining} autres comptes n’ont pas été modifiés.`
      : 'aucun mot de passe n’a été changé.';
  if (error instanceof Cancelled)
    return `${email ? 'Envoi' : 'Préparation'} annulé${email ? '' : 'e'} : ${what}`;
  if (error instanceof ApiFailure)
    return job.sent > 0 ? `${error.message} (${what})` : error.message;
  return `${email ? 'L’envoi' : 'La préparation'} a échoué : ${what} L’erreur a été consignée.`;
}

/**
 * The letters' jobs of this process: a batch planned, started in the background (one at a
 * time per school), polled and cancelled by the member of staff who started it.
 */
export function createLetterJobs(deps: LetterJobsDeps) {
  const jobs = new Map<string, RunningJob>();
  mkdirSync(deps.lettersDir, { recursive: true, mode: 0o700 });

  function ownJob(actor: StaffActor, jobId: string): RunningJob {
    const job = jobs.get(jobId);
    if (!job || job.schoolId !== actor.schoolId || job.userId !== actor.userId) {
      throw new ApiFailure('not_found', 'Cette préparation de courriers n’existe plus.');
    }
    return job;
  }

  async function launch(actor: StaffActor, input: LettersInputValue, mode: 'pdf' | 'email') {
    if (mode === 'pdf' && input.split === 'division' && input.order !== 'division') {
      // Sorted by postcode for the franking machine, the letters name no carrying child.
      throw new ApiFailure(
        'invalid_input',
        'Un PDF par division n’est possible que dans l’ordre « par division puis par nom » : les courriers triés par code postal partent par la poste.',
      );
    }
    for (const other of jobs.values()) {
      if (other.schoolId === actor.schoolId && other.state === 'running') {
        throw new ApiFailure(
          'conflict',
          'Une préparation de courriers est déjà en cours : attendez qu’elle finisse ou annulez-la.',
        );
      }
    }
    if (await portalUrlMissing(deps.db, actor.schoolId)) {
      throw new ApiFailure(
        'invalid_input',
        'L’adresse du portail des familles n’est pas renseignée : indiquez-la dans les Paramètres, les courriers doivent dire où se connecter.',
      );
    }
    const unprintable = unprintableNames(await deps.fonts());
    const selection = await selectFor(deps, actor, input, (l) => {
      if (mode === 'pdf' || mailable(l)) unprintable.check(l);
    });
    let letters = selection.letters;
    if (mode === 'email') letters = letters.filter(mailable);
    if (letters.length === 0) {
      throw new ApiFailure(
        'invalid_input',
        mode === 'email'
          ? 'Aucun compte de responsable de cette sélection n’a d’adresse électronique connue.'
          : 'Aucun courrier à préparer pour cette sélection.',
      );
    }
    const problems = unprintable.inOrderOf(letters);
    if (problems.length) {
      const first = problems[0]!;
      throw new ApiFailure(
        'invalid_input',
        `${problems.length} nom${problems.length > 1 ? 's' : ''} ne peu${problems.length > 1 ? 'vent' : 't'} pas être imprimé${problems.length > 1 ? 's' : ''} (par exemple ${first.name} : ${first.characters.join(' ')}). Corrigez-les dans SIECLE ou sur la fiche avant d’imprimer.`,
      );
    }
    const job: RunningJob = {
      jobId: newId(),
      state: 'running',
      done: 0,
      total: letters.length,
      batchId: null,
      label: '',
      fileName: '',
      message: '',
      mode,
      schoolId: actor.schoolId,
      userId: actor.userId,
      cancelled: false,
      sent: 0,
    };
    // Finished jobs are kept for their last poll only: the 20 most recent stay.
    const finished = [...jobs.values()].filter((j) => j.state !== 'running');
    for (const old of finished.slice(0, Math.max(0, finished.length - 20))) jobs.delete(old.jobId);
    jobs.set(job.jobId, job);
    const divisionId =
      input.scope.kind === 'division' || input.scope.kind === 'campaign'
        ? input.scope.divisionId
        : undefined;
    const division =
      divisionId === undefined
        ? null
        : await deps.db.manager
            .getRepository(DivisionEntity)
            .findOneBy({ id: divisionId, schoolId: actor.schoolId });
    const label = describeScope(input, letters, division?.code ?? null);
    job.label = label;
    const work =
      mode === 'pdf'
        ? runPdf(deps, job, actor, { letters, read: selection.read }, label, input.split)
        : runEmail(deps, job, actor, { letters, read: selection.read }, label);
    work.catch((error: unknown) => {
      const unexpected = !(error instanceof Cancelled) && !(error instanceof ApiFailure);
      if (unexpected)
        deps.logger?.error('La préparation des courriers a échoué', safeErrorSummary(error));
      job.state = error instanceof Cancelled ? 'cancelled' : 'failed';
      job.message = failureMessage(job, letters.length, error);
    });
    return publicJob(job);
  }

  function cancel(actor: StaffActor, jobId: string): LetterJob {
    const job = ownJob(actor, jobId);
    if (job.state === 'running') job.cancelled = true;
    return publicJob(job);
  }

  const running = () =>
    new Set([...jobs.values()].filter((j) => j.state === 'running').map((j) => j.jobId));

  return {
    plan: (actor: StaffActor, input: LettersInputValue) => planLetters(deps, actor, input),
    start: (actor: StaffActor, input: LettersInputValue) => launch(actor, input, 'pdf'),
    email: (actor: StaffActor, input: LettersInputValue) => launch(actor, input, 'email'),
    job: (actor: StaffActor, jobId: string) => publicJob(ownJob(actor, jobId)),
    cancel,
    batches: (actor: StaffActor) => listBatches(deps, actor),
    batchFile: (actor: StaffActor, id: number, part?: number) => batchFile(deps, actor, id, part),
    deleteBatch: (actor: StaffActor, id: number) => deleteBatch(deps, actor, id),
    /**
     * At start and every hour: finishes a batch whose commit landed before a crash, deletes
     * the part of one that never committed, and deletes batches past their day.
     */
    tidy: () => tidyBatches(deps, running()),
  };
}

export type LetterJobs = ReturnType<typeof createLetterJobs>;
