// The one error type the upload pipeline throws for bad input. `code` picks the localized
// message; `params` fills it (e.g. { maxMb: 10 }). Anything else thrown is a bug or an I/O error.

export type UploadErrorCode =
  | "empty" // zero bytes
  | "too-large" // more bytes than the field's limit; params.maxMb
  | "too-many-pixels" // image dimensions beyond the decode limit (decompression bomb); params.maxMegapixels
  | "unsupported-type" // bytes are not an accepted format for this field; params.expected
  | "type-mismatch" // name/declared type claims one format, bytes are another; params.expected, claimed, detected
  | "corrupt" // right magic bytes but undecodable / truncated; params.reason (for logs)
  | "encrypted" // password-protected / encrypted PDF: cannot be inspected
  | "active-content"; // PDF with JavaScript or launch actions; params.name

export type UploadErrorParams = Record<string, string | number>;

export class UploadError extends Error {
  override readonly name = "UploadError";

  constructor(
    readonly code: UploadErrorCode,
    readonly params: UploadErrorParams = {},
  ) {
    super(`upload rejected: ${code}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ""}`);
  }
}

export const isUploadError = (e: unknown): e is UploadError => e instanceof UploadError;
