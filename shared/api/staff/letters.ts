import { z } from 'zod';
import { out, type CallSpec } from '../contract';
import { ByIdInput, Empty, Id, type IsoInstant } from '../fields';
import { ACCOUNT_HOLDERS } from '../../domain/access';
import {
  ACCOUNT_KINDS,
  CAMPAIGN_GROUP_KEYS,
  type AccountKind,
  type CampaignGroup,
} from '../../domain/accounts';
import type { StaffRole } from '../../domain/roles';
import { LEVELS } from '../../domain/school';

/** Which accounts a batch of letters is for (SPEC §4.1: school, level, division, selection, one person, a campaign group). */
export const LetterScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('school') }),
  z.object({ kind: z.literal('level'), level: z.enum(LEVELS, { error: 'Niveau inconnu.' }) }),
  z.object({ kind: z.literal('division'), divisionId: Id }),
  z.object({
    kind: z.literal('accounts'),
    accountIds: z
      .array(Id)
      .min(1, { error: 'Choisissez au moins un compte.' })
      .max(10_000, { error: '10 000 comptes au plus.' }),
  }),
  z.object({
    kind: z.literal('campaign'),
    group: z.enum(CAMPAIGN_GROUP_KEYS as [CampaignGroup, ...CampaignGroup[]], {
      error: 'Groupe inconnu.',
    }),
    divisionId: Id.optional(),
  }),
]);
export type LetterScopeValue = z.infer<typeof LetterScope>;

export const LETTER_ORDERS = {
  division: 'Par division puis par nom (remise aux élèves)',
  postal: 'Par code postal puis par nom (envoi par la poste)',
} as const;
export type LetterOrder = keyof typeof LETTER_ORDERS;

export const LettersInput = z.object({
  scope: LetterScope,
  kinds: z
    .array(z.enum(Object.keys(ACCOUNT_KINDS) as [AccountKind, ...AccountKind[]]))
    .min(1, { error: 'Choisissez les courriers des responsables, des élèves ou les deux.' })
    .default(['guardian', 'student']),
  order: z.enum(['division', 'postal']).default('division'),
  /**
   * A new provisional password even for an account already activated (« réinitialiser »);
   * otherwise an active account's letter recalls its identifiant only.
   */
  reset: z.boolean().default(false),
  /** Only the accounts never notified: letters already handed out are left as they are. */
  neverNotifiedOnly: z.boolean().default(false),
  /**
   * 'division': one PDF a division, the PDFs in one zip (a lycée's 6,000 pages are not printed
   * as one file); still one batch, whose passwords change together when every part is written.
   */
  split: z.enum(['none', 'division']).default('none'),
});

export interface UnprintableName {
  accountId: number;
  name: string;
  /** The characters the letter's font cannot draw, e.g. ['ẞ']. */
  characters: string[];
}

export interface LetterPlan {
  letters: number;
  /** Accounts that get a new provisional password (the previous one stops working). */
  newPasswords: number;
  /** Of those, first letters (accounts never notified). */
  firstLetters: number;
  /**
   * Of those, re-prints: a letter was handed out already and its provisional password stops
   * working when this batch is ready.
   */
  replacedLetters: number;
  /** Of those, one account reset by staff (the password its holder chose stops working). */
  resets: number;
  /** Accounts whose holder chose a password: the letter recalls the identifiant only. */
  identifiantOnly: number;
  /** Accounts already notified left out by « seulement les comptes jamais notifiés ». */
  alreadyNotified: number;
  /**
   * A division's batch: letters of families the campaign table counts under another division
   * (children in several divisions are filed under the first).
   */
  filedElsewhere: number;
  /**
   * How many divisions the letters are handed out in (children in no division count as one):
   * a batch over two or more can be split into one PDF a division.
   */
  divisions: number;
  /** Closed accounts (refusal, merge) are left out. */
  skippedClosed: number;
  /** Of the letters, how many could go by e-mail (a guardian with a known address). */
  withEmail: number;
  /** Of those, how many carry a new provisional password (what an e-mail run changes). */
  newPasswordsByEmail: number;
  /** Names the font cannot print: the batch is refused until they are corrected. */
  unprintable: UnprintableName[];
  /** The school's settings give no portal address: a letter would not say where to go. */
  portalUrlMissing: boolean;
}

export type LetterJobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface LetterJob {
  jobId: string;
  state: LetterJobState;
  done: number;
  total: number;
  /** Set when done: the PDF to download. */
  batchId: number | null;
  /** The batch's name (« Réinitialisation — M. Laurent MULLER »). */
  label: string;
  /** Set when done: the name the file (PDF, or zip of PDFs) is downloaded under. */
  fileName: string;
  /** Why it failed, or what an e-mail run did, in French. */
  message: string;
  /** 'pdf': one PDF to download; 'email': each letter e-mailed with its PDF attached. */
  mode: 'pdf' | 'email';
}

/** One PDF of a batch split by division (issue 15 §1). */
export interface LetterBatchPart {
  /** 1, 2…: the part's place in the zip, and how one part is downloaded alone. */
  index: number;
  /** The division's code, or « Sans division ». */
  label: string;
  /** Its file name inside the zip (« 03-3e-b.pdf »). */
  fileName: string;
  letters: number;
  pages: number;
}

export interface LetterBatchSummary {
  id: number;
  label: string;
  accountCount: number;
  pageCount: number;
  createdAt: IsoInstant;
  /** The PDF holds provisional passwords: it is deleted at this time. */
  expiresAt: IsoInstant;
  createdBy: string;
  /** A batch split by division: its PDFs, in the zip's order; empty for one PDF. */
  parts: LetterBatchPart[];
}

/** A batch's file (the PDF, or the zip of its parts), or one part of it alone. */
export const LetterDownloadInput = ByIdInput.extend({
  part: z.number().int().min(1).max(10_000).optional(),
});

export const JobIdInput = z.object({
  jobId: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/, { error: 'Tâche inconnue.' }),
});

export const letterCalls = {
  'letters.plan': { input: LettersInput, access: ACCOUNT_HOLDERS, output: out<LetterPlan>() },
  'letters.start': { input: LettersInput, access: ACCOUNT_HOLDERS, output: out<LetterJob>() },
  'letters.job': { input: JobIdInput, access: ACCOUNT_HOLDERS, output: out<LetterJob>() },
  'letters.cancel': { input: JobIdInput, access: ACCOUNT_HOLDERS, output: out<LetterJob>() },
  'letters.batches': {
    input: Empty,
    access: ACCOUNT_HOLDERS,
    output: out<LetterBatchSummary[]>(),
  },
  /**
   * Desktop: the file's bytes over IPC (the PDF, the zip of a split batch, or one of its
   * parts). Web mode downloads GET /letters/:id (?partie=N).
   */
  'letters.download': {
    input: LetterDownloadInput,
    access: ACCOUNT_HOLDERS,
    output: out<Uint8Array>(),
  },
  'letters.deleteBatch': { input: ByIdInput, access: ACCOUNT_HOLDERS, output: out<null>() },
  /**
   * Each letter as a PDF attached to an e-mail, to the accounts of the scope with an address
   * (the others are left for printing); runs as a job like a PDF batch.
   */
  'letters.email': { input: LettersInput, access: ACCOUNT_HOLDERS, output: out<LetterJob>() },
} as const satisfies Record<string, CallSpec<StaffRole>>;
