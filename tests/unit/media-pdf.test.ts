// PDF uploads: stored byte-for-byte after header/EOF checks and an active-content scan.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { deflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inspectPdf } from "../../media/pdf.ts";
import { LocalMediaStorage } from "../../media/storage.ts";
import { contentTypeForKey, isUploadError, processUpload, type UploadErrorCode } from "../../media/uploads.ts";

/**
 * A real PDF: numbered objects (latin1 strings; "STREAM:<bytes>" bodies get a computed /Length),
 * a cross-reference table with correct byte offsets, trailer and %%EOF.
 */
function buildPdf(objects: (string | { dict: string; stream: Buffer })[], trailerExtra = ""): Buffer {
  const parts: Buffer[] = [Buffer.from("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", "latin1")];
  let length = parts[0].length;
  const push = (b: Buffer) => {
    parts.push(b);
    length += b.length;
  };
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(length);
    if (typeof obj === "string") push(Buffer.from(`${i + 1} 0 obj\n${obj}\nendobj\n`, "latin1"));
    else {
      push(Buffer.from(`${i + 1} 0 obj\n<< ${obj.dict} /Length ${obj.stream.length} >>\nstream\n`, "latin1"));
      push(obj.stream);
      push(Buffer.from("\nendstream\nendobj\n", "latin1"));
    }
  });
  const xref = length;
  const table = offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  push(
    Buffer.from(
      `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${table}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${xref}\n%%EOF\n`,
      "latin1",
    ),
  );
  return Buffer.concat(parts);
}

const page = (catalogExtra = "") => [
  `<< /Type /Catalog /Pages 2 0 R ${catalogExtra}>>`,
  "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
  "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
  // A Flate-compressed content stream: binary data the scanner must not trip over.
  {
    dict: "/Filter /FlateDecode",
    stream: deflateSync(Buffer.from("BT /F1 24 Tf 72 760 Td (CloudFair project deck) Tj ET\n")),
  },
  "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
];

