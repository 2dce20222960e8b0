import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { validateXML } from 'xmllint-wasm';

/**
 * Validation against the ministry's XSD before a file is offered. xmllint-wasm cannot read
 * ISO-8859-15 (STACK.md): the schema and the file are checked as UTF-8 copies, their
 * encoding declarations changed to match; the characters are the same.
 */
const asUtf8 = (text: string) =>
  text.replace(/^<\?xml([^?]*)encoding="[^"]*"/i, '<?xml$1encoding="UTF-8"');

/** Read once per path: the schema does not change while the app runs. */
const schemas = new Map<string, string>();

function schemaText(path: string): string {
  let text = schemas.get(path);
  if (text === undefined) {
    text = asUtf8(iconv.decode(readFileSync(path), 'ISO-8859-15'));
    schemas.set(path, text);
  }
  return text;
}

/** One complaint of the validator: the line of the element, libxml's own English text. */
export interface XsdError {
  line: number | null;
  message: string;
}

/** What the validator says of the file, none when it is valid. */
export async function xsdErrors(xml: string, schemaPath: string): Promise<XsdError[]> {
  const result = await validateXML({
    xml: [{ fileName: 'import.xml', contents: asUtf8(xml) }],
    schema: [{ fileName: 'schema_Import_3.1.xsd', contents: schemaText(schemaPath) }],
  });
  return result.valid
    ? []
    : result.errors.map((e) => ({ line: e.loc?.lineNumber ?? null, message: e.message }));
}

/** The same as lines (« ligne 7 : … »), for tests and logs. */
export async function xsdProblems(xml: string, schemaPath: string): Promise<string[]> {
  return (await xsdErrors(xml, schemaPath)).map((e) =>
    e.line !== null ? `ligne ${e.line} : ${e.message}` : e.message,
  );
}
