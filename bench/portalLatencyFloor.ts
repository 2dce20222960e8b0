/**
 * Little's law (L = λ·W) for a closed-loop load: `connections` clients, each sending its next
 * request as soon as the last is answered, keep L = connections requests in flight; at λ
 * answers a second the mean wait W is connections ÷ λ, whatever the server does with them. A
 * p95 sits above that mean, so it is the floor a p95 goal is held to at that rate (in ms).
 */
export function littleLawFloorMs(connections: number, requestsPerSecond: number): number {
  return (1000 * connections) / requestsPerSecond;
}

/** The rate below which a mean (hence a p95) under `goalMs` cannot be had at `connections`. */
export function rateNeededFor(connections: number, goalMs: number): number {
  return (1000 * connections) / goalMs;
}

/**
 * The line printed beside the home page's p95 target: each server's p95 and its floor, so a
 * reader sees how far the goal is from what the bare server itself reaches.
 */
export function p95FloorLine(
  connections: number,
  goalMs: number,
  servers: { name: string; p95: number; requestsPerSecond: number }[],
): string {
  const p95s = servers.map((s) => `${s.name} ${s.p95.toFixed(1)} ms`).join(', ');
  const floors = servers
    .map((s) => `${s.name} ${littleLawFloorMs(connections, s.requestsPerSecond).toFixed(1)} ms`)
    .join(', ');
  return `  p95 beside it: ${p95s}; Little's law floor at ${connections} connections (connections ÷ requests/s): ${floors} (a mean under ${goalMs} ms needs > ${rateNeededFor(connections, goalMs).toFixed(0)} req/s)`;
}
