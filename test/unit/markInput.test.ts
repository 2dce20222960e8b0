import { describe, expect, it } from 'vitest';
import {
  markLabel,
  parseCoefficientInput,
  parseMarkInput,
  parseScaleInput,
} from '../../shared/domain/grades/marks';

const NBSP = '\u00a0';

describe('a cell of the marks grid', () => {
  it('reads « 12,5 » and « 12.5 » alike, two decimals at most', () => {
    expect(parseMarkInput('12,5')).toEqual({ ok: true, value: { kind: 'points', points: 1250 } });
    expect(parseMarkInput('12.5')).toEqual({ ok: true, value: { kind: 'points', points: 1250 } });
    expect(parseMarkInput(' 8,25 ')).toEqual({ ok: true, value: { kind: 'points', points: 825 } });
    expect(parseMarkInput('0')).toEqual({ ok: true, value: { kind: 'points', points: 0 } });
    expect(parseMarkInput('20')).toEqual({ ok: true, value: { kind: 'points', points: 2000 } });
    expect(parseMarkInput('12,125')).toEqual({
      ok: false,
      message: `«${'\u202f'}12,125${'\u202f'}»${NBSP}: une note a deux décimales au plus (ex. 12,25).`,
    });
  });

  it('reads Abs, Disp, NN in any case, and their first letters a, d, n', () => {
    for (const [typed, kind] of [
      ['Abs', 'abs'],
      ['ABS', 'abs'],
      ['a', 'abs'],
      ['disp', 'disp'],
      ['D', 'disp'],
      ['nn', 'nn'],
      ['N', 'nn'],
    ] as const) {
      expect(parseMarkInput(typed)).toEqual({ ok: true, value: { kind } });
    }
  });

  it('an empty cell is no mark', () => {
    expect(parseMarkInput('  ')).toEqual({ ok: true, value: null });
  });

  it('refuses a mark above the scale and what is not a mark, in French', () => {
    expect(parseMarkInput('21')).toEqual({
      ok: false,
      message: `21 dépasse le barème${NBSP}: la note est sur 20.`,
    });
    expect(parseMarkInput('10,5', 1000)).toEqual({
      ok: false,
      message: `10,5 dépasse le barème${NBSP}: la note est sur 10.`,
    });
    expect(parseMarkInput('10', 1000)).toEqual({
      ok: true,
      value: { kind: 'points', points: 1000 },
    });
    for (const typed of [
      '-3',
      'douze',
      '12/20',
      '1e1',
      'abs.',
      '12,',
      '1 2 3 4',
      'constructor',
      'toString',
      '__proto__',
    ]) {
      const parsed = parseMarkInput(typed);
      expect(parsed.ok, typed).toBe(false);
      if (!parsed.ok) expect(parsed.message).toContain('n’est pas une note');
    }
  });

  it('shows a mark as the guides’ notes table does: « 16,50 », « 8,00/16 », « Abs »', () => {
    expect(markLabel({ kind: 'points', points: 1650 })).toBe('16,50');
    expect(markLabel({ kind: 'points', points: 800 }, 1600)).toBe('8,00/16');
    expect(markLabel({ kind: 'points', points: 720 }, 1900)).toBe('7,20/19');
    expect(markLabel({ kind: 'abs' })).toBe('Abs');
    expect(markLabel({ kind: 'nn' }, 1000)).toBe('NN');
  });
});

describe('an assessment’s coefficient and barème as typed', () => {
  it('coefficient: 0 to 99, « 0,5 » and « 0.5 », two decimals at most', () => {
    expect(parseCoefficientInput('0,5')).toEqual({ ok: true, hundredths: 50 });
    expect(parseCoefficientInput('0')).toEqual({ ok: true, hundredths: 0 });
    expect(parseCoefficientInput('99')).toEqual({ ok: true, hundredths: 9900 });
    for (const typed of ['100', '-1', 'deux', '1,255']) {
      expect(parseCoefficientInput(typed).ok, typed).toBe(false);
    }
  });

  it('barème: above 0, up to 100', () => {
    expect(parseScaleInput('20')).toEqual({ ok: true, hundredths: 2000 });
    expect(parseScaleInput('12.5')).toEqual({ ok: true, hundredths: 1250 });
    for (const typed of ['0', '101', '', 'vingt']) {
      const parsed = parseScaleInput(typed);
      expect(parsed.ok, typed).toBe(false);
      if (!parsed.ok) expect(parsed.message).toContain('n’est pas un barème');
    }
  });
});
