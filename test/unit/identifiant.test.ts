import { describe, expect, it } from 'vitest';
import {
  IDENTIFIANT_PATTERN,
  baseIdentifiant,
  uniqueIdentifiant,
} from '../../shared/domain/identifiant';

describe('identifiant « prenom.nom » (SPEC §4.1: minuscules, sans accents, sans espaces)', () => {
  const cases: [string, string, string][] = [
    ['Zoé', 'Martin', 'zoe.martin'],
    ['Œlise', 'Lefèvre', 'oelise.lefevre'],
    ['Lætitia', 'Dupont', 'laetitia.dupont'],
    ['Jean-Pierre', "N'Diaye", 'jean-pierre.ndiaye'],
    ['Jean Pierre', 'De La Tour', 'jean.delatour'],
    ['Ödön', 'Kovács-Szabó', 'odon.kovacs-szabo'],
    ['Łukasz', 'Wałęsa', 'lukasz.walesa'],
    ['Mª', 'O’Connor', 'ma.oconnor'],
    ['  ', '???', 'compte.famille'],
  ];
  for (const [first, last, expected] of cases) {
    it(`${first} ${last} → ${expected}`, () => {
      const id = baseIdentifiant(first, last);
      expect(id).toBe(expected);
      expect(id).toMatch(IDENTIFIANT_PATTERN);
    });
  }

  it('keeps each part within 30 characters, never ending on a hyphen', () => {
    const id = baseIdentifiant('Marie', 'Abcdefghijklmnopqrstuvwxyzabc-Defgh');
    expect(id.split('.')[1]!.length).toBeLessThanOrEqual(30);
    expect(id.endsWith('-')).toBe(false);
  });

  it('« un suffixe numérique le rend unique » : prenom.nom1, prenom.nom2', () => {
    const taken = new Set(['zoe.martin', 'zoe.martin1']);
    expect(uniqueIdentifiant('zoe.martin', (c) => taken.has(c))).toBe('zoe.martin2');
    expect(uniqueIdentifiant('leo.martin', (c) => taken.has(c))).toBe('leo.martin');
  });
});
