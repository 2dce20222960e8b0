import type { Address } from '../../shared/api/fields';
import { foldForSearch } from '../../shared/domain/normalize';
import type { AddressRow } from './entities/rows';

/** Row ↔ API conversions shared by every service that reads or writes these columns. */
export function addressRow(a: Address): AddressRow {
  return {
    addressLine1: a.line1,
    addressLine2: a.line2,
    postalCode: a.postalCode,
    city: a.city,
    country: a.country,
  };
}

/** The other way: a row's address columns as the API's Address. */
export function addressOf(row: AddressRow): Address {
  return {
    line1: row.addressLine1,
    line2: row.addressLine2,
    postalCode: row.postalCode,
    city: row.city,
    country: row.country,
  };
}

export function searchColumns(lastName: string, firstName: string) {
  return { searchLast: foldForSearch(lastName), searchFirst: foldForSearch(firstName) };
}
