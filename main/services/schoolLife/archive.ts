import { ApiFailure } from '../../../shared/api/result';
import type { SchoolLifeArchiveCsv, SchoolLifeArchivePdf } from '../../../shared/api/staff';
import type { Database } from '../../db/database';
import { DivisionEntity, SchoolEntity, StudentEntity } from '../../db/entities';
import type { LetterFonts } from '../../pdf/fonts';
import { renderSchoolLifeArchivePdf } from '../../pdf/schoolLifeArchive';
import { writeAudit } from '../audit/audit';
import { parisToday } from '../calendar';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';
import { csvDocument } from '../csv';
import { readArchiveEvents } from './archiveRows';
import { halfDaySettingsOf } from './settings';

/** The audit action that records the school's archive; the purge looks for it. */
export const ARCHIVE_AUDIT_ACTION = 'schoolLife.archive';

const CSV_HEADER = [
  'Élève',
  'Division',
  'Type',
  'Début',
  'Fin',
  'Demi-journées',
  'Minutes de retard',
  'Motif',
  'Motif légitime',
  'Justifiée',
  'Traitée',
  'Publiable en ligne',
  'Famille avisée le',
  'Famille avisée par',
  'Sanction',
  'Sursis',
  'Commentaire',
  'Saisi le',
] as const;

/**
 * End of year (issue 17 §5): the school's archive of its vie scolaire before the purge. The
 * CSV holds every event the school still has, one row each; it is what the purge asks for,
 * so making it is journaled as the archive. The PDFs print one division each (the pupils now
 * in it), for the paper file.
 */
export function createSchoolLifeArchiveService({
  db,
  clock,
  fonts,
}: {
  db: Database;
  clock: Clock;
  fonts: () => Promise<LetterFonts>;
}) {
  async function csv(actor: StaffActor): Promise<SchoolLifeArchiveCsv> {
    return db.transaction(async (m) => {
      const settings = await halfDaySettingsOf(m, actor.schoolId);
      const events = await readArchiveEvents(m, actor.schoolId, settings);
      const today = parisToday(clock);
      await writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: ARCHIVE_AUDIT_ACTION,
        targetType: 'school',
        targetId: actor.schoolId,
        targetLabel: 'Archive de la vie scolaire (CSV)',
        details: { évènements: events.length },
      });
      return {
        fileName: `vie-scolaire-archive-${today}.csv`,
        eventCount: events.length,
        csv: csvDocument(
          CSV_HEADER,
          events.map((e) => [
            e.pupil,
            e.divisionCode,
            e.kind,
            e.from,
            e.to,
            e.halfDays,
            e.minutes,
            e.motif,
            e.legitimate,
            e.justified,
            e.processed,
            e.published,
            e.familyNotifiedAt,
            e.familyNotifiedBy,
            e.sanction,
            e.suspended,
            e.comment,
            e.recordedAt,
          ]),
        ),
      };
    });
  }

  async function divisionPdf(actor: StaffActor, divisionId: number): Promise<SchoolLifeArchivePdf> {
    const m = db.manager;
    const division = await m
      .getRepository(DivisionEntity)
      .findOneBy({ id: divisionId, schoolId: actor.schoolId });
    if (!division) throw new ApiFailure('not_found', 'Division introuvable.');
    const [school, pupils, settings] = await Promise.all([
      m.getRepository(SchoolEntity).findOneBy({ id: actor.schoolId }),
      m.getRepository(StudentEntity).find({
        select: { id: true },
        where: { schoolId: actor.schoolId, divisionId },
      }),
      halfDaySettingsOf(m, actor.schoolId),
    ]);
    const events =
      pupils.length === 0
        ? []
        : await readArchiveEvents(
            m,
            actor.schoolId,
            settings,
            pupils.map((p) => p.id),
          );
    events.sort((a, b) => a.pupil.localeCompare(b.pupil, 'fr') || a.studentId - b.studentId);
    const today = parisToday(clock);
    const bytes = await renderSchoolLifeArchivePdf(
      {
        schoolName: school?.name ?? '',
        title: `Division ${division.code}`,
        printedOn: today,
        rows: events.map((e) => [
          e.pupil,
          e.sanction ? `${e.kind}\u00a0: ${e.sanctionWithSursis}` : e.kind,
          e.from,
          e.to,
          e.halfDays,
          e.motif,
          e.justified,
          e.published,
          e.familyNotifiedAt ? `${e.familyNotifiedAt} (${e.familyNotifiedBy})` : 'non',
        ]),
      },
      await fonts(),
    );
    await db.transaction((tx) =>
      writeAudit(tx, clock, {
        schoolId: actor.schoolId,
        actor,
        action: 'schoolLife.archivePdf',
        targetType: 'division',
        targetId: division.id,
        targetLabel: `Division ${division.code}`,
        details: { évènements: events.length },
      }),
    );
    const safeCode = division.code.replace(/[^A-Za-z0-9-]/g, '_');
    return {
      fileName: `vie-scolaire-${safeCode}-${today}.pdf`,
      base64: bytes.toString('base64'),
    };
  }

  return { csv, divisionPdf };
}
