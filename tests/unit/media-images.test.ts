// Image uploads end to end: sharp-generated fixtures in, metadata-free WebP + thumbnail out,
// stored in a LocalMediaStorage under a temp dir.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalMediaStorage, type MediaStorage } from "../../media/storage.ts";
import {
  contentTypeForKey,
  isUploadError,
  processUpload,
  type UploadInput,
  type UploadLimits,
} from "../../media/uploads.ts";

let root: string;
let storage: LocalMediaStorage;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "cloudfair-media-"));
  storage = new LocalMediaStorage(root);
});
afterAll(() => rm(root, { recursive: true, force: true }));

const RED = { r: 255, g: 0, b: 0 };
const BLUE = { r: 0, g: 0, b: 255 };
const solid = (width: number, height: number, background: { r: number; g: number; b: number }) =>
  sharp({ create: { width, height, channels: 3, background } });
const noise = (width: number, height: number) =>
  sharp({
    create: { width, height, channels: 3, background: "#000", noise: { type: "gaussian", mean: 128, sigma: 40 } },
  });

/** RGB of one pixel of an encoded image. */
async function pixel(image: Buffer, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return [data[i], data[i + 1], data[i + 2]];
}

class RecordingStorage implements MediaStorage {
  puts: string[] = [];
  async put(key: string) {
    this.puts.push(key);
  }
  async get() {
    return null;
  }
  async exists() {
    return false;
  }
}

async function rejectionCode(input: Omit<UploadInput, "keyPrefix">, limits?: Partial<UploadLimits>) {
  const recording = new RecordingStorage();
  try {
    await processUpload(recording, { keyPrefix: "booths/b1", ...input }, { limits });
  } catch (e) {
    if (!isUploadError(e)) throw e;
    expect(recording.puts).toEqual([]); // nothing stored on rejection
    return { code: e.code, params: e.params };
  }
  throw new Error("expected an UploadError");
}

/** A PNG that declares width × height pixels but carries only a few bytes of data. */
function pngWithDimensions(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.alloc(4096))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

