import { z } from 'zod';
import { out, type CallSpec } from '../contract';
import type { AccountKind } from '../../domain/accounts';
import { tokenField } from './fields';

const FAMILY: readonly AccountKind[] = ['guardian', 'student'];

/** The account's e-mail digest (issue 17 §5). */
export interface DigestStatus {
  enabled: boolean;
  /** The digest goes only to a confirmed address. */
  addressConfirmed: boolean;
}

export const digestCalls = {
  'portal.digestStatus': { input: z.object({}), access: FAMILY, output: out<DigestStatus>() },
  'portal.setDigest': {
    // The account page's two buttons post « 1 » or « 0 ».
    input: z.object({
      enabled: z.enum(['1', '0'], { error: 'Choix inconnu.' }).transform((v) => v === '1'),
    }),
    access: FAMILY,
    output: out<DigestStatus>(),
  },
  'portal.checkUnsubscribeLink': {
    input: z.object({ token: tokenField }),
    access: 'public',
    output: out<{ login: string }>(),
  },
  'portal.unsubscribeDigest': {
    input: z.object({ token: tokenField }),
    access: 'public',
    output: out<{ login: string }>(),
  },
} as const satisfies Record<string, CallSpec<AccountKind>>;
