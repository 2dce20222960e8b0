import { describe, expect, it } from 'vitest';
import type { GradeGrid } from '../../shared/api/staff';
import { clipboardRows, planPaste } from '../../renderer/staff/components/grades/gridPaste';

// Only what a paste reads: two devoirs (/20 and /10), three pupils, one mark already typed.
const grid = {
  assessments: [
    { id: 7, label: 'DS 1', scaleHundredths: 2000 },
    { id: 8, label: 'Quiz', scaleHundredths: 1000 },
  ],
  pupils: ['AMIOT', 'BOREL', 'CANTIN'].map((lastName, index) => ({
    id: 100 + index,
    lastName,
    firstName: 'Léa',
    cells: {
      '7': { version: index === 1 ? 3 : 0 },
      '8': { version: 0 },
    },
  })),
} as unknown as GradeGrid;

describe('pasting a spreadsheet’s selection in the marks grid (issue 16 §3)', () => {
  it('reads rows × columns, the trailing line break and Windows line ends left out', () => {
    expect(clipboardRows('12\t4\r\n\t6\r\n')).toEqual([
      ['12', '4'],
      ['', '6'],
    ]);
  });

  it('fills across and down from the focused cell; a blank keeps the mark already there', () => {
    const plan = planPaste(grid, 0, 0, clipboardRows('12\t4\n\t6\n15,5\t8\n'));
    expect(plan).toEqual({
      ok: true,
      columns: [
        {
          assessmentId: 7,
          cells: [
            { studentId: 100, text: '12', version: 0 },
            { studentId: 102, text: '15,5', version: 0 },
          ],
        },
        {
          assessmentId: 8,
          cells: [
            { studentId: 100, text: '4', version: 0 },
            { studentId: 101, text: '6', version: 0 },
            { studentId: 102, text: '8', version: 0 },
          ],
        },
      ],
    });
  });

  it('checks each value on its own devoir’s barème and refuses the whole paste, naming the line', () => {
    const plan = planPaste(grid, 0, 1, clipboardRows('18\t9\n20\t12\n'));
    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.message).toMatch(
      /^Ligne 2 \(CANTIN Léa, Quiz\)\s:\s12 dépasse le barème\s: la note est sur 10\. Rien n’est enregistré\.$/,
    );
  });

  it('refuses more lines or columns than the grid has from there', () => {
    expect(planPaste(grid, 0, 2, clipboardRows('1\n2\n'))).toMatchObject({ ok: false });
    expect(planPaste(grid, 1, 0, clipboardRows('1\t2\n'))).toMatchObject({ ok: false });
  });
});
