import { rmSync, readdirSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { LessThan, MoreThan } from 'typeorm';
import { ApiFailure } from '../../../shared/api/result';
import type { LetterBatchSummary } from '../../../shared/api/staff/letters';
import { batchDownloadName } from '../../../shared/domain/letterBatches';
import type { Database } from '../../db/database';
import { StaffUserEntity } from '../../db/entities';
import { LetterBatchEntity } from '../../db/entities/accounts';
import { writeAudit } from '../audit/audit';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';

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
  }));
}

/** The batch's PDF path, for the download route; audited, since it holds passwords. */
export async function batchFile(
  { db, clock, lettersDir }: BatchDeps,
  actor: StaffActor,
  id: number,
): Promise<{ path: string; name: string }> {
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
    path: batchPath(lettersDir, row.fileName),
    name: batchDownloadName(row.label, row.createdAt),
  };
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
    const id = name.replace(/\.(part|pdf)$/, '');
    if (running.has(id)) continue;
    if (name.endsWith('.part') && known.has(`${id}.pdf`)) {
      await rename(batchPath(lettersDir, name), batchPath(lettersDir, `${id}.pdf`));
    } else if (!known.has(name)) {
      rmSync(batchPath(lettersDir, name), { force: true });
    }
  }
}
