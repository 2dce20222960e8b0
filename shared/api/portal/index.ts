import type { CallInput, CallOutput, Calls, ParsedInput } from '../contract';
import type { AccountKind } from '../../domain/accounts';
import { familyCalls } from './family';
import { schoolLifeFamilyCalls } from './schoolLife';
import { infoSheetPortalCalls } from './infoSheet';
import { sessionCalls } from './session';
import { digestCalls } from './digest';

import { notesCalls } from './notes';

export * from './family';
export * from './schoolLife';
export * from './notes';
export * from './infoSheet';
export * from './session';
export * from './digest';
export * from './view';

/** The family portal's API: its own contract, actor and listener (never the staff one). */
export const portalCalls = {
  ...sessionCalls,
  ...familyCalls,
  ...schoolLifeFamilyCalls,
  ...notesCalls,
  ...infoSheetPortalCalls,
  ...digestCalls,
} as const satisfies Calls<AccountKind>;

export type PortalCalls = typeof portalCalls;
export type PortalCallName = keyof PortalCalls;
export type PortalInput<K extends PortalCallName> = CallInput<PortalCalls, K>;
export type PortalParsedInput<K extends PortalCallName> = ParsedInput<PortalCalls, K>;
export type PortalOutput<K extends PortalCallName> = CallOutput<PortalCalls, K>;
