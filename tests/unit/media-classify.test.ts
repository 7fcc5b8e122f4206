// Magic-byte sniffing, what names/MIME types claim, and the rejection codes that follow from them.
import { describe, expect, it } from "vitest";
import { claimedFormats, sniffFormat } from "../../media/sniff.ts";
import {
  DEFAULT_UPLOAD_LIMITS,
  IMAGE_VARIANTS,
  UploadError,
  classifyUpload,
  contentTypeForKey,
  isUploadError,
  sanitizeOriginalName,
  type UploadErrorCode,
} from "../../media/uploads.ts";

const PNG_SIG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const png = Buffer.concat([PNG_SIG, Buffer.alloc(24)]);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const gif = Buffer.from("GIF89a\x01\x00\x01\x00", "latin1");
const webp = Buffer.concat([Buffer.from("RIFF"), Buffer.from([0x24, 0, 0, 0]), Buffer.from("WEBPVP8 ")]);
const pdf = Buffer.from("%PDF-1.7\n%%EOF\n");
const text = Buffer.from("just some notes, definitely not a photo\n");

function rejection(fn: () => unknown): { code: UploadErrorCode; params: Record<string, string | number> } {
  try {
    fn();
  } catch (e) {
    if (!isUploadError(e)) throw e;
    return { code: e.code, params: e.params };
  }
  throw new Error("expected an UploadError");
}

