import { describe, expect, it } from 'vitest';
import { auditActionLabel, formatAuditDetails } from '../../renderer/staff/auditLabels';

// Issue 12: the journal speaks French, not the codes and field names the services write.
/** The expected text, written with plain spaces, as shown: a no-break space before « : ». */
const shown = (text: string) => text.replace(/ :/g, '\u00a0:');

describe('journal details in French', () => {
  it('a failed login gives its reason in words and the address it came from', () => {
    expect(
      formatAuditDetails(
        { reason: 'bad_password', adresse: '::ffff:192.168.1.20' },
        'session.login_failed',
      ),
    ).toBe(shown('Motif : mot de passe incorrect · Depuis : 192.168.1.20'));
    expect(formatAuditDetails({ reason: 'unknown_login', adresse: 'desktop' })).toBe(
      shown('Motif : identifiant inconnu · Depuis : ce poste'),
    );
  });

  it('a role change reads « Rôle : secrétariat → CPE »', () => {
    expect(
      formatAuditDetails(
        { role: { avant: 'secretariat', après: 'cpe' }, active: { avant: true, après: false } },
        'user.update',
      ),
    ).toBe(shown('Rôle : secrétariat → CPE / vie scolaire · Compte actif : oui → non'));
    expect(formatAuditDetails({ rôle: 'teacher' }, 'user.create')).toBe(shown('Rôle : professeur'));
  });

  it('the school address reads as an address, services by their names', () => {
    const address = (city: string) => ({
      line1: '2 rue de la Gare',
      line2: '',
      postalCode: '25000',
      city,
      country: '',
    });
    expect(
      formatAuditDetails(
        {
          address: { avant: address('Besancon'), après: address('Besançon') },
          openedServices: { avant: [], après: ['notes', 'livret_competences'] },
        },
        'settings.update',
      ),
    ).toBe(
      shown(
        'Adresse : 2 rue de la Gare, 25000 Besancon → 2 rue de la Gare, 25000 Besançon · ' +
          'Services ouverts : aucun → Notes, Livret scolaire unique (LSU)',
      ),
    );
  });

  it('the hour of the family digest reads « 17 h → 8 h »', () => {
    expect(formatAuditDetails({ digestHour: { avant: 17, après: 8 } }, 'settings.update')).toBe(
      shown('Heure du résumé aux familles : 17\u00a0h → 8\u00a0h'),
    );
  });

  it('the school’s creation names what was created', () => {
    expect(
      formatAuditDetails(
        { kind: 'demo', students: 120, guardians: 177, directionUserId: 1 },
        'setup.create_school',
      ),
    ).toBe(
      shown(
        'Établissement : de démonstration · Élèves : 120 · Responsables : 177 · Compte de direction n° : 1',
      ),
    );
  });

  it('leaves unknown fields and values as written', () => {
    expect(formatAuditDetails({ note: 'x', count: 2 })).toBe(shown('note : x · count : 2'));
  });

  it('a change of grade publication reads in words, and a reopening names its last day', () => {
    expect(
      formatAuditDetails(
        {
          mode: { avant: 'continuous', après: 'scheduled' },
          studentDelayDays: { avant: 0, après: 1 },
        },
        'publication.update',
      ),
    ).toBe(
      shown(
        'Mode de publication : au fil de l’eau → à date d’échéance · Délai pour l’élève (jours) : 0 → 1',
      ),
    );
    expect(
      formatAuditDetails({ période: 'T1 (Tous niveaux)', jusquAu: '2026-11-25' }, 'periods.reopen'),
    ).toBe(shown('période : T1 (Tous niveaux) · Jusqu’au : 2026-11-25'));
  });
});

describe('the marks grid in the journal (issue 16 §3)', () => {
  it('names a mark changed after publication in French', () => {
    expect(auditActionLabel('marks.save')).toBe(
      'Note modifiée (par la direction ou après publication)',
    );
    expect(
      formatAuditDetails(
        { élève: 12, avant: '11', après: '13', aprèsPublication: true },
        'marks.save',
      ),
    ).toContain(shown('Après publication : oui'));
  });
});
