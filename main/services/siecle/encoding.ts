import { truncatedError } from './errors';
import { SiecleFileError } from './types';

/**
 * The encoding a SIECLE file declares, and a decoder that checks the bytes agree with it.
 * SIECLE writes ISO-8859-15 (œ is 0xBD there, and absent from ISO-8859-1); a file opened and
 * saved again by some editor may come back in UTF-8 with the declaration unchanged, or the
 * reverse. Decoding such a file "successfully" would put « Ã© » or « � » into names, so both
 * lies are refused with the line where they first show.
 */

type DecoderName = 'utf-8' | 'iso-8859-15' | 'windows-1252';

export interface DeclaredEncoding {
  /** The declared name, upper-cased, for messages ('UTF-8' when nothing is declared). */
  label: string;
  declared: boolean;
  decoderName: DecoderName;
}

// WHATWG decoders: ISO-8859-1 and US-ASCII are read as windows-1252, as browsers do; it only
// differs in 0x80–0x9F, control characters no SIECLE export contains.
const DECODERS: Record<string, DecoderName> = {
  'UTF-8': 'utf-8',
  UTF8: 'utf-8',
  'ISO-8859-15': 'iso-8859-15',
  'ISO8859-15': 'iso-8859-15',
  'LATIN-9': 'iso-8859-15',
  LATIN9: 'iso-8859-15',
  'ISO-8859-1': 'windows-1252',
  'ISO8859-1': 'windows-1252',
  'LATIN-1': 'windows-1252',
  LATIN1: 'windows-1252',
  'WINDOWS-1252': 'windows-1252',
  CP1252: 'windows-1252',
  'US-ASCII': 'windows-1252',
  ASCII: 'windows-1252',
};

/** Enough bytes to hold any sensible XML declaration. */
export const DECLARATION_BYTES = 512;

