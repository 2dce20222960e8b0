/**
 * The kinds of vie scolaire events and which school flag lets families see each one
 * (seed 003 §3.4 « Vie scolaire »: « Les Absences, les Retards, les Punitions, les Sanctions
 * et les Mesures de prévention et d'accompagnement apparaissent […] Les Non présences
 * autorisées (Dispenses, Stages, Sorties/Voyages) et les Signalements académiques ne sont pas
 * diffusés »; absences, retards, punitions if « Publiable en ligne », sanctions if « Famille
 * avisée »).
 *
 * The guide names the mesures de prévention et d'accompagnement among what appears but gives
 * them no row in its table of conditions. We read them as punitions' kin (a measure the
 * school decides, not a disciplinary sanction under R511-13): published under the same
 * « publiable en ligne » flag, never without it.
 */
export type PublicationGate = 'publishableOnline' | 'familyNotified' | 'never';

export const SCHOOL_LIFE_EVENT_KINDS = {
  absence: { label: 'Absence', gate: 'publishableOnline' },
  lateness: { label: 'Retard', gate: 'publishableOnline' },
  punishment: { label: 'Punition', gate: 'publishableOnline' },
  sanction: { label: 'Sanction', gate: 'familyNotified' },
  preventionMeasure: {
    label: 'Mesure de prévention et d’accompagnement',
    gate: 'publishableOnline',
  },
  exemption: { label: 'Dispense', gate: 'never' },
  internship: { label: 'Stage', gate: 'never' },
  outing: { label: 'Sortie / voyage', gate: 'never' },
  academicReport: { label: 'Signalement académique', gate: 'never' },
} as const satisfies Record<string, { label: string; gate: PublicationGate }>;

export type SchoolLifeEventKind = keyof typeof SCHOOL_LIFE_EVENT_KINDS;
export const SCHOOL_LIFE_EVENT_KIND_KEYS = Object.keys(
  SCHOOL_LIFE_EVENT_KINDS,
) as SchoolLifeEventKind[];
