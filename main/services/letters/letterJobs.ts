import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { In, LessThan, MoreThan } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { ApiFailure } from '../../../shared/api/result';
import type {
  LetterBatchSummary,
  LetterJob,
  LetterOrder,
  LetterPlan,
  LetterScopeValue,
} from '../../../shared/api/staff/letters';
import {
  activationDeadline,
  CAMPAIGN_GROUPS,
  type AccountKind,
} from '../../../shared/domain/accounts';
import type { Database } from '../../db/database';
import { bulkInsert } from '../../db/bulkInsert';
import { DivisionEntity, SchoolEntity, StaffUserEntity } from '../../db/entities';
import { FamilyAccountEntity, LetterBatchEntity } from '../../db/entities/accounts';
import type { Mailer } from '../../mail/types';
import type { LetterFonts } from '../../pdf/fonts';
import type { NotificationLetterData } from '../../pdf/letterData';
import { openLetterDocument, unprintableCharacters } from '../../pdf/notificationLetter';
import { safeErrorSummary, type ErrorLogger } from '../../api/errorLog';
import { writeAudit } from '../audit/audit';
import { voidConfirmationLinks } from '../accounts/accountService';
import { voidQueuedLetters } from '../accounts/voidLetters';
import { parisToday } from '../calendar';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';
import type { PasswordHasher } from '../secrets';
import { provisionalPassword } from '../accounts/provisionalPassword';
import { finalLetter, selectLetters, type PlannedLetter } from './letterSelection';

/** The PDF holds provisional passwords in clear: it is kept one day, then deleted. */
export const BATCH_TTL_MS = 24 * 3_600_000;
/** E-mailed letters are committed in slices: each slice atomic, memory bounded. */
const EMAIL_SLICE = 100;

export interface LettersInputValue {
  scope: LetterScopeValue;
  kinds: AccountKind[];
  order: LetterOrder;
  reset: boolean;
}

export interface LetterJobsDeps {
  db: Database;
  clock: Clock;
  /** Already bounded in concurrency (hashing must not starve the window). */
  hasher: PasswordHasher;
  mailer: Mailer;
  fonts: () => Promise<LetterFonts>;
  /** Where batches' PDFs wait to be downloaded (inside the data folder). */
  lettersDir: string;
  /** Where an unexpected failure is recorded (name and code, never the letters' content). */
  logger?: ErrorLogger;
  /** Tests only: called with the phase a batch reaches, to kill the process there. */
  onPhase?: (phase: 'pdf-written' | 'committed') => Promise<void> | void;
}

interface RunningJob extends LetterJob {
  schoolId: number;
  userId: number;
  cancelled: boolean;
  /** E-mailed letters already committed and queued. */
  sent: number;
}

class Cancelled extends Error {}

const newId = () => randomBytes(18).toString('base64url');
const mailable = (l: PlannedLetter) => l.email !== '' && l.account.kind === 'guardian';

