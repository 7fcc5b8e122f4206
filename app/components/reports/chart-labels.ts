// Category labels of the dashboard's charts, measured and wrapped without a DOM (the server never
// draws a chart, and the first client render must not wait for layout): an estimate of the text
// width, and line breaks between Chinese characters or between words, so a label is never clipped
// ("已记录成果的洽谈" lost its first character to a fixed 120 px axis at 16 px) and never hidden.

/** Pixels per character at font size 1: full-width (CJK, fullwidth forms) vs. everything else. */
const WIDE = 1;
const NARROW = 0.62;

/** Hangul, CJK ideographs and punctuation, kana, fullwidth forms: drawn about 1 em wide. */
const WIDE_CHARS =
  "\\u1100-\\u115f\\u2e80-\\u303e\\u3041-\\u33ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\ua960-\\ua97f\\uac00-\\ud7a3\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uff60\\uffe0-\\uffe6";
const WIDE_CHAR = new RegExp(`[${WIDE_CHARS}]`, "u");
const TOKEN = new RegExp(`[${WIDE_CHARS}]|[^\\s${WIDE_CHARS}]+\\s*|\\s+`, "gu");

const isWide = (ch: string) => WIDE_CHAR.test(ch);

/** Estimated width in px of `text` at `fontSize` px (errs wide, so estimates never clip). */
export function textWidth(text: string, fontSize: number): number {
  let w = 0;
  for (const ch of text) w += isWide(ch) ? WIDE : NARROW;
  return w * fontSize;
}

/** Breakable pieces: each wide character alone, runs of other characters as words (with their spaces). */
function tokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/**
 * `text` in lines no wider than `maxWidth` px at `fontSize` px: breaks between wide characters and
 * between words; a word wider than a line is split between its characters. Every character of
 * the label is kept (nothing is elided), so the caller sizes the chart to the lines.
 */
export function wrapLabel(text: string, maxWidth: number, fontSize: number): string[] {
  const lines: string[] = [];
  let line = "";
  const push = (piece: string) => {
    if (line && textWidth((line + piece).trimEnd(), fontSize) > maxWidth) {
      lines.push(line.trimEnd());
      line = piece.trimStart();
    } else line += piece;
  };
  for (const token of tokens(text)) {
    if (textWidth(token.trimEnd(), fontSize) <= maxWidth) push(token);
    else for (const ch of token) push(ch);
  }
  if (line.trim() || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}
