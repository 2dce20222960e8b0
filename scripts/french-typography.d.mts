/** Types of scripts/french-typography.mjs, for the unit test that runs its scanner. */
export const TYPOGRAPHY_FOLDERS: string[];
export function fixTypography(fileName: string, source: string): string;
export function typographyIssues(
  fileName: string,
  source: string,
): { line: number; text: string; problems: string[] }[];
export function typographyFiles(root?: string): string[];
