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

/** Problems in French (line: message), none when the file is valid. */
export async function xsdProblems(xml: string, schemaPath: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'import.xml', contents: asUtf8(xml) }],
    schema: [{ fileName: 'schema_Import_3.1.xsd', contents: schemaText(schemaPath) }],
  });
  return result.valid
    ? []
    : result.errors.map((e) => (e.loc ? `ligne ${e.loc.lineNumber} : ${e.message}` : e.message));
}
