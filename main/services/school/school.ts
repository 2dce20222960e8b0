import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { ApiFailure } from '../../../shared/api/result';
import type {
  SchoolSettings,
  SchoolSettingsInput,
  SchoolYearInfo,
} from '../../../shared/api/staff';
import {
  SCHOOL_KIND_LABELS,
  SERVICES,
  SERVICE_KEYS,
  schoolKindOf,
  servicesOffered,
  type GradePublicationMode,
  type ServiceKey,
} from '../../../shared/domain/school';
import type { Database } from '../../db/database';
import {
  DivisionEntity,
  PeriodEntity,
  SchoolEntity,
  SchoolYearEntity,
  StudentEntity,
} from '../../db/entities';
import type { SchoolRow } from '../../db/entities/rows';
import { writeAudit } from '../audit/audit';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';
import { addressOf, addressRow } from '../../db/rowHelpers';

function toSettings(row: SchoolRow, offeredServices: ServiceKey[]): SchoolSettings {
  return {
    uai: row.uai,
    name: row.name,
    address: addressOf(row),
    phone: row.phone,
    email: row.email,
    academie: row.academie,
    portalUrl: row.portalUrl,
    welcomeMessage: row.welcomeMessage,
    publicationDirector: row.publicationDirector,
    familiesMayEmail: row.familiesMayEmail,
    gradePublicationMode: row.gradePublicationMode as GradePublicationMode,
    openedServices: row.openedServices
      .split(',')
      .filter((s): s is ServiceKey => (SERVICE_KEYS as string[]).includes(s)),
    letterWindow: row.letterWindow === 'right' ? 'right' : 'left',
    offeredServices,
    portalListener: {
      publish: row.portalBind !== '127.0.0.1' && row.portalBind !== '::1',
      bind: row.portalBind,
      port: row.portalPort,
      trustedProxy: row.portalTrustedProxy,
    },
    digestHour: row.digestHour,
  };
}

/** Only the fields that changed, old → new, for the audit log. */
function changedFields(before: SchoolSettings, after: SchoolSettings) {
  const changes: Record<string, { avant: unknown; après: unknown }> = {};
  for (const key of Object.keys(after) as (keyof SchoolSettings)[]) {
    if (key === 'offeredServices') continue; // follows the divisions, not the form
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changes[key] = { avant: before[key], après: after[key] };
    }
  }
  return changes;
}

/** The school's kind, read from the levels of its divisions. */
async function kindOfSchool(m: EntityManager, schoolId: number) {
  const divisions = await m
    .getRepository(DivisionEntity)
    .createQueryBuilder('d')
    .select('DISTINCT d.level', 'level')
    .where('d.schoolId = :schoolId', { schoolId })
    .getRawMany<{ level: string }>();
  return schoolKindOf(divisions.map((d) => d.level));
}

async function readSettings(m: EntityManager, schoolId: number): Promise<SchoolSettings> {
  const row = await m.getRepository(SchoolEntity).findOneByOrFail({ id: schoolId });
  return toSettings(row, servicesOffered(await kindOfSchool(m, schoolId)));
}

/**
 * The UAI is what every SIECLE file is checked against: changed silently, the next import
 * of another school's export would read as « tous les élèves sortis ». Once pupils exist,
 * the new UAI must be typed a second time, after the warning the settings page shows.
 */
async function checkUaiChange(
  m: EntityManager,
  schoolId: number,
  oldUai: string,
  input: z.output<typeof SchoolSettingsInput>,
) {
  const pupils = await m.getRepository(StudentEntity).countBy({ schoolId });
  if (pupils === 0 || input.uaiConfirmation === input.uai) return;
  const message =
    input.uaiConfirmation === undefined || input.uaiConfirmation === ''
      ? `L’UAI ${oldUai} est celui des ${pupils.toLocaleString('fr-FR')} élèves déjà importés : pour le remplacer par ${input.uai}, retapez le nouvel UAI.`
      : `Les deux UAI saisis diffèrent (${input.uai} et ${input.uaiConfirmation}) : rien n’a été changé.`;
  throw new ApiFailure('conflict', message, {
    uaiConfirmation: 'Retapez le nouvel UAI, à l’identique.',
  });
}

