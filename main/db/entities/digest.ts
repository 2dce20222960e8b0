import { EntitySchema } from 'typeorm';
import { bool, instant, int, isoDate, pk, str } from '../columns';

export interface FamilyDigestRow {
  id: number;
  accountId: number;
  enabled: boolean;
  /** What was published after this instant is « new » to the next digest. */
  sinceAt: string;
  /** The Paris day of the last digest sent: at most one a day. */
  lastSentOn: string | null;
  updatedAt: string;
}

export interface DigestUnsubscribeTokenRow {
  id: number;
  accountId: number;
  /** SHA-256 of the link's token: the link itself is only in the message sent. */
  tokenHash: string;
  createdAt: string;
  expiresAt: string;
}

export const FamilyDigestEntity = new EntitySchema<FamilyDigestRow>({
  name: 'FamilyDigest',
  tableName: 'family_digest',
  columns: {
    id: pk(),
    accountId: int('account_id'),
    enabled: bool('enabled'),
    sinceAt: instant('since_at'),
    lastSentOn: isoDate('last_sent_on', true),
    updatedAt: instant('updated_at'),
  },
});

export const DigestUnsubscribeTokenEntity = new EntitySchema<DigestUnsubscribeTokenRow>({
  name: 'DigestUnsubscribeToken',
  tableName: 'digest_unsubscribe_token',
  columns: {
    id: pk(),
    accountId: int('account_id'),
    tokenHash: str('token_hash', 64),
    createdAt: instant('created_at'),
    expiresAt: instant('expires_at'),
  },
});

export const DIGEST_ENTITIES = [FamilyDigestEntity, DigestUnsubscribeTokenEntity];
