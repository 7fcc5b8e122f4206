// Cached Intl formatters (client and server). Building an Intl.NumberFormat or DateTimeFormat costs
// far more than using one, and pages format dozens of dates and amounts per render (the profile of
// signed-in pages showed formatter construction at ≈ 6 % of the server's busy time; ADR 025).
// Keyed by locale and options; bounded: at most 256 of each kind, emptied when full.
const MAX = 256;

function cached<F, O extends object>(make: (locale: string, options: O) => F) {
  const cache = new Map<string, F>();
  return (locale: string, options: O): F => {
    const key = `${locale}|${JSON.stringify(options)}`;
    let f = cache.get(key);
    if (!f) {
      if (cache.size >= MAX) cache.clear();
      f = make(locale, options);
      cache.set(key, f);
    }
    return f;
  };
}

export const dateTimeFormat = cached(
  (locale, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, options),
);
export const numberFormat = cached(
  (locale, options: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options),
);
export const listFormat = cached((locale, options: Intl.ListFormatOptions) => new Intl.ListFormat(locale, options));
