import type { SchoolSeed } from '../../main/services/school/schoolSeed';
import type { ImportPreview } from '../../shared/api/staff';
import { ADMIN_PASSWORD, loginToken, startTestPupitre, type TestPupitre, value } from './pupitre';
import { writeSiecleExports } from './siecleWriter';

/** An import test's Pupitre and the calls it makes, through the staff dispatcher. */
export interface ImportHarness {
  p: TestPupitre;
  token: string;
  upload(fileName: string, bytes: Buffer): Promise<string>;
  preview(files: Record<string, Buffer>): Promise<ImportPreview>;
  /** Preview then apply, for tests whose subject is what comes after. */
  importFiles(files: Record<string, Buffer>): Promise<ImportPreview>;
  /** Every row of the imported tables, to compare a database before and after. */
  dump(): Promise<Record<string, unknown[]>>;
}

/** An empty school with the given UAI, its current year starting in `year`, and a direction session. */
export async function emptySchoolHarness(uai: string, year: number): Promise<ImportHarness> {
  const p = await startTestPupitre({ empty: true });
  p.clock.set(`${year}-10-15T08:00:00.000Z`);
  value(
    await p.dispatch('setup.createSchool', { kind: 'empty', uai, name: 'Collège d’essai' }, null),
  );
  const token = await loginToken(p, 'direction', ADMIN_PASSWORD);
  const upload = async (fileName: string, bytes: Buffer) =>
    value<{ uploadId: string }>(
      await p.dispatch('import.upload', { fileName, bytes: new Uint8Array(bytes) }, token),
    ).uploadId;
  const preview = async (files: Record<string, Buffer>) => {
    const ids: string[] = [];
    for (const [name, bytes] of Object.entries(files)) ids.push(await upload(name, bytes));
    return value<ImportPreview>(await p.dispatch('import.preview', { uploadIds: ids }, token));
  };
  return {
    p,
    token,
    upload,
    preview,
    async importFiles(files) {
      const pre = await preview(files);
      value(await p.dispatch('import.apply', { previewId: pre.previewId }, token));
      return pre;
    },
    async dump() {
      const tables = ['student', 'guardian', 'student_guardian', 'division', 'nomenclature_label'];
      const out: Record<string, unknown[]> = {};
      for (const t of tables) out[t] = await p.db.manager.query(`SELECT * FROM ${t} ORDER BY id`);
      return out;
    },
  };
}

/** The three exports of a school, under the names SIECLE gives them. */
export function exportsOf(
  seed: SchoolSeed,
  exportDate?: string,
  stamp?: string,
  groups?: Record<string, string[]>,
) {
  const e = writeSiecleExports(seed, {
    ...(exportDate ? { exportDate } : {}),
    stamp,
    ...(groups ? { groups } : {}),
  });
  return {
    'ExportXML_ElevesAvecAdresses.xml': e.eleves,
    'ResponsablesAvecAdresses.xml': e.responsables,
    'Nomenclature.xml': e.nomenclature,
  };
}
