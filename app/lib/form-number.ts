// Numbers typed into forms. `z.coerce.number()` takes what JavaScript's Number() takes: "" and "  " as
// 0, "0x10" as 16, "1e3" as 1000 — so an emptied required field stored 0 and a hex value stored its
// decimal (issue 14, found by tests/integration/hostile-input.test.ts). A form number is written the
// way a person or <input type="number"> writes it: digits, an optional sign and decimals.
import { z } from "zod";

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * The typed text as a number when it is plain decimal notation; blank or missing as NaN, so the field
 * says its own message (as `z.coerce.number()` did); anything else as typed.
 */
export function typedNumber(value: unknown): unknown {
  if (value === undefined) return NaN;
  if (typeof value !== "string") return value;
  const text = value.trim();
  if (text === "") return NaN;
  return DECIMAL.test(text) ? Number(text) : value;
}

/**
 * A number field of a form: `formNumber(z.number({ invalid_type_error: "booth.error.amount" }).positive(…))`.
 * Blank, missing (unless the schema has a `.default()` outside) and text that is not a plain decimal
 * number fail the number's type check (its `invalid_type_error`, an i18n key, ADR 004).
 */
export function formNumber<T extends z.ZodTypeAny>(schema: T) {
  return z.preprocess(typedNumber, schema);
}