export function readDeclaredEncoding(fileName: string, head: Uint8Array): DeclaredEncoding {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw unsupportedEncoding(fileName, 'UTF-16');
  }
  const hasUtf8Bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  const text = Buffer.from(head.subarray(hasUtf8Bom ? 3 : 0, DECLARATION_BYTES)).toString('latin1');
  const declaration = /^<\?xml\s[^>]*?\?>/.exec(text)?.[0] ?? '';
  const written = /\sencoding\s*=\s*(["'])([^"']*)\1/.exec(declaration)?.[2];
  if (written === undefined) return { label: 'UTF-8', declared: false, decoderName: 'utf-8' };

  const label = written.trim().toUpperCase().replace(/_/g, '-');
  const decoderName = DECODERS[label];
  if (decoderName === undefined) throw unsupportedEncoding(fileName, written);
  // A UTF-8 byte-order mark is the plainest sign of a file saved again as UTF-8.
  if (hasUtf8Bom && decoderName !== 'utf-8') throw declaredSingleByteButUtf8(fileName, label, 1);
  return { label, declared: true, decoderName };
}

/** Decodes a file chunk by chunk, refusing bytes that contradict the declared encoding. */
export class CheckedDecoder {
  private readonly decoder: TextDecoder;
  private readonly scanner = new Utf8Scanner();
  private readonly isUtf8: boolean;

  constructor(
    private readonly fileName: string,
    private readonly encoding: DeclaredEncoding,
  ) {
    this.isUtf8 = encoding.decoderName === 'utf-8';
    this.decoder = new TextDecoder(encoding.decoderName, { fatal: true });
  }

  decode(bytes: Uint8Array): string {
    // A single-byte file is proven genuine by its first byte that is not UTF-8: stop there.
    if (this.isUtf8 || !this.scanner.sawInvalid) {
      this.scanner.scan(bytes);
      if (this.isUtf8 && this.scanner.sawInvalid) {
        throw this.utf8ButNot(this.scanner.firstInvalidLine);
      }
    }
    return this.run(() => this.decoder.decode(bytes, { stream: true }));
  }

  /** The last characters; throws if the file as a whole lied about its encoding. */
  end(): string {
    if (this.isUtf8 && this.scanner.endsMidSequence) {
      throw truncatedError(this.fileName, this.scanner.line);
    }
    if (!this.isUtf8 && !this.scanner.sawInvalid && this.scanner.firstMultiByteLine > 0) {
      throw declaredSingleByteButUtf8(
        this.fileName,
        this.encoding.label,
        this.scanner.firstMultiByteLine,
      );
    }
    return this.run(() => this.decoder.decode());
  }

  private run(decode: () => string): string {
    try {
      return decode();
    } catch (error) {
      // The scanner sees every invalid sequence first; this is a second line of defence.
      if (error instanceof TypeError) throw this.utf8ButNot(this.scanner.line);
      throw error;
    }
  }

  private utf8ButNot(line: number): SiecleFileError {
    const claim = this.encoding.declared
      ? `se déclare en ${this.encoding.label}`
      : 'ne déclare pas d’encodage (il devrait donc être en UTF-8)';
    return new SiecleFileError(
      this.fileName,
      `Le fichier ${this.fileName} ${claim} mais contient des caractères ISO-8859 (ligne ${line}) : réexportez-le depuis SIECLE sans le modifier.`,
      line,
    );
  }
}

function declaredSingleByteButUtf8(fileName: string, label: string, line: number) {
  return new SiecleFileError(
    fileName,
    `Le fichier ${fileName} se déclare en ${label} mais il est encodé en UTF-8 (ligne ${line}) : réexportez-le depuis SIECLE sans le modifier.`,
    line,
  );
}

function unsupportedEncoding(fileName: string, written: string) {
  return new SiecleFileError(
    fileName,
    `Le fichier ${fileName} est encodé en « ${written} », que Pupitre ne lit pas : un export SIECLE est en ISO-8859-15 ou en UTF-8.`,
  );
}

/**
 * Follows UTF-8 validity byte by byte, across chunks, and counts lines (0x0A is a newline in
 * every encoding accepted here). Strict UTF-8: no overlong forms, surrogates or code points
 * past U+10FFFF, so that the rare accented capital followed by a symbol in an ISO-8859-15
 * file is not taken for UTF-8.
 */
export class Utf8Scanner {
  line = 1;
  /** Line of the first complete multi-byte sequence, 0 if none yet. */
  firstMultiByteLine = 0;
  firstInvalidLine = 0;
  private pending = 0;
  private low = 0x80;
  private high = 0xbf;
  private sequenceLine = 1;

  get sawInvalid(): boolean {
    return this.firstInvalidLine > 0;
  }

  get endsMidSequence(): boolean {
    return this.pending > 0;
  }

  scan(bytes: Uint8Array): void {
    for (const byte of bytes) {
      if (this.pending > 0) {
        if (byte >= this.low && byte <= this.high) {
          this.low = 0x80;
          this.high = 0xbf;
          this.pending -= 1;
          if (this.pending === 0 && this.firstMultiByteLine === 0) {
            this.firstMultiByteLine = this.sequenceLine;
          }
          continue;
        }
        this.firstInvalidLine = this.sequenceLine;
        return;
      }
      if (byte < 0x80) {
        if (byte === 0x0a) this.line += 1;
        continue;
      }
      this.sequenceLine = this.line;
      if (!this.startSequence(byte)) {
        this.firstInvalidLine = this.line;
        return;
      }
    }
  }

  /** Sets how many continuation bytes must follow, and the range of the first one. */
  private startSequence(lead: number): boolean {
    if (lead >= 0xc2 && lead <= 0xdf) this.pending = 1;
    else if (lead >= 0xe0 && lead <= 0xef) this.pending = 2;
    else if (lead >= 0xf0 && lead <= 0xf4) this.pending = 3;
    else return false;
    if (lead === 0xe0) this.low = 0xa0; // overlong
    if (lead === 0xed) this.high = 0x9f; // surrogates
    if (lead === 0xf0) this.low = 0x90; // overlong
    if (lead === 0xf4) this.high = 0x8f; // past U+10FFFF
    return true;
  }
}
