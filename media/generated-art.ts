// Deterministic SVG logos and banners for demo booths (generated at seed time).
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function hue(seed: string): number {
  let h = 2166136261;
  for (const ch of seed) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
  return Math.abs(h) % 360;
}

export function logoSvg(seed: string, glyph: string): string {
  const h = hue(seed);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${h},70%,45%)"/><stop offset="1" stop-color="hsl(${(h + 40) % 360},70%,35%)"/></linearGradient></defs>
<rect width="128" height="128" rx="24" fill="url(#g)"/>
<text x="64" y="84" font-size="56" text-anchor="middle" fill="#fff" font-family="PingFang SC, Noto Sans CJK SC, Microsoft YaHei, sans-serif" font-weight="700">${esc(glyph)}</text>
</svg>`;
}

export function bannerSvg(seed: string, title: string, subtitle: string): string {
  const h = hue(seed);
  const dots = Array.from({ length: 18 }, (_, i) => {
    const x = (hue(seed + i) * 7) % 1200;
    const y = (hue(seed + "y" + i) * 3) % 300;
    return `<circle cx="${x}" cy="${y}" r="${8 + (i % 5) * 9}" fill="#fff" opacity="0.08"/>`;
  }).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="300" viewBox="0 0 1200 300">
<defs><linearGradient id="b" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="hsl(${h},65%,30%)"/><stop offset="1" stop-color="hsl(${(h + 60) % 360},65%,45%)"/></linearGradient></defs>
<rect width="1200" height="300" fill="url(#b)"/>${dots}
<text x="60" y="150" font-size="52" fill="#fff" font-family="PingFang SC, Noto Sans CJK SC, Microsoft YaHei, sans-serif" font-weight="700">${esc(title)}</text>
<text x="60" y="210" font-size="28" fill="#fff" opacity="0.85" font-family="sans-serif">${esc(subtitle)}</text>
</svg>`;
}
