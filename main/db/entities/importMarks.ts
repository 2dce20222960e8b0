import { EntitySchema } from 'typeorm';
import { instant, int, isoDate, pk, str } from '../columns';

/** The last SIECLE export of one kind applied to a school (see the ImportGuards migration). */
export interface SiecleExportMarkRow {
  id: number;
  schoolId: number;
  kind: string;
  exportDate: string;
  /** HORODATAGE as 'YYYY-MM-DDTHH:MM:SS'; '' when the file had none. */
  exportedAt: string;
  fileName: string;
  appliedAt: string;
}

export const SiecleExportMarkEntity = new EntitySchema<SiecleExportMarkRow>({
  name: 'SiecleExportMark',
  tableName: 'siecle_export_mark',
  columns: {
    id: pk(),
    schoolId: int('school_id'),
    kind: str('kind', 20),
    exportDate: isoDate('export_date'),
    exportedAt: str('exported_at', 19),
    fileName: str('file_name', 200),
    appliedAt: instant('applied_at'),
  },
});
