import type { z } from 'zod';

/**
 * What a call does to the caller's session, declared on the call rather than guessed from
 * its name: 'issue' answers with a token the transport keeps (cookie or IPC map) and takes
 * out of the answer; 'end' makes the transport forget its token.
 */
export type SessionEffect = 'issue' | 'end';

/** 'public' calls need no session (login, first start); the others name who may call. */
export type Access<Role extends string> = 'public' | readonly Role[];

export interface CallSpec<
  Role extends string = string,
  I extends z.ZodType = z.ZodType,
  O = unknown,
> {
  input: I;
  access: Access<Role>;
  session?: SessionEffect;
  /** Phantom: carries the output type only. */
  output: O;
}

/** Phantom value that carries an output type into a call declaration. */
export const out = <T>() => undefined as unknown as T;

export type Calls<Role extends string = string> = Record<string, CallSpec<Role>>;
/** What the caller passes (defaults may be left out). */
export type CallInput<C extends Calls, K extends keyof C> = z.input<C[K]['input']>;
/** What the handler receives, defaults applied. */
export type ParsedInput<C extends Calls, K extends keyof C> = z.output<C[K]['input']>;
export type CallOutput<C extends Calls, K extends keyof C> = C[K]['output'];

/** The answer of a call whose declaration says `session: 'issue'`: the token travels apart. */
export interface IssuedSession<T> {
  value: T;
  token: string;
}

export function isCallName<C extends Calls>(
  calls: C,
  name: string,
): name is Extract<keyof C, string> {
  return Object.prototype.hasOwnProperty.call(calls, name);
}
