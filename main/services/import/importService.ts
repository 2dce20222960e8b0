import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ApiFailure } from '../../../shared/api/result';
import type { ImportPreview, ImportResult, ImportUpload } from '../../../shared/api/staff';
import type { Database } from '../../db/database';
import { writeAudit } from '../audit/audit';
import { parisToday } from '../calendar';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';
import {
  MAX_PENDING_UPLOADS_PER_USER,
  MAX_PENDING_UPLOAD_BYTES_PER_USER,
  MAX_RECORDS_PER_PREVIEW,
} from '../../../shared/domain/importLimits';
import { DEFAULT_LIMITS, readSiecleExport } from '../siecle';
import { formatSize } from '../siecle/limits';
import { SiecleFileError, type SiecleFile } from '../siecle/types';
import { syncAccounts } from '../accounts/provisioning';
import { applyOps, keepExportMarks } from './apply';
import { jointAccountWarnings } from './jointAccounts';
import {
  pendingInfoSheetWarnings,
  unexportedInfoSheetWarnings,
} from '../infoSheets/importConflicts';
import { planDigest, planImport, type ImportPlan } from './plan';
import { loadSchoolState, stateStamp } from './state';

/** Uploaded files and previews are forgotten after this long, checked this often. */
const TTL_MS = 2 * 3_600_000;
const PURGE_EVERY_MS = 5 * 60_000;
/** All users' waiting files together, on this workstation or server. */
const MAX_UPLOAD_FOLDER_BYTES = 1024 * 1024 * 1024;

interface Upload {
  id: string;
  path: string;
  fileName: string;
  bytes: number;
  schoolId: number;
  userId: number;
  createdAt: number;
}

interface PendingPreview {
  id: string;
  schoolId: number;
  userId: number;
  uploads: Upload[];
  /** The files as read for the preview: apply plans from these, not from a second read. */
  files: SiecleFile[];
  /** A file that could not be read blocks the whole import. */
  hasUnreadable: boolean;
  /** What the preview showed, and the database state and Paris day it was planned on. */
  plan: Pick<ImportPlan, 'ops'> & { canApply: boolean; unchanged: boolean };
  stateStamp: string;
  today: string;
  createdAt: number;
}

const newId = () => randomBytes(18).toString('base64url');

/** Keeps the user's name for messages, without any path part. */
function cleanName(fileName: string): string {
  return (
    basename(fileName.replace(/\\/g, '/'))
      .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
      .slice(0, 120) || 'fichier'
  );
}

function tooLarge(fileName: string, limit: number) {
  return new ApiFailure(
    'invalid_input',
    `Le fichier ${fileName} dépasse ${Math.round(limit / 1024 / 1024)} Mo : ce n’est pas un export SIECLE d’établissement.`,
  );
}

