import { CheckedDecoder, DECLARATION_BYTES, readDeclaredEncoding } from './encoding';
import { emptyFileError, tooBigError } from './errors';
import { builderForRoot } from './kinds';
import { type ReadLimits, resolveLimits } from './limits';
import { type SiecleFile, SiecleFileError } from './types';
import { type RecordHandler, XmlRecordReader } from './xmlRecords';

/** A handler that turns the records it was given into one value once the document ends. */
export interface RecordBuilder<T> extends RecordHandler {
  build(): T;
}

/**
 * Reads one SIECLE XML export from a stream of bytes (a file on disk or a zip entry), chunk
 * by chunk: bytes are counted against the size limit, decoded in the declared encoding and
 * parsed as they come. Every failure rejects with a SiecleFileError; leaving the loop early
 * makes `for await` destroy the source stream.
 */
export function readSiecleXmlStream(
  fileName: string,
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  limits?: Partial<ReadLimits>,
): Promise<SiecleFile> {
  return readXmlRecords(fileName, source, (root) => builderForRoot(fileName, root), limits);
}

/**
 * The same streaming read (size limit, declared encoding checked, sax records) with the
 * builder the root element chooses: SIECLE's exports above, the IMPORT_ELEVES flow Pupitre
 * sends back in importElevesReader.ts.
 */
export async function readXmlRecords<T>(
  fileName: string,
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  chooseBuilder: (rootName: string) => RecordBuilder<T>,
  limits?: Partial<ReadLimits>,
): Promise<T> {
  const resolved = resolveLimits(limits);
  const { maxFileBytes } = resolved;
  const reader = new XmlRecordReader(fileName, resolved, chooseBuilder);
  let decoder: CheckedDecoder | null = null;
  // The first bytes wait until the XML declaration, hence the encoding, can be read.
  let head: Uint8Array[] = [];
  let totalBytes = 0;
  const start = (bytes: Uint8Array): CheckedDecoder => {
    const started = new CheckedDecoder(fileName, readDeclaredEncoding(fileName, bytes));
    reader.write(started.decode(bytes));
    return started;
  };

  try {
    for await (const bytes of source) {
      totalBytes += bytes.length;
      if (totalBytes > maxFileBytes) throw tooBigError(fileName, null, maxFileBytes);
      if (decoder !== null) {
        reader.write(decoder.decode(bytes));
        continue;
      }
      head.push(bytes);
      if (totalBytes >= DECLARATION_BYTES) {
        decoder = start(Buffer.concat(head));
        head = [];
      }
    }
    if (totalBytes === 0) throw emptyFileError(fileName);
    decoder ??= start(Buffer.concat(head));
    reader.write(decoder.end());
    return reader.end().build();
  } catch (error) {
    throw asSiecleFileError(fileName, error);
  }
}

/** Errors of the disk or of zlib become a French message; ours pass through. */
function asSiecleFileError(fileName: string, error: unknown): SiecleFileError {
  if (error instanceof SiecleFileError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const detail = typeof code === 'string' ? code : error instanceof Error ? error.message : '';
  return new SiecleFileError(
    fileName,
    `Le fichier ${fileName} n’a pas pu être lu${detail ? ` (${detail})` : ''} : réessayez, ou réexportez-le depuis SIECLE.`,
  );
}
