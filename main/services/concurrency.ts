/**
 * At most `limit` tasks at once; the others wait their turn in order. Password hashing runs
 * on libuv's four threads: left unbounded, a batch of letters or a burst of logins would
 * make every file read and every page of the window wait behind it (STACK.md).
 */
export function createLimiter(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];

  async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  }

  return { run, pending: () => waiting.length, active: () => running };
}

export type Limiter = ReturnType<typeof createLimiter>;
