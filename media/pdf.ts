// Checks before a PDF is stored byte-for-byte (ADR 006):
// - "%PDF-x.y" opens the file and "%%EOF" is near its end (catches truncated uploads);
// - not encrypted (we could not inspect it);
// - no active content. The file is parsed with pdf-lib: every indirect object, every earlier
//   definition an incremental update replaced, and every object inside an object stream (Flate,
//   with or without a PNG/TIFF predictor, which pdf-lib itself ignores) is walked, and these are
//   refused wherever they appear as a name (key or value): JavaScript / JS, Launch, SubmitForm,
//   ImportData, GoToE, GoToR, RichMedia(Execute), EmbeddedFile(s), FileAttachment, XFA,
//   OnInstantiate; and any /URI whose target is not http(s), mailto or a bare "www." address.
//   /OpenAction and /AA only point at action objects, which are walked like every other object.
// - Defence in depth, independent of the parser: the strong names and the /URI strings are also
//   looked for in the raw bytes and in every decoded object stream, with #xx escapes decoded
//   case-insensitively (pdf-lib decodes only upper-case hex digits in names).
// Decoding is bounded (16 MiB per stream, 64 MiB per file), so a Flate bomb is refused, not inflated.
import { constants, inflateSync } from "node:zlib";
import {
  PDFArray,
  PDFContext,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFObject,
  PDFObjectStreamParser,
  PDFParser,
  PDFRawStream,
  PDFString,
  PDFXRefStreamParser,
} from "pdf-lib";
import { UploadError } from "./upload-error.ts";

/** Refused wherever they occur as a name; long enough to look for in raw (possibly binary) bytes too. */
const BLOCKED_RAW = [
  "JavaScript", // /S /JavaScript actions, the /Names /JavaScript tree
  "Launch", // runs a program or opens a file
  "SubmitForm", // sends form data to a URL
  "ImportData", // reads a file into the form
  "GoToE", // jumps into an embedded file
  "GoToR", // opens another file, possibly a UNC path (leaks credentials on Windows)
  "RichMedia", // Flash / rich media annotations
  "RichMediaExecute",
  "EmbeddedFile", // files inside the PDF: nothing we could inspect (executables, nested PDFs)
  "EmbeddedFiles",
  "FileAttachment",
];
/** Short or only meaningful as a parsed name (3 bytes like "/JS" occur in binary data by chance). */
const BLOCKED = new Set([...BLOCKED_RAW, "JS", "XFA", "OnInstantiate"]);
const ALLOWED_SCHEMES = new Set(["http", "https", "mailto"]);

const EOF_WINDOW = 1024;
const STREAM_MAX_BYTES = 16 * 1024 * 1024; // one decoded object or xref stream
const TOTAL_MAX_BYTES = 64 * 1024 * 1024; // all of them together
const OBJECTS_PER_TICK = 2000; // let the event loop breathe while a large file is parsed
// Parsing costs ~15 µs and ~1.5 KB per object: 20 MiB of tiny objects (800k) took 14 s and 1.2 GB.
// A 1,000-page deck has some tens of thousands.
const MAX_OBJECTS = 100_000;

const active = (name: string) => new UploadError("active-content", { name });
const corrupt = (reason: string) => new UploadError("corrupt", { reason });

/** PDF name escapes, decoded case-insensitively (viewers accept "#4a" as well as "#4A"). */
const decodeName = (name: string) =>
  name.replace(/#([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

// ---------------------------------------------------------------------------------------------
// Raw scan (defence in depth)

// A PDF name: "/" then regular characters (anything but whitespace and delimiters).
const NAME = /\/([^\0\t\n\f\r ()<>[\]{}/%]*)/g;

function* names(text: string): Generator<string> {
  for (const m of text.matchAll(NAME)) yield decodeName(m[1]);
}

/** The bytes of the literal or hex string starting at `at` ("(" or "<"), at most `max` of them. */
function stringPrefix(text: string, at: number, max = 256): Uint8Array {
  const out: number[] = [];
  if (text[at] === "<") {
    const hex = /^<([0-9a-fA-F\s]*)/.exec(text.slice(at, at + 2 * max + 64))?.[1].replace(/\s/g, "") ?? "";
    for (let i = 0; i + 1 < hex.length && out.length < max; i += 2) out.push(parseInt(hex.slice(i, i + 2), 16));
    return Uint8Array.from(out);
  }
  const ESC: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };
  let depth = 0;
  for (let i = at + 1; i < text.length && out.length < max; i++) {
    const c = text[i];
    if (c === "\\") {
      const n = text[++i] ?? "";
      const oct = /^[0-7]{1,3}/.exec(text.slice(i, i + 3))?.[0];
      if (oct) {
        out.push(parseInt(oct, 8) & 0xff);
        i += oct.length - 1;
      } else if (n === "\r" || n === "\n") {
        if (n === "\r" && text[i + 1] === "\n") i++; // line continuation
      } else out.push(ESC[n] ?? n.charCodeAt(0));
    } else if (c === "(") {
      depth++;
      out.push(40);
    } else if (c === ")") {
      if (depth-- === 0) break;
      out.push(41);
    } else out.push(c.charCodeAt(0) & 0xff);
  }
  return Uint8Array.from(out);
}

