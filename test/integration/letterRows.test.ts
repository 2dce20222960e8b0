import type { EntitySubscriberInterface } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LetterPlan } from '../../shared/api/staff/letters';
import { printLetters } from '../helpers/letterRuns';
import {
  ADMIN_PASSWORD,
  loginToken,
  startTestPupitre,
  type TestPupitre,
  value,
} from '../helpers/pupitre';

// Issue 15 §1: a lycée's batch once read its whole selection at once as entities (every
// account, guardian and pupil with their names and addresses: most of a 6,000-letter batch's
// memory, in its first second). The letters now read plain rows a slice of accounts at a time.
let p: TestPupitre;
let token: string;
/** The most rows carrying a name, an identifiant or an address that one statement returned. */
let widest: { rows: number; query: string };

beforeEach(async () => {
  p = await startTestPupitre({ students: 450 });
  token = await loginToken(p, 'direction', ADMIN_PASSWORD);
  widest = { rows: 0, query: '' };
  const watcher: EntitySubscriberInterface = {
    afterQuery(event) {
      const rows = event.rawResults as unknown;
      if (!Array.isArray(rows) || rows.length <= widest.rows) return;
      const first = rows[0] as Record<string, unknown> | undefined;
      if (first && Object.keys(first).some((k) => /name|login|address|email/i.test(k))) {
        widest = { rows: rows.length, query: event.query };
      }
    },
  };
  (p.db.dataSource.subscribers as EntitySubscriberInterface[]).push(watcher);
});
afterEach(async () => p.cleanup());

describe('a whole school’s letters, read a slice at a time', () => {
  it('no statement returns the names of the whole selection, planned or printed', async () => {
    const input = { scope: { kind: 'school' } };
    const plan = value<LetterPlan>(await p.dispatch('letters.plan', input, token));
    expect(plan.letters).toBeGreaterThan(1000);
    const { pages } = await printLetters(p, token, input);
    expect(pages).toHaveLength(plan.letters);
    // A slice is 250 accounts; their children and pupils may be a few more rows.
    expect(widest.rows, widest.query).toBeLessThanOrEqual(600);
  }, 300_000);
});
