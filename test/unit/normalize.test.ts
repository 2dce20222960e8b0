import { describe, expect, it } from 'vitest';
import { foldForSearch, matchesAllTokens, searchTokens } from '../../shared/domain/normalize';

describe('foldForSearch', () => {
  it('removes accents, folds ligatures and case', () => {
    expect(foldForSearch('Œuvray Héloïse')).toBe('oeuvray heloise');
    expect(foldForSearch('  BÉNARD   Maëlys ')).toBe('benard maelys');
  });
  it('turns apostrophes (straight or typographic) and hyphens into word breaks', () => {
    expect(foldForSearch("N'Diaye")).toBe('n diaye');
    expect(foldForSearch('D’Almeida')).toBe('d almeida');
    expect(foldForSearch('Lefèvre-Dupont Jean-Baptiste')).toBe('lefevre dupont jean baptiste');
  });
});

describe('searchTokens and matchesAllTokens', () => {
  it('splits a query into folded words; an empty query has none', () => {
    expect(searchTokens('  Dupont  Léa ')).toEqual(['dupont', 'lea']);
    expect(searchTokens(" ' - ")).toEqual([]);
  });
  it('needs every word of the query to start a word of the name', () => {
    expect(matchesAllTokens(['dup', 'le'], 'Lefèvre-Dupont Léa')).toBe(true);
    expect(matchesAllTokens(['upont'], 'Lefèvre-Dupont Léa')).toBe(false);
    expect(matchesAllTokens(['dupont', 'marie'], 'Dupont Léa')).toBe(false);
  });
});

describe('apostrophes and spaces folded both ways (issue 12)', () => {
  it('« dartagnan » finds D’Artagnan, and « d artagnan » finds Dartagnan', () => {
    expect(matchesAllTokens(searchTokens('dartagnan'), 'D’Artagnan Léo')).toBe(true);
    expect(matchesAllTokens(searchTokens('dartag'), "D'Artagnan Léo")).toBe(true);
    expect(matchesAllTokens(searchTokens('d artagnan'), 'Dartagnan Léo')).toBe(true);
    expect(matchesAllTokens(searchTokens('d’artagnan leo'), 'Dartagnan Léo')).toBe(true);
    expect(matchesAllTokens(searchTokens('lafontaine'), 'De La Fontaine Inès')).toBe(true);
    expect(matchesAllTokens(searchTokens('marieanne'), 'Durand Marie-Anne')).toBe(true);
  });
  it('still needs each piece to start a word: no match in the middle of a name', () => {
    expect(matchesAllTokens(searchTokens('artagnan'), 'Dartagnan Léo')).toBe(false);
    expect(matchesAllTokens(searchTokens('dartagnan paul'), 'D’Artagnan Léo')).toBe(false);
  });
});
