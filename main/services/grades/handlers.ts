import type { gradeCalls } from '../../../shared/api/staff';
import { requireActor as actor, type StaffHandlersFor } from '../context';
import type { AssessmentService } from './assessments';
import type { GradeGridService } from './gradeGrid';
import type { MarkSaving } from './markSaving';
import type { ReportCards } from './reportCards';

export function gradeHandlers({
  assessments,
  gradeGrid,
  markSaving,
  reportCards,
}: {
  assessments: AssessmentService;
  gradeGrid: GradeGridService;
  markSaving: MarkSaving;
  reportCards: ReportCards;
}): StaffHandlersFor<keyof typeof gradeCalls> {
  return {
    'assessments.create': (input, ctx) => assessments.create(actor(ctx), input),
    'assessments.update': (input, ctx) => assessments.update(actor(ctx), input),
    'assessments.delete': (input, ctx) => assessments.remove(actor(ctx), input.id),
    'grades.grid': (input, ctx) => gradeGrid.grid(actor(ctx), input),
    'marks.save': (input, ctx) => markSaving.save(actor(ctx), input),
    'marks.saveColumn': (input, ctx) => markSaving.saveColumn(actor(ctx), input),
    'grades.subjectAverage': (input, ctx) => gradeGrid.studentAverage(actor(ctx), input),
    'grades.reportCard': (input, ctx) => reportCards.pdf(actor(ctx), input),
  };
}
