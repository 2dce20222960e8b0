import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignSummary } from '../../shared/api/staff/accounts';
import type { LetterPlan } from '../../shared/api/staff/letters';
import { printLetters } from '../helpers/letterRuns';
import { flat } from '../helpers/letterFixtures';
import { credentialsOf } from '../helpers/pdfText';
import {
  ADMIN_PASSWORD,
  loginToken,
  startTestPupitre,
  type TestPupitre,
  value,
} from '../helpers/pupitre';

let p: TestPupitre;
let direction: string;
beforeEach(async () => {
  p = await startTestPupitre({ students: 200 });
  direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
});
afterEach(async () => p.cleanup());

const q = <T>(sql: string, params: unknown[] = []) =>
  p.db.manager.query(sql, params) as Promise<T[]>;

/** A guardian's children in two divisions or more, youngest first (as the campaign files them). */
async function familyInTwoDivisions() {
  const rows = await q<{ login: string; division_id: number; code: string; first_name: string }>(
    `SELECT a.login, s.division_id, d.code, s.first_name FROM family_account a
       JOIN account_student x ON x.account_id = a.id JOIN student s ON s.id = x.student_id
       JOIN division d ON d.id = s.division_id
      WHERE a.kind = 'guardian' AND a.id IN (
        SELECT x2.account_id FROM account_student x2 JOIN student s2 ON s2.id = x2.student_id
         GROUP BY x2.account_id HAVING COUNT(DISTINCT s2.division_id) > 1)
      ORDER BY a.id, s.birth_date DESC, s.first_name`,
  );
  expect(rows.length).toBeGreaterThan(1);
  return rows.filter((r) => r.login === rows[0]!.login);
}

const carrierOf = (page: string) => /Remis à l’élève (.+?) \(([^)]+)\)/.exec(flat(page));

describe('a division’s batch « par division puis par nom » (issue 13)', () => {
  it('a family with children in several divisions: under the child of this division, who is named', async () => {
    const family = await familyInTwoDivisions();
    const summary = value<CampaignSummary>(await p.dispatch('campaign.summary', {}, direction));
    // The campaign table files the family under one division: print the other one's batch.
    const filed = family.find((c) =>
      summary.divisions.some((d) => d.divisionId === c.division_id && d.divisionCode === c.code),
    );
    const other = family.find((c) => c.division_id !== family[0]!.division_id) ?? family[1]!;
    expect(filed).toBeDefined();
    const scope = { kind: 'division', divisionId: other.division_id };
    const plan = value<LetterPlan>(await p.dispatch('letters.plan', { scope }, direction));
    const { pages } = await printLetters(p, direction, { scope, order: 'division' });

    const page = pages.find((text) => credentialsOf(text).login === other.login)!;
    expect(carrierOf(page)?.[1]).toMatch(new RegExp(`^${other.first_name} `));
    expect(carrierOf(page)?.[2]).toBe(other.code);
    // Every letter of the batch is carried by a child of this division, a family's together.
    const carriers = pages.map((text) => carrierOf(text)?.[1] ?? null);
    expect(pages.every((text) => carrierOf(text)?.[2] === other.code)).toBe(true);
    const seen = new Set<string | null>();
    carriers.forEach((c, i) => {
      if (i > 0 && c !== carriers[i - 1]) expect(seen.has(c)).toBe(false);
      seen.add(c);
    });

    // The dialog's count against the table's: the difference is the families filed elsewhere.
    const row = summary.divisions.find((d) => d.divisionId === other.division_id)!;
    const inTable = Object.values(row.counts).reduce((sum, n) => sum + n, 0);
    expect(plan.filedElsewhere).toBeGreaterThan(0);
    expect(plan.letters - plan.filedElsewhere).toBe(inTable);
  });
});

describe('two children of the same first name on one letter (issue 12 §2)', () => {
  it('are told apart by their date of birth, from the school’s records', async () => {
    const [account] = await q<{ id: number }>(
      `SELECT x.account_id AS id FROM account_student x JOIN family_account a ON a.id = x.account_id
        WHERE a.kind = 'guardian' GROUP BY x.account_id HAVING COUNT(*) > 1 ORDER BY x.account_id LIMIT 1`,
    );
    const children = await q<{ id: number }>(
      'SELECT student_id AS id FROM account_student WHERE account_id = ? ORDER BY student_id LIMIT 2',
      [account!.id],
    );
    for (const [i, child] of children.entries()) {
      await q(`UPDATE student SET first_name = 'Camille', sex = 'F', birth_date = ? WHERE id = ?`, [
        i === 0 ? '2012-03-01' : '2014-06-05',
        child.id,
      ]);
    }
    const { pages } = await printLetters(p, direction, {
      scope: { kind: 'accounts', accountIds: [account!.id] },
    });
    const page = flat(pages[0]!);
    expect(page).toContain('Camille (née le 1er mars 2012)');
    expect(page).toContain('Camille (née le 5 juin 2014)');
    expect(page).toMatch(/pour l’élève Camille \([^)]*née le 1er mars 2012\)/);
  });
});
