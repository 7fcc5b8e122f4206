// Reads a form that may carry files. Parts above 20 MB are refused while streaming, so a huge
// upload never sits in memory; the per-kind limits (images 10 MB) are checked by media/.
import {
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  MaxPartSizeExceededError,
} from "@remix-run/node";
import { DomainError } from "./errors";

export const MAX_PART_BYTES = 20 * 1024 * 1024;

export async function readForm(request: Request): Promise<FormData> {
  if (!request.headers.get("Content-Type")?.startsWith("multipart/form-data")) return request.formData();
  try {
    return await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_PART_BYTES }),
    );
  } catch (err) {
    if (err instanceof MaxPartSizeExceededError) throw new DomainError("upload.too-large", 413, { maxMb: 20 }, "file");
    throw err;
  }
}

export function fileField(form: FormData, name: string): File | null {
  const v = form.get(name);
  return typeof v === "object" && v !== null && "arrayBuffer" in v && (v as File).size > 0 ? (v as File) : null;
}
