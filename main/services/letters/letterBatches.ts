import { rmSync, readdirSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { LessThan, MoreThan } from 'typeorm';
import { ApiFailure } from '../../../shared/api/result';
import type { LetterBatchPart, LetterBatchSummary } from '../../../shared/api/staff/letters';
import { batchDownloadName, partDownloadName } from '../../../shared/domain/letterBatches';
import type { Database } from '../../db/database';
import { StaffUserEntity } from '../../db/entities';
import { LetterBatchEntity } from '../../db/entities/accounts';
import { writeAudit } from '../audit/audit';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';
import { openZipEntry } from './letterZip';

/** The batches' PDFs once written: listed, downloaded, deleted, and tidied after their day. */

/** The PDF holds provisional passwords in clear: it is kept one day, then deleted. */
export const BATCH_TTL_MS = 24 * 3_600_000;

export interface BatchDeps {
  db: Database;
  clock: Clock;
  /** Where batches' PDFs wait to be downloaded (inside the data folder). */
  lettersDir: string;
}

export const batchPath = (lettersDir: string, fileName: string) => join(lettersDir, fileName);

export async function listBatches(
  { db, clock }: BatchDeps,
  actor: StaffActor,
): Promise<LetterBatchSummary[]> {
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
    parts: partsOf(r),
  }));
}

/** A split batch's parts, as its row keeps them (none for one PDF). */
function partsOf(row: { parts: string }): LetterBatchPart[] {
  return row.parts ? (JSON.parse(row.parts) as LetterBatchPart[]) : [];
}

/** What the download sends: a whole file, or one entry of a split batch's zip. */
export interface BatchFile {
  path: string;
  /** The name it is saved under. */
  name: string;
  contentType: 'application/pdf' | 'application/zip';
  /** One part alone: its name inside the zip at `path`. */
  entry: string | null;
}

/** A download: the file's name and type, and its bytes already opened. */
export interface OpenedBatchFile {
  file: BatchFile;
  stream: Readable;
}

/**
 * The batch's file for the download route (the PDF, the zip of a split batch, or one of its
 * parts), opened, then audited since it holds passwords: the journal line is written only
 * once the bytes are there to send, so a part missing from its zip is never journaled as
 * downloaded.
 */
export async function batchFile(
  { db, clock, lettersDir }: BatchDeps,
  actor: StaffActor,
  id: number,
  part?: number,
): Promise<OpenedBatchFile> {
  const row = await db.manager
    .getRepository(LetterBatchEntity)
    .findOneBy({ id, schoolId: actor.schoolId, expiresAt: MoreThan(clock.now().toISOString()) });
  if (!row)
    throw new ApiFailure(
      'not_found',
      'Ce lot de courriers n’existe plus (supprimé après 24 heures).',
    );
  const parts = partsOf(row);
  const chosen = part === undefined ? null : parts.find((p) => p.index === part);
  if (chosen === undefined)
    throw new ApiFailure('not_found', 'Cette division n’est pas dans ce lot de courriers.');
  const path = batchPath(lettersDir, row.fileName);
  const zip = parts.length > 0;
  const file: BatchFile = chosen
    ? {
        path,
        name: partDownloadName(row.label, row.createdAt, chosen.fileName),
        contentType: 'application/pdf',
        entry: chosen.fileName,
      }
    : {
        path,
        name: batchDownloadName(row.label, row.createdAt, zip ? 'zip' : 'pdf'),
        contentType: zip ? 'application/zip' : 'application/pdf',
        entry: null,
      };
  const stream = await openBatchFile(file);
  try {
    await db.transaction((m) =>
      writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: 'letters.download',
        targetType: 'letter_batch',
        targetId: row.id,
        targetLabel: row.label,
        ...(chosen ? { details: { partie: chosen.label } } : {}),
      }),
    );
  } catch (error) {
    stream.destroy();
    throw error;
  }
  return { file, stream };
}

export async function deleteBatch(
  { db, clock, lettersDir }: BatchDeps,
  actor: StaffActor,
  id: number,
): Promise<null> {
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
    rmSync(batchPath(lettersDir, row.fileName), { force: true });
  });
  return null;
}

/**
 * At start and every hour: finishes a batch whose commit landed before a crash (its PDF
 * is complete), deletes the part of one that never committed, and deletes batches past
 * their day.
 */
export async function tidyBatches(
  { db, clock, lettersDir }: BatchDeps,
  /** Jobs still writing their part: left alone. */
  running: Set<string>,
): Promise<void> {
  const repo = db.manager.getRepository(LetterBatchEntity);
  const expired = await repo.findBy({ expiresAt: LessThan(clock.now().toISOString()) });
  if (expired.length)
    await db.transaction((m) =>
      m.getRepository(LetterBatchEntity).delete(expired.map((e) => e.id)),
    );
  const known = new Set((await repo.find()).map((r) => r.fileName));
  for (const name of readdirSync(lettersDir)) {
    const id = name.replace(/\.(part|pdf|zip)$/, '');
    if (running.has(id)) continue;
    const committed = [`${id}.pdf`, `${id}.zip`].find((f) => known.has(f));
    if (name.endsWith('.part') && committed) {
      await rename(batchPath(lettersDir, name), batchPath(lettersDir, committed));
    } else if (!known.has(name)) {
      rmSync(batchPath(lettersDir, name), { force: true });
    }
  }
}

/**
 * The bytes a download sends, as a stream: the whole file, or one part out of the zip.
 * The whole file is opened here (not at the first read) so that a missing file is an error
 * before anything is journaled or sent.
 */
async function openBatchFile(file: BatchFile): Promise<Readable> {
  if (file.entry === null) {
    const handle = await open(file.path, 'r').catch(() => null);
    if (!handle) throw new ApiFailure('not_found', 'Le fichier de ce lot de courriers manque.');
    return handle.createReadStream();
  }
  const stream = await openZipEntry(file.path, file.entry);
  if (!stream) throw new ApiFailure('not_found', 'Ce fichier manque dans le lot de courriers.');
  return stream;
}
