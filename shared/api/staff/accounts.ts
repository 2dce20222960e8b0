import { z } from 'zod';
import { out, type CallSpec } from '../contract';
import { ByIdInput, Empty, Id, text, type IsoDate, type IsoInstant } from '../fields';
import type { AuditEntry } from './audit';
import { ACCOUNT_HOLDERS } from '../../domain/access';
import {
  ACCOUNT_KINDS,
  ACCOUNT_STATES,
  CAMPAIGN_GROUP_KEYS,
  type AccountKind,
  type AccountState,
  type CampaignGroup,
  type ClosedReason,
} from '../../domain/accounts';
import type { StaffRole } from '../../domain/roles';

export interface AccountChild {
  studentId: number;
  firstName: string;
  lastName: string;
  /** With the INE, what tells twins and homonyms apart on the account's page. */
  birthDate: IsoDate | null;
  ine: string;
  divisionCode: string | null;
  /** 'merge': brought by a regroupement (possibly from another school). */
  source: 'siecle' | 'merge';
  schoolName: string;
  /** The pupil's own account, for the refusal coupon « pour l’élève … ». */
  studentAccountId: number | null;
  /** Brought by a regroupement from another school: shown masked, with no link to a record. */
  otherSchool: boolean;
}

export interface AccountSummary {
  id: number;
  kind: AccountKind;
  login: string;
  displayName: string;
  state: AccountState;
  closedReason: ClosedReason | null;
  /** Its letter spent its budget of wrong dates of birth (issue 14): a new one is needed. */
  letterVoided: boolean;
  letterDate: IsoDate | null;
  expiresOn: IsoDate | null;
  email: string;
  emailConfirmed: boolean;
  noEmail: boolean;
  lastLoginAt: IsoInstant | null;
  children: AccountChild[];
}

export interface AccountDetail extends AccountSummary {
  guardianId: number | null;
  studentId: number | null;
  /** Accounts regrouped into this one (a compte joint): their holders log in with this one. */
  joinedLogins: string[];
  /** The account's lines of the journal, newest first. */
  history: AuditEntry[];
}

export interface AccountSearchResult {
  items: AccountSummary[];
  truncated: boolean;
}

export type CampaignCounts = Record<CampaignGroup, number>;

export interface CampaignSummary {
  today: IsoDate;
  divisions: { divisionId: number | null; divisionCode: string; counts: CampaignCounts }[];
  totals: CampaignCounts;
}

const Kind = z.enum(Object.keys(ACCOUNT_KINDS) as [AccountKind, ...AccountKind[]], {
  error: 'Type de compte inconnu.',
});
const Group = z.enum(CAMPAIGN_GROUP_KEYS as [CampaignGroup, ...CampaignGroup[]], {
  error: 'Groupe inconnu.',
});

export const AccountSearchInput = z.object({
  query: text('Recherche', 100).default(''),
  kind: Kind.optional(),
  state: z
    .enum(Object.keys(ACCOUNT_STATES) as [AccountState, ...AccountState[]], {
      error: 'État inconnu.',
    })
    .optional(),
  /** By « nom prénom », Z to A instead of A to Z. */
  descending: z.boolean().default(false),
  limit: z.number().int().min(1).max(1000).default(200),
});

export const CampaignListInput = z.object({
  group: Group.optional(),
  divisionId: Id.optional(),
  kind: Kind.optional(),
});

export const SetNoEmailInput = z.object({ id: Id, noEmail: z.boolean() });

/** The refusal coupon: « pour moi-même » and/or « pour l’élève … » (seed 000). */
export const RefusalInput = z
  .object({
    guardianAccountId: Id.optional(),
    studentAccountIds: z.array(Id).max(20).default([]),
  })
  .refine((v) => v.guardianAccountId !== undefined || v.studentAccountIds.length > 0, {
    error: 'Cochez au moins un compte à désactiver.',
  });

export const accountCalls = {
  'accounts.search': {
    input: AccountSearchInput,
    access: ACCOUNT_HOLDERS,
    output: out<AccountSearchResult>(),
  },
  'accounts.get': { input: ByIdInput, access: ACCOUNT_HOLDERS, output: out<AccountDetail>() },
  /** « Sans courriel »: the account activates without confirmation; recovery via the school. */
  'accounts.setNoEmail': {
    input: SetNoEmailInput,
    access: ACCOUNT_HOLDERS,
    output: out<AccountDetail>(),
  },
  'accounts.resendConfirmation': {
    input: ByIdInput,
    access: ACCOUNT_HOLDERS,
    output: out<AccountDetail>(),
  },
  'accounts.recordRefusal': {
    input: RefusalInput,
    access: ACCOUNT_HOLDERS,
    output: out<null>(),
  },
  'accounts.reactivate': {
    input: ByIdInput,
    access: ACCOUNT_HOLDERS,
    output: out<AccountDetail>(),
  },
  'accounts.close': { input: ByIdInput, access: ACCOUNT_HOLDERS, output: out<AccountDetail>() },
  'campaign.summary': { input: Empty, access: ACCOUNT_HOLDERS, output: out<CampaignSummary>() },
  'campaign.list': {
    input: CampaignListInput,
    access: ACCOUNT_HOLDERS,
    output: out<AccountSummary[]>(),
  },
  /** The same list as CSV (UTF-8 with BOM, semicolons: what a French spreadsheet opens). */
  'campaign.csv': { input: CampaignListInput, access: ACCOUNT_HOLDERS, output: out<string>() },
} as const satisfies Record<string, CallSpec<StaffRole>>;
