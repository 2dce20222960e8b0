import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCount, formatNumber } from '../../renderer/ui/format';
import { formatFileSize } from '../../renderer/staff/importLabels';
import { formatAuditDetails } from '../../renderer/staff/auditLabels';

const NARROW_NBSP = '\u202f';

describe('numbers in French (« 1 438 »: thousands grouped by a narrow no-break space)', () => {
  it('groups thousands with U+202F and writes decimals with a comma', () => {
    expect(formatNumber(1438)).toBe(`1${NARROW_NBSP}438`);
    expect(formatNumber(1234567)).toBe(`1${NARROW_NBSP}234${NARROW_NBSP}567`);
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(12.5)).toBe('12,5');
  });

  it('spaces counts, sizes and the import counts of the journal alike', () => {
    // Number and word joined by a no-break space: « (2 » never ends a line alone.
    expect(formatCount(1438, 'élève', 'élèves')).toBe(`1${NARROW_NBSP}438\u00a0élèves`);
    expect(formatCount(2, 'demi-journée', 'demi-journées')).toBe('2\u00a0demi-journées');
    expect(formatFileSize(1500)).toBe('1 Ko');
    expect(formatFileSize(1023)).toBe(`1${NARROW_NBSP}023 o`);
    expect(formatFileSize(3.4 * 1024 * 1024)).toBe('3,4 Mo');
    expect(formatAuditDetails({ studentsAdded: 1438 }, 'import.siecle')).toContain(
      `1${NARROW_NBSP}438`,
    );
    // Elsewhere a number may be a year: it stays as written.
    expect(formatAuditDetails({ année: 2026 })).toBe('année\u00a0: 2026');
  });
});

/** Every .ts/.tsx file of the staff window. */
function staffSources(dir = join(__dirname, '..', '..', 'renderer', 'staff')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return staffSources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

// Ways a count reached the screen without the formatter (each was found in the staff window):
// its own toLocaleString, or a bare count in a template string or as a JSX child.
const UNFORMATTED = [
  /\.toLocaleString\(/,
  /\$\{\s*[\w.?!]*(\.length|[cC]ount|[tT]otal|\.done|\.attempts|\.records)\s*\}/,
  /(^|>)\s*\{\s*[\w.?!]*(\.length|[cC]ount|[tT]otal|\.done|\.attempts|\.records)\s*\}/,
];

describe('the staff window prints every count through formatNumber/formatCount', () => {
  it('has no count printed by hand', () => {
    const offenders = staffSources().flatMap((path) =>
      readFileSync(path, 'utf8')
        .split('\n')
        .map((line, index) => ({ line, index }))
        .filter(({ line }) => UNFORMATTED.some((pattern) => pattern.test(line)))
        .map(({ line, index }) => `${relative(process.cwd(), path)}:${index + 1}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });
});
