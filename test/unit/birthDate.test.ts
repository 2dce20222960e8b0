import { describe, expect, it } from 'vitest';
import { parseBirthDate } from '../../shared/api/portal/fields';

describe('a date of birth as a family types it (issue 13: the iPhone’s digits-only keypad)', () => {
  it.each([
    ['23022013', '2013-02-23'],
    ['23/02/2013', '2013-02-23'],
    ['23.02.2013', '2013-02-23'],
    ['23-02-2013', '2013-02-23'],
    ['23 02 2013', '2013-02-23'],
    [' 7 3 2012 ', '2012-03-07'],
    ['7/3/2012', '2012-03-07'],
    ['07. 03. 2012', '2012-03-07'],
    ['2013-02-23', '2013-02-23'],
    ['29022012', '2012-02-29'],
  ])('reads « %s » as %s', (typed, iso) => {
    expect(parseBirthDate(typed)).toBe(iso);
  });

  it.each(['', '2302201', '230220133', '30022013', '31/04/2012', '7032012', '23/02/13', 'abc'])(
    'refuses « %s »',
    (typed) => {
      expect(parseBirthDate(typed)).toBeNull();
    },
  );
});
