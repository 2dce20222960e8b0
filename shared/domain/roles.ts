/** Staff roles (SPEC §2). Family roles live with the portal accounts. */
export const STAFF_ROLES = ['direction', 'secretariat', 'cpe', 'teacher'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  direction: 'Direction',
  secretariat: 'Secrétariat',
  cpe: 'CPE / vie scolaire',
  teacher: 'Professeur',
};
