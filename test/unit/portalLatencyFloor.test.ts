import { describe, expect, it } from 'vitest';
import { littleLawFloorMs, p95FloorLine, rateNeededFor } from '../../bench/portalLatencyFloor';

describe('the portal bench’s floor beside its p95 target (Little’s law, L = λ·W)', () => {
  it('50 connections answered 2,000 times a second wait 25 ms on average; 1,250/s, 40 ms', () => {
    expect(littleLawFloorMs(50, 2000)).toBe(25);
    expect(littleLawFloorMs(50, 1250)).toBe(40);
    expect(rateNeededFor(50, 25)).toBe(2000);
  });

  it('prints both servers’ p95 and floor on one line', () => {
    expect(
      p95FloorLine(50, 25, [
        { name: 'portal', p95: 61.23, requestsPerSecond: 1000 },
        { name: 'baseline', p95: 30.04, requestsPerSecond: 2500 },
      ]),
    ).toBe(
      "  p95 beside it: portal 61.2 ms, baseline 30.0 ms; Little's law floor at 50 connections (connections ÷ requests/s): portal 50.0 ms, baseline 20.0 ms (a mean under 25 ms needs > 2000 req/s)",
    );
  });
});
