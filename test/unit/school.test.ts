import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVICES, isValidUai, schoolKindOf, servicesOffered } from '../../shared/domain/school';
import { powersLost } from '../../shared/domain/access';
import { leftOnLabel } from '../../shared/domain/agreement';
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

describe('settings validation', () => {
  const uaiError = (uai: string) =>
    SchoolSettingsInput.shape.uai.safeParse(uai).error?.issues[0]?.message;
  it('a UAI with a wrong control letter says which letter is expected', () => {
    expect(uaiError('0251711A')).toBe('UAI : la lettre de contrôle de 0251711 est Z, pas A.');
    expect(uaiError('025171Z')).toBe('UAI : 7 chiffres et une lettre de contrôle (ex. 0251711Z).');
    expect(uaiError('0251711Z')).toBeUndefined();
  });

  const address = {
    line1: '2 rue de la Gare',
    line2: '',
    postalCode: '25000',
    city: 'Besançon',
    country: '',
  };
  const addressErrors = (patch: Partial<typeof address>) =>
    Object.fromEntries(
      (
        SchoolSettingsInput.shape.address.safeParse({ ...address, ...patch }).error?.issues ?? []
      ).map((issue) => [issue.path.join('.'), issue.message]),
    );
  it('a French postcode is five digits', () => {
    expect(addressErrors({ postalCode: '2500' })).toEqual({
      postalCode: 'Code postal : cinq chiffres pour une adresse en France (ex. 25000).',
    });
    expect(addressErrors({ postalCode: '25 000', country: 'France' })).toHaveProperty('postalCode');
    expect(addressErrors({ postalCode: 'SW1A 1AA', country: 'Royaume-Uni' })).toEqual({});
  });
  it('the commune is required for a French address, not for a blank one', () => {
    expect(addressErrors({ city: '' })).toEqual({
      city: 'Commune : champ obligatoire pour une adresse en France.',
    });
    expect(addressErrors({ line1: '', postalCode: '', city: '' })).toEqual({});
  });
});

describe('services offered by school kind', () => {
  it('a collège is not offered the LSL, a lycée not the LSU; a cité scolaire both', () => {
    expect(schoolKindOf(['6e', '3e'])).toBe('college');
    expect(schoolKindOf(['2nde', 'Tle', ''])).toBe('lycee');
    expect(schoolKindOf(['3e', '2nde'])).toBe('cite_scolaire');
    expect(schoolKindOf([''])).toBeNull();
    expect(servicesOffered('college')).not.toContain('livret_scolaire');
    expect(servicesOffered('college')).toContain('livret_competences');
    expect(servicesOffered('lycee')).not.toContain('livret_competences');
    expect(servicesOffered('cite_scolaire')).toEqual(servicesOffered(null));
  });
  it('the « Livret personnel de compétences » is named the « Livret scolaire unique (LSU) »', () => {
    expect(SERVICES.livret_competences).toBe('Livret scolaire unique (LSU)');
    expect(Object.values(SERVICES).join(' ')).not.toContain('Livret personnel');
  });
});

describe('what a role change takes away', () => {
  it('names what is lost, and nothing when gaining', () => {
    expect(powersLost('secretariat', 'cpe')).toEqual([
      'les comptes des familles et les courriers de notification',
      'l’import SIECLE',
    ]);
    expect(powersLost('cpe', 'teacher')).toEqual([
      'les fiches des responsables et les coordonnées des familles',
    ]);
    expect(powersLost('teacher', 'direction')).toEqual([]);
  });
});

describe('relationships', () => {
  it('labels SIECLE codes and legal ranks in French', () => {
    expect(relationshipLabel('10')).toBe('Mère');
    expect(relationshipLabel('999')).toBe('Autre lien');
    expect(guardianRoleLabel(1, 1)).toBe('Responsable légal 1');
    expect(guardianRoleLabel(null, 3)).toBe('Personne à contacter');
  });
  it('agrees with a woman: « responsable légale », « représentante légale »', () => {
    expect(guardianRoleLabel(2, 1, 'Mme')).toBe('Responsable légale 2');
    expect(guardianRoleLabel(1, 1, 'M.')).toBe('Responsable légal 1');
    expect(guardianRoleLabel(null, 1, 'Mme')).toBe('Représentante légale');
    expect(guardianRoleLabel(null, 2, 'Mme')).toBe('Personne en charge');
  });
  it('« Sortie le » for a girl, « Sorti le » for a boy, never « Sorti(e) »', () => {
    expect(leftOnLabel('F', '2026-07-03')).toBe('Sortie le 03/07/2026');
    expect(leftOnLabel('M', '2026-07-03')).toBe('Sorti le 03/07/2026');
  });
  it('no screen of the staff window writes « Sorti(e) » or « légal(e) »', () => {
    const offenders = staffSources().filter(({ text }) => /sorti\(e\)|légal\(e\)/i.test(text));
    expect(offenders.map((f) => f.path)).toEqual([]);
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

/** Every .ts/.tsx file of the staff window and the shared widgets, with its text. */
function staffSources(): { path: string; text: string }[] {
  const root = join(__dirname, '..', '..');
  return ['renderer/staff', 'renderer/ui', 'shared/domain', 'main/services/import'].flatMap((dir) =>
    (readdirSync(join(root, dir), { recursive: true }) as string[])
      .filter((file) => /\.tsx?$/.test(file))
      .map((file) => ({
        path: join(dir, file),
        text: readFileSync(join(root, dir, file), 'utf8'),
      })),
  );
}
