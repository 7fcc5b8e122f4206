// Upload size limits, in one place for everyone who checks them (ADR 006): media/ when it stores a
// file, the multipart reader and the request edge on the server (app/lib/multipart.server.ts,
// server/edge), and the booth builder in the browser before anything is sent. Plain constants: no
// Node import, so client code can read them too.
const MiB = 1024 * 1024;

export const UPLOAD_LIMITS = Object.freeze({
  /** Logos, banners, gallery images. */
  imageBytes: 10 * MiB,
  /** Project PDFs: the largest upload. */
  pdfBytes: 20 * MiB,
});

/** The largest file any form may carry (the multipart part limit). */
export const MAX_UPLOAD_BYTES = Math.max(UPLOAD_LIMITS.imageBytes, UPLOAD_LIMITS.pdfBytes);

/** A byte limit as the whole megabytes the messages name ("at most {maxMb} MB"). */
export const inMb = (bytes: number) => Math.round((bytes / MiB) * 100) / 100;
