import { describe, expect, it } from 'vitest';
import { validateInfoSheet, type InfoSheetContext } from '../../shared/domain/infoSheet/validate';
import { postcodeProblem } from '../../shared/domain/infoSheet/postcode';
import { professionLabel } from '../../shared/domain/infoSheet/professions';
import { relationshipLabel } from '../../shared/domain/relationship';

const ctx: InfoSheetContext = { today: '2026-12-06' };
const one = (kind: 'student' | 'guardian', field: string, raw: unknown, c = ctx) =>
  validateInfoSheet(kind, { [field]: raw }, c);

describe('fiche de renseignements: each field as the family types it (issue 18)', () => {
  it.each([
    ['phoneMobile', '0611112222', '06 11 11 22 22'],
    ['phoneMobile', '+33 6 11 11 22 22', '06 11 11 22 22'],
    ['phoneMobile', '0033 7 11 11 22 22', '07 11 11 22 22'],
    ['phoneHome', '03.81.00.00.00', '03 81 00 00 00'],
    ['phoneHome', '+41 22 123 45 67', '+41 22 123 45 67'],
    ['phoneHome', '', ''],
    ['email', ' prenom.nom@exemple.fr ', 'prenom.nom@exemple.fr'],
    ['email', '', ''],
    ['birthDate', '04/04/2012', '2012-04-04'],
    ['birthDate', '2012-04-04', '2012-04-04'],
    ['lastName', '  Le  Gall-N’Diaye ', "Le Gall-N'Diaye"],
    ['lastName', 'Œuvray-Müller', 'Œuvray-Müller'],
    ['firstName2', '', ''],
    ['sex', 'F', 'F'],
  ])('pupil %s « %s » → « %s »', (field, raw, value) => {
    const r = one('student', field, raw);
    expect(r.errors).toEqual({});
    expect(r.values).toEqual({ [field]: value });
  });

  it.each([
    [
      'phoneMobile',
      '0381000000',
      'Tél. mobile : un numéro de portable français commence par 06 ou 07.',
    ],
    ['phoneHome', '06 11 11 22', 'Tél. domicile : numéro invalide'],
    ['phoneHome', '+33 6 11', 'Tél. domicile : numéro invalide'],
    ['phoneHome', 'voir secrétariat', 'Tél. domicile : numéro invalide'],
    ['email', 'a@b.fr; c@d.fr', 'Courriel : plusieurs adresses'],
    ['email', 'prenom.nom@', 'Courriel : adresse électronique invalide'],
    ['birthDate', '31/02/2012', 'Né(e) le : une date réelle, JJ/MM/AAAA.'],
    ['birthDate', '01/01/2030', 'Né(e) le : la date de naissance doit être dans le passé.'],
    ['birthDate', '01/01/1950', 'Né(e) le : vérifiez l’année.'],
    ['birthDate', '', 'Né(e) le : champ obligatoire.'],
    ['lastName', '', 'Nom de famille : champ obligatoire.'],
    ['firstName', 'Hugo2', '1er prénom : lettres, espaces, tirets et apostrophes seulement.'],
    ['sex', 'X', 'Sexe : choisissez masculin ou féminin dans la liste.'],
    ['email', 'a\r\nBcc: x@y.fr', 'Courriel : valeur illisible.'],
    ['email', 42, 'Courriel : valeur illisible.'],
  ])('pupil %s « %s » is refused: %s', (field, raw, message) => {
    const r = one('student', field, raw);
    expect(r.values).toEqual({});
    expect(r.errors[field]).toContain(message);
  });

  it.each([
    [
      'regime',
      'interne',
      'Le régime n’est pas modifiable : pour signaler un changement de régime, contactez l’établissement.',
    ],
    ['addressLine1', '3 rue Neuve', 'veuillez prendre contact avec l’établissement'],
    ['postalCode', '25000', 'veuillez prendre contact avec l’établissement'],
    ['addressSameAsGuardian1', '0', 'veuillez prendre contact avec l’établissement'],
    ['ine', '123', 'ce champ ne fait pas partie de la fiche'],
  ])(
    'seed 000 « Le régime n’est pas modifiable », « pour modifier l’adresse de l’élève, veuillez prendre contact avec l’établissement »: %s',
    (field, raw, message) => {
      const r = one('student', field, raw);
      expect(r.values).toEqual({});
      expect(r.errors[field]).toContain(message);
    },
  );

  it.each([
    ['relationship', '20', '20'],
    ['civility', 'Mme', 'Mme'],
    ['professionCode', '52', '52'],
    ['sharesAddress', 'oui', '1'],
    ['acceptsSms', false, '0'],
    ['phoneWork', '+33 3 20 00 00 00', '03 20 00 00 00'],
  ])('guardian %s « %s » → « %s »', (field, raw, value) => {
    const r = one('guardian', field, raw);
    expect(r.errors).toEqual({});
    expect(r.values).toEqual({ [field]: value });
  });

  it.each([
    ['relationship', '2', 'Lien avec l’élève : choisissez une valeur de la liste.'],
    ['civility', 'Dr', 'Civilité : choisissez M. ou Mme dans la liste.'],
    [
      'professionCode',
      '57',
      'Profession ou catégorie socio-professionnelle : choisissez une valeur de la liste.',
    ],
    ['acceptsSms', 'peut-être', 'Accepte les SMS : oui ou non.'],
    ['regime', 'interne', 'ce champ ne fait pas partie de la fiche'],
  ])('guardian %s « %s » is refused: %s', (field, raw, message) => {
    const r = one('guardian', field, raw);
    expect(r.errors[field]).toContain(message);
  });

  it('the coded lists are the school’s Nomenclature when it imported one, the ministry’s otherwise', () => {
    const school: InfoSheetContext = {
      ...ctx,
      professions: new Map([['57', 'Code académique']]),
      relationships: new Map([['10', 'MERE']]),
    };
    expect(one('guardian', 'professionCode', '57', school).errors).toEqual({});
    expect(one('guardian', 'professionCode', '52', school).errors.professionCode).toBeDefined();
    expect(one('guardian', 'relationship', '20', school).errors.relationship).toBeDefined();
  });
});

