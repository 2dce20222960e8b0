import { z } from 'zod';
import { out, type CallSpec } from '../contract';
import {
  AddressSchema,
  Empty,
  UaiSchema,
  displayName,
  email,
  phone,
  text,
  type Address,
  type IsoDate,
} from '../fields';
import { ALL_STAFF, DIRECTION } from '../../domain/access';
import type { StaffRole } from '../../domain/roles';
import {
  GRADE_PUBLICATION_MODES,
  SERVICE_KEYS,
  type GradePublicationMode,
  type ServiceKey,
} from '../../domain/school';
import { QUIET_FROM_HOUR, QUIET_UNTIL_HOUR } from '../../domain/digest/digestSchedule';

export interface SchoolSettings {
  uai: string;
  name: string;
  address: Address;
  phone: string;
  email: string;
  academie: string;
  portalUrl: string;
  welcomeMessage: string;
  /** « Directeur de la publication » named in the portal's « Mentions légales ». */
  publicationDirector: string;
  familiesMayEmail: boolean;
  gradePublicationMode: GradePublicationMode;
  openedServices: ServiceKey[];
  /** The services this kind of school may open (a collège has no LSL); read-only. */
  offeredServices: ServiceKey[];
  /** Which window of a DL envelope the letters' address shows through. */
  letterWindow: 'left' | 'right';
  /** Where the desktop app serves the family portal (takes effect at the next start). */
  portalListener: PortalListener;
  /** The Paris hour from which the opt-in family e-mail digest goes (7–20, never at night). */
  digestHour: number;
}

export interface PortalListener {
  /** « Publier sur le réseau de l'établissement »; otherwise this computer only (127.0.0.1). */
  publish: boolean;
  /** The interface to bind when published (an address of this computer, or 0.0.0.0). */
  bind: string;
  port: number;
  /** Reverse proxies in front of the portal, comma-separated addresses; '' for none. */
  trustedProxy: string;
}

const IP_ADDRESS = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]+)$/;

export const PortalListenerSchema = z
  .object({
    publish: z.boolean(),
    bind: z
      .string()
      .trim()
      .max(45)
      .refine((v) => v === '' || IP_ADDRESS.test(v), {
        error:
          'Interface : une adresse IP de cet ordinateur (par exemple 192.168.1.20), ou 0.0.0.0 pour toutes.',
      }),
    port: z
      .number({ error: 'Port : un nombre.' })
      .int({ error: 'Port : un nombre entier.' })
      .min(1024, { error: 'Port : entre 1024 et 65535.' })
      .max(65535, { error: 'Port : entre 1024 et 65535.' }),
    trustedProxy: z
      .string()
      .trim()
      .max(200)
      .refine((v) => v === '' || v.split(',').every((a) => IP_ADDRESS.test(a.trim())), {
        error: 'Mandataire : une ou plusieurs adresses IP séparées par des virgules.',
      }),
  })
  .refine((v) => !v.publish || v.bind !== '', {
    error: 'Interface : indiquez l’adresse sur laquelle publier le portail.',
    path: ['bind'],
  });

const DIGEST_HOUR_ERROR = `Heure d’envoi du résumé aux familles\u00a0: un nombre entier entre ${QUIET_UNTIL_HOUR} et ${QUIET_FROM_HOUR - 1} (jamais la nuit).`;

/** The digest never goes at night (21:00–07:00 Paris): the last hour it may start is 20 h. */
export const DigestHourSchema = z
  .number({ error: DIGEST_HOUR_ERROR })
  .int({ error: DIGEST_HOUR_ERROR })
  .min(QUIET_UNTIL_HOUR, { error: DIGEST_HOUR_ERROR })
  .max(QUIET_FROM_HOUR - 1, { error: DIGEST_HOUR_ERROR });

export interface SchoolYearInfo {
  label: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
  periods: { code: string; label: string; startsOn: IsoDate; endsOn: IsoDate }[];
}

export interface DashboardSummary {
  schoolName: string;
  schoolYear: string | null;
  studentCount: number;
  divisionCount: number;
  guardianCount: number;
  guardiansWithoutEmail: number;
  studentsWithoutDivision: number;
}

export const SchoolSettingsInput = z.object({
  uai: UaiSchema,
  /**
   * The new UAI typed a second time: once pupils exist, the UAI is what the SIECLE import
   * checks every file against, so changing it needs this (see school.ts).
   */
  uaiConfirmation: z.string().trim().toUpperCase().max(20).optional(),
  name: displayName('Nom de l’établissement', 200),
  address: AddressSchema,
  phone: phone('Téléphone'),
  email: email('Courriel'),
  academie: text('Académie', 100),
  portalUrl: text('Adresse du portail', 300).refine(
    (v) => v === '' || /^https?:\/\/[^\s]+$/.test(v),
    { error: 'Adresse du portail : une adresse web commençant par http:// ou https://.' },
  ),
  welcomeMessage: text('Message d’accueil', 2000),
  /** Left out, it does not change (older clients and scripts send none). */
  publicationDirector: text('Directeur de la publication', 200).optional(),
  familiesMayEmail: z.boolean(),
  /** Left out, it does not change: the « Publication des notes » section edits it (publication.update). */
  gradePublicationMode: z
    .enum(Object.keys(GRADE_PUBLICATION_MODES) as ['continuous', 'scheduled'], {
      error: 'Mode de publication des notes inconnu.',
    })
    .optional(),
  openedServices: z
    .array(z.enum(SERVICE_KEYS as [string, ...string[]], { error: 'Service inconnu.' }))
    .max(SERVICE_KEYS.length),
  letterWindow: z.enum(['left', 'right'], { error: 'Fenêtre d’enveloppe : à gauche ou à droite.' }),
  /** Left out, the listener's settings do not change. */
  portalListener: PortalListenerSchema.optional(),
  /** Left out, it does not change (older clients and scripts send none). */
  digestHour: DigestHourSchema.optional(),
});

export const schoolCalls = {
  'dashboard.summary': { input: Empty, access: ALL_STAFF, output: out<DashboardSummary>() },
  'school.get': { input: Empty, access: ALL_STAFF, output: out<SchoolSettings>() },
  'school.year': { input: Empty, access: ALL_STAFF, output: out<SchoolYearInfo | null>() },
  'settings.update': {
    input: SchoolSettingsInput,
    access: DIRECTION,
    output: out<SchoolSettings>(),
  },
} as const satisfies Record<string, CallSpec<StaffRole>>;
