import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailOutboxEntity } from '../../main/db/entities/mail';
import { activateAccount, startPortalWorld, type PortalWorld } from '../helpers/portal';

// Issue 14: « mot de passe oublié » and « identifiant oublié » answered a live address
// measurably later than an unknown one. Both now answer before looking anything up; the
// lookup and the mail follow the answer.
let w: PortalWorld;
let n = 0;
const address = () => ({ address: `198.19.${Math.floor(n / 200)}.${(n++ % 200) + 1}` });
const CALLS = 200;

beforeAll(async () => {
  w = await startPortalWorld();
});
afterAll(async () => w?.cleanup());

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const outbox = () => w.p.db.manager.getRepository(MailOutboxEntity).count();
const mailsTo = (to: string) =>
  w.p.db.manager.getRepository(MailOutboxEntity).countBy({ toAddress: to });

async function timed(name: string, input: unknown): Promise<number> {
  const start = performance.now();
  const r = await w.p.portal.dispatch.handle(name, input, null, address());
  const took = performance.now() - start;
  expect(r.result.ok).toBe(true);
  // Outside the measure: the work after the answer does not overlap the next call.
  await w.p.portal.services.auth.settled();
  // An hour later: the mailbox's 3 recovery mails an hour never cut the live path short.
  w.p.clock.advance(3_600_000);
  return took;
}

/** Alternates a live input and an unknown one, CALLS times each; the medians in ms. */
async function medians(name: string, live: unknown, unknown: unknown) {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    a.push(await timed(name, live));
    b.push(await timed(name, unknown));
  }
  return { live: median(a), unknown: median(b) };
}

async function liveAccount(email: string) {
  const rows = (await w.p.db.manager.query(
    `SELECT id, login FROM family_account WHERE kind = 'guardian' AND state = 'not_notified' ORDER BY id DESC LIMIT 1`,
  )) as { id: number; login: string }[];
  await activateAccount(w.p, rows[0]!.id, 'Tigre7Bleu', email);
  return rows[0]!;
}

describe('the recovery forms take as long for a live address as for an unknown one', () => {
  it('answer before any lookup: the mail to a live address is written after the answer', async () => {
    const account = await liveAccount('vivant@example.fr');
    const before = await outbox();
    const r = await w.p.portal.dispatch.handle(
      'portal.forgotPassword',
      { login: account.login },
      null,
      address(),
    );
    expect(r.result.ok).toBe(true);
    expect(await outbox()).toBe(before);
    await w.p.portal.services.auth.settled();
    expect(await outbox()).toBe(before + 1);
  });

  it('« mot de passe oublié »: the medians of 200 calls differ by less than half of one', async () => {
    const account = await liveAccount('vivant2@example.fr');
    const m = await medians(
      'portal.forgotPassword',
      { login: account.login },
      { login: 'personne.inconnue' },
    );
    expect(Math.abs(m.live - m.unknown)).toBeLessThan(Math.max(0.5 * m.unknown, 0.2));
    expect(await mailsTo('vivant2@example.fr')).toBe(CALLS);
  });

  it('« identifiant oublié »: the medians of 200 calls differ by less than half of one', async () => {
    await liveAccount('vivant3@example.fr');
    const m = await medians(
      'portal.forgotLogin',
      { email: 'vivant3@example.fr' },
      { email: 'personne@example.fr' },
    );
    expect(Math.abs(m.live - m.unknown)).toBeLessThan(Math.max(0.5 * m.unknown, 0.2));
    expect(await mailsTo('vivant3@example.fr')).toBe(CALLS);
  });
});
