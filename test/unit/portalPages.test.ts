import { describe, expect, it } from 'vitest';
import { renderPage } from '../../main/http/portal/render';
import { frenchInstant } from '../../renderer/portal/components/format';
import { AccountPage, MergePage, NotMyChildPage } from '../../renderer/portal/pages/accountPages';
import { FirstConnectionPage } from '../../renderer/portal/pages/authPages';
import { HomePage } from '../../renderer/portal/pages/HomePage';
import { SchoolLifePage } from '../../renderer/portal/pages/SchoolLifePage';
import type { FamilySchoolLifeEvent, FamilyView, PortalChild } from '../../shared/api/portal';

// The portal's pages as the server sends them (renderPage: static markup, French spacing).
const child = (over: Partial<PortalChild>): PortalChild => ({
  studentId: 1,
  firstName: 'Hugo',
  lastName: 'Martin',
  birthDate: '2012-04-04',
  divisionCode: '4C',
  schoolName: 'COLLÈGE LUCIE VERNEREY',
  ...over,
});

function view(children: PortalChild[]): FamilyView {
  return {
    asOf: '2026-11-22',
    account: {
      login: 'claire.martin',
      kind: 'guardian',
      displayName: 'Mme MARTIN Claire',
      state: 'active',
      email: 'claire.martin@example.fr',
      emailConfirmed: true,
      pendingEmail: '',
      previousLoginAt: '2026-11-20T00:10:00.000Z',
      joinedLogins: [],
    },
    children,
    child: children[0] ?? null,
    school: null,
    services: [],
  };
}

