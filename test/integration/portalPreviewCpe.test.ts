import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FamilyView } from '../../shared/api/portal';
import { FUTURE_PREVIEW, type FamilyPreview } from '../../shared/api/staff';
import { startPortalWorld, type PortalWorld } from '../helpers/portal';
import { seedNotesSchool, type NotesSchool } from '../helpers/notesSchool';
import { createStaffUser, value } from '../helpers/pupitre';

// Issue 17 §4: « the staff preview "as of date" shows the same » vie scolaire as the family
// reads: the CPE opens the « Aperçu du portail », read-only. The notes stay the account
// holders' (SPEC §2: vie scolaire reads no marks), not even how many are new.
let w: PortalWorld;
let s: NotesSchool;
let cpe: string;

beforeAll(async () => {
  w = await startPortalWorld({ students: 60 });
  s = await seedNotesSchool(w.p, w.p.clock);
  cpe = (await createStaffUser(w.p, s.direction, 'cpe-apercu', 'cpe')).token;
});
afterAll(async () => w?.cleanup());

describe('the « Aperçu du portail » opened by the CPE', () => {
  it('shows the family’s home as of a day, journaled, without the count of new marks; the notes page stays closed to the CPE', async () => {
    const preview = (token: string) =>
      w.p.dispatch(
        'accounts.preview',
        { id: s.guardian.id, asOf: '2026-10-05', child: s.childId },
        token,
      );
    const notesTile = (view: FamilyView) => view.services.find((x) => x.key === 'notes');
    // Direction reads « 2 nouvelles notes » on the tile, as the family did that day.
    expect(notesTile(value<FamilyView>(await preview(s.direction)))).toMatchObject({
      newCount: 2,
    });
    const seen = value<FamilyView>(await preview(cpe));
    expect(seen.child?.studentId).toBe(s.childId);
    expect(notesTile(seen)).toMatchObject({ status: 'open' });
    expect(notesTile(seen)).not.toHaveProperty('newCount');
    expect(
      await w.p.dispatch(
        'accounts.previewNotes',
        { id: s.guardian.id, asOf: '2026-10-05', child: s.childId },
        cpe,
      ),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const [journal] = (await w.p.db.manager.query(
      `SELECT actor_label AS "actorLabel", details FROM audit_log
        WHERE action = 'account.preview' ORDER BY id DESC LIMIT 1`,
    )) as { actorLabel: string; details: string }[];
    expect(journal!.actorLabel).toContain('cpe-apercu');
    expect(JSON.parse(journal!.details)).toEqual({ date: '2026-10-05' });
  });
});

describe('the day the « Aperçu du portail » opens on', () => {
  it('is the school’s today by the server’s clock when none is asked, and a later day is refused', async () => {
    const opened = value<FamilyPreview>(
      await w.p.dispatch('accounts.preview', { id: s.guardian.id }, s.direction),
    );
    // TEST_NOW, 22/11/2026 at 10:00 in Paris: whatever the computer running the window says.
    expect(opened).toMatchObject({ asOf: '2026-11-22', today: '2026-11-22' });
    expect(
      await w.p.dispatch(
        'accounts.preview',
        { id: s.guardian.id, asOf: '2026-11-23' },
        s.direction,
      ),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input', message: FUTURE_PREVIEW } });
  });
});