describe('an empty coded value (issue 18: a guardian with no profession on file)', () => {
  it.each(['professionCode', 'relationship'])(
    '%s left empty passes when the record holds none, and is refused when it holds one',
    (field) => {
      const none = one('guardian', field, '', { ...ctx, current: { [field]: '' } });
      expect(none).toEqual({ values: { [field]: '' }, errors: {} });
      const held = one('guardian', field, '', { ...ctx, current: { [field]: '10' } });
      expect(held.errors[field]).toContain('choisissez une valeur de la liste.');
    },
  );
});

describe('postcode and commune go together (issue 18 « cohérence code postal – commune »)', () => {
  it.each([
    ['59580', 'EMERCHICOURT', null],
    ['75015', 'Paris 15e Arrondissement', null],
    ['75116', 'PARIS', null],
    ['69003', 'Lyon', null],
    ['13008', 'MARSEILLE 8E', null],
    ['20000', 'AJACCIO', null],
    ['97400', 'SAINT-DENIS', null],
    ['98000', 'MONACO', null],
    ['60690', 'MARSEILLE-EN-BEAUVAISIS', null],
    ['25000', 'BESANCON CEDEX 3', null],
    ['5958', 'EMERCHICOURT', 'postalCode'],
    ['00100', 'NULLE PART', 'postalCode'],
    ['96100', 'NULLE PART', 'postalCode'],
    ['97900', 'NULLE PART', 'postalCode'],
    ['75015', 'LYON', 'city'],
    ['59000', 'PARIS', 'postalCode'],
    ['75021', 'PARIS', 'postalCode'],
    ['59580', '', 'city'],
    // Département 75 is Paris alone: 75999 « Morre » is not a Paris address.
    ['75999', 'Morre', 'city'],
    ['75999', 'PARIS', 'postalCode'],
    ['69010', 'LYON', 'postalCode'],
    ['13017', 'MARSEILLE', 'postalCode'],
    ['13100', 'AIX-EN-PROVENCE', null],
    ['2A000', 'AJACCIO', 'postalCode'],
    ['20200', 'BASTIA', null],
    ['97500', 'SAINT-PIERRE', null],
    ['97700', 'NULLE PART', 'postalCode'],
    ['99000', 'NULLE PART', 'postalCode'],
  ])('%s %s → %s', (code, city, field) => {
    expect(postcodeProblem(code, city)?.field ?? null).toBe(field);
  });

  it('checks the submitted postcode against the commune the school holds, and lets a foreign address be', () => {
    const current = { postalCode: '59580', city: 'ANICHE', country: 'FRANCE' };
    const r = validateInfoSheet('guardian', { postalCode: '75011' }, { ...ctx, current });
    expect(r.errors.city).toBe(
      'Commune : le code postal 75011 est celui de PARIS, pas de « ANICHE ».',
    );
    const abroad = validateInfoSheet(
      'guardian',
      { postalCode: 'B-7500', city: 'TOURNAI', country: 'BELGIQUE' },
      { ...ctx, current },
    );
    expect(abroad.errors).toEqual({});
  });

  it('a pupil born in France has a commune of birth', () => {
    const r = validateInfoSheet(
      'student',
      { birthCountry: 'FRANCE', birthCommune: '' },
      { ...ctx, current: {} },
    );
    expect(r.errors.birthCommune).toBe(
      'Commune de naissance : obligatoire pour une naissance en France.',
    );
  });
});

