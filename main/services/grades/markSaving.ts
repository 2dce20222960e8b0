import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { ApiFailure } from '../../../shared/api/result';
import type {
  GradeCell,
  MarkColumnInput,
  MarkColumnResult,
  MarkSaveInput,
  MarkSaveResult,
  TeachingServiceSummary,
} from '../../../shared/api/staff';
import { frenchSpacing } from '../../../shared/domain/frenchTypography';
import { parseMarkInput, type MarkValue } from '../../../shared/domain/grades/marks';
import { seesAllServices, serviceVisibleTo } from '../../../shared/domain/teachingAccess';
import type { Database } from '../../db/database';
import type { MarkRow } from '../../db/entities/assessments';
import { transactionStatements, type TransactionStatements } from '../../db/transactionStatements';
import { writeAudit } from '../audit/audit';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';
import { openEntryStatus } from '../school/markEntry';
import { toSummary } from '../teaching/teachingServices';
import { assessmentLabel } from './assessments';
import {
  editRightOf,
  isPublished,
  publicationSettingsOf,
  serviceNotFound,
  type EditRight,
} from './gradeAccess';
import {
  INSERT_MARK,
  MAIN_DIVISIONS,
  MARK_CONTEXT,
  MARK_OF_PUPIL,
  MARKS_OF_ASSESSMENT,
  REOPENINGS,
  SERVICE_PUPILS,
  STAFF_NAME,
  UPDATE_MARK,
  type MarkContextRow,
  type PupilRow,
} from './markWriteStatements';
import { markText, markValueOf, pupilName, toCell } from './servicePupils';

const sameValue = (a: MarkValue | null, b: MarkValue | null) =>
  a === null || b === null
    ? a === b
    : a.kind === b.kind && (a.kind !== 'points' || (b.kind === 'points' && a.points === b.points));

interface ColumnContext {
  actor: StaffActor;
  assessment: Pick<MarkContextRow, 'id' | 'label' | 'scaleHundredths'>;
  service: TeachingServiceSummary;
  right: EditRight;
  published: boolean;
  pupils: Map<number, PupilRow>;
  /** The actor's display name as stored (the name a saved cell shows). */
  actorName: string | null;
}

/**
 * Everything one write needs, read inside the transaction on prepared statements: the same
 * checks, in the same order, as assessmentOf → assertMayEditMarks → publicationSettings →
 * servicePupils (the service visible to the actor, only its teacher or direction writing, the
 * period's lock, whether families could see the marks), in three or four small reads rather
 * than TypeORM's twenty. `pupil` reads only that pupil (one cell), else the whole service.
 */
async function columnContext(
  sql: TransactionStatements,
  clock: Clock,
  actor: StaffActor,
  assessmentId: number,
  pupil?: number,
): Promise<ColumnContext> {
  const { schoolId, userId } = actor;
  const row = await sql.one<MarkContextRow>(MARK_CONTEXT, [assessmentId, schoolId, userId]);
  if (!row) throw new ApiFailure('not_found', 'Devoir introuvable (supprimé ?).');
  if (row.serviceId === null) throw serviceNotFound();
  const service = toSummary(
    { ...row, id: row.serviceId, staffUserId: row.teacherId },
    new Map(
      row.subjectCode === null
        ? []
        : [
            [
              row.subjectId,
              {
                id: row.subjectId,
                code: row.subjectCode,
                shortLabel: row.shortLabel ?? '',
                longLabel: row.longLabel ?? '',
              },
            ],
          ],
    ),
    new Map(
      row.teacherName === null
        ? []
        : [[row.teacherId, { id: row.teacherId, displayName: row.teacherName }]],
    ),
  );
  const mains = seesAllServices(actor.role)
    ? []
    : await sql.all<{ divisionCode: string }>(MAIN_DIVISIONS, [schoolId, userId]);
  const visible = serviceVisibleTo(
    { ...actor, mainDivisions: mains.map((mt) => mt.divisionCode) },
    {
      teacherId: service.teacher.id,
      structureKind: service.structureKind,
      structureCode: service.structureCode,
      groupDivisions: service.groupDivisions,
    },
  );
  if (!visible) throw serviceNotFound();
  const right = editRightOf(actor, service);
  const period =
    row.periodRowId === null
      ? null
      : {
          id: row.periodRowId,
          label: row.periodLabel,
          endsOn: row.periodEndsOn,
          closesOn: row.periodClosesOn,
          publishesOn: row.periodPublishesOn,
        };
  if (!right.byDirection) {
    if (!period) throw new ApiFailure('not_found', 'Période introuvable.');
    const reopenings = await sql.all<{ periodId: number; teacherId: number; untilOn: string }>(
      REOPENINGS,
      [period.id, userId],
    );
    openEntryStatus({ period, teacherId: userId, reopenings, now: clock.now() });
  }
  const settings = publicationSettingsOf(
    {
      gradePublicationMode: row.publicationMode,
      studentDelayDays: row.studentDelayDays,
      parentDelayDays: row.parentDelayDays,
    },
    // Only the assessment's own period decides when its marks are published.
    period ? [period] : [],
  );
  const queries = SERVICE_PUPILS[service.structureKind];
  const pupils =
    pupil === undefined
      ? await sql.all<PupilRow>(queries.all, [schoolId, service.structureCode, row.id])
      : await sql.all<PupilRow>(queries.one, [schoolId, service.structureCode, row.id, pupil]);
  return {
    actor,
    assessment: row,
    service,
    right,
    published: isPublished(row, settings, clock.now()),
    pupils: new Map(pupils.map((p) => [Number(p.id), p])),
    actorName: row.actorName,
  };
}