function rejection(bytes: Buffer): { code: UploadErrorCode; params: Record<string, string | number> } {
  try {
    inspectPdf(bytes);
  } catch (e) {
    if (!isUploadError(e)) throw e;
    return { code: e.code, params: e.params };
  }
  throw new Error("expected an UploadError");
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "cloudfair-pdf-"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("the fixture", () => {
  it("is a structurally valid PDF (xref offsets point at their objects)", () => {
    const pdf = buildPdf(page());
    const text = pdf.toString("latin1");
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
    expect(text.slice(startxref, startxref + 4)).toBe("xref");
    const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets).toHaveLength(5);
    offsets.forEach((o, i) => expect(text.slice(o, o + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
  });
});

describe("processUpload: PDFs", () => {
  it("stores a clean PDF byte-for-byte under a content-addressed key", async () => {
    const storage = new LocalMediaStorage(root);
    const pdf = buildPdf(page());
    const stored = await processUpload(storage, {
      bytes: pdf,
      filename: "项目 路演.pdf",
      declaredType: "application/pdf",
      expect: "pdf",
      keyPrefix: "projects/p1",
    });
    expect(stored).toEqual({
      key: expect.stringMatching(/^projects\/p1\/[0-9a-f]{16}\.pdf$/),
      contentType: "application/pdf",
      bytes: pdf.length,
      originalName: "项目 路演.pdf",
    });
    expect(stored.thumbKey).toBeUndefined();
    expect((await storage.get(stored.key))?.equals(pdf)).toBe(true);
    expect(contentTypeForKey(stored.key)).toBe("application/pdf");
    const again = await processUpload(storage, {
      bytes: pdf,
      filename: "copy.pdf",
      expect: "pdf",
      keyPrefix: "projects/p1",
    });
    expect(again.key).toBe(stored.key);
  });

  it("rejects a PDF whose bytes are a PNG, and a PDF that is not what its .jpg name says", async () => {
    const storage = new LocalMediaStorage(root);
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
    await expect(
      processUpload(storage, { bytes: png, filename: "deck.pdf", expect: "pdf", keyPrefix: "projects/p2" }),
    ).rejects.toMatchObject({ code: "type-mismatch" });
    await expect(
      processUpload(storage, {
        bytes: buildPdf(page()),
        filename: "deck.jpg",
        expect: "pdf",
        keyPrefix: "projects/p2",
      }),
    ).rejects.toMatchObject({ code: "type-mismatch" });
    expect(await storage.exists("projects/p2")).toBe(false);
  });
});

describe("inspectPdf", () => {
  it("accepts a clean PDF, including CRLF line ends and trailing whitespace after %%EOF", () => {
    expect(() => inspectPdf(buildPdf(page()))).not.toThrow();
    const crlf = Buffer.from(buildPdf(page()).toString("latin1").replace(/\n/g, "\r\n") + "\r\n\r\n", "latin1");
    expect(() => inspectPdf(crlf)).not.toThrow();
    // URI links and an OpenAction that only sets the view are fine.
    expect(() =>
      inspectPdf(buildPdf(page("/OpenAction [3 0 R /Fit] /URI << /Base (https://cloudfair.cn/) >>"))),
    ).not.toThrow();
  });

  it("rejects a bad header and a truncated file as corrupt", () => {
    const pdf = buildPdf(page());
    expect(rejection(Buffer.concat([Buffer.from("%PDF-x"), pdf.subarray(6)])).code).toBe("corrupt");
    expect(rejection(pdf.subarray(0, Math.floor(pdf.length * 0.7)))).toEqual({
      code: "corrupt",
      params: { reason: "no %%EOF (truncated?)" },
    });
  });

  it("rejects JavaScript actions, also with #-escaped names", () => {
    const js = buildPdf([
      ...page("/OpenAction 6 0 R "),
      "<< /Type /Action /S /JavaScript /JS (app.alert\\('hi'\\)) >>",
    ]);
    expect(rejection(js)).toEqual({ code: "active-content", params: { name: "JavaScript" } });
    const escaped = buildPdf([
      ...page("/OpenAction 6 0 R "),
      "<< /Type /Action /S /J#61vaScr#69pt /J#53 (app.alert\\(1\\)) >>",
    ]);
    expect(escaped.includes("JavaScript")).toBe(false);
    expect(rejection(escaped)).toEqual({ code: "active-content", params: { name: "JavaScript" } });
    const namesTree = buildPdf([
      ...page("/Names << /JavaScript 6 0 R >> "),
      "<< /Names [(init) 7 0 R] >>",
      "<< /S /JavaScript /JS (this.print\\(\\)) >>",
    ]);
    expect(rejection(namesTree).code).toBe("active-content");
  });

  it("rejects Launch actions", () => {
    const launch = buildPdf([...page("/OpenAction 6 0 R "), "<< /S /Launch /F (cmd.exe) >>"]);
    expect(rejection(launch)).toEqual({ code: "active-content", params: { name: "Launch" } });
  });

  it("finds JavaScript hidden in a compressed object stream", () => {
    const objects = "6 0 7 60 ";
    const body = `<< /S /JavaScript /JS 7 0 R >>`.padEnd(60, " ") + "(app.alert\\(1\\))";
    const objStm = {
      dict: `/Type /ObjStm /N 2 /First ${objects.length} /Filter /FlateDecode`,
      stream: deflateSync(Buffer.from(objects + body, "latin1")),
    };
    const hidden = buildPdf([...page("/OpenAction 6 0 R "), objStm]);
    expect(hidden.includes("JavaScript")).toBe(false); // invisible to a plain byte scan
    expect(rejection(hidden)).toEqual({ code: "active-content", params: { name: "JavaScript" } });

    // An object stream of harmless objects passes.
    const clean = {
      dict: `/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode`,
      stream: deflateSync(Buffer.from("6 0 << /Title (Deck) >>", "latin1")),
    };
    expect(() => inspectPdf(buildPdf([...page(), clean]))).not.toThrow();
    // One we cannot decode is refused rather than waved through.
    const broken = {
      dict: `/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode`,
      stream: Buffer.from("not zlib data at all"),
    };
    expect(rejection(buildPdf([...page(), broken])).code).toBe("corrupt");
    const lzw = {
      dict: `/Type /ObjStm /N 1 /First 4 /Filter /LZWDecode`,
      stream: Buffer.from("\x80\x0b\x60\x50", "latin1"),
    };
    expect(rejection(buildPdf([...page(), lzw]))).toEqual({
      code: "corrupt",
      params: { reason: "object stream filter LZWDecode" },
    });
  });

  it("rejects an object stream that inflates beyond its budget", () => {
    const bomb = {
      dict: `/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode`,
      stream: deflateSync(Buffer.alloc(17 * 1024 * 1024, 0x20)),
    };
    expect(bomb.stream.length).toBeLessThan(100_000);
    expect(rejection(buildPdf([...page(), bomb]))).toEqual({
      code: "corrupt",
      params: { reason: "object streams too large" },
    });
  });

  it("rejects encrypted PDFs, which cannot be inspected", () => {
    const encrypted = buildPdf(
      [...page(), "<< /Filter /Standard /V 2 /R 3 /Length 128 /P -1340 /O <00> /U <00> >>"],
      "/Encrypt 6 0 R /ID [<01> <01>] ",
    );
    expect(rejection(encrypted)).toEqual({ code: "encrypted", params: {} });
  });
});
