// Checks before a PDF is stored byte-for-byte (see ADR 006):
// - "%PDF-x.y" opens the file and "%%EOF" is near its end (catches truncated uploads);
// - not encrypted (we could not inspect it);
// - no active content: the names /JavaScript or /Launch anywhere in the raw bytes, or
//   /JavaScript, /JS or /Launch inside Flate-compressed object streams (PDF 1.5+), with #xx
//   escapes in names decoded. A JavaScript action needs `/S /JavaScript`, so that name is the
//   marker; the bare 3-byte "/JS" is only looked for where it cannot be binary noise.
// This is a best-effort scan, not a PDF parser: serving headers remain the real boundary.
import { constants, inflateSync } from "node:zlib";
import { UploadError } from "./upload-error.ts";

const BLOCKED_RAW = ["JavaScript", "Launch"];
const BLOCKED_IN_OBJECTS = ["JavaScript", "JS", "Launch"];
const EOF_WINDOW = 1024;
const OBJSTM_MAX_BYTES = 16 * 1024 * 1024; // one inflated object stream
const OBJSTM_TOTAL_BYTES = 64 * 1024 * 1024; // all of them together

// A PDF name: "/" then regular characters (anything but whitespace and delimiters).
const NAME = /\/([^\0\t\n\f\r ()<>[\]{}/%]*)/g;
// The "stream" keyword after a dictionary, followed by its end-of-line.
const STREAM = />>[\0\t\n\f\r ]*stream(?:\r\n|\n|\r)/g;

function* names(text: string): Generator<string> {
  for (const m of text.matchAll(NAME))
    yield m[1].replace(/#([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function assertNoActiveContent(text: string, blocked: readonly string[]): void {
  for (const n of names(text)) if (blocked.includes(n)) throw new UploadError("active-content", { name: n });
}

/** Object streams (dictionary says /ObjStm), inflated. Streams are found anywhere, even nested in other streams' data. */
function* objectStreams(bytes: Buffer, text: string): Generator<Buffer> {
  let budget = OBJSTM_TOTAL_BYTES;
  let regionStart = 0;
  for (const m of text.matchAll(STREAM)) {
    const dictEnd = m.index + 2;
    const dictNames = [...names(text.slice(regionStart, dictEnd))];
    regionStart = m.index + m[0].length;
    if (!dictNames.includes("ObjStm")) continue;
    const bodyEnd = text.indexOf("endstream", regionStart);
    if (bodyEnd < 0) throw new UploadError("corrupt", { reason: "unterminated object stream" });
    const body = bytes.subarray(regionStart, bodyEnd);
    const filters = dictNames.filter((n) => n.endsWith("Decode"));
    if (filters.length === 0) {
      yield body;
      continue;
    }
    if (filters.length > 1 || filters[0] !== "FlateDecode")
      throw new UploadError("corrupt", { reason: `object stream filter ${filters.join("+")}` });
    if (budget <= 0) throw new UploadError("corrupt", { reason: "object streams too large" });
    let inflated: Buffer;
    try {
      inflated = inflateSync(body, {
        maxOutputLength: Math.min(OBJSTM_MAX_BYTES, budget),
        finishFlush: constants.Z_SYNC_FLUSH,
      });
    } catch (e) {
      const tooBig = (e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE";
      throw new UploadError("corrupt", { reason: tooBig ? "object streams too large" : "bad object stream" });
    }
    budget -= inflated.length;
    yield inflated;
  }
}

export function inspectPdf(bytes: Buffer): void {
  const text = bytes.toString("latin1");
  if (!/^%PDF-\d\.\d/.test(text)) throw new UploadError("corrupt", { reason: "bad PDF header" });
  if (!text.slice(-EOF_WINDOW).includes("%%EOF")) throw new UploadError("corrupt", { reason: "no %%EOF (truncated?)" });

  const rawNames = new Set(names(text));
  if (rawNames.has("Encrypt")) throw new UploadError("encrypted");
  for (const n of BLOCKED_RAW) if (rawNames.has(n)) throw new UploadError("active-content", { name: n });
  for (const objects of objectStreams(bytes, text))
    assertNoActiveContent(objects.toString("latin1"), BLOCKED_IN_OBJECTS);
}