/** Display names of the staff who last changed `rows` (the actor's read with the context). */
async function editorNames(
  sql: TransactionStatements,
  ctx: ColumnContext,
  rows: readonly (MarkRow | null)[],
): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  for (const row of rows) {
    const id = row?.updatedBy ?? null;
    if (id === null || names.has(id)) continue;
    const name =
      id === ctx.actor.userId
        ? ctx.actorName
        : ((await sql.one<{ displayName: string }>(STAFF_NAME, [id]))?.displayName ?? null);
    if (name !== null) names.set(id, name);
  }
  return names;
}

/** « Modifiée entre-temps par … », with the value now stored: the window shows it instead. */
async function staleAnswer(
  sql: TransactionStatements,
  ctx: ColumnContext,
  row: MarkRow | null,
  studentId: number,
) {
  const cell = toCell(studentId, row, await editorNames(sql, ctx, [row]));
  const message = frenchSpacing(
    `Note modifiée entre-temps par ${cell.updatedBy ?? 'un autre utilisateur'} : ${cell.text === '' ? 'effacée' : `« ${cell.text} »`}. Votre saisie n’est pas enregistrée.`,
  );
  return { message, cell };
}

const markOf = (sql: TransactionStatements, assessmentId: number, studentId: number) =>
  sql.one<MarkRow>(MARK_OF_PUPIL, [assessmentId, studentId]).then((row) => row ?? null);

/**
 * Writes one cell over the version the window saw (`existing`, just read in this transaction),
 * as a conditional UPDATE (… WHERE version = seen): a cell changed since is not overwritten,
 * whatever the transport or the engine.
 */
async function writeCell(
  sql: TransactionStatements,
  m: EntityManager,
  clock: Clock,
  ctx: ColumnContext,
  studentId: number,
  value: MarkValue | null,
  seenVersion: number,
  existing: MarkRow | null,
): Promise<MarkSaveResult> {
  const { assessment, actor } = ctx;
  if ((existing?.version ?? 0) !== seenVersion) {
    return { status: 'stale', ...(await staleAnswer(sql, ctx, existing, studentId)) };
  }
  const before = markValueOf(existing);
  if (sameValue(before, value)) {
    return {
      status: 'saved',
      cell: toCell(studentId, existing, await editorNames(sql, ctx, [existing])),
    };
  }
  const now = clock.now().toISOString();
  const changedAfterPublication = ctx.published && before !== null;
  const points = value?.kind === 'points' ? value.points : null;
  const special = value && value.kind !== 'points' ? value.kind : null;
  let saved: MarkRow | undefined;
  if (!existing) {
    saved = await sql.one<MarkRow>(INSERT_MARK, [
      actor.schoolId,
      assessment.id,
      studentId,
      points,
      special,
      actor.userId,
      now,
      value === null ? null : now,
    ]);
  } else {
    saved = await sql.one<MarkRow>(UPDATE_MARK, [
      existing.id,
      seenVersion,
      points,
      special,
      actor.userId,
      now,
      // A value typed into an empty (or cleared) cell is entered now; a correction is not.
      before === null && value !== null ? now : existing.enteredAt,
      changedAfterPublication ? now : existing.modifiedAfterPublicationAt,
    ]);
    if (!saved) {
      const current = await markOf(sql, assessment.id, studentId);
      return { status: 'stale', ...(await staleAnswer(sql, ctx, current, studentId)) };
    }
  }
  if (!saved) throw new Error('mark insert returned no row');
  if (ctx.right.byDirection || changedAfterPublication) {
    await writeAudit(m, clock, {
      schoolId: actor.schoolId,
      actor,
      action: 'marks.save',
      targetType: 'assessment',
      targetId: assessment.id,
      targetLabel: assessmentLabel(ctx.service, assessment.label),
      // The pupil by id only: the journal holds no child's name.
      details: {
        élève: studentId,
        avant: markText(before),
        après: markText(value),
        ...(changedAfterPublication ? { aprèsPublication: true } : {}),
      },
    });
  }
  return { status: 'saved', cell: toCell(studentId, saved, await editorNames(sql, ctx, [saved])) };
}

