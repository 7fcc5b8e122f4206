/**
 * Regenerates public/favicon.ico (16, 32 and 48 px) from public/favicon.svg. Run it by hand after
 * changing the SVG and commit the result; nothing runs it at build or start.
 *
 *   npx tsx scripts/favicon-ico.ts
 *
 * The SVG draws "云" as text, so the machine needs a CJK font (e.g. Debian's fonts-noto-cjk; a
 * private fontconfig via FONTCONFIG_FILE will do) or the icon gets a missing-glyph box: the script
 * refuses to run when fontconfig knows no font with that character.
 * Entries are 32-bit BMPs (with an AND mask), which every browser and Windows version reads.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import sharp from "sharp";

const SIZES = [16, 32, 48];
const svg = readFileSync("public/favicon.svg");

/** RGBA pixels of the SVG rendered at `size` px (the SVG's viewBox is 32 units wide). */
async function render(size: number): Promise<Buffer> {
  const { data, info } = await sharp(svg, { density: (72 * size) / 32 })
    .resize(size, size)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.width !== size || info.height !== size || info.channels !== 4) throw new Error(`bad render at ${size}px`);
  return data;
}

/** A BITMAPINFOHEADER + bottom-up BGRA rows + 1-bit AND mask (set where fully transparent). */
function bmpEntry(rgba: Buffer, size: number): Buffer {
  const maskRow = Math.ceil(size / 32) * 4;
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // colour rows + mask rows
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  header.writeUInt32LE(size * size * 4 + maskRow * size, 20);
  const pixels = Buffer.alloc(size * size * 4);
  const mask = Buffer.alloc(maskRow * size);
  for (let y = 0; y < size; y++) {
    const row = size - 1 - y; // bottom-up
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const o = (row * size + x) * 4;
      pixels[o] = rgba[i + 2];
      pixels[o + 1] = rgba[i + 1];
      pixels[o + 2] = rgba[i];
      pixels[o + 3] = rgba[i + 3];
      if (rgba[i + 3] === 0) mask[row * maskRow + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  return Buffer.concat([header, pixels, mask]);
}

// librsvg finds fonts through fontconfig: without a font that has 云 it draws a hex box instead.
const withGlyph = execFileSync("fc-list", [":charset=4e91", "family"], { encoding: "utf8" }).trim();
if (!withGlyph) throw new Error("no font has 云 (U+4E91): install a CJK font (e.g. fonts-noto-cjk) first");
const images = await Promise.all(SIZES.map((size) => render(size)));

const entries = images.map((rgba, i) => bmpEntry(rgba, SIZES[i]));
const dir = Buffer.alloc(6 + 16 * SIZES.length);
dir.writeUInt16LE(0, 0);
dir.writeUInt16LE(1, 2); // icon
dir.writeUInt16LE(SIZES.length, 4);
let offset = dir.length;
SIZES.forEach((size, i) => {
  const e = 6 + 16 * i;
  dir.writeUInt8(size, e); // width (0 would mean 256)
  dir.writeUInt8(size, e + 1);
  dir.writeUInt8(0, e + 2); // no palette
  dir.writeUInt8(0, e + 3);
  dir.writeUInt16LE(1, e + 4); // planes
  dir.writeUInt16LE(32, e + 6); // bits per pixel
  dir.writeUInt32LE(entries[i].length, e + 8);
  dir.writeUInt32LE(offset, e + 12);
  offset += entries[i].length;
});
const ico = Buffer.concat([dir, ...entries]);
writeFileSync("public/favicon.ico", ico);
console.log(`public/favicon.ico: ${SIZES.join(", ")} px, ${ico.length} bytes`);
