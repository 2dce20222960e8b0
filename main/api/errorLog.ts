/**
 * What may be written about an unexpected error: its kind, its code and its message. Never
 * the error object itself: a failed query carries its SQL parameters (password hashes,
 * pupils' names) and a driver error its detail row, and loggers print those happily.
 */
export interface ErrorSummary {
  name: string;
  code?: string;
  message: string;
}

export interface ErrorLogger {
  error(message: string, summary: ErrorSummary): void;
}

/** Long enough for any driver message; short enough that no row of data fits whole. */
const MAX_MESSAGE = 300;

export function safeErrorSummary(error: unknown): ErrorSummary {
  if (!(error instanceof Error)) return { name: typeof error, message: 'non-Error thrown' };
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}),
    message: error.message.slice(0, MAX_MESSAGE),
  };
}

export const consoleErrorLogger: ErrorLogger = {
  error: (message, summary) => console.error(message, JSON.stringify(summary)),
};
