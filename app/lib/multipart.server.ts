// Reads a form that may carry files (docs/decisions/020-request-edge.md). Multipart bodies are
// parsed while they stream in (@fastify/busboy): file parts go to the request's temporary upload
// directory on disk, never into memory, and are refused above 20 MB (the largest upload, a PDF;
// images are held to 10 MB by media/); text fields are refused above 1 MB, and when they are not
// valid UTF-8 or hold NUL (app/lib/input.ts). The server removes the directory when the response
// is done. Every refusal is a DomainError (a localized 4xx), never a 500.
import { randomUUID } from "node:crypto";
import { createWriteStream, openAsBlob } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { Busboy, type BusboyFileStream } from "@fastify/busboy";
import { inMb, MAX_UPLOAD_BYTES } from "../../media/limits";
import { DomainError } from "./errors";
import { decodeUtf8, INPUT_PROBLEM_KEY, textProblem } from "./input";
import { currentUploadScope } from "./upload-scope.server";

const MiB = 1024 * 1024;
/** The largest file part (a PDF attachment; media/limits.ts, which the browser reads too). */
export const MAX_PART_BYTES = MAX_UPLOAD_BYTES;
/** The largest text field of a multipart form. */
export const MAX_FIELD_BYTES = 1 * MiB;
/** Parts (fields and files) one multipart form may have. */
export const MAX_PARTS = 200;

export async function readForm(request: Request): Promise<FormData> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^multipart\/form-data\s*(;|$)/i.test(type)) return request.formData();
  if (!request.body) return new FormData();
  const scope = currentUploadScope();
  if (scope) return parseMultipart(request.body, type, await scope.dir());
  // Outside a request scope (tests and scripts calling an action directly): parse to a directory of
  // our own, read the files back into memory and remove it at once.
  const dir = await mkdtemp(path.join(tmpdir(), "cloudfair-upload-"));
  try {
    const form = await parseMultipart(request.body, type, dir);
    const copy = new FormData();
    for (const [name, value] of form.entries())
      copy.append(name, typeof value === "string" ? value : new File([await value.arrayBuffer()], value.name, value));
    const refused = refusedParts.get(form);
    if (refused) refusedParts.set(copy, refused);
    return copy;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// A file part above MAX_PART_BYTES is dropped from the form but remembered here: the form's other
// fields (its intent, the project it belongs to) still arrive, and the action learns of the refusal
// when it asks for that file, so the message shows next to the right field.
const refusedParts = new WeakMap<FormData, Map<string, DomainError>>();

/** The uploaded file of a field, null when none was chosen; throws the refusal of an oversized one. */
export function fileField(form: FormData, name: string): File | null {
  const refused = refusedParts.get(form)?.get(name);
  if (refused) throw refused;
  const v = form.get(name);
  return typeof v === "object" && v !== null && "arrayBuffer" in v && (v as File).size > 0 ? (v as File) : null;
}

function parseMultipart(body: ReadableStream<Uint8Array>, contentType: string, dir: string): Promise<FormData> {
  return new Promise<FormData>((resolve, reject) => {
    const form = new FormData();
    const pending: Promise<void>[] = [];
    const source = Readable.fromWeb(body as NodeReadableStream<Uint8Array>);
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      source.destroy();
      reject(err);
    };

    let parser: ReturnType<typeof Busboy>;
    try {
      parser = Busboy({
        headers: { "content-type": contentType },
        // Every part arrives as a stream, so text fields are read as bytes and decoded strictly here.
        isPartAFile: () => true,
        limits: { files: MAX_PARTS, fileSize: MAX_PART_BYTES, fieldNameSize: 200, headerPairs: 20 },
      });
    } catch {
      return fail(new DomainError("input.malformed", 400));
    }

    parser.on("file", (name: string, stream: BusboyFileStream, filename: string | undefined, _enc, mime: string) => {
      const nameProblem = textProblem(name);
      if (nameProblem) return fail(new DomainError(INPUT_PROBLEM_KEY[nameProblem], 400));
      if (filename === undefined) pending.push(readField(name, stream).then((value) => void form.append(name, value)));
      else
        pending.push(
          saveFile(name, stream, filename, mime, dir).then((file) => {
            if (file instanceof DomainError) {
              const refused = refusedParts.get(form) ?? new Map<string, DomainError>();
              refused.set(name, file);
              refusedParts.set(form, refused);
            } else if (file) form.append(name, file);
          }),
        );
      pending.at(-1)!.catch(fail);
    });
    parser.on("filesLimit", () => fail(new DomainError("input.tooManyParts", 413, { max: MAX_PARTS })));
    parser.on("error", () => fail(new DomainError("input.malformed", 400)));
    parser.on("finish", () => {
      Promise.all(pending).then(() => {
        if (settled) return;
        settled = true;
        resolve(form);
      }, fail);
    });
    source.on("error", fail);
    source.pipe(parser);
  });
}

async function readField(name: string, stream: BusboyFileStream): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > MAX_FIELD_BYTES) {
      stream.resume();
      throw new DomainError("edge.tooLarge", 413, { maxMb: MAX_FIELD_BYTES / MiB });
    }
    chunks.push(chunk);
  }
  const value = decodeUtf8(Buffer.concat(chunks));
  if (value === null) throw new DomainError("input.encoding", 400);
  const problem = textProblem(value);
  if (problem) throw new DomainError(INPUT_PROBLEM_KEY[problem], 400);
  return value;
}

async function saveFile(
  name: string,
  stream: BusboyFileStream,
  filename: string,
  mime: string,
  dir: string,
): Promise<File | DomainError | null> {
  const problem = textProblem(filename);
  if (problem) {
    stream.resume();
    throw new DomainError(INPUT_PROBLEM_KEY[problem], 400);
  }
  if (!filename) {
    stream.resume(); // an empty file input: no file
    return null;
  }
  const file = path.join(dir, randomUUID());
  let truncated = false;
  stream.on("limit", () => (truncated = true));
  await pipeline(stream, createWriteStream(file));
  if (truncated || stream.truncated) {
    await rm(file, { force: true });
    return new DomainError("upload.too-large", 413, { maxMb: inMb(MAX_PART_BYTES) }, name);
  }
  // A File backed by the file on disk: read only when the action asks for its bytes.
  return new File([await openAsBlob(file, { type: mime })], filename, { type: mime });
}
