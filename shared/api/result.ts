/** What every call returns, over IPC and over HTTP alike: never a stack trace. */
export type ErrorCode =
  | 'unauthenticated'
  | 'forbidden'
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'unknown_call'
  | 'too_many_attempts'
  | 'internal';

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Field path → French message, for forms. */
  fields?: Record<string, string>;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** A failure the handlers raise on purpose; its message is shown to the user as is. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}
