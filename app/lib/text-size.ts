// The larger-text setting (适老化, ADR 024): three sizes of the root font. Tailwind sizes text,
// spacing and breakpoints in rem, so the whole layout grows with it and reflows rather than clipping.
export const TEXT_SIZES = ["standard", "large", "xl"] as const;
export type TextSize = (typeof TEXT_SIZES)[number];
export const DEFAULT_TEXT_SIZE: TextSize = "standard";

export function isTextSize(value: unknown): value is TextSize {
  return typeof value === "string" && (TEXT_SIZES as readonly string[]).includes(value);
}
