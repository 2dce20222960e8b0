#!/usr/bin/env node
/**
 * French typography in the staff window's text (idempotent; safe to run again after a merge):
 * a typographic apostrophe (’) for a straight one between letters, a no-break space (U+00A0)
 * before « : », a narrow one (U+202F) before « ; ? ! » and inside « » — as the portal's
 * pages get at render time (main/http/portal/render.ts).
 *
 * Only JSX text, string literals and template literal text are touched, never code: imports,
 * types, property names, element keys and attributes that hold code (className, href, data-*…)
 * are left alone, and « 10:30 » or « http:// » never match (no space before the colon).
 *
 *   node scripts/french-typography.mjs            rewrite renderer/staff and renderer/ui
 *   node scripts/french-typography.mjs --check    list what would change, exit 1 if anything
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const TYPOGRAPHY_FOLDERS = ['renderer/staff', 'renderer/ui'];

const NBSP = '\u00a0';
const NNBSP = '\u202f';

/** JSX attributes whose string is code, not text a person reads. */
const CODE_ATTRIBUTES = new Set([
  'className',
  'style',
  'href',
  'src',
  'to',
  'id',
  'htmlFor',
  'type',
  'name',
  'key',
  'role',
  'autoComplete',
  'inputMode',
  'pattern',
  'accept',
  'method',
  'action',
  'target',
  'rel',
  'lang',
]);

/** Each rule: what is wrong in French text, and its fix. Order matters for the guillemets. */
const RULES = [
  // l'élève → l’élève (also an escaped \' inside a single-quoted literal).
  { wrong: /(?<=\p{L})\\?'(?=\p{L})/gu, fix: '’', what: 'apostrophe droite' },
  // « Motif : » — a plain space before a colon that ends a label or starts a value.
  { wrong: /(?<=\S) +(?=:(?:[\s\u00a0]|$))/gu, fix: NBSP, what: 'espace simple avant « : »' },
  {
    wrong: /(?<=\S) +(?=[;!?](?:[\s\u00a0»)]|$))/gu,
    fix: NNBSP,
    what: 'espace simple avant ; ! ?',
  },
  { wrong: /« +/gu, fix: `«${NNBSP}`, what: 'espace simple après «' },
  { wrong: /(?<=\S) +»/gu, fix: `${NNBSP}»`, what: 'espace simple avant »' },
  { wrong: /«(?=[\p{L}\p{N}$])/gu, fix: `«${NNBSP}`, what: 'pas d’espace après «' },
  { wrong: /(?<=[\p{L}\p{N}.…])»/gu, fix: `${NNBSP}»`, what: 'pas d’espace avant »' },
  // « Attention! », « Motif: x » in a sentence: the space was left out altogether.
  {
    wrong: /(?<!&\p{L}*)(?<=\p{Ll}\p{Ll})(?=[!?;](?:\s|$))/gu,
    fix: NNBSP,
    what: 'pas d’espace avant ; ! ?',
  },
  { wrong: /(?<=\p{Ll}\p{Ll}\p{Ll})(?=:\s)/gu, fix: NBSP, what: 'pas d’espace avant « : »' },
];

/** Prose, not a code word: at least two words with letters. */
const looksLikeText = (text) => /\p{L}/u.test(text) && /\S\s+\S/u.test(text);

/**
 * A piece may follow an expression (`${name} : …`, {count} »): a '0' stands for it, so that
 * the rules that look at the character before see something that is not a blank.
 */
const AFTER_EXPRESSION = '0';

function fixText(piece) {
  let fixed = AFTER_EXPRESSION + piece;
  for (const rule of RULES) {
    if (rule.what.startsWith('pas d’espace avant') && !looksLikeText(fixed)) continue;
    fixed = fixed.replace(rule.wrong, rule.fix);
  }
  return fixed.slice(AFTER_EXPRESSION.length);
}

function problemsIn(piece) {
  const text = AFTER_EXPRESSION + piece;
  return RULES.filter(
    (rule) =>
      !(rule.what.startsWith('pas d’espace avant') && !looksLikeText(text)) &&
      new RegExp(rule.wrong.source, rule.wrong.flags).test(text),
  ).map((rule) => rule.what);
}

function attributeName(node) {
  const name =
    node.parent?.parent?.kind === ts.SyntaxKind.JsxAttribute ? node.parent.parent.name : null;
  if (node.parent?.kind === ts.SyntaxKind.JsxAttribute) return node.parent.name.getText();
  return name ? name.getText() : null;
}

