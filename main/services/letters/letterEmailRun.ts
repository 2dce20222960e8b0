import { PassThrough } from 'node:stream';
import { activationDeadline } from '../../../shared/domain/accounts';
import type { Mailer } from '../../mail/types';
import type { LetterFonts } from '../../pdf/fonts';
import type { NotificationLetterData } from '../../pdf/letterData';
import { openLetterDocument } from '../../pdf/notificationLetter';
import { createWordLayouts, type WordLayouts } from '../../pdf/wordLayoutCache';
import { provisionalPassword } from '../accounts/provisionalPassword';
import { parisToday } from '../calendar';
import type { StaffActor } from '../context';
import { commitPasswords } from './letterCommit';
import { Cancelled, type BatchLetters, type RunDeps, type RunningJob } from './letterRun';
import { finalLetter, type PlannedLetter } from './letterSelection';

/** E-mailed letters are committed in slices: each slice atomic, memory bounded. */
const EMAIL_SLICE = 100;

export interface EmailRunDeps extends RunDeps {
  mailer: Mailer;
}

/** Each letter as its own PDF, e-mailed; slices commit passwords and outbox rows together. */
export async function runEmail(
  deps: EmailRunDeps,
  job: RunningJob,
  actor: StaffActor,
  batch: BatchLetters,
  label: string,
) {
  const { letters } = batch;
  const { db, clock, hasher, mailer } = deps;
  const fonts = await deps.fonts();
  // One document a letter: the batch's word layouts are shared by all of them.
  const layouts = createWordLayouts();
  let sent = 0;
  for (let start = 0; start < letters.length; start += EMAIL_SLICE) {
    if (job.cancelled) throw new Cancelled();
    const slice = await batch.read(letters.slice(start, start + EMAIL_SLICE));
    const prepared: { planned: PlannedLetter; hash: string | null; pdf: Buffer }[] = [];
    // The slice's hashes run together (the hasher bounds them); pages are drawn meanwhile.
    const hashes: Promise<string | null>[] = [];
    const pdfs: Buffer[] = [];
    for (const planned of slice) {
      if (job.cancelled) throw new Cancelled();
      const password = planned.newPassword ? provisionalPassword() : null;
      hashes.push(password ? hasher.hash(password) : Promise.resolve(null));
      pdfs.push(await singleLetterPdf(fonts, finalLetter(planned, password), layouts));
      job.done = start + pdfs.length;
    }
    const resolved = await Promise.all(hashes);
    slice.forEach((planned, i) => prepared.push({ planned, hash: resolved[i]!, pdf: pdfs[i]! }));
    if (job.cancelled) throw new Cancelled();
    await db.transaction(async (m) => {
      await commitPasswords(m, clock, actor, prepared, label);
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

async function singleLetterPdf(
  fonts: LetterFonts,
  letter: NotificationLetterData,
  layouts: WordLayouts,
): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const document = openLetterDocument(sink, fonts, layouts);
  await document.addLetter(letter);
  await document.end();
  await ended;
  return Buffer.concat(chunks);
}
