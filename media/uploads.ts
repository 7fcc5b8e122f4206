// Booth media uploads (logo, banner, gallery images, project PDFs): validate by magic bytes,
// re-encode images to metadata-free WebP (+ thumbnail), store PDFs as-is after inspection, and
// put everything under content-addressed keys. Throws UploadError for bad input (ADR 006).
import { createHash } from "node:crypto";
import { reencodeImage, type ImageVariant } from "./images.ts";
import { inMb, UPLOAD_LIMITS } from "./limits.ts";
import { inspectPdf } from "./pdf.ts";
import { claimedFormats, kindOf, sniffFormat, type MediaKind } from "./sniff.ts";
import { assertSafeKey, type MediaStorage } from "./storage.ts";
import { UploadError } from "./upload-error.ts";

export { UploadError, isUploadError, type UploadErrorCode, type UploadErrorParams } from "./upload-error.ts";
export { contentTypeForKey } from "./content-type.ts";
export { IMAGE_VARIANTS, type ImageVariant } from "./images.ts";

export interface UploadLimits {
  imageBytes: number;
  pdfBytes: number;
  /** Decoded width × height above which an image is refused before decoding (decompression bombs). */
  maxInputPixels: number;
}

export const DEFAULT_UPLOAD_LIMITS: Readonly<UploadLimits> = Object.freeze({
  ...UPLOAD_LIMITS, // images 10 MiB, PDFs 20 MiB (media/limits.ts, also read by the browser)
  maxInputPixels: 40_000_000,
});

export interface UploadInput {
  bytes: Buffer;
  /** As sent by the browser; only used to explain rejections and for display. */
  filename: string;
  declaredType?: string;
  expect: MediaKind;
  /** Folder for the keys, e.g. "booths/<boothId>"; must form safe keys (see assertSafeKey). */
  keyPrefix: string;
  /** Image size class; default "gallery". Ignored for PDFs. */
  variant?: ImageVariant;
}

export interface StoredMedia {
  key: string;
  thumbKey?: string;
  contentType: "image/webp" | "application/pdf";
  /** Size of the stored file (not of the upload). */
  bytes: number;
  width?: number;
  height?: number;
  originalName: string;
}

const NAME_MAX = 120;

/** A filename fit for display: no directories, control or bidi-override characters, ≤ 120 characters. */
export function sanitizeOriginalName(filename: string): string {
  const base = filename.split(/[/\\]/).pop() ?? "";
  const clean = base
    .normalize("NFC")
    .replace(/\s+/gu, " ") // tabs, newlines, exotic spaces
    .replace(/[\p{Cc}\p{Cf}]/gu, "") // remaining controls, bidi overrides, zero-width characters
    .replace(/ {2,}/g, " ")
    .trim();
  const chars = [...clean];
  if (chars.length === 0) return "file";
  if (chars.length <= NAME_MAX) return clean;
  const dot = clean.lastIndexOf(".");
  const ext = dot > 0 ? [...clean.slice(dot)] : [];
  const keepExt = ext.length > 1 && ext.length <= 10 ? ext : [];
  return (
    chars
      .slice(0, NAME_MAX - keepExt.length - 1)
      .join("")
      .trimEnd() +
    "…" +
    keepExt.join("")
  );
}

const hashKey = (prefix: string, data: Buffer, ext: string) =>
  `${prefix}/${createHash("sha256").update(data).digest("hex").slice(0, 16)}.${ext}`;

function checkPrefix(prefix: string): void {
  if (prefix.startsWith("/") || prefix.endsWith("/") || prefix.includes("//"))
    throw new Error(`bad media key prefix: ${prefix}`);
  assertSafeKey(`${prefix}/0123456789abcdef.thumb.webp`);
}

/** Validates the bytes against what the field expects; returns the detected format or throws UploadError. */
export function classifyUpload(
  input: Pick<UploadInput, "bytes" | "filename" | "declaredType" | "expect">,
  limits: UploadLimits = DEFAULT_UPLOAD_LIMITS,
) {
  const { bytes, expect } = input;
  if (bytes.length === 0) throw new UploadError("empty");
  const max = expect === "pdf" ? limits.pdfBytes : limits.imageBytes;
  if (bytes.length > max) throw new UploadError("too-large", { maxMb: inMb(max) });

  const detected = sniffFormat(bytes);
  const claims = claimedFormats(input.filename, input.declaredType);
  const mismatch = (claimed: string) =>
    new UploadError("type-mismatch", { expected: expect, claimed, detected: detected ?? "unknown" });
  if (!detected) {
    // Claims an accepted format, bytes are something else (e.g. text named .jpg).
    if (claims.length) throw mismatch(claims[0]);
    throw new UploadError("unsupported-type", { expected: expect });
  }
  const foreignClaim = claims.find((c) => kindOf(c) !== kindOf(detected));
  if (kindOf(detected) !== expect) {
    // A PNG renamed .pdf in a PDF field lies about itself; a PNG named .png is merely the wrong kind.
    if (foreignClaim) throw mismatch(foreignClaim);
    throw new UploadError("unsupported-type", { expected: expect, detected });
  }
  // Right kind of bytes, but named as the other kind (a PDF called .jpg): refuse rather than guess.
  // Within images a wrong extension (JPEG named .png) is harmless — the image is re-encoded.
  if (foreignClaim) throw mismatch(foreignClaim);
  return detected;
}

export async function processUpload(
  storage: MediaStorage,
  input: UploadInput,
  options: { limits?: Partial<UploadLimits> } = {},
): Promise<StoredMedia> {
  checkPrefix(input.keyPrefix);
  const limits = { ...DEFAULT_UPLOAD_LIMITS, ...options.limits };
  const format = classifyUpload(input, limits);
  const originalName = sanitizeOriginalName(input.filename);

  if (format === "pdf") {
    await inspectPdf(input.bytes);
    const key = hashKey(input.keyPrefix, input.bytes, "pdf");
    await storage.put(key, input.bytes);
    return { key, contentType: "application/pdf", bytes: input.bytes.length, originalName };
  }

  const { main, thumb } = await reencodeImage(input.bytes, format, {
    variant: input.variant ?? "gallery",
    maxInputPixels: limits.maxInputPixels,
  });
  const key = hashKey(input.keyPrefix, main.data, "webp");
  const thumbKey = hashKey(input.keyPrefix, thumb.data, "thumb.webp");
  await storage.put(key, main.data);
  await storage.put(thumbKey, thumb.data);
  return {
    key,
    thumbKey,
    contentType: "image/webp",
    bytes: main.data.length,
    width: main.width,
    height: main.height,
    originalName,
  };
}
