// Image re-encoding with sharp: decode once (first frame only, pixel-limited), auto-orient by
// EXIF, shrink into the variant's box, and encode main + thumbnail as WebP from raw pixels —
// nothing of the original container (EXIF, GPS, XMP, ICC, comments) survives.
import sharp from "sharp";
import type { MediaFormat } from "./sniff.ts";
import { UploadError } from "./upload-error.ts";

export type ImageVariant = "logo" | "banner" | "gallery";

/** Longest side of the stored image and of its thumbnail, in pixels (never enlarged). */
export const IMAGE_VARIANTS: Readonly<Record<ImageVariant, { maxSide: number; thumbSide: number }>> = {
  logo: { maxSide: 512, thumbSide: 128 },
  banner: { maxSide: 1600, thumbSide: 400 },
  gallery: { maxSide: 1600, thumbSide: 400 },
};

const MAIN_QUALITY = 82;
const THUMB_QUALITY = 75;

export interface EncodedImage {
  data: Buffer;
  width: number;
  height: number;
}

const decodeError = (e: unknown, tooManyPixels: () => UploadError): UploadError => {
  const message = e instanceof Error ? e.message : String(e);
  if (/pixel limit/i.test(message)) return tooManyPixels();
  return new UploadError("corrupt", { reason: message.slice(0, 200) });
};

export async function reencodeImage(
  bytes: Buffer,
  format: Exclude<MediaFormat, "pdf">,
  opts: { variant: ImageVariant; maxInputPixels: number },
): Promise<{ main: EncodedImage; thumb: EncodedImage }> {
  const { maxSide, thumbSide } = IMAGE_VARIANTS[opts.variant];
  const tooManyPixels = () =>
    new UploadError("too-many-pixels", { maxMegapixels: Math.round(opts.maxInputPixels / 1e5) / 10 });

  // Header only: reject bombs before any pixel is decoded.
  const limits = { failOn: "error", limitInputPixels: opts.maxInputPixels } as const;
  const meta = await sharp(bytes, limits)
    .metadata()
    .catch((e: unknown) => {
      throw decodeError(e, tooManyPixels);
    });
  if (meta.format !== format)
    throw new UploadError("corrupt", { reason: `decoder sees ${meta.format}, bytes say ${format}` });
  if (!meta.width || !meta.height) throw new UploadError("corrupt", { reason: "no dimensions" });
  if (meta.width * meta.height > opts.maxInputPixels) throw tooManyPixels();

  let pixels: { data: Buffer; info: sharp.OutputInfo };
  try {
    pixels = await sharp(bytes, { ...limits, pages: 1 })
      .rotate() // EXIF orientation, before the metadata is dropped
      .resize({ width: maxSide, height: maxSide, fit: "inside", withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (e) {
    throw decodeError(e, tooManyPixels);
  }

  const { width, height, channels } = pixels.info;
  const raw = { raw: { width, height, channels } } as const;
  const [main, thumb] = await Promise.all([
    sharp(pixels.data, raw).webp({ quality: MAIN_QUALITY }).toBuffer({ resolveWithObject: true }),
    sharp(pixels.data, raw)
      .resize({ width: thumbSide, height: thumbSide, fit: "inside", withoutEnlargement: true })
      .webp({ quality: THUMB_QUALITY })
      .toBuffer({ resolveWithObject: true }),
  ]);
  return {
    main: { data: main.data, width: main.info.width, height: main.info.height },
    thumb: { data: thumb.data, width: thumb.info.width, height: thumb.info.height },
  };
}
