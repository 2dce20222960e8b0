import { describe, expect, it } from 'vitest';
import {
  createScryptHasher,
  hashToken,
  newSessionToken,
  temporaryPassword,
} from '../../main/services/secrets';
import { SerialQueue } from '../../main/db/serialQueue';

describe('password hashing', () => {
  const hasher = createScryptHasher({ N: 1024, r: 8, p: 1 });
  it('verifies the right password only, with a fresh salt each time', async () => {
    const a = await hasher.hash('Élève2026!');
    const b = await hasher.hash('Élève2026!');
    expect(a).not.toBe(b);
    expect(await hasher.verify('Élève2026!', a)).toBe(true);
    expect(await hasher.verify('Eleve2026!', a)).toBe(false);
    expect(await hasher.verify('Élève2026!', 'garbage')).toBe(false);
  });
  it('treats composed and decomposed accents as the same password', async () => {
    const stored = await hasher.hash('Zoé2026xyz');
    expect(await hasher.verify('Zoe\u0301' + '2026xyz', stored)).toBe(true);
  });
});

describe('tokens and temporary passwords', () => {
  it('makes long random tokens and stores only their SHA-256', () => {
    const token = newSessionToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newSessionToken()).not.toBe(token);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
  });
  it('temporary passwords avoid look-alike characters and hold a letter and a digit', () => {
    for (let i = 0; i < 200; i++) {
      const value = temporaryPassword();
      expect(value).toMatch(/^[A-HJ-NP-Z2-9]{12}$/);
      expect(value).toMatch(/\d/);
      expect(value).toMatch(/[A-Z]/);
    }
  });
});

describe('SerialQueue', () => {
  it('runs jobs one at a time in order, and a failure does not stop the next', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    const job =
      (name: string, ms: number, fail = false) =>
      async () => {
        log.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, ms));
        log.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      queue.run(job('a', 20)),
      queue.run(job('b', 1, true)),
      queue.run(job('c', 1)),
    ]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
