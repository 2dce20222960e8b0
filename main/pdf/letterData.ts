/**
 * What one notification letter says (SPEC §4.1, seeds 000 and 004): plain data, decided by
 * main/services/letters; main/pdf only lays it out. Dates are 'YYYY-MM-DD'.
 */
export interface LetterAddress {
  line1: string;
  line2: string;
  postalCode: string;
  city: string;
  country: string;
}

export interface LetterSchool {
  academie: string;
  name: string;
  address: LetterAddress;
  phone: string;
  email: string;
  /** The portal's address, printed and drawn as a QR code (never the password). */
  portalUrl: string;
}

export interface LetterRecipient {
  /** 'M.', 'Mme' or '' (a student's letter has none). */
  civility: string;
  lastName: string;
  firstName: string;
  address: LetterAddress;
}

export interface LetterChild {
  firstName: string;
  lastName: string;
  /** '4C', '2nde5'; '' when the pupil has no division yet. */
  divisionCode: string;
  /** 'F', 'M' or '' (unknown): « née le », « Je soussignée » on a pupil's own letter. */
  sex?: string;
  /** The second given name (SIECLE PRENOM2): tells apart twins of the same first name. */
  otherNames?: string;
  /** Tells apart two children of the same first name; a pupil's age on their own letter. */
  birthDate?: string | null;
}

export interface NotificationLetterData {
  /** A guardian's letter names every child the account covers; a student's names the student. */
  kind: 'guardian' | 'student';
  school: LetterSchool;
  /** « BESANCON, le 28/08/2014 »: the school's city and the letter's date. */
  place: string;
  date: string;
  recipient: LetterRecipient;
  children: LetterChild[];
  login: string;
  /** The provisional password; null for an active account's letter (identifiant only). */
  provisionalPassword: string | null;
  /** The last day to activate (letter date + 3 months); null with no password. */
  deadline: string | null;
  /**
   * « LEFÈVRE Zoé (4C) »: the pupil who carries the letter home, for a batch handed out in
   * class; '' when posted.
   */
  carrier?: string;
  /** Which window of a DL envelope the address must show through. */
  envelopeWindow: 'left' | 'right';
}
