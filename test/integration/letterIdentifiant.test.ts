import { describe, expect, it } from 'vitest';
import { defaultFontsDir, loadLetterFonts } from '../../main/pdf/fonts';
import { flat, letter, letterPages, LONGEST_IDENTIFIANT } from '../helpers/letterFixtures';
import { credentialsOf } from '../helpers/pdfText';

const fonts = loadLetterFonts(defaultFontsDir());

const longest = LONGEST_IDENTIFIANT;

describe('the identifiant is printed whole, always (SPEC §4.1)', () => {
  it(`the longest identifiant the rule allows (${longest.length} characters) reads back whole, on every kind of letter`, async () => {
    expect(longest.length).toBeGreaterThanOrEqual(62);
    const base = letter({ login: longest });
    const identifiantOnly = letter({ login: longest, provisionalPassword: null, deadline: null });
    const { pages } = await letterPages([base, identifiantOnly, letter()], fonts);
    expect(pages).toHaveLength(3);
    expect(credentialsOf(pages[0]!)).toEqual({ login: longest, password: 'DCB8RJ2W' });
    expect(credentialsOf(pages[1]!).login).toBe(longest);
    for (const page of pages.slice(0, 2)) {
      expect(flat(page)).not.toContain('…');
      // The coupon names the account by its whole identifiant too, never broken at a hyphen
      // (non-breaking hyphens there).
      expect(flat(page).replace(/\u2011/g, '-')).toContain(`(identifiant ${longest})`);
    }
    // An ordinary identifiant stays on one line, at its usual size.
    expect(credentialsOf(pages[2]!).login).toBe('oelise.ndiaye-lefevre');
  });

  it('broken after the dot, never inside a name', async () => {
    const { pages } = await letterPages([letter({ login: longest })], fonts);
    const [first, rest] = longest.split(/(?<=\.)/);
    expect(pages[0]).toMatch(
      new RegExp(`Identifiant\\s*:\\s*${first!.replace('.', '\\.')}\\s+${rest}`),
    );
  });
});
