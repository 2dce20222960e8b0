import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ApiFailure } from '../../../shared/api/result';
import type { ImportPreview, ImportResult, ImportUpload } from '../../../shared/api/staff';
import type { Database } from '../../db/database';
import { writeAudit } from '../audit/audit';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';
import { DEFAULT_LIMITS, readSiecleExport } from '../siecle';
import { SiecleFileError, type SiecleFile } from '../siecle/types';
import { applyOps } from './apply';
import { planImport } from './plan';
import { loadSchoolState } from './state';

/** Uploaded files and previews are forgotten after this long. */
const TTL_MS = 2 * 3_600_000;

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
  digest: string;
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

  function forget(upload: Upload) {
    uploads.delete(upload.id);
    rmSync(upload.path, { force: true });
  }

  function purgeExpired() {
    const limit = clock.now().getTime() - TTL_MS;
    for (const u of uploads.values()) if (u.createdAt < limit) forget(u);
    for (const p of previews.values()) if (p.createdAt < limit) previews.delete(p.id);
  }

  /** Streams a file to the upload folder, refusing it past the size limit. */
  async function receive(
    actor: StaffActor,
    fileName: string,
    source: Readable,
  ): Promise<ImportUpload> {
    purgeExpired();
    mkdirSync(uploadDir, { recursive: true });
    const id = newId();
    const path = join(uploadDir, `${id}.upload`);
    const name = cleanName(fileName);
    let bytes = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        callback(bytes > maxBytes ? tooLarge(name, maxBytes) : null, chunk);
      },
    });
    try {
      await pipeline(source, counter, createWriteStream(path));
    } catch (error) {
      rmSync(path, { force: true });
      if (error instanceof ApiFailure) throw error;
      throw new ApiFailure(
        'invalid_input',
        `Le fichier ${name} n’a pas pu être reçu en entier : réessayez.`,
      );
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
    const { files, unreadable } = await readAll(list);
    const state = await loadSchoolState(db.manager, actor.schoolId);
    const plan = planImport(files, state, clock.now().toISOString().slice(0, 10));
    const problems = [
      ...unreadable.map((u) => ({ blocking: true, ...u })),
      ...plan.preview.problems,
    ];
    const id = newId();
    previews.set(id, {
      id,
      schoolId: actor.schoolId,
      userId: actor.userId,
      uploads: list,
      files,
      hasUnreadable: unreadable.length > 0,
      digest: plan.digest,
      createdAt: clock.now().getTime(),
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
      // Planned again inside the transaction: what is written is what was previewed, or nothing.
      const state = await loadSchoolState(m, actor.schoolId);
      const plan = planImport(files, state, clock.now().toISOString().slice(0, 10));
      if (plan.digest !== pending.digest) {
        throw new ApiFailure(
          'conflict',
          'Les données ont changé depuis l’aperçu : relancez l’aperçu avant d’appliquer.',
        );
      }
      if (!plan.preview.canApply || pending.hasUnreadable) {
        throw new ApiFailure(
          'conflict',
          plan.preview.unchanged
            ? 'Rien à appliquer : la base est déjà à jour de ces fichiers.'
            : 'L’aperçu signale des problèmes bloquants : corrigez les fichiers.',
        );
      }
      const result = await applyOps(m, state, plan.ops, clock.now().toISOString());
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

  function cancel(actor: StaffActor, previewId: string): null {
    discard(ownPreview(actor, previewId));
    return null;
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
  };
}

export type ImportService = ReturnType<typeof createImportService>;
