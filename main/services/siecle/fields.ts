import type { SiecleAddress } from './types';
import type { FieldFilter, XmlRecord } from './xmlRecords';

/** Reading values out of records, shared by the three builders; two kinds have ADRESSES. */

export function keepOnly(...names: string[]): FieldFilter {
  const kept = new Set(names);
  return (name) => kept.has(name);
}

/** The value of a field; '' when the element is absent or empty (see types.ts). */
export function valueOf(record: XmlRecord, name: string): string {
  return record.fields.get(name) ?? '';
}

/** An attribute of the record (ELEVE_ID, ADRESSE_ID…), trimmed; '' when absent. */
export function attributeOf(record: XmlRecord, name: string): string {
  return (record.attributes[name] ?? '').trim();
}

/** The first non-empty value among several fields: LIBELLE_EDITION, else LIBELLE_LONG… */
export function firstValueOf(record: XmlRecord, ...names: string[]): string {
  for (const name of names) {
    const value = record.fields.get(name);
    if (value) return value;
  }
  return '';
}

/** SIECLE flags are 1/0; the IMPORT flow and some tools write true/false. */
export function flagOf(record: XmlRecord, name: string): boolean {
  const value = valueOf(record, name).toLowerCase();
  return value === '1' || value === 'true';
}

export const ADDRESS_FIELDS = keepOnly(
  'LIGNE1_ADRESSE',
  'LIGNE2_ADRESSE',
  'LIGNE3_ADRESSE',
  'LIGNE4_ADRESSE',
  'CODE_POSTAL',
  'LIBELLE_POSTAL',
  'LL_COMMUNE_INSEE',
  'COMMUNE_ETRANGERE',
  'CODE_PAYS',
  'LL_PAYS',
);

export function addressOf(record: XmlRecord): SiecleAddress {
  return {
    id: attributeOf(record, 'ADRESSE_ID'),
    line1: valueOf(record, 'LIGNE1_ADRESSE'),
    line2: valueOf(record, 'LIGNE2_ADRESSE'),
    line3: valueOf(record, 'LIGNE3_ADRESSE'),
    line4: valueOf(record, 'LIGNE4_ADRESSE'),
    postalCode: valueOf(record, 'CODE_POSTAL'),
    city: firstValueOf(record, 'LIBELLE_POSTAL', 'LL_COMMUNE_INSEE', 'COMMUNE_ETRANGERE'),
    countryCode: valueOf(record, 'CODE_PAYS'),
    country: valueOf(record, 'LL_PAYS'),
  };
}