/** Blocked names and /URI strings in text that was not parsed: the raw file, decoded object streams. */
function scanText(text: string, blocked: readonly string[]): void {
  for (const n of names(text)) if (blocked.includes(n)) throw active(n);
  for (const m of text.matchAll(/\/URI[\0\t\n\f\r ]*(\(|<(?!<))/g)) {
    if (!uriAllowed(stringPrefix(text, m.index + m[0].length - 1))) throw active("URI");
  }
}

// ---------------------------------------------------------------------------------------------
// Links

function pdfText(bytes: Uint8Array): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder().decode(bytes.subarray(3));
  return Buffer.from(bytes).toString("latin1");
}

/** http(s), mailto, or "www.…" (which viewers open as http). Anything else — javascript:, file:, data:, relative — is not. */
export function uriAllowed(bytes: Uint8Array): boolean {
  // As a browser's URL parser would: leading/trailing C0 controls and spaces go, tabs and newlines vanish.
  const uri = pdfText(bytes)
    .replace(/^[\0-\x20]+|[\0-\x20]+$/g, "")
    .replace(/[\t\n\r]/g, "");
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(uri)?.[1];
  if (scheme) return ALLOWED_SCHEMES.has(scheme.toLowerCase());
  return /^www\.[^\s:/?#]+(?:[/?#]|$)/i.test(uri);
}

// ---------------------------------------------------------------------------------------------
// Bounded stream decoding (Flate + predictors); pdf-lib would inflate without limit and ignores
// /DecodeParms predictors.

interface Inspection {
  budget: number;
  /** The first refusal from inside pdf-lib's parser, which would otherwise report it as a parse error. */
  refusal?: UploadError;
  /** Every object the parser produced, earlier definitions and object-stream members included. */
  objects: PDFObject[];
  expanded: Set<PDFRawStream>;
}
const inspections = new WeakMap<PDFContext, Inspection>();

const num = (dict: PDFDict | undefined, key: string, fallback: number): number => {
  const v = dict?.lookup(PDFName.of(key));
  if (v === undefined) return fallback;
  if (!(v instanceof PDFNumber) || !Number.isInteger(v.asNumber())) throw corrupt(`bad /${key}`);
  return v.asNumber();
};

/** Undoes a TIFF (2) or PNG (10–15) predictor (PDF 32000-1 §7.4.4.4). */
export function unpredict(data: Buffer, parms: PDFDict | undefined): Buffer {
  const predictor = num(parms, "Predictor", 1);
  if (predictor === 1) return data;
  const colors = num(parms, "Colors", 1);
  const bpc = num(parms, "BitsPerComponent", 8);
  const columns = num(parms, "Columns", 1);
  if (colors < 1 || colors > 64 || ![1, 2, 4, 8, 16].includes(bpc) || columns < 1 || columns > 1 << 20)
    throw corrupt("bad predictor parameters");
  const bpp = Math.max(1, Math.ceil((colors * bpc) / 8));
  const rowLength = Math.ceil((colors * bpc * columns) / 8);
  if (predictor === 2) {
    if (bpc !== 8) throw corrupt("unsupported TIFF predictor");
    const out = Buffer.from(data);
    for (let row = 0; row < out.length; row += rowLength)
      for (let i = row + bpp; i < Math.min(row + rowLength, out.length); i++) out[i] = (out[i] + out[i - bpp]) & 0xff;
    return out;
  }
  if (predictor < 10 || predictor > 15) throw corrupt(`unknown predictor ${predictor}`);
  const rows = Math.ceil(data.length / (rowLength + 1));
  const out = Buffer.alloc(rows * rowLength);
  let written = 0;
  for (let r = 0; r < rows; r++) {
    const src = r * (rowLength + 1);
    const type = data[src];
    const n = Math.min(rowLength, data.length - src - 1);
    const at = r * rowLength;
    for (let i = 0; i < n; i++) {
      const raw = data[src + 1 + i];
      const left = i >= bpp ? out[at + i - bpp] : 0;
      const up = r > 0 ? out[at - rowLength + i] : 0;
      const upLeft = r > 0 && i >= bpp ? out[at - rowLength + i - bpp] : 0;
      let v: number;
      switch (type) {
        case 0:
          v = raw;
          break;
        case 1:
          v = raw + left;
          break;
        case 2:
          v = raw + up;
          break;
        case 3:
          v = raw + ((left + up) >> 1);
          break;
        case 4: {
          const p = left + up - upLeft;
          const pa = Math.abs(p - left);
          const pb = Math.abs(p - up);
          const pc = Math.abs(p - upLeft);
          v = raw + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
          break;
        }
        default:
          throw corrupt(`bad PNG predictor row type ${type}`);
      }
      out[at + i] = v & 0xff;
    }
    written = at + Math.max(n, 0);
  }
  return out.subarray(0, written);
}

/** The decoded bytes of an object or xref stream, within the file's budget. */
function decodeBounded(stream: PDFRawStream, kind: "object" | "xref", inspection: Inspection): Buffer {
  const filter = stream.dict.lookup(PDFName.of("Filter"));
  const filters =
    filter === undefined
      ? []
      : filter instanceof PDFName
        ? [filter]
        : filter instanceof PDFArray
          ? filter.asArray().map((f) => stream.dict.context.lookup(f))
          : [filter];
  const filterNames = filters.map((f) => (f instanceof PDFName ? decodeName(f.decodeText()) : String(f)));
  const body = Buffer.from(stream.getContents());
  if (filterNames.length === 0) return body;
  if (filterNames.length > 1 || filterNames[0] !== "FlateDecode")
    throw corrupt(`${kind} stream filter ${filterNames.join("+")}`);
  if (inspection.budget <= 0) throw corrupt(`${kind} streams too large`);
  let inflated: Buffer;
  try {
    inflated = inflateSync(body, {
      maxOutputLength: Math.min(STREAM_MAX_BYTES, inspection.budget),
      finishFlush: constants.Z_SYNC_FLUSH,
    });
  } catch (e) {
    const tooBig = (e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE";
    throw corrupt(tooBig ? `${kind} streams too large` : `bad ${kind} stream`);
  }
  inspection.budget -= inflated.length;
  const parms = stream.dict.lookup(PDFName.of("DecodeParms"));
  const first = parms instanceof PDFArray ? parms.lookup(0) : parms;
  if (first !== undefined && !(first instanceof PDFDict)) throw corrupt("bad /DecodeParms");
  return unpredict(inflated, first);
}

/** The stream with its filters applied: what pdf-lib's own parsers then read undecoded. */
function decodedCopy(stream: PDFRawStream, kind: "object" | "xref", inspection: Inspection): PDFRawStream {
  let bytes: Buffer;
  try {
    bytes = decodeBounded(stream, kind, inspection);
    if (kind === "object") scanText(bytes.toString("latin1"), [...BLOCKED]);
  } catch (e) {
    if (e instanceof UploadError) inspection.refusal ??= e;
    throw e;
  }
  const dict = stream.dict.clone();
  dict.delete(PDFName.of("Filter"));
  dict.delete(PDFName.of("DecodeParms"));
  return PDFRawStream.of(dict, bytes);
}

// pdf-lib decodes object and xref streams itself while parsing. For files under inspection, hand
// it a bounded, predictor-aware decoded copy instead; any other use of pdf-lib is left alone.
const objectStreamParser = PDFObjectStreamParser.forStream;
PDFObjectStreamParser.forStream = (stream, shouldWaitForTick) => {
  const inspection = inspections.get(stream.dict.context);
  if (!inspection) return objectStreamParser(stream, shouldWaitForTick);
  inspection.expanded.add(stream);
  inspection.objects.push(stream.dict);
  return objectStreamParser(decodedCopy(stream, "object", inspection), shouldWaitForTick);
};
const xrefStreamParser = PDFXRefStreamParser.forStream;
PDFXRefStreamParser.forStream = (stream) => {
  const inspection = inspections.get(stream.dict.context);
  if (!inspection) return xrefStreamParser(stream);
  inspection.objects.push(stream.dict);
  return xrefStreamParser(decodedCopy(stream, "xref", inspection));
};

// ---------------------------------------------------------------------------------------------
// The structured check

/** Parses the file with pdf-lib and returns every object it holds (see Inspection.objects). */
async function parseObjects(bytes: Uint8Array): Promise<{ objects: PDFObject[]; context: PDFContext }> {
  const parser = PDFParser.forBytesWithOptions(bytes, OBJECTS_PER_TICK, true);
  const context = (parser as unknown as { context: PDFContext }).context;
  const inspection: Inspection = { budget: TOTAL_MAX_BYTES, objects: [], expanded: new Set() };
  inspections.set(context, inspection);
  const assign = context.assign.bind(context);
  context.assign = (ref, object) => {
    if (inspection.objects.length >= MAX_OBJECTS) throw (inspection.refusal ??= corrupt("too many objects"));
    inspection.objects.push(object);
    assign(ref, object);
  };
  try {
    await parser.parseDocument();
  } catch (e) {
    throw inspection.refusal ?? e;
  }
  // A viewer reads any stream with /First and /N as an object stream when the xref says an object
  // lives there, whatever its /Type. Expand those too (pdf-lib only expands /Type /ObjStm).
  for (let i = 0; i < inspection.objects.length; i++) {
    const o = inspection.objects[i];
    if (!(o instanceof PDFRawStream) || inspection.expanded.has(o)) continue;
    if (!o.dict.has(PDFName.of("First")) || !o.dict.has(PDFName.of("N"))) continue;
    await PDFObjectStreamParser.forStream(o).parseIntoContext();
  }
  return { objects: inspection.objects, context };
}

function assertNoActiveObjects(objects: PDFObject[]): void {
  const stack: { o: PDFObject; depth: number }[] = objects.map((o) => ({ o, depth: 0 }));
  while (stack.length) {
    const { o, depth } = stack.pop()!;
    if (depth > 256) throw corrupt("objects nested too deeply");
    if (o instanceof PDFName) {
      const n = decodeName(o.decodeText());
      if (BLOCKED.has(n)) throw active(n);
    } else if (o instanceof PDFArray) {
      for (const x of o.asArray()) stack.push({ o: x, depth: depth + 1 });
    } else if (o instanceof PDFDict || o instanceof PDFRawStream) {
      const dict = o instanceof PDFRawStream ? o.dict : o;
      for (const [key, value] of dict.entries()) {
        const k = decodeName(key.decodeText());
        if (BLOCKED.has(k)) throw active(k);
        if (k === "URI") assertUri(dict, key);
        // A name value is judged right away, so "/S /JavaScript /JS (…)" is reported as JavaScript.
        if (value instanceof PDFName) {
          const v = decodeName(value.decodeText());
          if (BLOCKED.has(v)) throw active(v);
        } else stack.push({ o: value, depth: depth + 1 });
      }
    }
  }
}

/** A /URI entry: a string must be an allowed link; in a URI action (/S /URI) it must be a string. */
function assertUri(dict: PDFDict, key: PDFName): void {
  const value = dict.lookup(key);
  if (value instanceof PDFString || value instanceof PDFHexString) {
    if (!uriAllowed(value.asBytes())) throw active("URI");
    return;
  }
  const s = dict.lookup(PDFName.of("S"));
  if (s instanceof PDFName && decodeName(s.decodeText()) === "URI") throw active("URI");
}

export async function inspectPdf(bytes: Buffer): Promise<void> {
  const text = bytes.toString("latin1");
  if (!/^%PDF-\d\.\d/.test(text)) throw corrupt("bad PDF header");
  if (!text.slice(-EOF_WINDOW).includes("%%EOF")) throw corrupt("no %%EOF (truncated?)");

  const rawNames = new Set(names(text));
  if (rawNames.has("Encrypt")) throw new UploadError("encrypted");
  scanText(text, BLOCKED_RAW);
  const header = /\d[\0\t\n\f\r ]+obj\b/g;
  for (let headers = 0; header.exec(text);) if (++headers > MAX_OBJECTS) throw corrupt("too many objects");

  let parsed: Awaited<ReturnType<typeof parseObjects>>;
  try {
    parsed = await parseObjects(bytes);
  } catch (e) {
    if (e instanceof UploadError) throw e;
    throw corrupt("unreadable PDF structure");
  }
  if (parsed.context.trailerInfo.Encrypt) throw new UploadError("encrypted");
  assertNoActiveObjects(parsed.objects);
}
