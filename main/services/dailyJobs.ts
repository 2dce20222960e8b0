import { nextParisMidnight } from './calendar';
import type { Clock } from './clock';

export interface DailyJob {
  name: string;
  run(): Promise<unknown>;
}

export interface JobLogger {
  error(message: string, summary: { name: string; message: string }): void;
}

/**
 * Runs each job once at start (the jobs look at what is due, so this catches up on the days
 * the app was closed or the laptop asleep), then a minute after each Paris midnight. A timer
 * is re-armed from the clock every time: a `setTimeout` over 2^31 ms would fire at once, and
 * a night's sleep would shift a fixed interval.
 */
export function startDailyJobs(
  jobs: DailyJob[],
  clock: Clock,
  logger: JobLogger,
): { stop(): Promise<void> } {
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> = Promise.resolve();
  let stopped = false;

  async function runAll() {
    for (const job of jobs) {
      try {
        await job.run();
      } catch (error) {
        logger.error(`La tâche quotidienne ${job.name} a échoué`, {
          name: error instanceof Error ? error.name : 'Error',
          message: error instanceof Error ? error.message.slice(0, 300) : 'non-Error thrown',
        });
      }
    }
  }

  let due = nextParisMidnight(clock.now()).getTime() + 60_000;

  /** Wakes at most every 6 hours to look at the clock: a sleeping laptop's timers drift. */
  function arm() {
    if (stopped) return;
    const wait = Math.min(Math.max(due - clock.now().getTime(), 1_000), 6 * 3_600_000);
    timer = setTimeout(() => {
      if (clock.now().getTime() < due) return arm();
      due = nextParisMidnight(clock.now()).getTime() + 60_000;
      current = runAll().finally(arm);
    }, wait);
    timer.unref();
  }

  current = runAll().finally(arm);
  return {
    /** Stops the timer and waits for a run in progress (the database closes next). */
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
