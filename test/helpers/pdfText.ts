import { extractText, getDocumentProxy } from 'unpdf';

/** Each page's text, as a person would read it from the PDF. */
export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: false });
  return text as string[];
}

/**
 * The identifiant and provisional password printed on a letter page (spaces taken out). A
 * long identifiant is printed on two lines: the second is joined to the first (what comes
 * after a one-line identifiant, « Mot de passe », never starts in lower case).
 */
export function credentialsOf(page: string): { login: string | null; password: string | null } {
  const found = /Identifiant\s*:\s*([a-z0-9.-]+)(?:\s+([a-z0-9.-]+))?/.exec(page);
  const login = found ? `${found[1]}${found[2] ?? ''}` : null;
  const password =
    /Mot de passe\s*\*?\s*:\s*((?:[A-Z2-9]\s*){8})/.exec(page)?.[1]?.replace(/\s+/g, '') ?? null;
  return { login, password };
}