describe("processUpload: images", () => {
  it("stores a PNG as bounded WebP plus thumbnail under content-addressed keys", async () => {
    const input = await noise(2000, 1000).png().toBuffer();
    const stored = await processUpload(storage, {
      bytes: input,
      filename: "uploads/展台 照片.png",
      declaredType: "image/png",
      expect: "image",
      keyPrefix: "booths/b1",
    });

    expect(stored).toMatchObject({
      contentType: "image/webp",
      width: 1600,
      height: 800,
      originalName: "展台 照片.png",
    });
    expect(stored.key).toMatch(/^booths\/b1\/[0-9a-f]{16}\.webp$/);
    expect(stored.thumbKey).toMatch(/^booths\/b1\/[0-9a-f]{16}\.thumb\.webp$/);
    expect(contentTypeForKey(stored.key)).toBe("image/webp");

    const main = await storage.get(stored.key);
    const thumb = await storage.get(stored.thumbKey!);
    expect(main?.length).toBe(stored.bytes);
    const mainMeta = await sharp(main!).metadata();
    expect([mainMeta.format, mainMeta.width, mainMeta.height]).toEqual(["webp", 1600, 800]);
    const thumbMeta = await sharp(thumb!).metadata();
    expect([thumbMeta.format, thumbMeta.width, thumbMeta.height]).toEqual(["webp", 400, 200]);
    expect((await readdir(path.join(root, "booths/b1"))).sort()).toEqual(
      [stored.key, stored.thumbKey!].map((k) => path.basename(k)).sort(),
    );
  });

  it("gives the same upload the same keys, and different content different keys", async () => {
    const input = await solid(300, 200, RED).png().toBuffer();
    const a = await processUpload(storage, {
      bytes: input,
      filename: "a.png",
      expect: "image",
      keyPrefix: "booths/b2",
    });
    const b = await processUpload(storage, {
      bytes: input,
      filename: "b.png",
      expect: "image",
      keyPrefix: "booths/b2",
    });
    expect(b.key).toBe(a.key);
    expect(b.thumbKey).toBe(a.thumbKey);
    const c = await processUpload(storage, {
      bytes: await solid(300, 200, BLUE).png().toBuffer(),
      filename: "a.png",
      expect: "image",
      keyPrefix: "booths/b2",
    });
    expect(c.key).not.toBe(a.key);
    // Same pixels as a logo: a smaller thumbnail, so its own key.
    const logo = await processUpload(storage, {
      bytes: input,
      filename: "a.png",
      expect: "image",
      keyPrefix: "booths/b2",
      variant: "logo",
    });
    expect(logo.thumbKey).not.toBe(a.thumbKey);
  });

  it("bounds logos to 512 px and never enlarges small images", async () => {
    const input = await noise(2000, 1000).jpeg().toBuffer();
    const logo = await processUpload(storage, {
      bytes: input,
      filename: "logo.jpg",
      expect: "image",
      keyPrefix: "booths/b3",
      variant: "logo",
    });
    expect([logo.width, logo.height]).toEqual([512, 256]);
    const thumbMeta = await sharp((await storage.get(logo.thumbKey!))!).metadata();
    expect([thumbMeta.width, thumbMeta.height]).toEqual([128, 64]);

    const tiny = await processUpload(storage, {
      bytes: await solid(100, 50, RED).png().toBuffer(),
      filename: "t.png",
      expect: "image",
      keyPrefix: "booths/b3",
      variant: "banner",
    });
    expect([tiny.width, tiny.height]).toEqual([100, 50]);
    const tinyThumb = await sharp((await storage.get(tiny.thumbKey!))!).metadata();
    expect([tinyThumb.width, tinyThumb.height]).toEqual([100, 50]);
  });

  it("auto-rotates a JPEG by its EXIF orientation and strips EXIF and GPS", async () => {
    // 80×40: left half red, right half blue; orientation 6 = display rotated 90° clockwise.
    const left = await solid(40, 40, RED).png().toBuffer();
    const input = await solid(80, 40, BLUE)
      .composite([{ input: left, left: 0, top: 0 }])
      .jpeg({ quality: 95 })
      .withMetadata({ orientation: 6 })
      .withExif({
        IFD0: { Copyright: "Secret Studio" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "31/1 18/1 0/1", GPSMapDatum: "WGS-84" },
      })
      .toBuffer();
    const inMeta = await sharp(input).metadata();
    expect(inMeta.orientation).toBe(6);
    expect(inMeta.exif?.includes("WGS-84")).toBe(true); // the fixture really carries GPS data
    expect(input.includes("Secret Studio")).toBe(true);

    const stored = await processUpload(storage, {
      bytes: input,
      filename: "IMG_2041.JPG",
      declaredType: "image/jpeg",
      expect: "image",
      keyPrefix: "booths/b4",
    });
    expect([stored.width, stored.height]).toEqual([40, 80]);
    for (const key of [stored.key, stored.thumbKey!]) {
      const out = (await storage.get(key))!;
      const meta = await sharp(out).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(out.includes("Exif")).toBe(false);
      expect(out.includes("WGS-84")).toBe(false);
      expect(out.includes("Secret Studio")).toBe(false);
    }
    const out = (await storage.get(stored.key))!;
    const [top, bottom] = [await pixel(out, 20, 15), await pixel(out, 20, 65)];
    expect(top[0]).toBeGreaterThan(200); // the red left half is now on top
    expect(top[2]).toBeLessThan(60);
    expect(bottom[2]).toBeGreaterThan(200);
    expect(bottom[0]).toBeLessThan(60);
  });

  it("accepts WebP input, and a JPEG named .png", async () => {
    const webp = await processUpload(storage, {
      bytes: await solid(64, 48, BLUE).webp().toBuffer(),
      filename: "x.webp",
      expect: "image",
      keyPrefix: "booths/b5",
    });
    expect([webp.width, webp.height]).toEqual([64, 48]);
    const misnamed = await processUpload(storage, {
      bytes: await solid(64, 48, RED).jpeg().toBuffer(),
      filename: "x.png",
      declaredType: "image/png",
      expect: "image",
      keyPrefix: "booths/b5",
    });
    expect(misnamed.contentType).toBe("image/webp");
    expect(await pixel((await storage.get(misnamed.key))!, 10, 10)).toSatisfy(
      ([r, g, b]: number[]) => r > 200 && g < 60 && b < 60,
    );
  });

  it("keeps only the first frame of an animated GIF", async () => {
    const frames = [await solid(20, 10, RED).png().toBuffer(), await solid(20, 10, BLUE).png().toBuffer()];
    const gif = await sharp(frames, { join: { animated: true } })
      .gif()
      .toBuffer();
    expect((await sharp(gif).metadata()).pages).toBe(2);
    const stored = await processUpload(storage, {
      bytes: gif,
      filename: "anim.gif",
      expect: "image",
      keyPrefix: "booths/b6",
    });
    expect([stored.width, stored.height]).toEqual([20, 10]);
    const out = (await storage.get(stored.key))!;
    expect((await sharp(out).metadata()).pages ?? 1).toBe(1);
    const [r, , b] = await pixel(out, 10, 5);
    expect(r).toBeGreaterThan(200);
    expect(b).toBeLessThan(60);
  });

  it("refuses a decompression bomb from its header, before decoding", async () => {
    const bomb = pngWithDimensions(50_000, 50_000); // 2.5 gigapixels in a few hundred bytes
    expect(bomb.length).toBeLessThan(1000);
    expect((await sharp(bomb, { limitInputPixels: false }).metadata()).width).toBe(50_000); // a well-formed header
    expect(await rejectionCode({ bytes: bomb, filename: "bomb.png", expect: "image" })).toEqual({
      code: "too-many-pixels",
      params: { maxMegapixels: 40 },
    });
    // Just over the default limit (8000 × 5001 = 40.008 MP) is refused; the limit is injectable.
    expect(
      (await rejectionCode({ bytes: pngWithDimensions(8000, 5001), filename: "b.png", expect: "image" })).code,
    ).toBe("too-many-pixels");
    const small = await solid(100, 100, RED).png().toBuffer();
    expect(
      await rejectionCode({ bytes: small, filename: "s.png", expect: "image" }, { maxInputPixels: 9_999 }),
    ).toEqual({ code: "too-many-pixels", params: { maxMegapixels: 0 } });
  });

  it("rejects corrupt and truncated images that have valid magic bytes", async () => {
    const pngSig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const garbage = Buffer.concat([pngSig, Buffer.from("this is not an IHDR chunk at all, just garbage")]);
    expect((await rejectionCode({ bytes: garbage, filename: "x.png", expect: "image" })).code).toBe("corrupt");
    const jpegGarbage = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 0x41)]);
    expect((await rejectionCode({ bytes: jpegGarbage, filename: "x.jpg", expect: "image" })).code).toBe("corrupt");
    const png = await noise(300, 300).png().toBuffer();
    expect(
      (await rejectionCode({ bytes: png.subarray(0, png.length >> 1), filename: "half.png", expect: "image" })).code,
    ).toBe("corrupt");
    const webpHeaderOnly = Buffer.concat([
      Buffer.from("RIFF"),
      Buffer.from([0x24, 0, 0, 0]),
      Buffer.from("WEBPVP8 "),
      Buffer.alloc(32),
    ]);
    expect((await rejectionCode({ bytes: webpHeaderOnly, filename: "x.webp", expect: "image" })).code).toBe("corrupt");
  });

  it("rejects the issue's cases with clear codes and stores nothing", async () => {
    const png = await solid(32, 32, RED).png().toBuffer();
    expect(
      await rejectionCode({ bytes: png, filename: "brochure.pdf", declaredType: "application/pdf", expect: "pdf" }),
    ).toEqual({
      code: "type-mismatch",
      params: { expected: "pdf", claimed: "pdf", detected: "png" },
    });
    expect(
      (
        await rejectionCode({
          bytes: Buffer.from("hello, world\n"),
          filename: "photo.jpg",
          declaredType: "image/jpeg",
          expect: "image",
        })
      ).code,
    ).toBe("type-mismatch");
    const big = await noise(300, 300).png().toBuffer(); // ~270 KB, over an injected 64 KiB limit
    expect(
      await rejectionCode({ bytes: big, filename: "big.png", expect: "image" }, { imageBytes: 64 * 1024 }),
    ).toEqual({ code: "too-large", params: { maxMb: 0.06 } });
    expect(await rejectionCode({ bytes: Buffer.alloc(0), filename: "empty.png", expect: "image" })).toEqual({
      code: "empty",
      params: {},
    });
  });

  it("refuses key prefixes that would not make safe keys (a programming error, not an UploadError)", async () => {
    const png = await solid(8, 8, RED).png().toBuffer();
    for (const keyPrefix of ["", "/booths/b1", "booths/b1/", "booths//b1", "../b1", "booths/b 1"]) {
      const err = await processUpload(storage, { bytes: png, filename: "a.png", expect: "image", keyPrefix }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, keyPrefix).toBeInstanceOf(Error);
      expect(isUploadError(err), keyPrefix).toBe(false);
    }
  });
});
