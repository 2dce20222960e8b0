import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { emptyFileError, tooBigError } from './errors';
import { DEFAULT_LIMITS, type ReadLimits, resolveLimits } from './limits';
import { readSiecleXmlStream } from './readXml';
import { notAZipError, readSiecleZip } from './readZip';
import { type SiecleFile, SiecleFileError } from './types';

export { DEFAULT_LIMITS, readSiecleXmlStream };
export type { ReadLimits };

/**
 * Reads an export the staff picked on the import screen: an .xml file, or the .zip that
 * SIECLE/BEE gives (one or more .xml inside). `fileName` is the name shown to the user,
 * `source` the path on disk. Nothing is written; the file is streamed, never loaded whole.
 * Rejects with a SiecleFileError whose French message names the file.
 */
export async function readSiecleExport(
  fileName: string,
  source: string,
  limits?: Partial<ReadLimits>,
): Promise<SiecleFile[]> {
  const resolved = resolveLimits(limits);
  const size = await sizeOnDisk(fileName, source);
  if (size === 0) throw emptyFileError(fileName);
  // Before reading a byte: a 200 MB file is refused at once.
  if (size > resolved.maxFileBytes) throw tooBigError(fileName, size, resolved.maxFileBytes);

  // The content decides, not the extension: a zip renamed .xml is still read as a zip.
  if (await startsLikeZip(fileName, source)) return readSiecleZip(fileName, source, resolved);
  if (/\.zip$/i.test(fileName)) throw notAZipError(fileName);
  return [await readSiecleXmlStream(fileName, createReadStream(source), resolved)];
}

async function sizeOnDisk(fileName: string, source: string): Promise<number> {
  try {
    const stats = await stat(source);
    if (stats.isFile()) return stats.size;
  } catch {
    // Same message as a folder: the user can only pick the file again.
  }
  throw unreadableError(fileName);
}

/** A zip starts with a local file header (PK\x03\x04), or is empty (PK\x05\x06). */
async function startsLikeZip(fileName: string, source: string): Promise<boolean> {
  const signature = Buffer.alloc(4);
  try {
    const handle = await open(source, 'r');
    try {
      await handle.read(signature, 0, 4, 0);
    } finally {
      await handle.close();
    }
  } catch {
    throw unreadableError(fileName);
  }
  const magic = signature.readUInt32LE(0);
  return magic === 0x04034b50 || magic === 0x06054b50;
}

function unreadableError(fileName: string) {
  return new SiecleFileError(
    fileName,
    `Le fichier ${fileName} est introuvable ou illisible : choisissez-le à nouveau.`,
  );
}
