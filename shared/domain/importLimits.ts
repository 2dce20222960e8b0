/**
 * The import's limits that both sides must agree on: the window refuses a bigger file before
 * sending it (rather than after minutes of upload), and the server checks it anyway.
 */
export const MAX_IMPORT_FILE_BYTES = 100 * 1024 * 1024;

/** Files one user may have waiting for a preview, and their total size. */
export const MAX_PENDING_UPLOADS_PER_USER = 10;
export const MAX_PENDING_UPLOAD_BYTES_PER_USER = 300 * 1024 * 1024;

/** Records (pupils, guardians, addresses, labels) one preview may hold, all files together. */
export const MAX_RECORDS_PER_PREVIEW = 120_000;
