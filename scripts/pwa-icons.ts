// Draws the app icons (public/icons/*.png) from the brand: the favicon's blue tile with 云 written
// as strokes (the machine that builds may have no CJK font, so the glyph is paths, not text).
// Run `npx tsx scripts/pwa-icons.ts` after changing the brand; the PNGs are committed.
import { mkdirSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";

const BRAND = "#1d5fd1";
const OUT = path.resolve(import.meta.dirname, "../public/icons");

/** 云 in a 32×32 box: 二 on top, 厶 below (a falling stroke, the base rising right, the dot). */
const GLYPH = `<g fill="none" stroke="#fff" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round">
  <path d="M10 8.5h12"/><path d="M6.5 14h19"/><path d="M15 14.5 9.5 24.2l13.5-1.2"/><path d="M19 18.8l4 4.4"/>
</g>`;

/** `inset`: the share of the tile the glyph may use (maskable icons keep it inside the 80% safe zone). */
function svg(size: number, opts: { rounded: boolean; inset: number }): Buffer {
  const scale = opts.inset;
  const offset = (32 - 32 * scale) / 2;
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 32 32">
  <rect width="32" height="32" rx="${opts.rounded ? 6 : 0}" fill="${BRAND}"/>
  <g transform="translate(${offset} ${offset}) scale(${scale})">${GLYPH}</g>
</svg>`);
}

mkdirSync(OUT, { recursive: true });
const icons: [string, number, { rounded: boolean; inset: number }][] = [
  ["icon-192.png", 192, { rounded: true, inset: 1 }],
  ["icon-512.png", 512, { rounded: true, inset: 1 }],
  ["maskable-512.png", 512, { rounded: false, inset: 0.7 }],
  ["apple-touch-icon.png", 180, { rounded: false, inset: 0.85 }],
];
for (const [name, size, opts] of icons) {
  await sharp(svg(size, opts)).png({ compressionLevel: 9 }).toFile(path.join(OUT, name));
  console.log(`public/icons/${name} ${size}×${size}`);
}