export function createImportService({
  db,
  clock,
  uploadDir,
}: {
  db: Database;
  clock: Clock;
  uploadDir: string;
}) {
  // Files left by a previous run (a crash, a closed window) hold pupils' data: not kept.
  rmSync(uploadDir, { recursive: true, force: true });
  const uploads = new Map<string, Upload>();
  const previews = new Map<string, PendingPreview>();
  const maxBytes = DEFAULT_LIMITS.maxFileBytes;
  /** Bytes being received right now, by user: counted before the file is complete. */
  const incoming = new Map<number, number>();

  function forget(upload: Upload) {
    uploads.delete(upload.id);
    rmSync(upload.path, { force: true });
  }

  function purgeExpired() {
    const limit = clock.now().getTime() - TTL_MS;
    for (const u of uploads.values()) if (u.createdAt < limit) forget(u);
    for (const p of previews.values()) if (p.createdAt < limit) previews.delete(p.id);
  }
  // Forgotten files go on a timer too, not only when the next one comes.
  const purgeTimer = setInterval(purgeExpired, PURGE_EVERY_MS);
  purgeTimer.unref();

  const mine = (actor: StaffActor) =>
    [...uploads.values()].filter((u) => u.userId === actor.userId);

  /** Per user: a few files and a few hundred MB waiting; the whole folder: a bounded size. */
  function checkRoom(actor: StaffActor, name: string) {
    const pending = mine(actor);
    if (pending.length >= MAX_PENDING_UPLOADS_PER_USER) {
      throw new ApiFailure(
        'conflict',
        `Vous avez déjà ${MAX_PENDING_UPLOADS_PER_USER} fichiers en attente d’aperçu : annulez l’import en cours avant d’envoyer ${name}.`,
      );
    }
    const waiting =
      pending.reduce((sum, u) => sum + u.bytes, 0) + (incoming.get(actor.userId) ?? 0);
    if (waiting >= MAX_PENDING_UPLOAD_BYTES_PER_USER) {
      throw new ApiFailure(
        'conflict',
        `Vos fichiers en attente dépassent ${formatSize(MAX_PENDING_UPLOAD_BYTES_PER_USER)} : annulez l’import en cours avant d’envoyer ${name}.`,
      );
    }
    const total = [...uploads.values()].reduce((sum, u) => sum + u.bytes, 0);
    if (total >= MAX_UPLOAD_FOLDER_BYTES) {
      throw new ApiFailure(
        'conflict',
        'Trop de fichiers SIECLE attendent un aperçu sur ce poste : réessayez dans quelques minutes.',
      );
    }
  }

  async function audit(
    actor: StaffActor,
    action: string,
    label: string,
    details: Record<string, unknown>,
  ) {
    await db.transaction((m) =>
      writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action,
        targetType: 'school',
        targetId: actor.schoolId,
        targetLabel: label,
        details,
      }),
    );
  }

  /**
   * Streams a file to the upload folder, refusing it past the size limit. Nothing is created
   * before the checks pass, and on any failure the file is closed and removed.
   */
  async function receive(
    actor: StaffActor,
    fileName: string,
    source: Readable,
  ): Promise<ImportUpload> {
    purgeExpired();
    const name = cleanName(fileName);
    if (!(source instanceof Readable)) {
      throw new ApiFailure(
        'invalid_input',
        `Le fichier ${name} n’a pas été reçu : envoyez-le à nouveau.`,
      );
    }
    checkRoom(actor, name);
    mkdirSync(uploadDir, { recursive: true });
    const id = newId();
    const path = join(uploadDir, `${id}.upload`);
    let bytes = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        incoming.set(actor.userId, (incoming.get(actor.userId) ?? 0) + chunk.length);
        callback(bytes > maxBytes ? tooLarge(name, maxBytes) : null, chunk);
      },
    });
    const sink = createWriteStream(path, { mode: 0o600 });
    try {
      await pipeline(source, counter, sink);
    } catch (error) {
      sink.destroy();
      rmSync(path, { force: true });
      if (error instanceof ApiFailure) throw error;
      throw new ApiFailure(
        'invalid_input',
        `Le fichier ${name} n’a pas pu être reçu en entier : réessayez.`,
      );
    } finally {
      const left = (incoming.get(actor.userId) ?? 0) - bytes;
      if (left > 0) incoming.set(actor.userId, left);
      else incoming.delete(actor.userId);
    }
    const upload: Upload = {
      id,
      path,
      fileName: name,
      bytes: statSync(path).size,
      schoolId: actor.schoolId,
      userId: actor.userId,
      createdAt: clock.now().getTime(),
    };
    uploads.set(id, upload);
    await audit(actor, 'import.upload', name, { fichier: name, taille: formatSize(upload.bytes) });
    return { uploadId: id, fileName: name, bytes: upload.bytes };
  }

  function ownUpload(actor: StaffActor, id: string): Upload {
    const upload = uploads.get(id);
    if (!upload || upload.userId !== actor.userId) {
      throw new ApiFailure('not_found', 'Fichier introuvable : choisissez-le à nouveau.');
    }
    return upload;
  }

  /** Reads every file; one that cannot be read becomes a blocking problem naming it. */
  async function readAll(list: Upload[]) {
    const files: SiecleFile[] = [];
    const unreadable: { fileName: string; line: number | null; message: string }[] = [];
    for (const upload of list) {
      try {
        files.push(...(await readSiecleExport(upload.fileName, upload.path)));
      } catch (error) {
        if (!(error instanceof SiecleFileError)) throw error;
        unreadable.push({
          fileName: error.fileName,
          line: error.line ?? null,
          message: error.message,
        });
      }
    }
    return { files, unreadable };
  }

  async function preview(actor: StaffActor, uploadIds: string[]): Promise<ImportPreview> {
    const list = [...new Set(uploadIds)].map((id) => ownUpload(actor, id));
    // One preview per user: a new one frees the last (and its parsed files) first.
    for (const old of previews.values()) if (old.userId === actor.userId) previews.delete(old.id);
    const { files, unreadable } = await readAll(list);
    const records = files.reduce((sum, f) => sum + recordCount(f), 0);
    if (records > MAX_RECORDS_PER_PREVIEW) {
      throw new ApiFailure(
        'invalid_input',
        `Ces fichiers contiennent ensemble plus de ${MAX_RECORDS_PER_PREVIEW.toLocaleString('fr-FR')} fiches : ce ne sont pas les exports d’un seul établissement.`,
      );
    }
    const state = await loadSchoolState(db.manager, actor.schoolId);
    const today = parisToday(clock);
    const plan = planImport(files, state, today);
    const joint = await jointAccountWarnings(db.manager, state, plan.ops);
    const updates = { students: plan.ops.studentUpdates, guardians: plan.ops.guardianUpdates };
    const fiches = [
      ...(await pendingInfoSheetWarnings(db.manager, actor.schoolId, updates)),
      ...(await unexportedInfoSheetWarnings(db.manager, actor.schoolId, updates)),
    ];
    const problems = [
      ...unreadable.map((u) => ({ blocking: true, ...u })),
      ...plan.preview.problems,
      ...joint.map((message) => ({ blocking: false, fileName: null, line: null, message })),
      ...fiches.map((message) => ({ blocking: false, fileName: null, line: null, message })),
    ];
    const id = newId();
    previews.set(id, {
      id,
      schoolId: actor.schoolId,
      userId: actor.userId,
      uploads: list,
      files,
      hasUnreadable: unreadable.length > 0,
      plan: {
        ops: plan.ops,
        canApply: plan.preview.canApply,
        unchanged: plan.preview.unchanged,
      },
      stateStamp: stateStamp(state),
      today,
      createdAt: clock.now().getTime(),
    });
    await audit(actor, 'import.preview', state.school.name, {
      fichiers: files.map((f) => f.fileName),
      'élèves ajoutés': plan.preview.students.added.length,
      'élèves sortis': plan.preview.students.left.length,
      'problèmes bloquants': problems.filter((p) => p.blocking).length,
    });
    return {
      previewId: id,
      ...plan.preview,
      problems,
      canApply: plan.preview.canApply && unreadable.length === 0,
      // An unreadable file is no proof that the database is up to date.
      unchanged: plan.preview.unchanged && unreadable.length === 0,
    };
  }

  function ownPreview(actor: StaffActor, id: string): PendingPreview {
    const pending = previews.get(id);
    if (!pending || pending.userId !== actor.userId || pending.schoolId !== actor.schoolId) {
      throw new ApiFailure('not_found', 'Cet aperçu n’existe plus : relancez l’aperçu.');
    }
    return pending;
  }

  function discard(pending: PendingPreview) {
    previews.delete(pending.id);
    for (const u of pending.uploads) forget(u);
  }

  async function apply(actor: StaffActor, previewId: string): Promise<ImportResult> {
    const pending = ownPreview(actor, previewId);
    const { files } = pending;
    const counts = await db.transaction(async (m) => {
      // What is written is what was previewed, or nothing: on the state and day it was
      // planned on, the previewed plan stands; otherwise it is planned again and compared.
      const state = await loadSchoolState(m, actor.schoolId);
      const today = parisToday(clock);
      let plan = pending.plan;
      if (today !== pending.today || stateStamp(state) !== pending.stateStamp) {
        const again = planImport(files, state, today);
        if (planDigest(again.ops) !== planDigest(pending.plan.ops)) {
          throw new ApiFailure(
            'conflict',
            'Les données ont changé depuis l’aperçu : relancez l’aperçu avant d’appliquer.',
          );
        }
        plan = {
          ops: again.ops,
          canApply: again.preview.canApply,
          unchanged: again.preview.unchanged,
        };
      }
      if (!plan.canApply || pending.hasUnreadable) {
        throw new ApiFailure(
          'conflict',
          plan.unchanged
            ? 'Rien à appliquer : la base est déjà à jour de ces fichiers.'
            : 'L’aperçu signale des problèmes bloquants : corrigez les fichiers.',
        );
      }
      const result = await applyOps(m, state, plan.ops, clock.now().toISOString());
      await keepExportMarks(m, actor.schoolId, files, clock.now().toISOString());
      // Accounts follow in the same transaction: arrivals get theirs, a removed link ends access.
      const accounts = await syncAccounts(m, actor.schoolId, clock.now().toISOString());
      Object.assign(result, {
        comptesCréés: accounts.created,
        accèsAjoutés: accounts.childrenAdded,
        accèsRetirés: accounts.childrenRemoved,
      });
      await writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: 'import.siecle',
        targetType: 'school',
        targetId: actor.schoolId,
        targetLabel: state.school.name,
        details: { fichiers: files.map((f) => f.fileName), ...result },
      });
      return result;
    });
    discard(pending);
    return { counts };
  }

  async function cancel(actor: StaffActor, previewId: string): Promise<null> {
    const pending = ownPreview(actor, previewId);
    discard(pending);
    await audit(actor, 'import.cancel', 'Import SIECLE annulé', {
      fichiers: pending.uploads.map((u) => u.fileName),
    });
    return null;
  }

  /** Stops the purge timer and forgets every upload (their files hold pupils' data). */
  function close() {
    clearInterval(purgeTimer);
    for (const u of [...uploads.values()]) forget(u);
    previews.clear();
  }

  /** For tests: what the service holds in memory. */
  function held() {
    return { uploads: uploads.size, previews: previews.size };
  }

  return {
    receive,
    uploadBytes: (actor: StaffActor, fileName: string, bytes: Uint8Array) => {
      if (bytes.byteLength > maxBytes) throw tooLarge(cleanName(fileName), maxBytes);
      return receive(actor, fileName, Readable.from([Buffer.from(bytes)]));
    },
    preview,
    apply,
    cancel,
    close,
    held,
  };
}

export type ImportService = ReturnType<typeof createImportService>;

/** What a parsed file keeps in memory, in records: the preview's bound adds them up. */
function recordCount(file: SiecleFile): number {
  switch (file.kind) {
    case 'eleves':
      return file.students.length + file.addresses.size + file.structures.size;
    case 'responsables':
      return file.persons.length + file.links.length + file.addresses.size;
    case 'nomenclature':
      return (
        file.mefs.size +
        file.subjects.size +
        file.divisions.size +
        [...file.codeLists.values()].reduce((sum, list) => sum + list.size, 0)
      );
  }
}
