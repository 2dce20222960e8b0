import type { LetterOrder, LetterPlan, LetterScopeValue } from '../../../shared/api/staff/letters';
import { CAMPAIGN_GROUPS, type AccountKind } from '../../../shared/domain/accounts';
import type { Database } from '../../db/database';
import { SchoolEntity } from '../../db/entities';
import type { LetterFonts } from '../../pdf/fonts';
import { unprintableCharacters } from '../../pdf/notificationLetter';
import { parisToday } from '../calendar';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';
import { selectLetters, type PlannedLetter } from './letterSelection';

/** Planning a batch: who gets a letter, what it changes, what would stop it, and its name. */

export interface LettersInputValue {
  scope: LetterScopeValue;
  kinds: AccountKind[];
  order: LetterOrder;
  reset: boolean;
  neverNotifiedOnly?: boolean;
}

export interface PlanningDeps {
  db: Database;
  clock: Clock;
  fonts: () => Promise<LetterFonts>;
}

/** Letters go by e-mail to guardians only (issue 7 §6); a pupil's letter is handed over. */
export const mailable = (l: PlannedLetter) => l.email !== '' && l.account.kind === 'guardian';

export function selectFor(
  { db, clock }: Pick<PlanningDeps, 'db' | 'clock'>,
  actor: StaffActor,
  input: LettersInputValue,
) {
  return selectLetters(db.manager, actor.schoolId, input, parisToday(clock));
}

/** Names the letter's font cannot draw: refused before the batch, never printed with holes. */
export async function unprintableNames(
  fonts: LetterFonts,
  letters: PlannedLetter[],
): Promise<LetterPlan['unprintable']> {
  const problems: LetterPlan['unprintable'] = [];
  for (const l of letters) {
    const r = l.data.recipient;
    const texts = [
      r.civility,
      r.lastName,
      r.firstName,
      ...Object.values(r.address),
      ...l.data.children.flatMap((c) => [c.firstName, c.lastName, c.divisionCode]),
    ];
    const characters = unprintableCharacters(fonts, texts.join(' '));
    if (characters.length) {
      problems.push({ accountId: l.account.id, name: l.account.displayName, characters });
    }
  }
  return problems;
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
  const { letters, skippedClosed, alreadyNotified } = await selectFor(deps, actor, input);
  const count = (effect: PlannedLetter['effect']) =>
    letters.filter((l) => l.effect === effect).length;
  return {
    letters: letters.length,
    newPasswords: letters.filter((l) => l.newPassword).length,
    firstLetters: count('first'),
    replacedLetters: count('replaces'),
    resets: count('reset'),
    alreadyNotified,
    filedElsewhere: letters.filter((l) => l.filedElsewhere).length,
    identifiantOnly: letters.filter((l) => !l.newPassword).length,
    skippedClosed,
    withEmail: letters.filter(mailable).length,
    newPasswordsByEmail: letters.filter((l) => mailable(l) && l.newPassword).length,
    unprintable: await unprintableNames(await deps.fonts(), letters),
    portalUrlMissing: await portalUrlMissing(deps.db, actor.schoolId),
  };
}

/** The batch's name in the list of batches and the journal. */
export function describeScope(
  input: LettersInputValue,
  count: number,
  divisionCode: string | null,
): string {
  const what =
    input.scope.kind === 'school'
      ? 'tout l’établissement'
      : input.scope.kind === 'level'
        ? `niveau ${input.scope.level}`
        : input.scope.kind === 'division'
          ? `division ${divisionCode ?? '?'}`
          : input.scope.kind === 'campaign'
            ? `groupe « ${CAMPAIGN_GROUPS[input.scope.group]} »`
            : count === 1
              ? 'un compte'
              : 'une sélection';
  return `${count} courrier${count > 1 ? 's' : ''} — ${what}${input.reset ? ' (réinitialisation)' : ''}`;
}
