import type { ExportBuilder } from './exportBuilder';
import { NomenclatureBuilder } from './nomenclatureBuilder';
import { ResponsablesBuilder } from './responsablesBuilder';
import { StudentsBuilder } from './studentsBuilder';
import { type SiecleFile, SiecleFileError } from './types';

/**
 * The kind of a file comes from its root element, never from its name: staff rename files,
 * and browsers add « (1) » to a second download.
 */
export function builderForRoot(fileName: string, rootName: string): ExportBuilder<SiecleFile> {
  switch (rootName) {
    case 'BEE_ELEVES':
      return new StudentsBuilder(fileName);
    case 'BEE_RESPONSABLES':
      return new ResponsablesBuilder(fileName);
    case 'BEE_NOMENCLATURES':
      return new NomenclatureBuilder(fileName);
    default:
      // IMPORT_ELEVES included: it is the flow sent back to SIECLE, not an export from it.
      throw new SiecleFileError(
        fileName,
        `Le fichier ${fileName} n’est pas un export SIECLE reconnu (élément racine ${rootName}) : attendu ElevesSansAdresses, ElevesAvecAdresses, ResponsablesAvecAdresses ou Nomenclature.`,
      );
  }
}