describe('what SIECLE can take back (schema_Import_3.1.xsd, ISO-8859-15): refused at once, field by field', () => {
  const long = (n: number) => 'A'.repeat(n);
  it.each([
    ['guardian', 'addressLine1', 38, 'Adresse'],
    ['guardian', 'addressLine2', 38, 'Complément d’adresse'],
    ['guardian', 'city', 32, 'Commune'],
    ['student', 'birthCommune', 32, 'Commune de naissance'],
    ['student', 'lastName', 100, 'Nom de famille'],
    ['guardian', 'firstName', 100, 'Prénom'],
  ] as const)(
    '%s %s: %i characters (ligneAdresse, ville, nom_prenom)',
    (kind, field, max, label) => {
      // A foreign address: the postcode–commune check stays out of the way.
      const abroad = { ...ctx, current: { country: 'BELGIQUE' } };
      expect(one(kind, field, long(max), abroad).errors).toEqual({});
      expect(one(kind, field, long(max + 1)).errors[field]).toMatch(
        new RegExp(
          `^${label}.* : ${max} caractères au plus, la limite de SIECLE \\(${max + 1} saisis\\)\\.$`,
        ),
      );
    },
  );

  it.each([
    ['student', 'lastName', 'Dvořák', 'ř'],
    ['student', 'birthCommune', 'Kraków', 'ó'],
    ['guardian', 'addressLine1', '12 rue des Lilas 🌸', '🌸'],
    ['guardian', 'city', 'Łódź', 'Ł'],
  ] as const)('%s %s « %s »: « %s » is named', (kind, field, raw, char) => {
    const r = one(kind, field, raw);
    if (char === 'ó') {
      // ó is in ISO-8859-15: Kraków goes through.
      expect(r.errors).toEqual({});
      return;
    }
    expect(r.values).toEqual({});
    expect(r.errors[field]).toContain(
      `le caractère « ${char} » ne peut pas être transmis à SIECLE`,
    );
  });

  it('the typographic apostrophe of phones is taken, and stored straight', () => {
    const r = validateInfoSheet(
      'guardian',
      { lastName: 'D’Almeida', addressLine1: '3 rue de l’Église', city: 'Villeneuve-d’Ascq' },
      { ...ctx, current: { postalCode: '59650', country: 'FRANCE' } },
    );
    expect(r.errors).toEqual({});
    expect(r.values).toEqual({
      lastName: "D'Almeida",
      addressLine1: "3 rue de l'Église",
      city: "Villeneuve-d'Ascq",
    });
  });

  it('the euro sign and œ, which ISO-8859-15 has and Latin-1 lacks, are kept', () => {
    expect(one('guardian', 'addressLine1', 'Résidence Cœur €').errors).toEqual({});
  });
});

describe('what the postcode check says in French', () => {
  it.each([
    ['75999', 'Morre', 'un code postal en 75 est celui de PARIS, pas de « Morre ».'],
    ['2A000', 'AJACCIO', 'en Corse, le code postal commence par 20 (ex. 20000 pour Ajaccio).'],
  ])('%s %s: %s', (code, city, message) => {
    expect(postcodeProblem(code, city)?.message).toBe(message);
  });
});

describe('names from Object.prototype are neither codes nor fields (hidden-field tampering)', () => {
  it.each([
    ['student', 'sex', 'hasOwnProperty'],
    ['guardian', 'civility', 'constructor'],
    ['guardian', 'relationship', 'toString'],
    ['guardian', 'professionCode', 'valueOf'],
  ] as const)('%s %s « %s » is refused', (kind, field, raw) => {
    const r = one(kind, field, raw);
    expect(r.values).toEqual({});
    expect(r.errors[field]).toMatch(/dans la liste\.$|de la liste\.$/);
  });

  it('labels shown to the reviewer are strings, never a function of Object.prototype', () => {
    expect(relationshipLabel('toString')).toBe('Autre lien');
    expect(professionLabel('constructor')).toBeUndefined();
    expect(professionLabel('33')).toBe('Cadres de la fonction publique');
  });

  it.each(['constructor', 'toString', '__defineGetter__'])('a field named « %s »', (field) => {
    expect(one('guardian', field, 'x').errors[field]).toBe(
      `${field} : ce champ ne fait pas partie de la fiche.`,
    );
  });
});
