import type { AccountKind, AccountState } from '../../domain/accounts';
import type { ServiceKey } from '../../domain/school';
import type { Address, IsoDate, IsoInstant } from '../fields';

/**
 * What a family sees on the portal's home page: the portal renders it, and the staff preview
 * renders the very same value (SPEC §9: "the same components power the staff preview").
 */
export interface PortalChild {
  studentId: number;
  firstName: string;
  lastName: string;
  birthDate: IsoDate | null;
  divisionCode: string | null;
  schoolName: string;
}

/**
 * A school as the pages before login show it: the login page's name and welcome message,
 * « Contact », and the « Mentions légales » (publisher and director of publication).
 */
export interface PortalPublicSchool {
  name: string;
  address: Address;
  phone: string;
  /** '' unless the school lets families write to it. */
  email: string;
  welcomeMessage: string;
  /** '' until the school names one in its settings. */
  publicationDirector: string;
}

export interface PortalSchool {
  name: string;
  address: Address;
  phone: string;
  /** Shown only when the school lets families write to it (« contact link when allowed »). */
  contactEmail: string | null;
  welcomeMessage: string;
}

export interface PortalService {
  key: ServiceKey;
  label: string;
  /** 'soon': opened by the school, but not built yet (« bientôt disponible »). */
  status: 'open' | 'soon';
  /** An open service's page, for the chosen child. */
  href?: string;
  /** An open service's tile (« 5 demi-journées d’absences ce trimestre »). */
  summary?: string;
  /** How many items are new in it since the previous login (the tile « 4 nouvelles notes »). */
  newCount?: number;
}

export interface PortalAccount {
  login: string;
  kind: AccountKind;
  displayName: string;
  state: AccountState;
  email: string;
  emailConfirmed: boolean;
  /** An address typed but not confirmed yet (a change waiting for its link). */
  pendingEmail: string;
  /** « Dernière connexion le … »: the connection before this one. */
  previousLoginAt: IsoInstant | null;
  /** Accounts regrouped into this one (a compte joint): their holders now use this one. */
  joinedLogins: string[];
}

export interface FamilyView {
  asOf: IsoDate;
  account: PortalAccount;
  children: PortalChild[];
  /** The child the page is about (the switcher's choice), or null when there is none. */
  child: PortalChild | null;
  school: PortalSchool | null;
  services: PortalService[];
}

/** The regroupement's confirmation screen (SPEC §4.4, seed 000). */
export interface MergePreview {
  /** The identifiant that both holders use once the regroupement is done. */
  login: string;
  current: PortalChild[];
  other: { login: string; children: PortalChild[] };
}

/** « Télécharger mes données »: everything Pupitre holds on the account and its children. */
export interface MyData {
  exportedAt: IsoInstant;
  account: PortalAccount & { createdAt: IsoInstant; activatedAt: IsoInstant | null };
  children: (PortalChild & {
    sex: string;
    address: Address;
    phoneHome: string;
    phoneMobile: string;
    email: string;
    regime: string;
  })[];
  /** The guardian person the school records, for a responsable's account. */
  guardian: {
    civility: string;
    lastName: string;
    firstName: string;
    address: Address;
    phoneHome: string;
    phoneMobile: string;
    phoneWork: string;
    email: string;
    profession: string;
  } | null;
  /** What the journal records about the account (actions, never a secret). */
  history: { at: IsoInstant; action: string; by: string }[];
  /** Messages sent to the account (subject and date; the links in them are spent). */
  messages: { at: IsoInstant; to: string; subject: string; status: string }[];
}
