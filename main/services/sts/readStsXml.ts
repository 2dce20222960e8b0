import sax from 'sax';
import type { SAXOptions, Tag } from 'sax';
import { CheckedDecoder, DECLARATION_BYTES, readDeclaredEncoding } from '../siecle/encoding';
import { emptyFileError } from '../siecle/errors';
import { formatSize, type ReadLimits, resolveLimits } from '../siecle/limits';
import { doctypeError, translateSaxError } from '../siecle/saxErrors';
import { SiecleFileError } from '../siecle/types';

/**
 * One element of an STS-Web file, handed over when it closes: its attributes, the text of its
 * childless children (NOM_USAGE, PRENOM…), and the attributes of its ancestors. SIECLE's
 * XmlRecordReader gives flat records with their parent only; STS nests what matters (a
 * teacher's id inside a service inside a division, PROF_PRINC inside INDIVIDU), so this reader
 * keeps the open elements as a stack and nothing else. The safety is SIECLE's: a DOCTYPE (hence
 * any entity expansion) is refused, only the five XML entities are known, the declared
 * encoding is checked, and size, depth, value length and element count are bounded.
 */
export interface StsElement {
  /** Names below the root, e.g. ['DONNEES', 'INDIVIDUS', 'INDIVIDU']. */
  path: readonly string[];
  attributes: Readonly<Record<string, string>>;
  /** Attributes of each element of `path` before this one, in the same order. */
  ancestors: readonly Readonly<Record<string, string>>[];
  /** Trimmed text of the childless children; the first occurrence of a name wins. */
  fields: ReadonlyMap<string, string>;
  line: number;
}

export interface StsHandler {
  /** Called once with the root's name: throws to refuse the file. */
  root(name: string): void;
  /** Whether the element at this path matters: the others are only walked through. */
  wants(path: readonly string[]): boolean;
  add(element: StsElement): void;
}

interface Frame {
  name: string;
  attributes: Readonly<Record<string, string>>;
  text: string;
  hasChildren: boolean;
  fields: Map<string, string> | null;
  line: number;
}

const SAX_OPTIONS: SAXOptions & { strictEntities: boolean } = {
  position: true,
  strictEntities: true,
};
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** An STS-Web export is a few MB; the SIECLE bounds hold, with fewer elements. */
export const STS_LIMITS: Partial<ReadLimits> = {
  maxFileBytes: 30 * 1024 * 1024,
  maxRecords: 100_000,
};

export async function readStsXml(
  fileName: string,
  source: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  handler: StsHandler,
  limits: Partial<ReadLimits> = STS_LIMITS,
): Promise<void> {
  const { maxFileBytes, maxDepth, maxValueChars, maxRecords } = resolveLimits(limits);
  const parser = sax.parser(true, SAX_OPTIONS);
  const frames: Frame[] = [];
  const names: string[] = [];
  let seenRoot = false;
  let kept = 0;
  let tagLine = 1;
  const fail = (message: string, line = parser.line + 1) =>
    new SiecleFileError(fileName, message, line);

  parser.onerror = (error) => {
    throw translateSaxError(fileName, error, parser);
  };
  parser.ondoctype = (body) => {
    throw doctypeError(fileName, parser.line + 1 - (body.match(/\n/g)?.length ?? 0));
  };
  parser.onopentagstart = () => {
    tagLine = parser.line + 1;
  };
  parser.onopentag = (raw) => {
    const tag = raw as Tag;
    if (frames.length >= maxDepth) {
      throw fail(
        `Le fichier ${fileName} imbrique plus de ${maxDepth} niveaux de balises (ligne ${tagLine}) : ce n’est pas un export STS-Web.`,
        tagLine,
      );
    }
    const parent = frames.at(-1);
    if (parent === undefined) {
      if (seenRoot) {
        throw fail(
          `Le fichier ${fileName} est mal formé ligne ${tagLine} : second élément racine <${tag.name}>.`,
        );
      }
      seenRoot = true;
      handler.root(tag.name);
    } else {
      parent.hasChildren = true;
      names.push(tag.name);
    }
    const wanted = parent !== undefined && handler.wants(names);
    frames.push({
      name: tag.name,
      attributes: tag.attributes,
      text: '',
      hasChildren: false,
      fields: wanted ? new Map() : null,
      line: tagLine,
    });
  };
  const onText = (text: string) => {
    const frame = frames.at(-1);
    if (frame === undefined) return;
    // Only a possible value is kept: text between child elements is layout.
    if (frame.hasChildren) return;
    frame.text += text;
    if (frame.text.length > maxValueChars) {
      throw fail(
        `Le fichier ${fileName} contient une valeur de plus de ${maxValueChars} caractères dans <${frame.name}> (ligne ${parser.line + 1}) : ce n’est pas un export STS-Web.`,
      );
    }
  };
  parser.ontext = onText;
  parser.oncdata = onText;
  parser.onclosetag = () => {
    const frame = frames.pop();
    if (frame === undefined) return;
    const parent = frames.at(-1);
    if (!frame.hasChildren && parent?.fields && !parent.fields.has(frame.name)) {
      parent.fields.set(frame.name, (' ' + frame.text.trim()).slice(1));
    }
    if (frame.fields !== null) {
      if (++kept > maxRecords) {
        throw fail(
          `Le fichier ${fileName} contient plus de ${maxRecords.toLocaleString('fr-FR')} éléments : ce n’est pas l’export STS-Web d’un établissement.`,
        );
      }
      handler.add({
        path: [...names],
        attributes: frame.attributes,
        ancestors: frames.slice(1).map((f) => f.attributes),
        fields: frame.fields,
        line: frame.line,
      });
    }
    if (parent !== undefined) names.pop();
  };

  const write = (text: string) => {
    const forbidden = FORBIDDEN_CHARACTER.exec(text);
    if (forbidden) {
      const line = parser.line + 1 + (text.slice(0, forbidden.index).match(/\n/g)?.length ?? 0);
      throw fail(
        `Le fichier ${fileName} contient un caractère interdit en XML (ligne ${line}) : ce n’est pas un export STS-Web intact.`,
        line,
      );
    }
    parser.write(text);
  };

  let decoder: CheckedDecoder | null = null;
  let head: Uint8Array[] = [];
  let total = 0;
  const start = (bytes: Uint8Array) => {
    const started = new CheckedDecoder(fileName, readDeclaredEncoding(fileName, bytes));
    write(started.decode(bytes));
    return started;
  };
  for await (const bytes of source) {
    total += bytes.length;
    if (total > maxFileBytes) {
      throw fail(
        `Le fichier ${fileName} dépasse ${formatSize(maxFileBytes)} : c’est trop pour un export STS-Web d’établissement.`,
      );
    }
    if (decoder !== null) {
      write(decoder.decode(bytes));
      continue;
    }
    head.push(bytes);
    if (total >= DECLARATION_BYTES) {
      decoder = start(Buffer.concat(head));
      head = [];
    }
  }
  if (total === 0) throw emptyFileError(fileName);
  decoder ??= start(Buffer.concat(head));
  write(decoder.end());
  parser.close();
  if (!seenRoot) {
    throw fail(
      `Le fichier ${fileName} ne contient aucune donnée XML : réexportez-le depuis STS-Web.`,
    );
  }
}
