// Runs a batch of letters for the whole school in its own process, so that a test can kill
// it at a chosen moment (test/integration/letterCrash.test.ts). Prints one JSON line per event.
import { startPupitre } from '../../main/bootstrap';
import { fixedClock } from '../../main/services/clock';
import type { LetterJob } from '../../shared/api/staff/letters';
import { ADMIN_PASSWORD, TEST_NOW, testHasher } from './pupitre';

const [dataDir, pauseAt, split] = process.argv.slice(2) as [string, string | undefined, string?];
const say = (event: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(event)}\n`);

const pupitre = await startPupitre({
  dataDir,
  clock: fixedClock(TEST_NOW),
  hasher: testHasher,
  adminPassword: ADMIN_PASSWORD,
  letterPhaseHook: async (phase) => {
    say({ phase });
    // Holds the process at this point until the test kills it.
    if (phase === pauseAt) await new Promise(() => undefined);
  },
});
const { issued } = await pupitre.dispatch.handle(
  'session.login',
  { login: 'direction', password: ADMIN_PASSWORD },
  null,
  { address: '127.0.0.1' },
);
// `split`: one PDF a division, in one zip (issue 15 §1).
const started = await pupitre.dispatch(
  'letters.start',
  split === 'split'
    ? { scope: { kind: 'school' }, order: 'division', split: 'division' }
    : { scope: { kind: 'school' } },
  issued,
);
if (!started.ok) throw new Error(started.error.message);
let job = started.value as LetterJob;
say({ total: job.total });
while (job.state === 'running') {
  await new Promise((resolve) => setTimeout(resolve, 20));
  const next = await pupitre.dispatch('letters.job', { jobId: job.jobId }, issued);
  if (!next.ok) throw new Error(next.error.message);
  job = next.value as LetterJob;
  say({ done: job.done, total: job.total, state: job.state });
}
await pupitre.close();
