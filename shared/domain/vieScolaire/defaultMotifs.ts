import { LEGITIMATE_MOTIVES } from './motives';

export interface MotifSeed {
  label: string;
  legitimate: boolean;
  openToFamilies: boolean;
  confidential: boolean;
}

/**
 * The motifs every school starts with (issue 17): the five « réputés légitimes » of L131-8,
 * then the usual others, not legitimate under that article. « Sans motif » is the CPE's, not
 * one a family may choose online.
 */
export const DEFAULT_MOTIFS: readonly MotifSeed[] = [
  ...Object.values(LEGITIMATE_MOTIVES).map((label) => ({
    label,
    legitimate: true,
    openToFamilies: true,
    confidential: false,
  })),
  { label: 'Rendez-vous médical', legitimate: false, openToFamilies: true, confidential: false },
  {
    label: 'Convocation administrative',
    legitimate: false,
    openToFamilies: true,
    confidential: false,
  },
  { label: 'Sans motif', legitimate: false, openToFamilies: false, confidential: false },
];
