import { formatSize } from './limits';
import { SiecleFileError } from './types';

/**
 * Messages shared by the XML and zip readers. Each one names the file and says what the
 * staff can do about it: most of the time, export again from SIECLE and leave the file as is.
 */

export function tooBigError(fileName: string, bytes: number | null, maxBytes: number) {
  // A size known from the disk or the zip header is given; one found while reading is not.
  const size = bytes === null ? `dépasse ${formatSize(maxBytes)}` : `fait ${formatSize(bytes)}`;
  return new SiecleFileError(
    fileName,
    `Le fichier ${fileName} ${size} : c’est trop pour un export SIECLE d’établissement (${formatSize(maxBytes)} au plus).`,
  );
}

export function emptyFileError(fileName: string) {
  return new SiecleFileError(
    fileName,
    `Le fichier ${fileName} est vide : réexportez-le depuis SIECLE.`,
  );
}

export function truncatedError(fileName: string, line: number) {
  return new SiecleFileError(
    fileName,
    `Le fichier ${fileName} est tronqué (fin inattendue ligne ${line}) : réexportez-le.`,
    line,
  );
}
