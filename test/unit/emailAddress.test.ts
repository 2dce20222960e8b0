import { describe, expect, it } from 'vitest';
import { singleAddressProblem } from '../../shared/domain/emailAddress';
import { emailField } from '../../shared/api/portal/fields';
import { email } from '../../shared/api/fields';

// Issue 14: « the e-mailed letter goes where the SIECLE field parses ». One rule says what
// a single address is; the import, the portal's fields and the mailer all use it.
describe('a single e-mail address', () => {
  it('accepts the addresses families have', () => {
    for (const ok of [
      'pierre.royer@exemple.com',
      "o'neil@exemple.fr",
      'jean+ecole@sous.domaine.exemple.org',
      'marie@école.fr',
      'ivan@почта.xn--p1ai',
      'Jean.Dupont@Exemple.FR',
    ]) {
      expect(singleAddressProblem(ok), ok).toBeNull();
    }
  });

  it('refuses a list, a group, a display name, a line break and invisible characters', () => {
    const cases: [string, RegExp][] = [
      ['pierre.royer@exemple.com;autre.parent@exemple.org', /plusieurs adresses/],
      ['pierre.royer@exemple.com, autre.parent@exemple.org', /plusieurs adresses/],
      ['pierre.royer@exemple.com\r\nBcc: intrus@exemple.net', /contrôle/],
      ['parents: a@exemple.fr;', /plusieurs adresses/],
      ['parents:a@exemple.fr', /groupe/],
      ['Pierre <pierre@exemple.fr>', /groupe ou nom d’affichage/],
      ['pierre@exemple.fr\u0000', /contrôle/],
      ['pierre\u202e@exemple.fr', /contrôle/],
      ['pierre@exemple', /invalide/],
      ['pierre exemple@exemple.fr', /invalide/],
      ['', /manquante/],
    ];
    for (const [value, message] of cases) {
      expect(singleAddressProblem(value), JSON.stringify(value)).toMatch(message);
    }
  });
});

describe('the portal’s address fields', () => {
  const field = emailField('Adresse électronique');
  it('refuse NUL, bidirectional overrides and group syntax, in French', () => {
    for (const value of [
      'pierre@exemple.fr\u0000',
      'pie\u202erre@exemple.fr',
      'parents:pierre@exemple.fr;',
      'a@exemple.fr;b@exemple.fr',
    ]) {
      const result = field.safeParse(value);
      expect(result.success, JSON.stringify(value)).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/^Adresse électronique : /);
    }
  });
  it('keep an empty value (the form says when one is required) and a plain address', () => {
    expect(field.parse('  ')).toBe('');
    expect(field.parse(' Pierre.Royer@exemple.fr ')).toBe('Pierre.Royer@exemple.fr');
  });
});

describe('the staff window’s address fields (the school’s, the sender’s)', () => {
  it('follow the same rule', () => {
    const field = email('Adresse d’expédition');
    expect(field.parse('ce.0251711z@ac-besancon.fr')).toBe('ce.0251711z@ac-besancon.fr');
    expect(field.parse('')).toBe('');
    for (const value of ['ce@ac.fr;autre@ac.fr', 'ce@ac.fr\r\nBcc: x@y.fr', 'Ecole <ce@ac.fr>']) {
      expect(field.safeParse(value).error?.issues[0]?.message, JSON.stringify(value)).toMatch(
        /^Adresse d’expédition : /,
      );
    }
  });
});
