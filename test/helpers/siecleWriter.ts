import type { Address } from '../../shared/api/staff';
import type { SchoolSeed } from '../../main/services/school/schoolSeed';

// Writes a school as the three SIECLE/BEE exports (ElevesAvecAdresses,
// ResponsablesAvecAdresses, Nomenclature), in ISO-8859-15 as SIECLE does: the generated
// "larger files" of the import tests and benchmark.

const MEF_BY_LEVEL: Record<string, string> = {
  '6e': '10010012110',
  '5e': '10110001110',
  '4e': '10210001110',
  '3e': '10310019110',
};
const REGIME_CODE: Record<string, string> = {
  externe: '0',
  demi_pensionnaire: '2',
  interne: '3',
  interne_externe: '4',
};

/** ISO-8859-15 differs from Latin-1 at eight places, œ among them. */
const LATIN9: Record<string, number> = {
  '€': 0xa4,
  Š: 0xa6,
  š: 0xa8,
  Ž: 0xb4,
  ž: 0xb8,
  Œ: 0xbc,
  œ: 0xbd,
  Ÿ: 0xbe,
};
const LATIN1_ONLY = new Set([0xa4, 0xa6, 0xa8, 0xb4, 0xb8, 0xbc, 0xbd, 0xbe]);

export function encodeLatin9(text: string): Buffer {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (LATIN9[char] !== undefined) bytes.push(LATIN9[char]);
    else if (code < 256 && !LATIN1_ONLY.has(code)) bytes.push(code);
    else bytes.push(0x3f);
  }
  return Buffer.from(bytes);
}

const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const el = (name: string, value: string) => `<${name}>${esc(value)}</${name}>`;
const frDate = (iso: string | null) =>
  iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '';

function header(root: string, uaj: string, year: number, exportDate: string, stamp: string) {
  return `<?xml version="1.0" encoding="ISO-8859-15"?>\n<${root} VERSION="3.0">\n<PARAMETRES>${el('UAJ', uaj)}${el(
    'ANNEE_SCOLAIRE',
    String(year),
  )}${el('DATE_EXPORT', frDate(exportDate))}${el('HORODATAGE', `${frDate(exportDate)} ${stamp}`)}</PARAMETRES>\n<DONNEES>\n`;
}

/**
 * An address as SIECLE writes it. One abroad carries SIECLE's country code (`countryCode`,
 * « 131 » for BELGIQUE) and its town as COMMUNE_ETRANGERE, as BEE's exports do.
 */
function address(id: string, a: Address & { countryCode?: string }) {
  const code = a.countryCode ?? '100';
  const town = code === '100' ? el('LIBELLE_POSTAL', a.city) : el('COMMUNE_ETRANGERE', a.city);
  return `<ADRESSE ADRESSE_ID="${id}">${el('LIGNE1_ADRESSE', a.line1)}${el('LIGNE2_ADRESSE', a.line2)}${el(
    'LIGNE3_ADRESSE',
    '',
  )}${el('LIGNE4_ADRESSE', '')}${el('CODE_POSTAL', a.postalCode)}${el('CODE_PAYS', code)}${el(
    'LL_PAYS',
    a.country || 'FRANCE',
  )}${town}</ADRESSE>\n`;
}

export interface SiecleExports {
  eleves: Buffer;
  responsables: Buffer;
  nomenclature: Buffer;
}

