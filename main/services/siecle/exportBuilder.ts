import { isoDateOrNull, isoStampOrNull } from './dates';
import { keepOnly, valueOf } from './fields';
import type { SiecleFile, SiecleParams } from './types';
import type { FieldFilter, RecordHandler, XmlRecord } from './xmlRecords';

const PARAMS_FIELDS = keepOnly('UAJ', 'ANNEE_SCOLAIRE', 'DATE_EXPORT', 'HORODATAGE');

/**
 * Base of the three builders: handles PARAMETRES, and dispatches the records under DONNEES
 * by their path ('DONNEES/ELEVES/ELEVE').
 */
export abstract class ExportBuilder<F extends SiecleFile> implements RecordHandler {
  protected params: SiecleParams = {
    uaj: '',
    schoolYear: null,
    exportDate: null,
    exportStamp: null,
  };

  constructor(protected readonly fileName: string) {}

  recordAt(path: readonly string[]): FieldFilter | null {
    if (path.length === 1) return path[0] === 'PARAMETRES' ? PARAMS_FIELDS : null;
    return path[0] === 'DONNEES' ? this.dataRecordAt(path.join('/'), path) : null;
  }

  add(record: XmlRecord): void {
    if (record.path.length === 1) {
      const year = valueOf(record, 'ANNEE_SCOLAIRE');
      this.params = {
        uaj: valueOf(record, 'UAJ'),
        schoolYear: /^\d{4}$/.test(year) ? Number(year) : null,
        exportDate: isoDateOrNull(valueOf(record, 'DATE_EXPORT')),
        exportStamp: isoStampOrNull(valueOf(record, 'HORODATAGE')),
      };
    } else {
      this.addData(record, record.path.join('/'));
    }
  }

  protected abstract dataRecordAt(key: string, path: readonly string[]): FieldFilter | null;
  protected abstract addData(record: XmlRecord, key: string): void;
  abstract build(): F;
}