export function createLetterJobs(deps: LetterJobsDeps) {
  const { db, clock, hasher, mailer, lettersDir } = deps;
  const jobs = new Map<string, RunningJob>();
  mkdirSync(lettersDir, { recursive: true, mode: 0o700 });

  const batchPath = (fileName: string) => join(lettersDir, fileName);

  function publicJob(job: RunningJob): LetterJob {
    const { schoolId: _s, userId: _u, cancelled: _c, sent: _n, ...rest } = job;
    return { ...rest };
  }

  function ownJob(actor: StaffActor, jobId: string): RunningJob {
    const job = jobs.get(jobId);
    if (!job || job.schoolId !== actor.schoolId || job.userId !== actor.userId) {
      throw new ApiFailure('not_found', 'Cette préparation de courriers n’existe plus.');
    }
    return job;
  }

  async function select(actor: StaffActor, input: LettersInputValue) {
    return selectLetters(db.manager, actor.schoolId, input, parisToday(clock));
  }

  /** Names the letter's font cannot draw: refused before the batch, never printed with holes. */
  async function unprintable(letters: PlannedLetter[]) {
    const fonts = await deps.fonts();
    const problems: LetterPlan['unprintable'] = [];
    for (const l of letters) {
      const r = l.data.recipient;
      const texts = [
        r.civility,
        r.lastName,
        r.firstName,
        ...Object.values(r.address),
        ...l.data.children.flatMap((c) => [c.firstName, c.lastName, c.divisionCode]),
      ];
      const characters = unprintableCharacters(fonts, texts.join(' '));
      if (characters.length) {
        problems.push({
          accountId: l.account.id,
          name: l.account.displayName,
          characters,
        });
      }
    }
    return problems;
  }

  async function plan(actor: StaffActor, input: LettersInputValue): Promise<LetterPlan> {
    const { letters, skippedClosed } = await select(actor, input);
    const replacing = (l: PlannedLetter) => l.newPassword && l.account.passwordHash !== null;
    return {
      letters: letters.length,
      newPasswords: letters.filter((l) => l.newPassword).length,
      replacedPasswords: letters.filter(replacing).length,
      identifiantOnly: letters.filter((l) => !l.newPassword).length,
      skippedClosed,
      withEmail: letters.filter(mailable).length,
      newPasswordsByEmail: letters.filter((l) => mailable(l) && l.newPassword).length,
      replacedPasswordsByEmail: letters.filter((l) => mailable(l) && replacing(l)).length,
      unprintable: await unprintable(letters),
      portalUrlMissing: await portalUrlMissing(actor),
    };
  }

  async function portalUrlMissing(actor: StaffActor): Promise<boolean> {
    const school = await db.manager
      .getRepository(SchoolEntity)
      .findOneByOrFail({ id: actor.schoolId });
    return school.portalUrl.trim() === '';
  }

  /** New passwords, letter date and deadline, and the journal, in the caller's transaction. */
  async function commitPasswords(
    m: EntityManager,
    actor: StaffActor,
    done: { planned: PlannedLetter; hash: string | null }[],
    label: string,
  ) {
    const repo = m.getRepository(FamilyAccountEntity);
    const ids = done.map((d) => d.planned.account.id);
    const current = new Map<number, { version: number; state: string }>();
    for (let i = 0; i < ids.length; i += 500) {
      for (const row of await repo.findBy({ id: In(ids.slice(i, i + 500)) })) {
        current.set(row.id, { version: row.passwordVersion, state: row.state });
      }
    }
    for (const { planned } of done) {
      const now = current.get(planned.account.id);
      if (!now || now.version !== planned.account.passwordVersion || now.state === 'closed') {
        throw new ApiFailure(
          'conflict',
          `Le compte ${planned.account.login} a changé pendant la préparation (fermé, refusé ou réinitialisé) : aucun mot de passe n’a été changé, relancez les courriers.`,
        );
      }
    }
    // Letters still waiting in the outbox carry a password these ones replace.
    await voidQueuedLetters(
      m,
      done.filter((d) => d.hash !== null).map((d) => d.planned.account.id),
      'Remplacé par un courrier plus récent',
    );
    const nowIso = clock.now().toISOString();
    const today = parisToday(clock);
    await voidConfirmationLinks(
      m,
      done.filter((d) => d.hash !== null).map((d) => d.planned.account.id),
      nowIso,
    );
    for (const { planned, hash } of done) {
      if (hash === null) continue;
      // Conditional on the version read above: a change committed since (PostgreSQL runs
      // other transactions beside this one) makes the whole batch roll back.
      const written = await repo.update(
        { id: planned.account.id, passwordVersion: planned.account.passwordVersion },
        {
          passwordHash: hash,
          passwordVersion: planned.account.passwordVersion + 1,
          // A provisional password always leads to the first connection (issue 13), even
          // for an account that was waiting for its address to be confirmed.
          state: 'provisional',
          letterDate: today,
          expiresOn: activationDeadline(today),
          activatedAt: null,
          updatedAt: nowIso,
        },
      );
      if (written.affected !== 1) {
        throw new ApiFailure(
          'conflict',
          `Le compte ${planned.account.login} a changé pendant la préparation : aucun mot de passe n’a été changé, relancez les courriers.`,
        );
      }
    }
    await bulkInsert(
      m,
      'AuditLog',
      done.map(({ planned, hash }) => ({
        schoolId: actor.schoolId,
        at: nowIso,
        actorId: actor.userId,
        actorLabel: `${actor.displayName} (${actor.login})`,
        action: 'account.letter',
        targetType: 'family_account',
        targetId: String(planned.account.id),
        targetLabel: planned.account.login,
        details: JSON.stringify({
          courrier: label,
          'mot de passe': hash ? 'nouveau mot de passe provisoire' : 'inchangé (identifiant seul)',
        }),
      })),
    );
  }

  /** Draws the passwords, writes every page, then commits the passwords with the batch. */
  async function runPdf(
    job: RunningJob,
    actor: StaffActor,
    letters: PlannedLetter[],
    label: string,
  ) {
    const part = batchPath(`${job.jobId}.part`);
    const fileName = `${job.jobId}.pdf`;
    const output = createWriteStream(part, { mode: 0o600 });
    const finished = new Promise<void>((resolve, reject) => {
      output.on('finish', resolve);
      output.on('error', reject);
    });
    // A cancelled run destroys the stream mid-write: that error is expected, not unhandled.
    finished.catch(() => undefined);
    try {
      const document = openLetterDocument(output, await deps.fonts());
      const hashes: Promise<string | null>[] = [];
      let written = 0;
      let hashed = 0;
      const needHash = letters.filter((l) => l.newPassword).length;
      const progress = () => {
        job.done = Math.floor((letters.length * (written + hashed)) / (letters.length + needHash));
      };
      for (const planned of letters) {
        if (job.cancelled) throw new Cancelled();
        const password = planned.newPassword ? provisionalPassword() : null;
        hashes.push(
          password
            ? hasher.hash(password).then((hash) => {
                hashed++;
                progress();
                return hash;
              })
            : Promise.resolve(null),
        );
        await document.addLetter(finalLetter(planned, password));
        written++;
        progress();
      }
      const { pages } = await document.end();
      await finished;
      const handle = await open(part, 'r+');
      await handle.sync();
      await handle.close();
      const done = letters.map((planned, i) => ({ planned, hash: null as string | null, i }));
      const resolved = await Promise.all(hashes);
      done.forEach((d) => (d.hash = resolved[d.i]!));
      if (job.cancelled) throw new Cancelled();
      await deps.onPhase?.('pdf-written');

      const batchId = await db.transaction(async (m) => {
        await commitPasswords(m, actor, done, label);
        const now = clock.now();
        const inserted = await m.getRepository(LetterBatchEntity).insert({
          schoolId: actor.schoolId,
          staffUserId: actor.userId,
          label,
          accountCount: letters.length,
          pageCount: pages,
          fileName,
          createdAt: now.toISOString(),
          expiresAt: new Date(now.getTime() + BATCH_TTL_MS).toISOString(),
        });
        const id = Number(inserted.identifiers[0]!.id);
        await writeAudit(m, clock, {
          schoolId: actor.schoolId,
          actor,
          action: 'letters.batch',
          targetType: 'letter_batch',
          targetId: id,
          targetLabel: label,
          details: { courriers: letters.length, 'nouveaux mots de passe': needHash },
        });
        return id;
      });
      await deps.onPhase?.('committed');
      // The batch row names the final file: recovery at start finishes this rename if a
      // crash falls between the commit and here.
      await rename(part, batchPath(fileName));
      job.batchId = batchId;
      job.done = letters.length;
      job.state = 'done';
    } catch (error) {
      output.destroy();
      rmSync(part, { force: true });
      throw error;
    }
  }

  /** Each letter as its own PDF, e-mailed; slices commit passwords and outbox rows together. */
  async function runEmail(
    job: RunningJob,
    actor: StaffActor,
    letters: PlannedLetter[],
    label: string,
  ) {
    const fonts = await deps.fonts();
    let sent = 0;
    for (let start = 0; start < letters.length; start += EMAIL_SLICE) {
      if (job.cancelled) throw new Cancelled();
      const slice = letters.slice(start, start + EMAIL_SLICE);
      const prepared: { planned: PlannedLetter; hash: string | null; pdf: Buffer }[] = [];
      // The slice's hashes run together (the hasher bounds them); pages are drawn meanwhile.
      const hashes: Promise<string | null>[] = [];
      const pdfs: Buffer[] = [];
      for (const planned of slice) {
        if (job.cancelled) throw new Cancelled();
        const password = planned.newPassword ? provisionalPassword() : null;
        hashes.push(password ? hasher.hash(password) : Promise.resolve(null));
        pdfs.push(await singleLetterPdf(fonts, finalLetter(planned, password)));
        job.done = start + pdfs.length;
      }
      const resolved = await Promise.all(hashes);
      slice.forEach((planned, i) => prepared.push({ planned, hash: resolved[i]!, pdf: pdfs[i]! }));
      if (job.cancelled) throw new Cancelled();
      await db.transaction(async (m) => {
        await commitPasswords(m, actor, prepared, label);
        for (const { planned, pdf } of prepared) {
          await mailer.enqueue(m, {
            schoolId: actor.schoolId,
            to: planned.email,
            template: 'account-letter',
            accountId: planned.account.id,
            data: {
              schoolName: planned.data.school.name,
              login: planned.account.login,
              recipientName: `${planned.data.recipient.firstName} ${planned.data.recipient.lastName}`,
              newPassword: planned.newPassword,
              deadline: planned.newPassword ? activationDeadline(parisToday(clock)) : null,
            },
            attachments: [
              {
                filename: `courrier-${planned.account.login}.pdf`,
                contentType: 'application/pdf',
                content: pdf,
              },
            ],
          });
        }
      });
      mailer.kick();
      sent += prepared.length;
      job.sent = sent;
    }
    job.message = `${sent} courrier${sent > 1 ? 's' : ''} mis en file d’envoi.`;
    job.state = 'done';
  }

  async function launch(actor: StaffActor, input: LettersInputValue, mode: 'pdf' | 'email') {
    for (const other of jobs.values()) {
      if (other.schoolId === actor.schoolId && other.state === 'running') {
        throw new ApiFailure(
          'conflict',
          'Une préparation de courriers est déjà en cours : attendez qu’elle finisse ou annulez-la.',
        );
      }
    }
    if (await portalUrlMissing(actor)) {
      throw new ApiFailure(
        'invalid_input',
        'L’adresse du portail des familles n’est pas renseignée : indiquez-la dans les Paramètres, les courriers doivent dire où se connecter.',
      );
    }
    const selection = await select(actor, input);
    let letters = selection.letters;
    // Letters go by e-mail to guardians only (issue 7 §6); a pupil's letter is handed over.
    if (mode === 'email') letters = letters.filter(mailable);
    if (letters.length === 0) {
      throw new ApiFailure(
        'invalid_input',
        mode === 'email'
          ? 'Aucun compte de responsable de cette sélection n’a d’adresse électronique connue.'
          : 'Aucun courrier à préparer pour cette sélection.',
      );
    }
    const problems = await unprintable(letters);
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
    const division =
      input.scope.kind === 'division'
        ? await db.manager
            .getRepository(DivisionEntity)
            .findOneBy({ id: input.scope.divisionId, schoolId: actor.schoolId })
        : null;
    const label = describeScope(input, letters.length, division?.code ?? null);
    const work =
      mode === 'pdf' ? runPdf(job, actor, letters, label) : runEmail(job, actor, letters, label);
    work.catch((error: unknown) => {
      const unexpected = !(error instanceof Cancelled) && !(error instanceof ApiFailure);
      if (unexpected)
        deps.logger?.error('La préparation des courriers a échoué', safeErrorSummary(error));
      job.state = error instanceof Cancelled ? 'cancelled' : 'failed';
      // E-mailed letters commit by slices of 100: those already queued have their new password.
      const remaining = letters.length - job.sent;
      const what =
        job.sent > 0
          ? `${job.sent} courrier${job.sent > 1 ? 's sont' : ' est'} déjà dans la file d’envoi (leur mot de passe provisoire a changé) ; les ${remaining} autres comptes n’ont pas été modifiés.`
          : 'aucun mot de passe n’a été changé.';
      job.message =
        error instanceof Cancelled
          ? `${mode === 'email' ? 'Envoi' : 'Préparation'} annulé${mode === 'email' ? '' : 'e'} : ${what}`
          : error instanceof ApiFailure
            ? job.sent > 0
              ? `${error.message} (${what})`
              : error.message
            : `${mode === 'email' ? 'L’envoi' : 'La préparation'} a échoué : ${what} L’erreur a été consignée.`;
    });
    return publicJob(job);
  }

  function cancel(actor: StaffActor, jobId: string): LetterJob {
    const job = ownJob(actor, jobId);
    if (job.state === 'running') job.cancelled = true;
    return publicJob(job);
  }

  async function batches(actor: StaffActor): Promise<LetterBatchSummary[]> {
    const rows = await db.manager.getRepository(LetterBatchEntity).find({
      where: { schoolId: actor.schoolId, expiresAt: MoreThan(clock.now().toISOString()) },
      order: { id: 'DESC' },
    });
    const users = new Map(
      (await db.manager.getRepository(StaffUserEntity).findBy({ schoolId: actor.schoolId })).map(
        (u) => [u.id, u.displayName],
      ),
    );
    return rows.map((r) => ({
      id: r.id,
      label: r.label,
      accountCount: r.accountCount,
      pageCount: r.pageCount,
      createdAt: r.createdAt,
      expiresAt: r.expiresAt,
      createdBy: (r.staffUserId && users.get(r.staffUserId)) || '',
    }));
  }

  /** The batch's PDF path, for the download route; audited, since it holds passwords. */
  async function batchFile(actor: StaffActor, id: number): Promise<{ path: string; name: string }> {
    const row = await db.manager
      .getRepository(LetterBatchEntity)
      .findOneBy({ id, schoolId: actor.schoolId, expiresAt: MoreThan(clock.now().toISOString()) });
    if (!row)
      throw new ApiFailure(
        'not_found',
        'Ce lot de courriers n’existe plus (supprimé après 24 heures).',
      );
    await db.transaction((m) =>
      writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: 'letters.download',
        targetType: 'letter_batch',
        targetId: row.id,
        targetLabel: row.label,
      }),
    );
    return {
      path: batchPath(row.fileName),
      name: `courriers-${row.createdAt.slice(0, 10)}-${row.id}.pdf`,
    };
  }

  async function deleteBatch(actor: StaffActor, id: number): Promise<null> {
    await db.transaction(async (m) => {
      const row = await m
        .getRepository(LetterBatchEntity)
        .findOneBy({ id, schoolId: actor.schoolId });
      if (!row) throw new ApiFailure('not_found', 'Ce lot de courriers n’existe plus.');
      await m.getRepository(LetterBatchEntity).delete(row.id);
      await writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: 'letters.delete',
        targetType: 'letter_batch',
        targetId: row.id,
        targetLabel: row.label,
      });
      rmSync(batchPath(row.fileName), { force: true });
    });
    return null;
  }

  /**
   * At start and every hour: finishes a batch whose commit landed before a crash (its PDF
   * is complete), deletes the part of one that never committed, and deletes batches past
   * their day.
   */
  async function tidy(): Promise<void> {
    const repo = db.manager.getRepository(LetterBatchEntity);
    const expired = await repo.findBy({ expiresAt: LessThan(clock.now().toISOString()) });
    if (expired.length)
      await db.transaction((m) =>
        m.getRepository(LetterBatchEntity).delete(expired.map((e) => e.id)),
      );
    const known = new Set((await repo.find()).map((r) => r.fileName));
    const running = new Set(
      [...jobs.values()].filter((j) => j.state === 'running').map((j) => j.jobId),
    );
    for (const name of readdirSync(lettersDir)) {
      const id = name.replace(/\.(part|pdf)$/, '');
      if (running.has(id)) continue;
      if (name.endsWith('.part') && known.has(`${id}.pdf`)) {
        await rename(batchPath(name), batchPath(`${id}.pdf`));
      } else if (!known.has(name)) {
        rmSync(batchPath(name), { force: true });
      }
    }
  }

  return {
    plan,
    start: (actor: StaffActor, input: LettersInputValue) => launch(actor, input, 'pdf'),
    email: (actor: StaffActor, input: LettersInputValue) => launch(actor, input, 'email'),
    job: (actor: StaffActor, jobId: string) => publicJob(ownJob(actor, jobId)),
    cancel,
    batches,
    batchFile,
    deleteBatch,
    tidy,
  };
}

export type LetterJobs = ReturnType<typeof createLetterJobs>;

async function singleLetterPdf(
  fonts: LetterFonts,
  letter: NotificationLetterData,
): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const document = openLetterDocument(sink, fonts);
  await document.addLetter(letter);
  await document.end();
  await ended;
  return Buffer.concat(chunks);
}

function describeScope(
  input: LettersInputValue,
  count: number,
  divisionCode: string | null,
): string {
  const what =
    input.scope.kind === 'school'
      ? 'tout l’établissement'
      : input.scope.kind === 'level'
        ? `niveau ${input.scope.level}`
        : input.scope.kind === 'division'
          ? `division ${divisionCode ?? '?'}`
          : input.scope.kind === 'campaign'
            ? `groupe « ${CAMPAIGN_GROUPS[input.scope.group]} »`
            : count === 1
              ? 'un compte'
              : 'une sélection';
  return `${count} courrier${count > 1 ? 's' : ''} — ${what}${input.reset ? ' (réinitialisation)' : ''}`;
}