export function writeSiecleExports(
  seed: SchoolSeed,
  /** stamp: HORODATAGE's time of day, 'HH:MM:SS' (08:00:00 unless told). */
  options: {
    year?: number;
    exportDate?: string;
    stamp?: string | undefined;
    /** SIECLE groups (TYPE_STRUCTURE G) by student key, e.g. { E0001: ['LAT5'] }. */
    groups?: Record<string, string[]>;
  } = {},
): SiecleExports {
  const year = options.year ?? Number(seed.year.label.slice(0, 4));
  const exportDate = options.exportDate ?? `${year}-10-01`;
  const stamp = options.stamp ?? '08:00:00';
  const uaj = seed.school.uai;
  const levelOf = new Map(seed.divisions.map((d) => [d.code, d.level]));

  const eleves: string[] = [header('BEE_ELEVES', uaj, year, exportDate, stamp), '<ELEVES>\n'];
  for (const s of seed.students) {
    const mef = s.divisionCode ? (MEF_BY_LEVEL[levelOf.get(s.divisionCode) ?? ''] ?? '') : '';
    eleves.push(
      `<ELEVE ELEVE_ID="${s.key}">${el('ID_NATIONAL', s.ine)}${el('NOM_DE_FAMILLE', s.lastName)}${el(
        'PRENOM',
        s.firstName,
      )}${el('PRENOM2', s.firstName2)}${el('PRENOM3', s.firstName3)}${el('DATE_NAISS', frDate(s.birthDate))}${el(
        'CODE_SEXE',
        s.sex === 'M' ? '1' : '2',
      )}${el('CODE_REGIME', REGIME_CODE[s.regime] ?? '0')}${el('DATE_ENTREE', `01/09/${year}`)}${
        s.leftOn ? el('DATE_SORTIE', frDate(s.leftOn)) : ''
      }${el('CODE_MEF', mef)}${el('VILLE_NAISS', s.birthCommune)}${el(
        'CODE_DEPARTEMENT_NAISS',
        s.birthDepartment,
      )}${el('CODE_PAYS', '100')}${el('TEL_PERSONNEL', s.phoneHome)}${el('TEL_PORTABLE', s.phoneMobile)}${el(
        'MEL',
        s.email,
      )}${el('ADRESSE_ID', `A${s.key}`)}</ELEVE>\n`,
    );
  }
  eleves.push('</ELEVES>\n<STRUCTURES>\n');
  const structure = (code: string, type: 'D' | 'G') =>
    `<STRUCTURE>${el('CODE_STRUCTURE', code)}${el('TYPE_STRUCTURE', type)}</STRUCTURE>`;
  for (const s of seed.students) {
    const groups = options.groups?.[s.key] ?? [];
    if (!s.divisionCode && groups.length === 0) continue;
    eleves.push(
      `<STRUCTURES_ELEVE ELEVE_ID="${s.key}">${s.divisionCode ? structure(s.divisionCode, 'D') : ''}${groups
        .map((g) => structure(g, 'G'))
        .join('')}</STRUCTURES_ELEVE>\n`,
    );
  }
  eleves.push('</STRUCTURES>\n<ADRESSES>\n');
  for (const s of seed.students) eleves.push(address(`A${s.key}`, s.address));
  eleves.push('</ADRESSES>\n</DONNEES>\n</BEE_ELEVES>\n');

  const resp: string[] = [
    header('BEE_RESPONSABLES', uaj, year, exportDate, stamp),
    '<PERSONNES>\n',
  ];
  for (const g of seed.guardians) {
    resp.push(
      `<PERSONNE PERSONNE_ID="${g.key}">${el('LC_CIVILITE', g.civility === 'Mme' ? 'MME' : 'M.')}${el(
        'NOM_DE_FAMILLE',
        g.lastName,
      )}${el('PRENOM', g.firstName)}${el('TEL_PERSONNEL', g.phoneHome)}${el('TEL_PORTABLE', g.phoneMobile)}${el(
        'TEL_PROFESSIONNEL',
        g.phoneWork,
      )}${el('MEL', g.email)}${el('ACCEPTE_SMS', g.acceptsSms ? '1' : '0')}${el(
        'COMMUNICATION_ADRESSE',
        g.sharesAddress ? '1' : '0',
      )}${el('ADRESSE_ID', `A${g.key}`)}${el('CODE_PROFESSION', '')}</PERSONNE>\n`,
    );
  }
  resp.push('</PERSONNES>\n<RESPONSABLES>\n');
  // Légal 1 before légal 2, as the import reads the order.
  const links = [...seed.links].sort((a, b) => (a.legalRank ?? 9) - (b.legalRank ?? 9));
  for (const l of links) {
    resp.push(
      `<RESPONSABLE_ELEVE>${el('ELEVE_ID', l.studentKey)}${el('PERSONNE_ID', l.guardianKey)}${el(
        'NIVEAU_RESPONSABILITE',
        String(l.responsibilityLevel),
      )}${el('CODE_PARENTE', l.relationship)}</RESPONSABLE_ELEVE>\n`,
    );
  }
  resp.push('</RESPONSABLES>\n<ADRESSES>\n');
  for (const g of seed.guardians) resp.push(address(`A${g.key}`, g.address));
  resp.push('</ADRESSES>\n</DONNEES>\n</BEE_RESPONSABLES>\n');

  const nomenclature = [
    header('BEE_NOMENCLATURES', uaj, year, exportDate, stamp),
    '<MEFS>\n',
    ...Object.entries(MEF_BY_LEVEL).map(
      ([level, code]) =>
        `<MEF CODE_MEF="${code}">${el('FORMATION', level.toUpperCase())}${el('LIBELLE_LONG', `${level.toUpperCase()}ME`)}${el(
          'LIBELLE_EDITION',
          `${level}`,
        )}</MEF>\n`,
    ),
    '</MEFS>\n<MATIERES>\n',
    `<MATIERE CODE_MATIERE="030201">${el('LIBELLE_LONG', 'ANGLAIS LV1')}${el('LIBELLE_EDITION', 'Anglais LV1')}</MATIERE>\n`,
    `<MATIERE CODE_MATIERE="061300">${el('LIBELLE_LONG', 'MATHEMATIQUES')}${el('LIBELLE_EDITION', 'Mathématiques')}</MATIERE>\n`,
    '</MATIERES>\n<REGIMES>\n',
    `<REGIME CODE_REGIME="0">${el('LIBELLE_COURT', 'EXTERN')}${el('LIBELLE_LONG', 'EXTERNE LIBRE')}</REGIME>\n`,
    `<REGIME CODE_REGIME="2">${el('LIBELLE_COURT', 'DP DAN')}${el('LIBELLE_LONG', "DEMI-PENSIONNAIRE DANS L'ETABLISSEMENT")}</REGIME>\n`,
    `<REGIME CODE_REGIME="3">${el('LIBELLE_COURT', 'INTERN')}${el('LIBELLE_LONG', "INTERNE DANS L'ETABLISSEMENT")}</REGIME>\n`,
    `<REGIME CODE_REGIME="4">${el('LIBELLE_COURT', 'IN.EX.')}${el('LIBELLE_LONG', 'INTERNE EXTERNE')}</REGIME>\n`,
    '</REGIMES>\n</DONNEES>\n</BEE_NOMENCLATURES>\n',
  ].join('');

  return {
    eleves: encodeLatin9(eleves.join('')),
    responsables: encodeLatin9(resp.join('')),
    nomenclature: encodeLatin9(nomenclature),
  };
}