function notInService(): never {
  throw new ApiFailure('not_found', 'Élève introuvable dans ce service.', {
    studentId: 'Élève introuvable dans ce service.',
  });
}

/** Marks typed in the grid: one cell, or a pasted column saved whole or not at all. */
export function createMarkSaving({ db, clock }: { db: Database; clock: Clock }) {
  async function save(
    actor: StaffActor,
    input: z.output<typeof MarkSaveInput>,
  ): Promise<MarkSaveResult> {
    return db.transaction(async (m) => {
      const sql = transactionStatements(m);
      const ctx = await columnContext(sql, clock, actor, input.assessmentId, input.studentId);
      if (!ctx.pupils.has(input.studentId)) notInService();
      const parsed = parseMarkInput(input.text, ctx.assessment.scaleHundredths);
      if (!parsed.ok) {
        throw new ApiFailure('invalid_input', parsed.message, { text: parsed.message });
      }
      const existing = await markOf(sql, ctx.assessment.id, input.studentId);
      return writeCell(sql, m, clock, ctx, input.studentId, parsed.value, input.version, existing);
    });
  }

  async function saveColumn(
    actor: StaffActor,
    input: z.output<typeof MarkColumnInput>,
  ): Promise<MarkColumnResult> {
    return db.transaction(async (m) => {
      const sql = transactionStatements(m);
      // One context and one read of the column's marks for the whole paste.
      const ctx = await columnContext(sql, clock, actor, input.assessmentId);
      const stored = new Map(
        (await sql.all<MarkRow>(MARKS_OF_ASSESSMENT, [ctx.assessment.id])).map((row) => [
          Number(row.studentId),
          row,
        ]),
      );
      const problems: { index: number; message: string; stale: boolean }[] = [];
      const values: (MarkValue | null)[] = [];
      const seen = new Set<number>();
      for (const [index, cell] of input.cells.entries()) {
        const pupil = ctx.pupils.get(cell.studentId);
        const line = `Ligne ${index + 1}`;
        const problem = (message: string, stale = false) =>
          problems.push({ index, message: frenchSpacing(message), stale });
        values.push(null);
        if (!pupil) {
          problem(`${line} : élève introuvable dans ce service.`);
          continue;
        }
        const who = `${line} (${pupilName(pupil)})`;
        if (seen.has(cell.studentId)) {
          problem(`${who} : cet élève est déjà plus haut dans la colonne.`);
          continue;
        }
        seen.add(cell.studentId);
        const parsed = parseMarkInput(cell.text, ctx.assessment.scaleHundredths);
        if (!parsed.ok) {
          problem(`${who} : ${parsed.message}`);
          continue;
        }
        values[index] = parsed.value;
        const existing = stored.get(cell.studentId) ?? null;
        if ((existing?.version ?? 0) !== cell.version) {
          problem(
            `${who} : ${(await staleAnswer(sql, ctx, existing, cell.studentId)).message}`,
            true,
          );
        }
      }
      if (problems.length > 0) {
        const first = problems[0]!.message;
        throw new ApiFailure(
          problems.every((p) => p.stale) ? 'conflict' : 'invalid_input',
          problems.length === 1
            ? `${first} Rien n’est enregistré.`
            : `${problems.length} lignes à corriger, rien n’est enregistré. ${first}`,
          Object.fromEntries(problems.map((p) => [`cells.${p.index}.text`, p.message])),
        );
      }
      const cells: GradeCell[] = [];
      for (const [index, cell] of input.cells.entries()) {
        const result = await writeCell(
          sql,
          m,
          clock,
          ctx,
          cell.studentId,
          values[index]!,
          cell.version,
          stored.get(cell.studentId) ?? null,
        );
        // Checked above, in this same transaction: a stale cell here is a bug, not a race.
        if (result.status !== 'saved') throw new Error('column cell went stale mid-write');
        cells.push(result.cell);
      }
      return { cells };
    });
  }

  return { save, saveColumn };
}

export type MarkSaving = ReturnType<typeof createMarkSaving>;
