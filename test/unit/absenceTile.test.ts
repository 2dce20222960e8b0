import { describe, expect, it } from 'vitest';
import { auditActionLabel } from '../../renderer/staff/auditLabels';
import { absenceTileText } from '../../shared/domain/vieScolaire/absenceTile';

describe('the home tile « 5 demi-journées d’absences ce trimestre » (SPEC §6)', () => {
  it.each([
    [0, 'trimestre', 'Aucune demi-journée d’absence ce trimestre'],
    [1, 'trimestre', '1 demi-journée d’absence ce trimestre'],
    [5, 'trimestre', '5 demi-journées d’absences ce trimestre'],
    [2, 'semestre', '2 demi-journées d’absences ce semestre'],
    // French grouping: a narrow no-break space between thousands.
    [1234, 'semestre', '1\u202f234 demi-journées d’absences ce semestre'],
  ])('%i half-day(s), %s → %s', (count, word, text) => {
    expect(absenceTileText(count, word)).toBe(text);
  });
});

describe('online justifications in the journal (issue 17 §5)', () => {
  it('names each step in French', () => {
    expect(auditActionLabel('schoolLife.justificationSent')).toBe(
      'Absence justifiée en ligne par la famille',
    );
    expect(auditActionLabel('schoolLife.justificationAccepted')).toBe(
      'Justificatif en ligne accepté',
    );
    expect(auditActionLabel('schoolLife.justificationRefused')).toBe(
      'Justificatif en ligne refusé',
    );
  });
});
