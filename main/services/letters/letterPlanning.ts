import { singleAddressProblem } from '../../../shared/domain/emailAddress';
import type { LetterOrder, LetterPlan, LetterScopeValue } from '../../../shared/api/staff/letters';
import { CAMPAIGN_GROUPS, type AccountKind } from '../../../shared/domain/accounts';
import type { Database } from '../../db/database';
import { SchoolEntity } from '../../db/entities';
import type { LetterFonts } from '../../pdf/fonts';
import { unprintableCharacters } from '../../pdf/notificationLetter';
import { parisToday } from '../calendar';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';
import { selectLetters, type PlannedLetter, type SelectedLetter } from './letterSelection';

/** Planning a batch: who gets a letter, what it changes, what would stop it, and its name. */

export interface LettersInputValue {
  scope: LetterScopeValue;
  kinds: AccountKind[];
  order: LetterOrder;
  reset: boolean;
  neverNotifiedOnly?: boolean;
  /** 'division': one PDF a division, in one zip. */
  split?: 'none' | 'division';
}

export interface PlanningDeps {
  db: Database;
  clock: Clock;
  fonts: () => Promise<LetterFonts>;
}

/**
 * Letters go by e-mail to guardians only (issue 7 §6); a pupil's letter is handed over. An
 * address that is not exactly one (a list, a line break kept from an old import) is no
 * address: that letter is printed, and no password is changed for a message never sent.
 */
export const mailable = (l: SelectedLetter) =>
  l.email !== '' && singleAddressProblem(l.email) === null && l.account.kind === 'guardian';

export function selectFor(
  { db, clock }: Pick<PlanningDeps, 'db' | 'clock'>,
  actor: StaffActor,
  input: LettersInputValue,
  visit?: (letter: PlannedLetter) => void,
) {
  return selectLetters(db.manager, actor.schoolId, input, parisToday(clock), visit);
}

/**
 * Names the letter's font cannot draw: refused before the batch, never printed with holes.
 * Fed one letter at a time while the selection is read (`check`), listed by `inOrderOf`.
 */
export function unprintableNames(fonts: LetterFonts) {
  const problems: LetterPlan['unprintable'] = [];
  function check(l: PlannedLetter) {
    const r = l.data.recipient;
    const texts = [
      r.civility,
      r.lastName,
      r.firstName,
      ...Object.values(r.address),
      ...l.data.children.flatMap((c) => [
        c.firstName,
        c.otherNames ?? '',
        c.lastName,
        c.divisionCode,
      ]),
    ];
    const characters = unprintableCharacters(fonts, texts.join(' '));
    if (characters.length) {
      problems.push({ accountId: l.account.id, name: l.account.displayName, characters });
    }
  }
  /** The problems in the batch's order (the letters are checked as they are read). */
  function inOrderOf(letters: SelectedLetter[]): LetterPlan['unprintable'] {
    const rank = new Map(letters.map((l, i) => [l.account.id, i]));
    return problems
      .filter((problem) => rank.has(problem.accountId))
      .sort((a, b) => rank.get(a.accountId)! - rank.get(b.accountId)!);
  }
  return { check, inOrderOf };
}

export async function portalUrlMissing(db: Database, schoolId: number): Promise<boolean> {
  const school = await db.manager.getRepository(SchoolEntity).findOneByOrFail({ id: schoolId });
  return school.portalUrl.trim() === '';
}

/** What a batch would do, counted before anything changes. */
export async function planLetters(
  deps: PlanningDeps,
  actor: StaffActor,
  input: LettersInputValue,
): Promise<LetterPlan> {
  const unprintable = unprintableNames(await deps.fonts());
  const { letters, skippedClosed, alreadyNotified } = await selectFor(
    deps,
    actor,
    input,
    unprintable.check,
  );
  const count = (effect: SelectedLetter['effect']) =>
    letters.filter((l) => l.effect === effect).length;
  return {
    letters: letters.length,
    newPasswords: letters.filter((l) => l.newPassword).length,
    firstLetters: count('first'),
    replacedLetters: count('replaces'),
    resets: count('reset'),
    alreadyNotified,
    filedElsewhere: letters.filter((l) => l.filedElsewhere).length,
    divisions: new Set(letters.map((l) => l.division)).size,
    identifiantOnly: letters.filter((l) => !l.newPassword).length,
    skippedClosed,
    withEmail: letters.filter(mailable).length,
    newPasswordsByEmail: letters.filter((l) => mailable(l) && l.newPassword).length,
    unprintable: unprintable.inOrderOf(letters),
    portalUrlMissing: await portalUrlMissing(deps.db, actor.schoolId),
  };
}

/**
 * The batch's name in the list of batches, the journal and the downloaded file's name: what
 * it covers, and whom when it is for named accounts (« Réinitialisation — M. Laurent MULLER »,
 * « 3 courriers — Mme Zoé MARTIN, M. Léo PETIT et 1 autre »).
 */
export function describeScope(
  input: LettersInputValue,
  letters: SelectedLetter[],
  divisionCode: string | null,
): string {
  const count = letters.length;
  if (input.scope.kind === 'accounts') {
    const names = letters.map((l) => l.whom);
    // The batch row holds 200 characters.
    if (count === 1)
      return `${input.reset ? 'Réinitialisation' : 'Courrier'} — ${names[0]}`.slice(0, 200);
    const shown = names.slice(0, 2).join(', ');
    const more = count - 2;
    return `${count} courriers — ${more > 0 ? `${shown} et ${more} autre${more > 1 ? 's' : ''}` : names.join(' et ')}`.slice(
      0,
      200,
    );
  }
  const what =
    input.scope.kind === 'school'
      ? 'tout l’établissement'
      : input.scope.kind === 'level'
        ? `niveau ${input.scope.level}`
        : input.scope.kind === 'division'
          ? `division ${divisionCode ?? '?'}`
          : `groupe « ${CAMPAIGN_GROUPS[input.scope.group]} »${divisionCode ? `, ${divisionCode}` : ''}`;
  const only = input.neverNotifiedOnly ? ' (jamais notifiés)' : '';
  return `${count} courrier${count > 1 ? 's' : ''} — ${what}${only}`;
}
