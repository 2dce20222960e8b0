import type { ImportGroupChange, ImportPreview } from '../../shared/api/staff';
import { formatCount, formatNumber } from '../ui/format';

/**
 * French wording for the SIECLE import: the counts the back end returns after applying
 * (also written to the audit log), file sizes and school years.
 */

/** ImportResult.counts keys (and the audit entry's details) → French labels. */
export const IMPORT_COUNT_LABELS: Record<string, string> = {
  élèvesAjoutés: 'Élèves ajoutés',
  élèvesModifiés: 'Élèves modifiés',
  responsablesAjoutés: 'Responsables ajoutés',
  responsablesModifiés: 'Responsables modifiés',
  responsablesSupprimés: 'Responsables supprimés',
  liensAjoutés: 'Liens élève–responsable ajoutés',
  liensModifiés: 'Liens élève–responsable modifiés',
  liensSupprimés: 'Liens élève–responsable supprimés',
  divisionsAjoutées: 'Divisions créées',
  libellés: 'Libellés de nomenclature enregistrés',
  entréesDansUnGroupe: 'Entrées d’élèves dans un groupe',
  sortiesDUnGroupe: 'Sorties d’élèves d’un groupe',
  fichiers: 'Fichiers',
  comptesCréés: 'Comptes des familles créés',
  accèsAjoutés: 'Enfants ajoutés à des comptes',
  accèsRetirés: 'Enfants retirés de comptes (lien disparu)',
};

export function importCountLabel(key: string): string {
  return IMPORT_COUNT_LABELS[key] ?? key;
}

/** 845 o, 12 Ko, 3,4 Mo: the units a French user reads in the file explorer. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${formatNumber(bytes)} o`;
  const kilo = bytes / 1024;
  if (kilo < 1024) return `${formatNumber(Math.max(1, Math.round(kilo)))} Ko`;
  const mega = kilo / 1024;
  return `${formatNumber(mega < 10 ? Math.round(mega * 10) / 10 : Math.round(mega))} Mo`;
}

/** SIECLE's ANNEE_SCOLAIRE is the starting year: 2026 → "2026-2027". */
export function schoolYearLabel(start: number | null): string {
  return start === null ? '—' : `${start}-${start + 1}`;
}

/** Dates the back end writes inside sentences ("sorti le 2026-10-01") shown the French way. */
export function frenchDatesIn(text: string): string {
  return text.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, '$3/$2/$1');
}

/** The writes an import would make, as short French phrases; zero counts are left out. */
export function previewSummary(preview: ImportPreview): string[] {
  const { students, guardians, links, divisions, groups, labels } = preview;
  const items: [number, string, string][] = [
    [students.added.length, 'nouvel élève', 'nouveaux élèves'],
    [students.left.length, 'élève sorti', 'élèves sortis'],
    [
      students.moved.length,
      'changement de division ou de groupe',
      'changements de division ou de groupe',
    ],
    [students.changed.length, 'fiche élève modifiée', 'fiches élèves modifiées'],
    [guardians.added.length, 'nouveau responsable', 'nouveaux responsables'],
    [guardians.changed.length, 'responsable modifié', 'responsables modifiés'],
    [guardians.removed.length, 'responsable supprimé', 'responsables supprimés'],
    [links.added.length, 'lien élève–responsable ajouté', 'liens élève–responsable ajoutés'],
    [links.changed.length, 'lien élève–responsable modifié', 'liens élève–responsable modifiés'],
    [links.removed.length, 'lien élève–responsable supprimé', 'liens élève–responsable supprimés'],
    [divisions.added.length, 'division créée', 'divisions créées'],
    [groups.length, 'groupe dont les élèves changent', 'groupes dont les élèves changent'],
    [labels.added + labels.changed, 'libellé de nomenclature', 'libellés de nomenclature'],
  ];
  return items
    .filter(([count]) => count > 0)
    .map(([count, singular, plural]) => formatCount(count, singular, plural));
}

/** « 12 élèves entrent dans le groupe 4LAT1 », « 3 élèves quittent le groupe 4LAT1 ». */
export function groupChangeSentences(change: ImportGroupChange): string[] {
  const { code, entering, leaving } = change;
  return [
    entering > 0 &&
      `${formatCount(entering, 'élève entre', 'élèves entrent')} dans le groupe ${code}`,
    leaving > 0 && `${formatCount(leaving, 'élève quitte', 'élèves quittent')} le groupe ${code}`,
  ].filter((s): s is string => typeof s === 'string');
}