/** The text a reader sees: tags out, entities of the apostrophe back. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, '’');

describe('the portal’s French', () => {
  it('« qu’Aymard », but « que Hugo »', () => {
    const aymard = renderPage('x', NotMyChildPage, {
      csrf: 't',
      child: child({ firstName: 'Aymard' }),
    });
    expect(aymard).toContain('Vous signalez qu’<strong>Aymard MARTIN</strong>');
    const hugo = renderPage('x', NotMyChildPage, { csrf: 't', child: child({}) });
    expect(hugo).toContain('Vous signalez que <strong>Hugo MARTIN</strong>');
    // Said of a girl as of a boy: no « rattaché » to agree with a sex the page does not know.
    const lea = renderPage('x', NotMyChildPage, { csrf: 't', child: child({ firstName: 'Léa' }) });
    expect(textOf(lea)).not.toMatch(/rattaché\b/);
    expect(textOf(lea)).toContain('ne devrait pas figurer parmi les enfants de votre compte');
  });

  it('an optional field named by a feminine noun is « (facultative) »', () => {
    const report = renderPage('x', NotMyChildPage, { csrf: 't', child: child({}) });
    expect(report).toContain('Précision pour l’établissement (facultative)');
    const merge = renderPage('x', MergePage, { csrf: 't' });
    expect(merge).toContain('Date de naissance d’un enfant de ce compte (facultative)');
    const first = renderPage('x', FirstConnectionPage, {
      csrf: 't',
      login: 'claire.martin',
      kind: 'guardian',
      emailRequired: false,
    });
    expect(first).toContain('Adresse électronique (facultative)');
    expect(first).not.toContain('(facultatif)');
  });

  it('no « seul » said to a mother or a girl: the first connection’s hint fits everyone', () => {
    const first = renderPage('x', FirstConnectionPage, {
      csrf: 't',
      login: 'lea.martin',
      kind: 'student',
      emailRequired: false,
    });
    expect(textOf(first)).not.toMatch(/\bseul\b/);
    expect(textOf(first)).toContain('retrouver par vous-même votre identifiant');
  });

  it('« 01 h 10 » and « élève de 4C » stay whole on their line (no-break spaces)', () => {
    // French typography: « 1 h 10 », « 9 h », no leading zero nor « :00 ».
    expect(frenchInstant('2026-11-20T00:10:00.000Z')).toBe('20/11/2026 à\u00a01\u00a0h\u00a010');
    expect(frenchInstant('2026-11-20T08:00:00.000Z')).toBe('20/11/2026 à\u00a09\u00a0h');
    const home = renderPage('x', HomePage, { csrf: 't', view: view([child({})]) });
    expect(home).toContain('Dernière connexion le 20/11/2026 à\u00a01\u00a0h\u00a010');
    const account = renderPage('x', AccountPage, { csrf: 't', view: view([child({})]) });
    expect(account).toContain('Hugo MARTIN —\u00a004/04/2012 —\u00a04C');
  });

  it('a phone number is never split across two lines', () => {
    const withSchool = view([child({})]);
    withSchool.school = {
      name: 'COLLÈGE LUCIE VERNEREY',
      address: {
        line1: '8 rue des Tilleuls',
        line2: '',
        postalCode: '25660',
        city: 'Saône',
        country: 'FRANCE',
      },
      phone: '03 81 55 27 40',
      contactEmail: null,
      welcomeMessage: '',
    };
    const home = renderPage('x', HomePage, { csrf: 't', view: withSchool });
    expect(home).toContain('03\u00a081\u00a055\u00a027\u00a040');
  });
});

describe('twins and homonyms are told apart (issue 12 §2)', () => {
  const twins = [
    child({ studentId: 1, divisionCode: '4C' }),
    child({ studentId: 2, divisionCode: '4D' }),
  ];
  const homonyms = [
    child({ studentId: 1, birthDate: '2012-04-04' }),
    child({ studentId: 2, birthDate: '2014-09-30', divisionCode: '6A' }),
  ];

  it('the child switcher and the child’s block name twins by their division', () => {
    const html = renderPage('x', HomePage, { csrf: 't', view: view(twins) });
    expect(html).toContain('<span aria-current="page">Hugo MARTIN (4C)</span>');
    expect(html).toContain('<a href="/accueil?enfant=2">Hugo MARTIN (4D)</a>');
    expect(html).toContain('<h2 id="enfant-titre">Hugo MARTIN (4C)</h2>');
  });

  it('homonyms born on different days are named by their date of birth and division', () => {
    const html = renderPage('x', HomePage, { csrf: 't', view: view(homonyms) });
    expect(html).toContain('Hugo MARTIN (04/04/2012, 4C)');
    expect(html).toContain('Hugo MARTIN (30/09/2014, 6A)');
  });

  it('a single Hugo MARTIN is just « Hugo MARTIN »', () => {
    const html = renderPage('x', HomePage, { csrf: 't', view: view([child({})]) });
    expect(html).toContain('<h2 id="enfant-titre">Hugo MARTIN</h2>');
  });
});

describe('« Gérer mon compte »', () => {
  it('its two forms’ « Mot de passe actuel » have ids of their own, each label tied to its field', () => {
    const html = renderPage('x', AccountPage, { csrf: 't', view: view([child({})]) });
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const [, target] of html.matchAll(/<label for="([^"]+)"/g)) {
      expect(ids).toContain(target);
    }
  });
});

describe('the family absences page’s days and times, on the app’s one Paris clock', () => {
  const event = (over: Partial<FamilySchoolLifeEvent>): FamilySchoolLifeEvent => ({
    id: 1,
    kind: 'absence',
    kindLabel: 'Absence',
    startsAt: '2027-01-11T07:00:00.000Z',
    endsAt: '2027-01-11T11:00:00.000Z',
    minutes: null,
    halfDays: 1,
    motif: null,
    justified: true,
    sanction: null,
    justification: null,
    justifiable: false,
    ...over,
  });
  const page = (events: FamilySchoolLifeEvent[]) =>
    textOf(
      renderPage('Vie scolaire', SchoolLifePage, {
        csrf: 't',
        view: {
          asOf: '2027-04-02',
          children: [child({})],
          child: child({}),
          mayJustify: false,
          month: '2027-03',
          months: ['2027-03', '2027-02'],
          weeks: [
            { isoWeek: 12, isoWeekYear: 2027, from: '2027-03-22', to: '2027-03-27', halfDays: 2 },
          ],
          events,
          motifs: [],
        },
      }),
    ).replace(/[ \n\t]+/g, ' ');

  it('gives the Paris day and hour, winter (UTC+1) and summer (UTC+2), across midnight', () => {
    const text = page([
      event({ id: 1 }),
      event({
        id: 2,
        startsAt: '2027-03-26T07:00:00.000Z',
        endsAt: '2027-03-29T15:00:00.000Z',
        halfDays: 5,
      }),
      event({
        id: 3,
        kind: 'lateness',
        kindLabel: 'Retard',
        startsAt: '2027-03-29T06:05:00.000Z',
        endsAt: '2027-03-29T06:05:00.000Z',
        minutes: 5,
      }),
      // The roll's retard: the slot's start (8 h) and the arrival (8 h 12).
      event({
        id: 5,
        kind: 'lateness',
        kindLabel: 'Retard',
        startsAt: '2027-03-30T06:00:00.000Z',
        endsAt: '2027-03-30T06:12:00.000Z',
        minutes: 12,
      }),
      // 00:30 in Paris on 12 January: that day, not the 11th.
      event({
        id: 4,
        kind: 'punishment',
        kindLabel: 'Punition',
        startsAt: '2027-01-11T23:30:00.000Z',
        endsAt: '2027-01-11T23:30:00.000Z',
      }),
    ]);
    const nb = '\u00a0';
    expect(text).toContain(`Absence — lun.${nb}11/01/2027, de${nb}8${nb}h à${nb}12${nb}h`);
    expect(text).toContain(
      `Absence — du ven.${nb}26/03/2027 à${nb}8${nb}h au lun.${nb}29/03/2027 à${nb}17${nb}h`,
    );
    // A retard says how late, never the slot's start alone (read as the time the pupil came).
    expect(text).toContain(`Retard — lun.${nb}29/03/2027, retard de 5${nb}min`);
    expect(text).toContain(
      `Retard — mar.${nb}30/03/2027, arrivée à${nb}8${nb}h${nb}12 (retard de 12${nb}min)`,
    );
    expect(text).not.toContain(`à${nb}08${nb}h`);
    expect(text).toContain(`Punition — mar.${nb}12/01/2027`);
    // The weeks as the guide writes them, and the months in words.
    expect(text).toContain(`12 lun.${nb}22/03 /2027 sam.${nb}27/03 /2027 2`);
    expect(text).toContain('Absences de mars 2027');
    expect(text).toContain('février 2027');
  });
});
