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
import type { Database } from '../../db/database';
import { MarkEntity } from '../../db/entities';
import type { AssessmentRow, MarkRow } from '../../db/entities/assessments';
import { writeAudit } from '../audit/audit';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';
import { assessmentLabel, assessmentOf } from './assessments';
import {
  assertMayEditMarks,
  isPublished,
  publicationSettings,
  type EditRight,
} from './gradeAccess';
import {
  editorNames,
  markText,
  markValueOf,
  pupilName,
  servicePupils,
  toCell,
  type ServicePupil,
} from './servicePupils';

const sameValue = (a: MarkValue | null, b: MarkValue | null) =>
  a === null || b === null
    ? a === b
    : a.kind === b.kind && (a.kind !== 'points' || (b.kind === 'points' && a.points === b.points));

interface ColumnContext {
  actor: StaffActor;
  assessment: AssessmentRow;
  service: TeachingServiceSummary;
  right: EditRight;
  published: boolean;
  pupils: Map<number, ServicePupil>;
}

/** Everything one write of a column needs, read once inside the transaction. */
async function columnContext(
  m: EntityManager,
  clock: Clock,
  actor: StaffActor,
  assessmentId: number,
): Promise<ColumnContext> {
  const { assessment, service } = await assessmentOf(m, actor, assessmentId);
  const right = await assertMayEditMarks(m, clock, actor, service, assessment.periodId);
  const settings = await publicationSettings(m, actor.schoolId);
  const pupils = await servicePupils(m, actor.schoolId, service, [assessment.id]);
  return {
    actor,
    assessment,
    service,
    right,
    published: isPublished(assessment, settings, clock.now()),
    pupils: new Map(pupils.map((p) => [p.id, p])),
  };
}

/** « Modifiée entre-temps par … », with the value now stored: the window shows it instead. */
async function staleAnswer(m: EntityManager, row: MarkRow | null, studentId: number) {
  const names = await editorNames(m, row ? [row] : []);
  const cell = toCell(studentId, row, names);
  const message = frenchSpacing(
    `Note modifiée entre-temps par ${cell.updatedBy ?? 'un autre utilisateur'} : ${cell.text === '' ? 'effacée' : `« ${cell.text} »`}. Votre saisie n’est pas enregistrée.`,
  );
  return { message, cell };
}

/**
 * Writes one cell over the version the window saw, as a conditional UPDATE (… WHERE version =
 * seen): a cell changed since is not overwritten, whatever the transport or the engine.
 */
async function writeCell(
  m: EntityManager,
  clock: Clock,
  ctx: ColumnContext,
  studentId: number,
  value: MarkValue | null,
  seenVersion: number,
): Promise<MarkSaveResult> {
  const repo = m.getRepository(MarkEntity);
  const { assessment, actor } = ctx;
  const existing = await repo.findOneBy({ assessmentId: assessment.id, studentId });
  if ((existing?.version ?? 0) !== seenVersion) {
    return { status: 'stale', ...(await staleAnswer(m, existing, studentId)) };
  }
  const before = markValueOf(existing);
  if (sameValue(before, value)) {
    return {
      status: 'saved',
      cell: toCell(studentId, existing, await editorNames(m, existing ? [existing] : [])),
    };
  }
  const now = clock.now().toISOString();
  const changedAfterPublication = ctx.published && before !== null;
  const values = {
    points: value?.kind === 'points' ? value.points : null,
    special: value && value.kind !== 'points' ? value.kind : null,
    updatedBy: actor.userId,
    updatedAt: now,
  };
  if (!existing) {
    await repo.insert({
      ...values,
      schoolId: actor.schoolId,
      assessmentId: assessment.id,
      studentId,
      enteredAt: value === null ? null : now,
      modifiedAfterPublicationAt: null,
      version: 1,
    });
  } else {
    const written = await m
      .createQueryBuilder()
      .update(MarkEntity)
      .set({
        ...values,
        // A value typed into an empty (or cleared) cell is entered now; a correction is not.
        enteredAt: before === null && value !== null ? now : existing.enteredAt,
        modifiedAfterPublicationAt: changedAfterPublication
          ? now
          : existing.modifiedAfterPublicationAt,
        version: existing.version + 1,
      })
      .where('id = :id AND version = :version', { id: existing.id, version: seenVersion })
      .execute();
    if (written.affected !== 1) {
      const current = await repo.findOneBy({ id: existing.id });
      return { status: 'stale', ...(await staleAnswer(m, current, studentId)) };
    }
  }
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
  const saved = await repo.findOneByOrFail({ assessmentId: assessment.id, studentId });
  return { status: 'saved', cell: toCell(studentId, saved, await editorNames(m, [saved])) };
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
      const ctx = await columnContext(m, clock, actor, input.assessmentId);
      if (!ctx.pupils.has(input.studentId)) notInService();
      const parsed = parseMarkInput(input.text, ctx.assessment.scaleHundredths);
      if (!parsed.ok) {
        throw new ApiFailure('invalid_input', parsed.message, { text: parsed.message });
      }
      return writeCell(m, clock, ctx, input.studentId, parsed.value, input.version);
    });
  }

  async function saveColumn(
    actor: StaffActor,
    input: z.output<typeof MarkColumnInput>,
  ): Promise<MarkColumnResult> {
    return db.transaction(async (m) => {
      const ctx = await columnContext(m, clock, actor, input.assessmentId);
      const repo = m.getRepository(MarkEntity);
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
        if (seen.has(pupil.id)) {
          problem(`${who} : cet élève est déjà plus haut dans la colonne.`);
          continue;
        }
        seen.add(pupil.id);
        const parsed = parseMarkInput(cell.text, ctx.assessment.scaleHundredths);
        if (!parsed.ok) {
          problem(`${who} : ${parsed.message}`);
          continue;
        }
        values[index] = parsed.value;
        const existing = await repo.findOneBy({
          assessmentId: ctx.assessment.id,
          studentId: pupil.id,
        });
        if ((existing?.version ?? 0) !== cell.version) {
          problem(`${who} : ${(await staleAnswer(m, existing, pupil.id)).message}`, true);
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
        const result = await writeCell(m, clock, ctx, cell.studentId, values[index]!, cell.version);
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
