import { slashDate } from '../../../shared/domain/frenchDates';
import { showInvisibleCharacters } from '../../../shared/domain/visibleText';
/** French labels of the fields shown in the preview's "old → new" lines. */
export const FIELD_LABELS: Record<string, string> = {
  ine: 'INE',
  lastName: 'Nom',
  firstName: 'Prénom',
  firstName2: '2e prénom',
  firstName3: '3e prénom',
  sex: 'Sexe',
  birthDate: 'Date de naissance',
  birthCommune: 'Commune de naissance',
  birthDepartment: 'Département de naissance',
  birthCountry: 'Pays de naissance',
  regime: 'Régime',
  regimeCode: 'Code régime',
  mefCode: 'MEF',
  groups: 'Groupes',
  phoneHome: 'Téléphone domicile',
  phoneWork: 'Téléphone travail',
  phoneMobile: 'Téléphone portable',
  email: 'Courriel',
  leftOn: 'Date de sortie',
  addressLine1: 'Adresse',
  addressLine2: 'Complément d’adresse',
  postalCode: 'Code postal',
  city: 'Commune',
  country: 'Pays',
  addressCountryCode: 'Code pays',
  addressSameAsGuardian1: 'Adresse du responsable légal 1',
  civility: 'Civilité',
  profession: 'Profession',
  professionCode: 'Code profession',
  sharesAddress: 'Autorise à communiquer son adresse',
  acceptsSms: 'Accepte les SMS',
  relationship: 'Lien de parenté',
  legalRank: 'Rang de responsable légal',
  responsibilityLevel: 'Niveau de responsabilité',
};

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(vide)';
  if (value === true) return 'oui';
  if (value === false) return 'non';
  return showInvisibleCharacters(String(value));
}

/** "Téléphone portable : 06 12… → 07 45…; Courriel : (vide) → a@b.fr" — codes kept out. */
export function describeChanges(
  changes: { key: PropertyKey; before: unknown; after: unknown }[],
): string {
  return changes
    .filter((c) => !['regimeCode', 'professionCode'].includes(String(c.key)))
    .map(
      (c) =>
        `${FIELD_LABELS[String(c.key)] ?? String(c.key)} : ${show(c.before)} → ${show(c.after)}`,
    )
    .join(' ; ');
}

/** A name as the preview shows it: an invisible character is written as its code, not obeyed. */
export function personLabel(lastName: string, firstName: string, extra?: string | null): string {
  const name = showInvisibleCharacters(`${lastName.toUpperCase()} ${firstName}`.trim());
  return extra ? `${name} (${extra})` : name;
}

/** What tells one pupil from another in the preview's lines. */
export interface PupilNaming {
  key: string;
  lastName: string;
  firstName: string;
  division: string | null;
  sex: string | null;
  birthDate: string | null;
}

/**
 * « DUPONT Léa (4B) » for each pupil; two pupils who would read the same (twins, homonyms
 * in one division) get their date of birth too — and only they, to keep the lines short.
 */
export function pupilLabels(pupils: Iterable<PupilNaming>): Map<string, string> {
  // Each pupil's look-alike key made once; the date of birth written only for the few who
  // need it (thousands of pupils, a handful of homonyms).
  const list: { pupil: PupilNaming; same: string }[] = [];
  const counts = new Map<string, number>();
  for (const pupil of pupils) {
    const same = `${pupil.lastName.toUpperCase()}|${pupil.firstName}|${pupil.division ?? ''}`;
    counts.set(same, (counts.get(same) ?? 0) + 1);
    list.push({ pupil, same });
  }
  const labels = new Map<string, string>();
  for (const { pupil: p, same } of list) {
    let extra = p.division ?? '';
    if (counts.get(same)! > 1) {
      const born = p.birthDate
        ? `${p.sex === 'F' ? 'née' : 'né'} le ${slashDate(p.birthDate)}`
        : `ELEVE_ID ${p.key}`;
      extra = extra ? `${extra}, ${born}` : born;
    }
    labels.set(p.key, personLabel(p.lastName, p.firstName, extra));
  }
  return labels;
}
