import type { schoolLifeCalls } from '../../../shared/api/staff';
import { requireActor as actor, type StaffHandlersFor } from '../context';
import type { createSchoolLifeEventService } from './events';
import type { createMotifService } from './motifs';
import type { createAbsenceNoticeService } from './notice';
import type { createRollService } from './roll';
import type { createSchoolLifeSettingsService } from './settings';
import type { createWatchService } from './watch';

export function schoolLifeHandlers({
  motifs,
  schoolLifeSettings,
  roll,
  schoolLife,
  absenteeism,
  absenceNotices,
}: {
  motifs: ReturnType<typeof createMotifService>;
  schoolLifeSettings: ReturnType<typeof createSchoolLifeSettingsService>;
  roll: ReturnType<typeof createRollService>;
  schoolLife: ReturnType<typeof createSchoolLifeEventService>;
  absenteeism: ReturnType<typeof createWatchService>;
  absenceNotices: ReturnType<typeof createAbsenceNoticeService>;
}): StaffHandlersFor<keyof typeof schoolLifeCalls> {
  return {
    'motifs.list': (_input, ctx) => motifs.list(actor(ctx)),
    'motifs.save': (input, ctx) => motifs.save(actor(ctx), input),
    'schoolLife.settings': (_input, ctx) => schoolLifeSettings.get(actor(ctx)),
    'schoolLife.updateSettings': (input, ctx) => schoolLifeSettings.update(actor(ctx), input),
    'roll.open': (input, ctx) => roll.open(actor(ctx), input),
    'roll.hours': (_input, ctx) => roll.hours(actor(ctx)),
    'roll.save': (input, ctx) => roll.save(actor(ctx), input),
    'schoolLife.record': (input, ctx) => schoolLife.record(actor(ctx), input),
    'schoolLife.queue': (input, ctx) => schoolLife.queue(actor(ctx), input.divisionId),
    'schoolLife.process': (input, ctx) => schoolLife.process(actor(ctx), input),
    'schoolLife.watch': (input, ctx) => absenteeism.watch(actor(ctx), input.month),
    'schoolLife.noticeEmail': (input, ctx) => absenceNotices.email(actor(ctx), input.id),
    'schoolLife.noticePdf': (input, ctx) => absenceNotices.pdf(actor(ctx), input.id),
    'schoolLife.noticePrinted': (input, ctx) => absenceNotices.printed(actor(ctx), input.id),
    'schoolLife.watchCsv': (input, ctx) => absenteeism.csv(actor(ctx), input.month),
    'schoolLife.reportToDsden': (input, ctx) => absenteeism.report(actor(ctx), input),
  };
}
