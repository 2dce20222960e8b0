import { describe, expect, it } from 'vitest';
import {
  endOfSecondarySchooling,
  endOfSchoolYear,
  isSanctionErased,
  SANCTION_KINDS,
  SANCTIONS,
  sanctionErasedOn,
  sanctionErasure,
  suspensionRevocableBounds,
  suspensionRevocableProblem,
} from '../../shared/domain/vieScolaire/sanctions';

describe('the six sanctions of R511-13 I', () => {
  it('in the article’s order, with their French labels', () => {
    expect(SANCTION_KINDS.map((kind) => SANCTIONS[kind].label)).toEqual([
      'Avertissement',
      'Blâme',
      'Mesure de responsabilisation',
      'Exclusion temporaire de la classe',
      'Exclusion temporaire de l’établissement ou de l’un de ses services annexes',
      'Exclusion définitive de l’établissement ou de l’un de ses services annexes',
    ]);
  });

  it('« Les sanctions prévues aux 3° à 6° peuvent être assorties du sursis »', () => {
    expect(SANCTION_KINDS.filter((kind) => SANCTIONS[kind].suspensionAllowed)).toEqual([
      'responsibilityMeasure',
      'classExclusion',
      'temporaryExclusion',
      'permanentExclusion',
    ]);
  });
});

describe('erasure from the administrative record, R511-13 IV (décret 2019-906)', () => {
  it('the end of the school year holding a day, from the school’s setting', () => {
    expect(endOfSchoolYear('2026-11-23')).toBe('2027-08-31');
    expect(endOfSchoolYear('2027-03-02')).toBe('2027-08-31');
    expect(endOfSchoolYear('2027-03-02', '07-03')).toBe('2027-07-03');
    expect(endOfSchoolYear('2027-07-10', '07-03')).toBe('2028-07-03'); // summer belongs to the next year
    expect(() => endOfSchoolYear('2027-03-02', '13-01')).toThrow('Fin d’année scolaire illisible');
  });

  it('« L’avertissement est effacé du dossier administratif de l’élève à l’issue de l’année scolaire »', () => {
    expect(sanctionErasure('warning', '2026-11-23', '07-03')).toEqual({
      keptUntil: '2027-07-03',
      erasedOn: '2027-07-04',
    });
  });

  it('« Le blâme et la mesure de responsabilisation sont effacés […] à l’issue de l’année scolaire suivant celle au cours de laquelle ils ont été prononcés »', () => {
    for (const kind of ['reprimand', 'responsibilityMeasure'] as const) {
      expect(sanctionErasure(kind, '2026-11-23', '07-03')).toEqual({
        keptUntil: '2028-07-03',
        erasedOn: '2028-07-04',
      });
    }
  });

  it('« Les sanctions d’exclusion temporaire […] sont effacées […] à l’issue de la deuxième année scolaire suivant celle au cours de laquelle elles ont été prononcées »', () => {
    for (const kind of ['classExclusion', 'temporaryExclusion'] as const) {
      expect(sanctionErasure(kind, '2027-06-30')).toEqual({
        keptUntil: '2029-08-31',
        erasedOn: '2029-09-01',
      });
    }
  });

  it('the exclusion définitive has no erasure day: it leaves the record at the end of secondary schooling', () => {
    expect(sanctionErasure('permanentExclusion', '2027-01-11')).toEqual({
      keptUntil: null,
      erasedOn: null,
      atEndOfSecondarySchooling: true,
    });
    expect(isSanctionErased('permanentExclusion', '2027-01-11', '2040-01-01')).toBe(false);
  });

  it('refuses a sanction R511-13 does not list', () => {
    for (const kind of ['retenue', 'constructor']) {
      expect(() => sanctionErasure(kind as 'warning', '2027-01-11')).toThrow('Sanction inconnue');
    }
  });

  it('is erased from the day after the end of the school year, not on it', () => {
    expect(isSanctionErased('warning', '2026-11-23', '2027-08-31')).toBe(false);
    expect(isSanctionErased('warning', '2026-11-23', '2027-09-01')).toBe(true);
    expect(isSanctionErased('reprimand', '2026-11-23', '2027-09-01')).toBe(false);
  });
});

