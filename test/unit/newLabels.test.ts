import { describe, expect, it } from 'vitest';
import { newCountLabel, newItemsLabel } from '../../renderer/portal/components/newLabels';

// Seed 003 §3.5: « Les notes publiées depuis la dernière connexion de l'utilisateur sont mises
// en avant »: the words of the cue, singular and plural right, the count written in French.
describe('the « nouvelles notes » cues', () => {
  it.each([
    [0, 'Aucune nouvelle note', ''],
    // The number and its noun never part at a line's end: a no-break space between them.
    [1, '1\u00a0nouvelle note', '1\u00a0nouvelle'],
    [2, '2\u00a0nouvelles notes', '2\u00a0nouvelles'],
    [4, '4\u00a0nouvelles notes', '4\u00a0nouvelles'],
    [1204, '1\u202f204\u00a0nouvelles notes', '1\u202f204\u00a0nouvelles'],
  ])('%i → « %s » (home tile), « %s » (subject tile)', (count, home, tile) => {
    expect(newItemsLabel('notes', count)).toBe(home);
    expect(newCountLabel(count)).toBe(tile);
  });

  it('says nothing for a service that counts nothing new', () => {
    expect(newItemsLabel('fiche_renseignements', 3)).toBe('');
  });
});
