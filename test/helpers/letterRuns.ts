import { expect } from 'vitest';
import type { LetterJob } from '../../shared/api/staff/letters';
import { pdfPages } from './pdfText';
import { value, type TestPupitre } from './pupitre';

/** Polls a letters job until it is no longer running. */
export async function finishedJob(p: TestPupitre, token: string, job: LetterJob) {
  let current = job;
  for (let i = 0; i < 600 && current.state === 'running'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    current = value<LetterJob>(await p.dispatch('letters.job', { jobId: job.jobId }, token));
  }
  return current;
}

/** A PDF batch started, finished and downloaded: its job and each page's text. */
export async function printLetters(
  p: TestPupitre,
  token: string,
  input: unknown,
): Promise<{ job: LetterJob; pages: string[] }> {
  const started = value<LetterJob>(await p.dispatch('letters.start', input, token));
  const job = await finishedJob(p, token, started);
  expect(job.state, job.message).toBe('done');
  const bytes = value<Uint8Array>(await p.dispatch('letters.download', { id: job.batchId }, token));
  return { job, pages: await pdfPages(bytes) };
}