describe('R511-13 IV: every sanction but the exclusion définitive leaves the record « au terme de sa scolarité dans le second degré »', () => {
  it('a pupil who leaves the school from a terminale: the sanction goes on the day they leave, if that comes before its yearly day', () => {
    const ended = endOfSecondarySchooling({ leftOn: '2027-07-04', level: 'Tle' });
    expect(ended).toBe('2027-07-04');
    // A blâme of November 2026 would stay until 31 August 2028.
    expect(sanctionErasedOn('reprimand', '2026-11-10', ended)).toBe('2027-07-04');
    expect(sanctionErasedOn('classExclusion', '2026-11-10', ended)).toBe('2027-07-04');
    // An avertissement of June 2027 goes on 1 September anyway… unless the pupil left first.
    expect(sanctionErasedOn('warning', '2027-06-01', null)).toBe('2027-09-01');
    expect(sanctionErasedOn('warning', '2027-06-01', ended)).toBe('2027-07-04');
    // The yearly day when it comes first (a sanction long before the pupil leaves).
    expect(sanctionErasedOn('warning', '2025-10-01', ended)).toBe('2026-09-01');
  });

  it('« hormis l’exclusion définitive »: it has no erasure day, the pupil’s leaving changes nothing', () => {
    expect(sanctionErasedOn('permanentExclusion', '2026-11-10', '2027-07-04')).toBeNull();
  });

  it('leaving a 3e, a seconde or a première is no end of secondary schooling: the school does not know when that ends', () => {
    for (const level of ['3e', '2nde', '1re', null]) {
      expect(endOfSecondarySchooling({ leftOn: '2027-07-04', level })).toBeNull();
    }
    expect(endOfSecondarySchooling({ leftOn: null, level: 'Tle' })).toBeNull();
  });
});

describe('R511-13-1: the authority sets how long a sursis may be revoked', () => {
  it('« ne peut être inférieure à l’année scolaire en cours » nor outlast the sanction in the record', () => {
    // A mesure de responsabilisation of 10 March 2027: kept to the end of 2027-2028.
    expect(suspensionRevocableBounds('responsibilityMeasure', '2027-03-10')).toEqual({
      earliest: '2027-08-31',
      latest: '2028-08-31',
    });
    // Exclusions temporaires: to the end of the second following year.
    expect(suspensionRevocableBounds('temporaryExclusion', '2026-11-05')).toEqual({
      earliest: '2027-08-31',
      latest: '2029-08-31',
    });
    expect(suspensionRevocableBounds('classExclusion', '2026-11-05', '07-05')).toEqual({
      earliest: '2027-07-05',
      latest: '2029-07-05',
    });
  });

  it('the exclusion définitive stays in the record: its sursis at most to the end of the second following year', () => {
    expect(suspensionRevocableBounds('permanentExclusion', '2026-11-05')).toEqual({
      earliest: '2027-08-31',
      latest: '2029-08-31',
    });
  });

  it('no sursis for the avertissement and the blâme', () => {
    expect(suspensionRevocableBounds('warning', '2026-11-05')).toBeNull();
    expect(suspensionRevocableBounds('reprimand', '2026-11-05')).toBeNull();
  });

  it('says in French which bound a day breaks, and accepts the bounds themselves', () => {
    expect(suspensionRevocableProblem('classExclusion', '2026-11-05', '2027-06-30')).toBe(
      'Sursis révocable jusqu’au : au moins la fin de l’année scolaire en cours, le 31/08/2027 (R511-13-1).',
    );
    expect(suspensionRevocableProblem('responsibilityMeasure', '2026-11-05', '2028-09-01')).toBe(
      'Sursis révocable jusqu’au : au plus tard le 31/08/2028, jour où la sanction quitte le dossier (R511-13-1).',
    );
    expect(suspensionRevocableProblem('permanentExclusion', '2026-11-05', '2029-09-01')).toBe(
      'Sursis révocable jusqu’au : au plus tard le 31/08/2029, fin de la deuxième année scolaire suivante (R511-13-1).',
    );
    expect(suspensionRevocableProblem('classExclusion', '2026-11-05', '2027-08-31')).toBeNull();
    expect(suspensionRevocableProblem('classExclusion', '2026-11-05', '2029-08-31')).toBeNull();
  });
});
