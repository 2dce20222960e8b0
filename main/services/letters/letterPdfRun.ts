import { createWriteStream, rmSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import type { LetterBatchPart } from '../../../shared/api/staff/letters';
import { batchDownloadName, partFileName } from '../../../shared/domain/letterBatches';
import { LetterBatchEntity } from '../../db/entities/accounts';
import { openLetterDocument } from '../../pdf/notificationLetter';
import { createWordLayouts } from '../../pdf/wordLayoutCache';
import { provisionalPassword } from '../accounts/provisionalPassword';
import { writeAudit } from '../audit/audit';
import type { StaffActor } from '../context';
import { batchPath, BATCH_TTL_MS } from './letterBatches';
import { commitPasswords } from './letterCommit';
import { ROW_SLICE } from './letterRows';
import { Cancelled, type BatchLetters, type RunDeps, type RunningJob } from './letterRun';
import { finalLetter, type SelectedLetter } from './letterSelection';
import { openZipWriter } from './letterZip';

/** Where a run is: one division's PDF ended in the zip, every file written, committed. */
export type LetterPhase = 'part-written' | 'pdf-written' | 'committed';

export interface PdfRunDeps extends RunDeps {
  lettersDir: string;
  /** Tests only: called with the phase a batch reaches, to kill the process there. */
  onPhase?: (phase: LetterPhase) => Promise<void> | void;
}

/** One PDF of the batch: all its letters, or one division's when the batch is split. */
interface PdfPart {
  label: string;
  fileName: string;
  letters: SelectedLetter[];
}

const divisionOrder = new Intl.Collator('fr', { numeric: true }).compare;

/**
 * A batch split by division: each division's letters in the batch's order, the divisions in
 * the order of their codes, the letters of children in no division last.
 */
export function splitByDivision(letters: SelectedLetter[]): PdfPart[] {
  const groups = new Map<string, SelectedLetter[]>();
  for (const letter of letters) {
    const group = groups.get(letter.division);
    if (group) group.push(letter);
    else groups.set(letter.division, [letter]);
  }
  const codes = [...groups.keys()].sort((a, b) =>
    a === '' ? 1 : b === '' ? -1 : divisionOrder(a, b),
  );
  return codes.map((code, i) => ({
    label: code || 'Sans division',
    fileName: partFileName(i + 1, code),
    letters: groups.get(code)!,
  }));
}

/**
 * Draws the passwords, writes every page, then commits the passwords with the batch. Split
 * by division, the file is a zip of one PDF a division, each ended before the next begins
 * (pdfkit's memory then follows a division, not the batch); the passwords still change
 * together, once every part is written.
 */
export async function runPdf(
  deps: PdfRunDeps,
  job: RunningJob,
  actor: StaffActor,
  batch: BatchLetters,
  label: string,
  split: 'none' | 'division' = 'none',
) {
  const { db, clock, hasher } = deps;
  const parts = split === 'division' ? splitByDivision(batch.letters) : null;
  const letters = parts ? parts.flatMap((p) => p.letters) : batch.letters;
  const part = batchPath(deps.lettersDir, `${job.jobId}.part`);
  const fileName = `${job.jobId}.${parts ? 'zip' : 'pdf'}`;
  const output = createWriteStream(part, { mode: 0o600 });
  const finished = new Promise<void>((resolve, reject) => {
    output.on('finish', resolve);
    output.on('error', reject);
  });
  // A cancelled run destroys the stream mid-write: that error is expected, not unhandled.
  finished.catch(() => undefined);
  try {
    const fonts = await deps.fonts();
    const zip = parts ? openZipWriter(output) : null;
    // Shared by the divisions' documents: each letter's words are laid out once a batch.
    const layouts = createWordLayouts();
    const hashes: Promise<string | null>[] = [];
    let written = 0;
    let hashed = 0;
    let pages = 0;
    const writtenParts: LetterBatchPart[] = [];
    const needHash = letters.filter((l) => l.newPassword).length;
    const progress = () => {
      job.done = Math.floor((letters.length * (written + hashed)) / (letters.length + needHash));
    };
    for (const [index, pdf] of (parts ?? [{ label: '', fileName: '', letters }]).entries()) {
      const document = openLetterDocument(zip ? zip.entry(pdf.fileName) : output, fonts, layouts);
      // The letters' names and addresses are read a slice at a time, as the pages go. Pages
      // do not wait for their hashes (pacing them by the hasher slowed a batch down): the
      // hashes queue behind the pages, a few hundred bytes each.
      for (let start = 0; start < pdf.letters.length; start += ROW_SLICE) {
        if (job.cancelled) throw new Cancelled();
        for (const planned of await batch.read(pdf.letters.slice(start, start + ROW_SLICE))) {
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
      }
      const ended = await document.end();
      pages += ended.pages;
      if (parts) {
        writtenParts.push({
          index: index + 1,
          label: pdf.label,
          fileName: pdf.fileName,
          letters: pdf.letters.length,
          pages: ended.pages,
        });
        await deps.onPhase?.('part-written');
      }
    }
    zip?.end();
    await finished;
    const handle = await open(part, 'r+');
    await handle.sync();
    await handle.close();
    const resolved = await Promise.all(hashes);
    const done = letters.map((planned, i) => ({ planned, hash: resolved[i] ?? null }));
    if (job.cancelled) throw new Cancelled();
    await deps.onPhase?.('pdf-written');

    const now = clock.now();
    const createdAt = now.toISOString();
    const batchId = await db.transaction(async (m) => {
      await commitPasswords(m, clock, actor, done, label);
      const inserted = await m.getRepository(LetterBatchEntity).insert({
        schoolId: actor.schoolId,
        staffUserId: actor.userId,
        label,
        accountCount: letters.length,
        pageCount: pages,
        fileName,
        createdAt,
        expiresAt: new Date(now.getTime() + BATCH_TTL_MS).toISOString(),
        parts: parts ? JSON.stringify(writtenParts) : '',
      });
      const id = Number(inserted.identifiers[0]!.id);
      await writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: 'letters.batch',
        targetType: 'letter_batch',
        targetId: id,
        targetLabel: label,
        details: {
          courriers: letters.length,
          'nouveaux mots de passe': needHash,
          ...(parts ? { 'fichiers PDF (un par division)': parts.length } : {}),
        },
      });
      return id;
    });
    await deps.onPhase?.('committed');
    // The batch row names the final file: recovery at start finishes this rename if a
    // crash falls between the commit and here.
    await rename(part, batchPath(deps.lettersDir, fileName));
    job.batchId = batchId;
    job.fileName = batchDownloadName(label, createdAt, parts ? 'zip' : 'pdf');
    job.done = letters.length;
    job.state = 'done';
  } catch (error) {
    // A stream cancelled before its file was even open would create it after the removal:
    // the part is removed once the stream has closed.
    if (!output.closed) {
      await new Promise<void>((resolve) => {
        output.once('close', resolve);
        output.destroy();
      });
    }
    rmSync(part, { force: true });
    throw error;
  }
}
