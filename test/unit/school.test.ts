import { describe, expect, it } from 'vitest';
import { isValidUai } from '../../shared/domain/school';
import { guardianRoleLabel, relationshipLabel } from '../../shared/domain/relationship';
import { SchoolSettingsInput, StaffPassword } from '../../shared/api/staff';

describe('UAI', () => {
  it('accepts the guides’ example 0251711Z and refuses a wrong control letter', () => {
    expect(isValidUai('0251711Z')).toBe(true);
    expect(isValidUai('0251711A')).toBe(false);
    expect(isValidUai('251711Z')).toBe(false);
    expect(isValidUai('0251711z')).toBe(false);
  });
});

describe('relationships', () => {
  it('labels SIECLE codes and legal ranks in French', () => {
    expect(relationshipLabel('10')).toBe('Mère');
    expect(relationshipLabel('999')).toBe('Autre lien');
    expect(guardianRoleLabel(1, 1)).toBe('Responsable légal 1');
    expect(guardianRoleLabel(null, 3)).toBe('Personne à contacter');
  });
});

describe('input schemas speak French', () => {
  it('staff passwords need 10 characters with letters and digits', () => {
    expect(StaffPassword.safeParse('Rentree2026').success).toBe(true);
    expect(StaffPassword.safeParse('motdepasselong').error?.issues[0]?.message).toBe(
      'Mot de passe : au moins une lettre et un chiffre.',
    );
  });
  it('upper-cases a typed UAI and trims text', () => {
    const parsed = SchoolSettingsInput.shape.uai.parse(' 0251711z ');
    expect(parsed).toBe('0251711Z');
  });
});
