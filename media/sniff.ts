// Magic-byte detection of the upload formats we accept, and what a filename or declared MIME
// type claims. Only the bytes decide what a file is; claims are used to explain rejections.

export type MediaFormat = "png" | "jpeg" | "webp" | "gif" | "pdf";
export type MediaKind = "image" | "pdf";

export const kindOf = (format: MediaFormat): MediaKind => (format === "pdf" ? "pdf" : "image");

const startsWith = (bytes: Uint8Array, sig: readonly number[], offset = 0) =>
  bytes.length >= offset + sig.length && sig.every((b, i) => bytes[offset + i] === b);

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const GIF87 = ascii("GIF87a");
const GIF89 = ascii("GIF89a");
const RIFF = ascii("RIFF");
const WEBP = ascii("WEBP");
const PDF = ascii("%PDF-");

/** The format the bytes are, or null when they are none of the accepted formats. */
export function sniffFormat(bytes: Uint8Array): MediaFormat | null {
  if (startsWith(bytes, PNG)) return "png";
  if (startsWith(bytes, JPEG)) return "jpeg";
  if (startsWith(bytes, GIF87) || startsWith(bytes, GIF89)) return "gif";
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return "webp";
  // The spec tolerates junk before the header; we do not: "%PDF-" must open the file.
  if (startsWith(bytes, PDF)) return "pdf";
  return null;
}

const BY_EXTENSION: Record<string, MediaFormat> = {
  png: "png",
  jpg: "jpeg",
  jpeg: "jpeg",
  jpe: "jpeg",
  jfif: "jpeg",
  webp: "webp",
  gif: "gif",
  pdf: "pdf",
};

const BY_MIME: Record<string, MediaFormat> = {
  "image/png": "png",
  "image/jpeg": "jpeg",
  "image/jpg": "jpeg",
  "image/pjpeg": "jpeg",
  "image/webp": "webp",
  "image/gif": "gif",
  "application/pdf": "pdf",
  "application/x-pdf": "pdf",
};

/**
 * The accepted formats a filename's extension and a declared MIME type claim (0–2 entries).
 * Unknown extensions and generic types (application/octet-stream, "") claim nothing.
 */
export function claimedFormats(filename: string, declaredType?: string): MediaFormat[] {
  const claims: MediaFormat[] = [];
  const ext = /\.([a-z0-9]{1,8})$/i.exec(filename.trim())?.[1]?.toLowerCase();
  const byExt = ext ? BY_EXTENSION[ext] : undefined;
  if (byExt) claims.push(byExt);
  const mime = declaredType?.split(";")[0]?.trim().toLowerCase();
  const byMime = mime ? BY_MIME[mime] : undefined;
  if (byMime) claims.push(byMime);
  return claims;
}
