import sax from 'sax';
import type { SAXOptions, SAXParser, Tag } from 'sax';
import type { ReadLimits } from './limits';
import { doctypeError, translateSaxError } from './saxErrors';
import { SiecleFileError } from './types';

/**
 * SIECLE exports are lists of flat records (ELEVE, PERSONNE, ADRESSE…) whose direct children
 * hold one value each. This reader streams the XML through sax in strict mode and hands over
 * one record at a time, keeping nothing else: memory follows the records kept, not the file.
 * Any error is thrown from inside the sax callback, which stops parsing at once.
 */

export interface XmlRecord {
  /** Element names from the root's child down to the record, e.g. ['DONNEES', 'ELEVES', 'ELEVE']. */
  path: readonly string[];
  attributes: Readonly<Record<string, string>>;
  /** Attributes of the record's parent: STRUCTURES_ELEVE@ELEVE_ID for a STRUCTURE. */
  parentAttributes: Readonly<Record<string, string>>;
  /** Line of the record's opening tag. */
  line: number;
  /** Trimmed text of the direct children kept; the first occurrence of a name wins. */
  fields: Map<string, string>;
}

export type FieldFilter = (fieldName: string) => boolean;

export interface RecordHandler {
  /** Whether the element at this path (below the root) is a record, and which children to keep. */
  recordAt(path: readonly string[]): FieldFilter | null;
  add(record: XmlRecord): void;
}

interface Frame {
  name: string;
  attributes: Readonly<Record<string, string>>;
}

// strictEntities: only the five XML entities, not sax's HTML list (&eacute; is not XML).
// @types/sax lacks the option, sax 1.6 has it.
const SAX_OPTIONS: SAXOptions & { strictEntities: boolean } = {
  position: true,
  strictEntities: true,
};

/** Characters XML 1.0 excludes: C0 controls but tab, newline and return; U+FFFE, U+FFFF. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

export class XmlRecordReader<H extends RecordHandler> {
  private readonly parser: SAXParser;
  private readonly frames: Frame[] = [];
  /** Names below the root: the path given to the handler. */
  private readonly names: string[] = [];
  private handler: H | null = null;
  private record: { value: XmlRecord; depth: number; keep: FieldFilter } | null = null;
  private field: { name: string; text: string; depth: number } | null = null;
  /** Records kept so far, against limits.maxRecords. */
  private records = 0;
  private tagLine = 1;

  constructor(
    private readonly fileName: string,
    private readonly limits: ReadLimits,
    private readonly chooseHandler: (rootName: string) => H,
  ) {
    const parser = sax.parser(true, SAX_OPTIONS);
    this.parser = parser;
    parser.onerror = (error) => {
      throw translateSaxError(fileName, error, parser);
    };
    parser.ondoctype = (body) => {
      // sax reports it at its closing '>': go back to the line of '<!DOCTYPE'.
      const line = parser.line + 1 - (body.match(/\n/g)?.length ?? 0);
      throw doctypeError(fileName, line);
    };
    parser.onopentagstart = () => {
      this.tagLine = parser.line + 1;
    };
    parser.onopentag = (tag) => this.open(tag as Tag);
    parser.onclosetag = () => this.close();
    parser.ontext = (text) => this.text(text);
    parser.oncdata = (text) => this.text(text);
  }

  write(text: string): void {
    // sax lets control characters through; XML forbids them, and they betray a binary file
    // or a UTF-16 one read as bytes.
    const forbidden = FORBIDDEN_CHARACTER.exec(text);
    if (forbidden) {
      const before = text.slice(0, forbidden.index);
      const line = this.parser.line + 1 + (before.match(/\n/g)?.length ?? 0);
      const code = (forbidden[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
      throw new SiecleFileError(
        this.fileName,
        `Le fichier ${this.fileName} contient un caractère interdit en XML (U+${code}, ligne ${line}) : ce n’est pas un export SIECLE intact.`,
        line,
      );
    }
    this.parser.write(text);
  }

  /** Ends the document (a missing end tag means the file was cut) and gives the handler. */
  end(): H {
    this.parser.close();
    if (this.handler === null) {
      throw new SiecleFileError(
        this.fileName,
        `Le fichier ${this.fileName} ne contient aucune donnée XML : réexportez-le depuis SIECLE.`,
      );
    }
    return this.handler;
  }

  private open(tag: Tag): void {
    const depth = this.frames.length;
    if (depth >= this.limits.maxDepth) {
      throw new SiecleFileError(
        this.fileName,
        `Le fichier ${this.fileName} imbrique plus de ${this.limits.maxDepth} niveaux de balises (ligne ${this.tagLine}) : ce n’est pas un export SIECLE.`,
        this.tagLine,
      );
    }
    const parent = this.frames.at(-1);
    this.frames.push({ name: tag.name, attributes: tag.attributes });
    if (parent === undefined) {
      // sax accepts a second root after the first one closes; XML does not.
      if (this.handler !== null) {
        throw this.malformed(`second élément racine <${tag.name}> après la fin du premier`);
      }
      this.handler = this.chooseHandler(tag.name);
      return;
    }
    this.names.push(tag.name);
    if (this.record === null) {
      const keep = this.handler?.recordAt(this.names);
      if (keep) {
        this.record = {
          value: {
            path: [...this.names],
            attributes: tag.attributes,
            parentAttributes: parent.attributes,
            line: this.tagLine,
            fields: new Map(),
          },
          depth: this.frames.length,
          keep,
        };
      }
    } else if (
      this.frames.length === this.record.depth + 1 &&
      this.record.keep(tag.name) &&
      !this.record.value.fields.has(tag.name)
    ) {
      this.field = { name: tag.name, text: '', depth: this.frames.length };
    }
  }

  private malformed(detail: string): SiecleFileError {
    const line = this.parser.line + 1;
    return new SiecleFileError(
      this.fileName,
      `Le fichier ${this.fileName} est mal formé ligne ${line}, colonne ${this.parser.column} : ${detail}.`,
      line,
    );
  }

  private text(text: string): void {
    const field = this.field;
    // Only the field's own text: that of an element nested in it is not its value.
    if (field === null || this.frames.length !== field.depth) return;
    field.text += text;
    if (field.text.length > this.limits.maxValueChars) {
      const line = this.parser.line + 1;
      throw new SiecleFileError(
        this.fileName,
        `Le fichier ${this.fileName} contient une valeur de plus de ${this.limits.maxValueChars} caractères dans <${field.name}> (ligne ${line}) : ce n’est pas un export SIECLE.`,
        line,
      );
    }
  }

  private close(): void {
    const depth = this.frames.length;
    this.frames.pop();
    if (depth > 1) this.names.pop();
    if (this.field !== null && this.field.depth === depth) {
      this.record?.value.fields.set(this.field.name, detached(this.field.text.trim()));
      this.field = null;
    }
    if (this.record !== null && this.record.depth === depth) {
      if (++this.records > this.limits.maxRecords) {
        throw new SiecleFileError(
          this.fileName,
          `Le fichier ${this.fileName} contient plus de ${this.limits.maxRecords.toLocaleString('fr-FR')} fiches : ce n’est pas l’export d’un établissement.`,
          this.parser.line + 1,
        );
      }
      this.handler?.add(this.record.value);
      this.record = null;
    }
  }
}

/**
 * A copy of a value that does not keep the parser's text chunk alive: sax cuts values out of
 * each 64 KB chunk with substring(), and V8 makes such slices point into their parent, so
 * keeping one e-mail address would keep its whole chunk, and memory would follow the file.
 * Concatenating forces a flat copy; short strings are always copied by V8 anyway.
 */
function detached(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}
