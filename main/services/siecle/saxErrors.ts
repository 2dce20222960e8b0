import type { SAXParser } from 'sax';
import { truncatedError } from './errors';
import { SiecleFileError } from './types';

/** Parser state sax keeps but does not type; read only to word messages precisely. */
interface SaxInternals {
  tagName?: string;
  tags?: { name: string }[];
  entity?: string;
}

/**
 * Turns a sax error (English, with "Line:/Column:" appended) into one French sentence that
 * names the file and the place. sax counts lines from 0 and columns from 1.
 */
export function translateSaxError(fileName: string, error: Error, parser: SAXParser) {
  const reason = error.message.split('\n')[0] ?? '';
  const line = parser.line + 1;
  const column = parser.column;
  const state = parser as unknown as SaxInternals;
  const at = `ligne ${line}, colonne ${column}`;
  const fail = (message: string) => new SiecleFileError(fileName, message, line);

  if (reason === 'Unclosed root tag' || reason === 'Unexpected end') {
    return truncatedError(fileName, line);
  }
  if (reason === 'Inappropriately located doctype declaration' || reason.endsWith(': doctype')) {
    return doctypeError(fileName, line);
  }
  if (reason === 'Invalid character entity') {
    const entity = state.entity ?? '';
    return entity.startsWith('#')
      ? fail(
          `Le fichier ${fileName} contient une référence de caractère invalide (&${entity};) ${at} : ce caractère n’existe pas en XML.`,
        )
      : fail(
          `Le fichier ${fileName} contient une entité inconnue (&${entity};) ${at} : seules &amp; &lt; &gt; &quot; et &apos; sont admises.`,
        );
  }
  if (reason === 'Non-whitespace before first tag.') {
    return fail(
      `Le fichier ${fileName} n’est pas un fichier XML (du texte précède la première balise, ${at}).`,
    );
  }
  return fail(
    `Le fichier ${fileName} est mal formé ${at} : ${describeSyntaxError(reason, state)}.`,
  );
}

export function doctypeError(fileName: string, line: number) {
  return new SiecleFileError(
    fileName,
    `Le fichier ${fileName} contient une déclaration DOCTYPE, refusée par sécurité (ligne ${line}).`,
    line,
  );
}

function describeSyntaxError(reason: string, state: SaxInternals): string {
  const open = state.tags?.at(-1)?.name;
  const closing = state.tagName ?? '';
  if (reason === 'Unexpected close tag') {
    return open
      ? `balise fermante </${closing}> alors que <${open}> est encore ouverte`
      : `balise fermante </${closing}> inattendue`;
  }
  if (reason.startsWith('Unmatched closing tag')) {
    return `balise fermante </${closing}> sans balise ouvrante`;
  }
  if (reason.startsWith('Max buffer length exceeded')) {
    return 'balise, attribut ou commentaire démesuré (plus de 64 Ko d’un seul tenant)';
  }
  const phrases: Record<string, string> = {
    'Text data outside of root node.': 'du texte suit la fin de l’élément racine',
    'Unencoded <': 'caractère < non échappé (il s’écrit &lt;)',
    'Invalid character in entity name': 'caractère & non échappé (il s’écrit &amp;)',
    'Malformed comment': 'commentaire mal formé',
    'Invalid character in tag name': 'caractère interdit dans un nom de balise',
    'Invalid attribute name': 'nom d’attribut invalide',
    'Attribute without value': 'attribut sans valeur',
    'Unquoted attribute value': 'valeur d’attribut sans guillemets',
    'No whitespace between attributes': 'espace manquante entre deux attributs',
    'Invalid tagname in closing tag': 'nom invalide dans une balise fermante',
    'Invalid tagname in closing tag.': 'nom invalide dans une balise fermante',
    'Invalid characters in closing tag': 'caractères en trop dans une balise fermante',
    'Weird empty close tag.': 'balise fermante vide </>',
    'Forward-slash in opening tag not followed by >': '« / » mal placé dans une balise',
  };
  return phrases[reason] ?? `erreur de syntaxe XML (${reason})`;
}