describe("sniffFormat", () => {
  it("recognizes each accepted format by its magic bytes only", () => {
    expect(sniffFormat(png)).toBe("png");
    expect(sniffFormat(jpeg)).toBe("jpeg");
    expect(sniffFormat(gif)).toBe("gif");
    expect(sniffFormat(Buffer.from("GIF87a"))).toBe("gif");
    expect(sniffFormat(webp)).toBe("webp");
    expect(sniffFormat(pdf)).toBe("pdf");
  });

  it("returns null for everything else, including near misses", () => {
    expect(sniffFormat(Buffer.alloc(0))).toBeNull();
    expect(sniffFormat(text)).toBeNull();
    expect(sniffFormat(PNG_SIG.subarray(0, 7))).toBeNull(); // truncated signature
    expect(sniffFormat(Buffer.from("RIFF\0\0\0\0WAVEfmt "))).toBeNull(); // RIFF but audio
    expect(sniffFormat(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffFormat(Buffer.from("junk%PDF-1.4"))).toBeNull(); // header must open the file
    expect(sniffFormat(Buffer.from("PK\x03\x04"))).toBeNull();
  });
});

describe("claimedFormats", () => {
  it("reads the extension and the declared MIME type, ignoring unknown ones", () => {
    expect(claimedFormats("Photo.JPG")).toEqual(["jpeg"]);
    expect(claimedFormats("scan.jpeg", "image/png")).toEqual(["jpeg", "png"]);
    expect(claimedFormats("deck.pdf", "application/pdf; charset=binary")).toEqual(["pdf", "pdf"]);
    expect(claimedFormats("notes.txt", "text/plain")).toEqual([]);
    expect(claimedFormats("blob", "application/octet-stream")).toEqual([]);
    expect(claimedFormats("blob", "")).toEqual([]);
  });
});

describe("classifyUpload", () => {
  it("accepts matching bytes and tolerates a wrong image extension (it is re-encoded anyway)", () => {
    expect(classifyUpload({ bytes: png, filename: "logo.png", declaredType: "image/png", expect: "image" })).toBe(
      "png",
    );
    expect(classifyUpload({ bytes: jpeg, filename: "IMG_0001.png", expect: "image" })).toBe("jpeg");
    expect(
      classifyUpload({ bytes: webp, filename: "blob", declaredType: "application/octet-stream", expect: "image" }),
    ).toBe("webp");
    expect(classifyUpload({ bytes: pdf, filename: "deck.pdf", expect: "pdf" })).toBe("pdf");
  });

  it("rejects a PNG renamed .pdf in a PDF field as type-mismatch", () => {
    expect(
      rejection(() =>
        classifyUpload({ bytes: png, filename: "deck.pdf", declaredType: "application/pdf", expect: "pdf" }),
      ),
    ).toEqual({
      code: "type-mismatch",
      params: { expected: "pdf", claimed: "pdf", detected: "png" },
    });
  });

  it("rejects a text file named .jpg in an image field as type-mismatch", () => {
    expect(rejection(() => classifyUpload({ bytes: text, filename: "holiday.jpg", expect: "image" }))).toEqual({
      code: "type-mismatch",
      params: { expected: "image", claimed: "jpeg", detected: "unknown" },
    });
    // The declared type alone is a claim too.
    expect(
      rejection(() => classifyUpload({ bytes: text, filename: "upload", declaredType: "image/jpeg", expect: "image" }))
        .code,
    ).toBe("type-mismatch");
  });

  it("rejects a PDF named .jpg even in a PDF field, and an image named .pdf in an image field", () => {
    expect(rejection(() => classifyUpload({ bytes: pdf, filename: "deck.jpg", expect: "pdf" })).params).toEqual({
      expected: "pdf",
      claimed: "jpeg",
      detected: "pdf",
    });
    expect(rejection(() => classifyUpload({ bytes: png, filename: "logo.pdf", expect: "image" })).code).toBe(
      "type-mismatch",
    );
  });

  it("calls honest files of the wrong kind, and unknown formats, unsupported-type", () => {
    expect(rejection(() => classifyUpload({ bytes: png, filename: "logo.png", expect: "pdf" }))).toEqual({
      code: "unsupported-type",
      params: { expected: "pdf", detected: "png" },
    });
    expect(rejection(() => classifyUpload({ bytes: pdf, filename: "deck.pdf", expect: "image" })).code).toBe(
      "unsupported-type",
    );
    expect(rejection(() => classifyUpload({ bytes: text, filename: "notes.txt", expect: "image" }))).toEqual({
      code: "unsupported-type",
      params: { expected: "image" },
    });
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>');
    expect(
      rejection(() =>
        classifyUpload({ bytes: svg, filename: "logo.svg", declaredType: "image/svg+xml", expect: "image" }),
      ).code,
    ).toBe("unsupported-type");
  });

  it("rejects empty files", () => {
    expect(rejection(() => classifyUpload({ bytes: Buffer.alloc(0), filename: "logo.png", expect: "image" }))).toEqual({
      code: "empty",
      params: {},
    });
  });

  it("rejects files over the default limits (10 MiB images, 20 MiB PDFs) with maxMb", () => {
    const MiB = 1024 * 1024;
    expect(DEFAULT_UPLOAD_LIMITS).toEqual({ imageBytes: 10 * MiB, pdfBytes: 20 * MiB, maxInputPixels: 40_000_000 });
    const bigImage = Buffer.alloc(10 * MiB + 1);
    PNG_SIG.copy(bigImage);
    expect(rejection(() => classifyUpload({ bytes: bigImage, filename: "huge.png", expect: "image" }))).toEqual({
      code: "too-large",
      params: { maxMb: 10 },
    });
    // Exactly at the limit is fine as far as size goes.
    expect(classifyUpload({ bytes: bigImage.subarray(0, 10 * MiB), filename: "huge.png", expect: "image" })).toBe(
      "png",
    );
    const bigPdf = Buffer.alloc(20 * MiB + 1);
    bigPdf.write("%PDF-1.7\n");
    expect(rejection(() => classifyUpload({ bytes: bigPdf, filename: "deck.pdf", expect: "pdf" }))).toEqual({
      code: "too-large",
      params: { maxMb: 20 },
    });
    expect(classifyUpload({ bytes: bigPdf.subarray(0, 20 * MiB), filename: "deck.pdf", expect: "pdf" })).toBe("pdf");
    // A PDF between the two limits is too large for an image field (size is checked against the field).
    expect(
      rejection(() => classifyUpload({ bytes: bigPdf.subarray(0, 15 * MiB), filename: "deck.pdf", expect: "image" }))
        .code,
    ).toBe("too-large");
  });

  it("uses injected limits", () => {
    const limits = { ...DEFAULT_UPLOAD_LIMITS, imageBytes: 16 };
    expect(rejection(() => classifyUpload({ bytes: png, filename: "a.png", expect: "image" }, limits)).code).toBe(
      "too-large",
    );
    expect(classifyUpload({ bytes: png.subarray(0, 16), filename: "a.png", expect: "image" }, limits)).toBe("png");
  });
});

describe("UploadError", () => {
  it("is an Error carrying code and params", () => {
    const e = new UploadError("too-large", { maxMb: 10 });
    expect(e).toBeInstanceOf(Error);
    expect(isUploadError(e)).toBe(true);
    expect(isUploadError(new Error("x"))).toBe(false);
    expect(e.name).toBe("UploadError");
    expect(e.message).toBe('upload rejected: too-large {"maxMb":10}');
  });
});

describe("image variants", () => {
  it("bounds logos to 512 px and banners/gallery to 1600 px, with thumbnails", () => {
    expect(IMAGE_VARIANTS).toEqual({
      logo: { maxSide: 512, thumbSide: 128 },
      banner: { maxSide: 1600, thumbSide: 400 },
      gallery: { maxSide: 1600, thumbSide: 400 },
    });
  });
});

describe("contentTypeForKey", () => {
  it("maps stored extensions and refuses to guess the rest", () => {
    expect(contentTypeForKey("booths/b1/0123456789abcdef.webp")).toBe("image/webp");
    expect(contentTypeForKey("booths/b1/0123456789abcdef.thumb.webp")).toBe("image/webp");
    expect(contentTypeForKey("booths/b1/0123456789abcdef.pdf")).toBe("application/pdf");
    expect(contentTypeForKey("booths/b1/logo.svg")).toBe("image/svg+xml");
    expect(contentTypeForKey("booths/b1/a.PNG")).toBe("image/png");
    expect(contentTypeForKey("booths/b1/a.jpg")).toBe("image/jpeg");
    expect(contentTypeForKey("booths/b1/a.jpeg")).toBe("image/jpeg");
    expect(contentTypeForKey("booths/b1/a.gif")).toBe("image/gif");
    expect(contentTypeForKey("booths/b1/a.html")).toBe("application/octet-stream");
    expect(contentTypeForKey("booths/b1/noext")).toBe("application/octet-stream");
  });
});

describe("sanitizeOriginalName", () => {
  it("drops directories, control and bidi characters", () => {
    expect(sanitizeOriginalName("C:\\Users\\ada\\Desktop\\brochure.pdf")).toBe("brochure.pdf");
    expect(sanitizeOriginalName("../../etc/passwd")).toBe("passwd");
    expect(sanitizeOriginalName("evil\u202Egpj.exe")).toBe("evilgpj.exe");
    expect(sanitizeOriginalName("line\r\nbreak\t\0.png")).toBe("line break .png");
    expect(sanitizeOriginalName("  展会  手册.pdf ")).toBe("展会 手册.pdf");
    expect(sanitizeOriginalName("")).toBe("file");
    expect(sanitizeOriginalName("dir/")).toBe("file");
  });

  it("caps the length at 120 characters, keeping the extension", () => {
    const long = sanitizeOriginalName(`${"项".repeat(300)}.pdf`);
    expect([...long]).toHaveLength(120);
    expect(long.endsWith("….pdf")).toBe(true);
    expect(sanitizeOriginalName("a".repeat(120))).toBe("a".repeat(120));
    expect([...sanitizeOriginalName("b".repeat(500))]).toHaveLength(120);
  });
});