/** Whether a string literal is code: module names, types, keys, code-bearing attributes. */
function isCode(node) {
  const parent = node.parent;
  if (!parent) return true;
  switch (parent.kind) {
    case ts.SyntaxKind.ImportDeclaration:
    case ts.SyntaxKind.ExportDeclaration:
    case ts.SyntaxKind.ExternalModuleReference:
    case ts.SyntaxKind.LiteralType:
    case ts.SyntaxKind.ElementAccessExpression:
    case ts.SyntaxKind.ComputedPropertyName:
      return true;
    case ts.SyntaxKind.PropertyAssignment:
    case ts.SyntaxKind.PropertySignature:
    case ts.SyntaxKind.MethodDeclaration:
    case ts.SyntaxKind.EnumMember:
      if (parent.name === node) return true;
      break;
    case ts.SyntaxKind.CallExpression:
      // import('…'), require('…')
      if (parent.expression.kind === ts.SyntaxKind.ImportKeyword) return true;
      break;
  }
  const attribute = attributeName(node);
  if (attribute && (CODE_ATTRIBUTES.has(attribute) || /^(data|on)-?[A-Za-z]/.test(attribute))) {
    return true;
  }
  return false;
}

/** The text pieces of a file: [start, end) of each piece's content, without its quotes. */
function textSpans(sourceFile) {
  const spans = [];
  const visit = (node) => {
    const start = node.getStart(sourceFile);
    switch (node.kind) {
      case ts.SyntaxKind.JsxText:
        spans.push([node.pos, node.end]);
        break;
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
        if (!isCode(node)) spans.push([start + 1, node.end - 1]);
        break;
      case ts.SyntaxKind.TemplateHead:
      case ts.SyntaxKind.TemplateMiddle:
        spans.push([start + 1, node.end - 2]);
        break;
      case ts.SyntaxKind.TemplateTail:
        spans.push([start + 1, node.end - 1]);
        break;
    }
    if (
      node.kind === ts.SyntaxKind.TemplateExpression ||
      node.kind === ts.SyntaxKind.TemplateSpan
    ) {
      // A tagged template (css`…`, sql`…`) is code.
      if (node.parent?.kind === ts.SyntaxKind.TaggedTemplateExpression) return;
    }
    if (node.kind === ts.SyntaxKind.TaggedTemplateExpression) return;
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return spans;
}

function parse(fileName, source) {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, kind);
}

/** The source with its French text fixed; the same source when nothing needs it. */
export function fixTypography(fileName, source) {
  const spans = textSpans(parse(fileName, source)).sort((a, b) => b[0] - a[0]);
  let fixed = source;
  for (const [start, end] of spans) {
    const text = fixed.slice(start, end);
    const after = fixText(text);
    if (after !== text) fixed = fixed.slice(0, start) + after + fixed.slice(end);
  }
  return fixed;
}

/** Every piece of French text still wrong: { line, text, problems }. */
export function typographyIssues(fileName, source) {
  const sourceFile = parse(fileName, source);
  return textSpans(sourceFile)
    .map(([start, end]) => ({ start, text: source.slice(start, end) }))
    .map(({ start, text }) => ({
      line: sourceFile.getLineAndCharacterOfPosition(start).line + 1,
      text: text.trim(),
      problems: problemsIn(text),
    }))
    .filter((issue) => issue.problems.length > 0);
}

export function typographyFiles(root = ROOT) {
  return TYPOGRAPHY_FOLDERS.flatMap((folder) =>
    readdirSync(join(root, folder), { recursive: true })
      .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
      .map((file) => join(root, folder, file)),
  );
}

async function main() {
  const check = process.argv.includes('--check');
  const changed = [];
  for (const path of typographyFiles()) {
    const source = readFileSync(path, 'utf8');
    const fixed = fixTypography(path, source);
    if (fixed === source) continue;
    changed.push(relative(ROOT, path));
    if (check) {
      for (const issue of typographyIssues(path, source)) {
        console.log(
          `${relative(ROOT, path)}:${issue.line}: ${issue.problems.join(', ')} — ${issue.text}`,
        );
      }
      continue;
    }
    // An inserted narrow space may push a line past the print width: let Prettier lay it out.
    const prettier = await import('prettier');
    const options = (await prettier.resolveConfig(path)) ?? {};
    writeFileSync(path, await prettier.format(fixed, { ...options, filepath: path }));
  }
  console.log(`${changed.length} fichier(s) ${check ? 'à corriger' : 'corrigé(s)'}.`);
  if (check && changed.length > 0) process.exitCode = 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
