import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../main/http/portal/render';
import { NotesPage } from '../../renderer/portal/pages/NotesPage';
import type { NotesView, PortalChild } from '../../shared/api/portal';

// The « Notes » page as the server sends it, from a read model's value (issue 16 §6).
const child = (firstName: string): PortalChild => ({
  studentId: 1,
  firstName,
  lastName: 'Martin',
  birthDate: '2012-04-04',
  divisionCode: '4C',
  schoolName: 'COLLÈGE LUCIE VERNEREY',
});

const noAverage = { hundredths: null, display: '—', counted: [], leftOut: [], explanation: [] };

function view(first: string, over: Partial<NotesView> = {}): NotesView {
  return {
    asOf: '2026-11-22',
    viewer: 'parent',
    accountKind: 'guardian',
    children: [child(first)],
    child: child(first),
    periods: [],
    period: null,
    subjects: [],
    general: noAverage,
    newCount: 0,
    ...over,
  };
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the notes page’s French', () => {
  it('« Notes d’Aymard », but « Notes de Hugo »; « Vos notes » on a pupil’s own account', () => {
    expect(text(renderPage('Notes', NotesPage, { view: view('Aymard'), csrf: 't' }))).toContain(
      'Notes d’Aymard MARTIN — 4C',
    );
    expect(text(renderPage('Notes', NotesPage, { view: view('Hugo'), csrf: 't' }))).toContain(
      'Notes de Hugo MARTIN — 4C',
    );
    const own = renderPage('Notes', NotesPage, {
      view: view('Hugo', { accountKind: 'student', viewer: 'student' }),
      csrf: 't',
    });
    expect(text(own)).toContain('Vos notes — 4C');
  });

  it('says so when the school has no period yet, rather than an empty table', () => {
    expect(text(renderPage('Notes', NotesPage, { view: view('Hugo'), csrf: 't' }))).toContain(
      'L’établissement n’a pas encore fixé les périodes de l’année',
    );
  });
});

describe('the notes page as the staff « Aperçu du portail » draws it (React in the window)', () => {
  // The portal server fixes French spacing as it sends a page; the staff window renders the
  // same components itself, so their strings must carry the no-break spaces already.
  const period = {
    id: 1,
    label: 'Trimestre 1',
    startsOn: '2026-09-01',
    endsOn: '2026-11-30',
    newCount: 0,
  };
  const subject = {
    code: '061300',
    label: 'MATHEMATIQUES',
    teachers: ['Claire DUBOIS'],
    newCount: 0,
    marks: [],
    average: noAverage,
    coefficient: '1',
  };
  const plainSpaceBeforeColon = / [:;?!]/;

  it('puts a no-break space before « : » (« Moyenne générale : », « Moyenne : »), with no send-time fix', () => {
    for (const over of [{}, { periods: [period], period, subjects: [subject] }]) {
      const html = renderToStaticMarkup(
        createElement(NotesPage, { view: view('Hugo', over), csrf: 't', embedded: true }),
      );
      const words = html.replace(/<[^>]+>/g, '').replace(/&#x27;/g, '’');
      expect(words).not.toMatch(plainSpaceBeforeColon);
      expect(words).toMatch(/\u00a0:/);
    }
  });
});
