// The limits of an onboarding upload (ADR 027), shown on the page and enforced by the server.
/** Largest file accepted. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Rows one file may hold (the header not counted). */
export const MAX_ROWS = 10_000;
