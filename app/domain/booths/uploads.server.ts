// Stores an uploaded file through media/ (magic-byte check, re-encode, limits) and maps its
// rejections to localized domain errors on the form field that carried it.
import { processUpload, type StoredMedia } from "../../../media/uploads";
import { isUploadError, type UploadErrorCode } from "../../../media/upload-error";
import { MediaStoreUnavailableError } from "../../../media/storage";
import type { MessageKey } from "~/i18n";

// Every upload rejection has a message: a new code without one fails the type check here.
const MESSAGE: Record<UploadErrorCode, MessageKey> = {
  empty: "upload.empty",
  "too-large": "upload.too-large",
  "too-many-pixels": "upload.too-many-pixels",
  "unsupported-type": "upload.unsupported-type",
  "type-mismatch": "upload.type-mismatch",
  corrupt: "upload.corrupt",
  encrypted: "upload.encrypted",
  "active-content": "upload.active-content",
};
import { DomainError, ServiceUnavailableError } from "~/lib/errors";
import { mediaStorage } from "./media.server";

export async function storeUpload(
  file: File | null,
  opts: { expect: "image" | "pdf"; keyPrefix: string; variant?: "logo" | "banner" | "gallery"; field: string },
): Promise<StoredMedia> {
  if (!file) throw new DomainError("upload.empty", 400, undefined, opts.field);
  try {
    return await processUpload(mediaStorage(), {
      bytes: Buffer.from(await file.arrayBuffer()),
      filename: file.name,
      declaredType: file.type,
      expect: opts.expect,
      keyPrefix: opts.keyPrefix,
      variant: opts.variant,
    });
  } catch (err) {
    if (isUploadError(err))
      throw new DomainError(MESSAGE[err.code], err.code === "too-large" ? 413 : 400, err.params, opts.field);
    // The store is away: a 503 that says nothing was saved, which holds: the caller writes its row
    // only after this returns (an object already put, e.g. the image without its thumbnail, has no row).
    if (err instanceof MediaStoreUnavailableError) throw new ServiceUnavailableError(true, opts.field);
    throw err;
  }
}
