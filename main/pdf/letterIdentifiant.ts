import { use, type Doc } from './letterPage';

/** The identifiant's type: 12.5 pt as a rule, never below 9 pt. */
const LARGEST = 12.5;
const ONE_LINE_SMALLEST = 10.5;
const SMALLEST = 9;

/**
 * The identifiant printed whole, always (a family types it as printed): on one line at the
 * largest size down to 10.5 pt that holds in `width`, else on two lines broken after the dot
 * (« marie-christine-alexandr. » / « delatour-de-la-roche-guyon12 »), or after a hyphen for
 * an identifiant without one where it fits, shrunk down to 9 pt if it must.
 */
export function identifiantLines(
  doc: Doc,
  login: string,
  width: number,
): { lines: string[]; size: number } {
  const widthAt = (text: string, size: number) => use(doc, 'mono', size).widthOfString(text);
  for (let size = LARGEST; size >= ONE_LINE_SMALLEST; size -= 0.5) {
    if (widthAt(login, size) <= width) return { lines: [login], size };
  }
  const lines = twoLines(login, (text) => widthAt(text, LARGEST) <= width);
  let size = LARGEST;
  while (size > SMALLEST && lines.some((l) => widthAt(l, size) > width)) size -= 0.25;
  return { lines, size };
}

/** Where to break: after the dot, else after the last hyphen that fits, else mid-word. */
function twoLines(login: string, fits: (text: string) => boolean): string[] {
  const dot = login.indexOf('.');
  if (dot > 0 && dot < login.length - 1) return [login.slice(0, dot + 1), login.slice(dot + 1)];
  for (let i = login.length - 1; i > 0; i--) {
    if (login[i - 1] === '-' && fits(login.slice(0, i))) return [login.slice(0, i), login.slice(i)];
  }
  const half = Math.ceil(login.length / 2);
  return [login.slice(0, half), login.slice(half)];
}