export function createSchoolService({ db, clock }: { db: Database; clock: Clock }) {
  async function get(actor: StaffActor): Promise<SchoolSettings> {
    return readSettings(db.manager, actor.schoolId);
  }

  async function update(
    actor: StaffActor,
    input: z.output<typeof SchoolSettingsInput>,
  ): Promise<SchoolSettings> {
    return db.transaction(async (m) => {
      const schools = m.getRepository(SchoolEntity);
      const before = await readSettings(m, actor.schoolId);
      const kind = await kindOfSchool(m, actor.schoolId);
      const offered: string[] = servicesOffered(kind);
      const refused = input.openedServices.find((key) => !offered.includes(key));
      if (kind && refused) {
        throw new ApiFailure(
          'invalid_input',
          `Le service « ${SERVICES[refused as ServiceKey]} » n’est pas proposé à ${SCHOOL_KIND_LABELS[kind]}.`,
          {
            openedServices: `« ${SERVICES[refused as ServiceKey]} » : pas pour ${SCHOOL_KIND_LABELS[kind]}.`,
          },
        );
      }
      const clash = await schools.findOneBy({ uai: input.uai });
      if (clash && clash.id !== actor.schoolId) {
        throw new ApiFailure(
          'conflict',
          `L’UAI ${input.uai} est déjà celui d’un autre établissement de la base.`,
          {
            uai: 'UAI déjà utilisé par un autre établissement.',
          },
        );
      }
      const uaiChanged = input.uai !== before.uai;
      if (uaiChanged) await checkUaiChange(m, actor.schoolId, before.uai, input);
      await schools.update(actor.schoolId, {
        uai: input.uai,
        name: input.name,
        ...addressRow(input.address),
        phone: input.phone,
        email: input.email,
        academie: input.academie,
        portalUrl: input.portalUrl,
        welcomeMessage: input.welcomeMessage,
        ...(input.publicationDirector === undefined
          ? {}
          : { publicationDirector: input.publicationDirector }),
        familiesMayEmail: input.familiesMayEmail,
        ...(input.gradePublicationMode === undefined
          ? {}
          : { gradePublicationMode: input.gradePublicationMode }),
        openedServices: SERVICE_KEYS.filter((k) => input.openedServices.includes(k)).join(','),
        letterWindow: input.letterWindow,
        ...(input.portalListener
          ? {
              portalBind: input.portalListener.publish ? input.portalListener.bind : '127.0.0.1',
              portalPort: input.portalListener.port,
              portalTrustedProxy: input.portalListener.trustedProxy,
            }
          : {}),
        ...(input.digestHour === undefined ? {} : { digestHour: input.digestHour }),
      });
      const after = await readSettings(m, actor.schoolId);
      const changes = changedFields(before, after);
      if (uaiChanged) {
        // Its own entry: the school's identity for every later import, looked for on its own.
        await writeAudit(m, clock, {
          schoolId: actor.schoolId,
          actor,
          action: 'settings.uai',
          targetType: 'school',
          targetId: actor.schoolId,
          targetLabel: after.name,
          details: { avant: before.uai, après: after.uai },
        });
      }
      if (Object.keys(changes).length > 0) {
        await writeAudit(m, clock, {
          schoolId: actor.schoolId,
          actor,
          action: 'settings.update',
          targetType: 'school',
          targetId: actor.schoolId,
          targetLabel: after.name,
          details: changes,
        });
      }
      return after;
    });
  }

  async function currentYear(actor: StaffActor): Promise<SchoolYearInfo | null> {
    const year = await db.manager
      .getRepository(SchoolYearEntity)
      .findOneBy({ schoolId: actor.schoolId, isCurrent: true });
    if (!year) return null;
    const periods = await db.manager
      .getRepository(PeriodEntity)
      .find({ where: { schoolYearId: year.id, level: '' }, order: { startsOn: 'ASC' } });
    return {
      label: year.label,
      startsOn: year.startsOn,
      endsOn: year.endsOn,
      periods: periods.map(({ code, label, startsOn, endsOn }) => ({
        code,
        label,
        startsOn,
        endsOn,
      })),
    };
  }

  return { get, update, currentYear };
}

export type SchoolService = ReturnType<typeof createSchoolService>;
