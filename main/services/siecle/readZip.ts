import type { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { tooBigError } from './errors';
import { type ReadLimits, RATIO_CHECK_FLOOR_BYTES, formatSize } from './limits';
import { readSiecleXmlStream } from './readXml';
import { type SiecleFile, SiecleFileError } from './types';

/**
 * Reads the .xml entries of a zip as the ministry tool gives it, without writing anything to
 * disk. Zip-bomb defence: the entry count, the declared size and the compression ratio are
 * checked before inflating, then the bytes actually inflated are counted and inflation stops
 * as soon as they pass what the archive announced.
 */
export async function readSiecleZip(
  zipName: string,
  path: string,
  limits: ReadLimits,
): Promise<SiecleFile[]> {
  let zip: ZipFile;
  try {
    // Sizes are checked here rather than by yauzl, to stop early and say so in French.
    zip = await yauzl.openPromise(path, { autoClose: true, validateEntrySizes: false });
  } catch {
    throw notAZipError(zipName);
  }
  // An error closing the file after the loop has ended has nobody left to tell.
  zip.on('error', () => {});
  try {
    if (zip.entryCount > limits.maxZipEntries) {
      throw new SiecleFileError(
        zipName,
        `L’archive ${zipName} contient ${zip.entryCount} fichiers : c’est trop pour des exports SIECLE (${limits.maxZipEntries} au plus).`,
      );
    }
    const files: SiecleFile[] = [];
    for await (const entry of zip.eachEntry()) {
      // Folders, and the resource forks macOS adds when it compresses a folder.
      if (entry.fileName.endsWith('/') || entry.fileName.startsWith('__MACOSX/')) continue;
      const name = `${entry.fileName} (dans ${zipName})`;
      checkBeforeInflating(zipName, name, entry, limits);
      const stream = await zip.openReadStreamPromise(entry);
      files.push(await readSiecleXmlStream(name, inflatedBytes(name, entry, stream), limits));
    }
    if (files.length === 0) {
      throw new SiecleFileError(
        zipName,
        `L’archive ${zipName} ne contient aucun fichier XML : choisissez l’export SIECLE lui-même.`,
      );
    }
    return files;
  } catch (error) {
    if (error instanceof SiecleFileError) throw error;
    throw new SiecleFileError(
      zipName,
      `L’archive ${zipName} est abîmée ou d’un format non pris en charge : réexportez-la depuis SIECLE.`,
    );
  } finally {
    zip.close();
  }
}

export function notAZipError(zipName: string) {
  return new SiecleFileError(
    zipName,
    `Le fichier ${zipName} n’est pas une archive ZIP lisible (elle est peut-être tronquée) : réexportez-la depuis SIECLE.`,
  );
}

function checkBeforeInflating(zipName: string, name: string, entry: Entry, limits: ReadLimits) {
  const fail = (message: string) => new SiecleFileError(name, message);
  if (!/\.xml$/i.test(entry.fileName)) {
    throw new SiecleFileError(
      zipName,
      `L’archive ${zipName} contient « ${entry.fileName} », qui n’est pas un fichier XML : elle ne doit contenir que des exports SIECLE.`,
    );
  }
  if (entry.isEncrypted()) {
    throw fail(`Le fichier ${name} est protégé par un mot de passe : Pupitre ne peut pas le lire.`);
  }
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    throw fail(
      `Le fichier ${name} est compressé d’une manière que Pupitre ne lit pas (méthode ${entry.compressionMethod}) : réexportez l’archive depuis SIECLE.`,
    );
  }
  if (entry.uncompressedSize > limits.maxFileBytes) {
    throw tooBigError(name, entry.uncompressedSize, limits.maxFileBytes);
  }
  const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
  if (entry.uncompressedSize > RATIO_CHECK_FLOOR_BYTES && ratio > limits.maxCompressionRatio) {
    throw fail(
      `Le fichier ${name} se décompresse ${Math.round(ratio)} fois plus gros qu’il n’est compressé : archive piégée (« bombe zip »), refusée.`,
    );
  }
}

/**
 * The entry's inflated bytes, refused as soon as they pass the size the archive announced
 * (itself within the limits): a lying header cannot make us inflate more. At the end, the
 * size and the CRC must match, or the entry is damaged.
 */
async function* inflatedBytes(
  name: string,
  entry: Entry,
  stream: Readable,
): AsyncGenerator<Uint8Array> {
  let inflated = 0;
  let crc = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      if (inflated > entry.uncompressedSize) {
        throw new SiecleFileError(
          name,
          `Le fichier ${name} se décompresse au-delà des ${formatSize(entry.uncompressedSize)} annoncés par l’archive : archive abîmée ou piégée, refusée.`,
        );
      }
      crc = crc32(chunk, crc);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof SiecleFileError) throw error;
    throw damagedEntry(name, 'données compressées invalides');
  }
  if (inflated !== entry.uncompressedSize) throw damagedEntry(name, 'taille incorrecte');
  if (crc !== entry.crc32) throw damagedEntry(name, 'somme de contrôle incorrecte');
}

function damagedEntry(name: string, why: string) {
  return new SiecleFileError(
    name,
    `Le fichier ${name} est abîmé dans l’archive (${why}) : réexportez-la depuis SIECLE.`,
  );
}
