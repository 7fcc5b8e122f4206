// 统一社会信用代码 (unified social credit code, GB 32100-2015): 18 characters from 0-9 and the capital
// letters without I, O, Z, S, V; the last one is a check character over the first 17 (weights 3^i mod 31).
const CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters, or null when one of them is not allowed. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARSET.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * WEIGHTS[i];
  }
  return CHARSET[(31 - (sum % 31)) % 31];
}

/** As people type it: spaces dropped, full-width folded, upper-cased. */
export function normalizeCreditCode(raw: string): string {
  return raw.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
}

export type CreditCodeProblem = "length" | "characters" | "checksum";

export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return "length";
  if (![...code].every((c) => CHARSET.includes(c))) return "characters";
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : "checksum";
}
