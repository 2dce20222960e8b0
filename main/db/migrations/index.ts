import { Initial1763840000000 } from './1763840000000-Initial';
import { SiecleImport1763850000000 } from './1763850000000-SiecleImport';
import { LoginThrottle1763860000000 } from './1763860000000-LoginThrottle';
import { FamilyAccounts1763870000000 } from './1763870000000-FamilyAccounts';
import { MailOutbox1763880000000 } from './1763880000000-MailOutbox';
import { FamilyPortal1763890000000 } from './1763890000000-FamilyPortal';
import { PortalListener1763900000000 } from './1763900000000-PortalListener';
import { ImportGuards1763910000000 } from './1763910000000-ImportGuards';
import { JoinedAccounts1763930000000 } from './1763930000000-JoinedAccounts';
import { PublicationDirector1763960000000 } from './1763960000000-PublicationDirector';
import { AccountSearchWithoutCivility1763970000000 } from './1763970000000-AccountSearchWithoutCivility';
import { SessionAccountVersion1763990000000 } from './1763990000000-SessionAccountVersion';
import { BirthDateBudget1764000000000 } from './1764000000000-BirthDateBudget';
import { AcademieIndexes1764100000000 } from './1764100000000-AcademieIndexes';
import { AccountTokenByAccount1764160000000 } from './1764160000000-AccountTokenByAccount';
import { TeachingServices1764300000000 } from './1764300000000-TeachingServices';
import { GradingPeriods1764400000000 } from './1764400000000-GradingPeriods';
import { Assessments1764500000000 } from './1764500000000-Assessments';
import { SchoolLife1764600000000 } from './1764600000000-SchoolLife';
import { MarkEnteredAt1764700000000 } from './1764700000000-MarkEnteredAt';
import { AbsenteeismReports1764720000000 } from './1764720000000-AbsenteeismReports';
import { AbsenceJustifications1764730000000 } from './1764730000000-AbsenceJustifications';
import { InfoSheets1764740000000 } from './1764740000000-InfoSheets';
import { LetterBatchParts1764750000000 } from './1764750000000-LetterBatchParts';
import { SchoolLifeRetention1764760000000 } from './1764760000000-SchoolLifeRetention';
import { GroupMemberships1764790000000 } from './1764790000000-GroupMemberships';
import { FamilyDigest1764800000000 } from './1764800000000-FamilyDigest';
import { AddressCountryCode1764860000000 } from './1764860000000-AddressCountryCode';
import { SuspensionRevocableUntil1764880000000 } from './1764880000000-SuspensionRevocableUntil';
import { EventChangesAndNoticeLinks1764890000000 } from './1764890000000-EventChangesAndNoticeLinks';

/** In order. A shipped migration is never edited: add a new one. */
export const MIGRATIONS = [
  Initial1763840000000,
  SiecleImport1763850000000,
  LoginThrottle1763860000000,
  FamilyAccounts1763870000000,
  MailOutbox1763880000000,
  FamilyPortal1763890000000,
  PortalListener1763900000000,
  ImportGuards1763910000000,
  JoinedAccounts1763930000000,
  PublicationDirector1763960000000,
  AccountSearchWithoutCivility1763970000000,
  SessionAccountVersion1763990000000,
  BirthDateBudget1764000000000,
  AcademieIndexes1764100000000,
  AccountTokenByAccount1764160000000,
  TeachingServices1764300000000,
  GradingPeriods1764400000000,
  Assessments1764500000000,
  SchoolLife1764600000000,
  MarkEnteredAt1764700000000,
  AbsenteeismReports1764720000000,
  AbsenceJustifications1764730000000,
  InfoSheets1764740000000,
  LetterBatchParts1764750000000,
  SchoolLifeRetention1764760000000,
  GroupMemberships1764790000000,
  FamilyDigest1764800000000,
  AddressCountryCode1764860000000,
  SuspensionRevocableUntil1764880000000,
  EventChangesAndNoticeLinks1764890000000,
];
