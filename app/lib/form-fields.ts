// Shared zod field schemas: free text, codes, emails and phones, plain numbers, and the values people
// type that are easy to get subtly wrong: calendar days, wall-clock date-times, instants (slot keys)
// and amounts of money. Every form with such a
// field uses these (ADR 018), so "2026-02-30" never rolls over to 2 March, years such as 0001 or
// 9999 never reach the database, and 12.345 is never rounded behind the user's back.
//
// Messages are i18n keys (ADR 004): the field's own key for "not a value of this kind", shared keys
// for reasons that read the same everywhere (years out of range, DST gaps, days in the past).
import { z } from "zod";
import type { MessageKey } from "~/i18n";
import { isTimeZone } from "./time";
import { MAX_YEAR, MIN_YEAR, parseCalendarDate, parseLocalDateTime, type DateProblem } from "./dates";

export { MAX_YEAR, MIN_YEAR };

/** The shared key for a date problem, or the field's own message for a value that is no date at all. */
function dateMessage(problem: DateProblem, message: MessageKey): MessageKey {
  switch (problem) {
    case "outOfRange":
      return "error.date.outOfRange";
    case "nonexistent":
      return "error.date.nonexistent";
    default: // malformed, impossible (30 February, month 13): the field says what it expects
      return message;
  }
}

// Issues are fatal: a form object whose field failed is not refined further (no "end before start"
// beside an impossible start), exactly as for a field of the wrong type.
const typed = (message: MessageKey) => z.string({ invalid_type_error: message, required_error: "error.required" });

/** A real calendar day "YYYY-MM-DD" in the years MIN_YEAR–MAX_YEAR (the value of <input type="date">). */
export function calendarDay(message: MessageKey) {
  return typed(message).transform((s, ctx) => {
    const r = parseCalendarDate(s);
    if (r.ok) return r.value;
    ctx.addIssue({ code: z.ZodIssueCode.custom, fatal: true, message: dateMessage(r.problem, message) });
    return z.NEVER;
  });
}

/**
 * A real wall-clock date-time "YYYY-MM-DDTHH:mm" (seconds dropped) in the years MIN_YEAR–MAX_YEAR.
 * With a `timeZone`, a time that zone skips (a spring-forward gap) is refused too; when the zone is
 * another field of the same form, check it with `zonedProblem` in the object's superRefine.
 */
export function localDateTime(message: MessageKey, timeZone = "UTC") {
  return typed(message).transform((s, ctx) => {
    const r = parseLocalDateTime(s, timeZone);
    if (r.ok) return r.value.local.slice(0, 16);
    ctx.addIssue({ code: z.ZodIssueCode.custom, fatal: true, message: dateMessage(r.problem, message) });
    return z.NEVER;
  });
}

/** Why a valid wall time cannot be used in `timeZone` (the hour a DST change skips), or null. */
export function zonedProblem(local: string, timeZone: string): MessageKey | null {
  if (!isTimeZone(timeZone)) return null; // the zone field reports its own error
  const r = parseLocalDateTime(local, timeZone);
  return r.ok ? null : dateMessage(r.problem, "error.invalidValue");
}

// ISO 8601 instants as our pages send them (slot keys: "2026-12-08T01:00:00.000Z"); an offset is required.
const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/**
 * An instant with an explicit offset whose calendar part is a real day (JavaScript's Date would turn
 * "2026-02-30T09:00:00Z" into 2 March) in the years MIN_YEAR–MAX_YEAR. Keeps the text as sent.
 */
export function instant(message: MessageKey) {
  return typed(message)
    .max(64, message)
    .superRefine((s, ctx) => {
      const m = INSTANT.exec(s);
      const day = m && parseCalendarDate(m[1]);
      const clockOk = m && +m[2] <= 23 && +m[3] <= 59 && +(m[4] ?? 0) <= 59 && +(m[6] ?? 0) <= 23 && +(m[7] ?? 0) <= 59;
      if (!m || !day || !clockOk) ctx.addIssue({ code: z.ZodIssueCode.custom, fatal: true, message });
      else if (!day.ok)
        ctx.addIssue({ code: z.ZodIssueCode.custom, fatal: true, message: dateMessage(day.problem, message) });
    });
}

// --- Money ---------------------------------------------------------------------------------------

export type MoneyProblem = "malformed" | "negative" | "decimals" | "zero" | "tooBig";
export type MoneyResult = { ok: true; minor: bigint } | { ok: false; problem: MoneyProblem };

// Digits with optional thousands separators in the right places, then up to any decimals (checked below).
const AMOUNT = /^(-)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/**
 * An amount as people type it → exact minor units (cents/fen), never through a float: full-width
 * digits and punctuation ("１２３", "１２，０００．５") are read as their ASCII forms, thousands
 * separators are allowed where they belong ("12,000,000.50"; "12,5" is refused), spaces around
 * are ignored, at most two decimals (trailing zeros beyond them are fine: "12.340"). Refused:
 * "", "-5", "1e14", "0x10", "12.345", NUL and anything else.
 */
export function parseMoney(input: unknown): MoneyResult {
  if (typeof input !== "string" || input.length > 64) return { ok: false, problem: "malformed" };
  const m = AMOUNT.exec(input.normalize("NFKC").trim());
  if (!m) return { ok: false, problem: "malformed" };
  if (m[1]) return { ok: false, problem: "negative" };
  const frac = (m[3] ?? "").replace(/0+$/, "");
  if (frac.length > 2) return { ok: false, problem: "decimals" };
  const minor = BigInt(m[2].replaceAll(",", "")) * 100n + BigInt(frac.padEnd(2, "0"));
  return { ok: true, minor };
}

/** Minor units as a plain decimal text with two decimals ("1234567.89"), e.g. for a Decimal column. */
export function minorToDecimal(minor: bigint): string {
  const sign = minor < 0n ? "-" : "";
  const abs = minor < 0n ? -minor : minor;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}

/** Minor units as the text a form field shows ("1200.5" → "1200.50"; whole amounts without decimals). */
export function minorToInput(minor: bigint | number): string {
  const m = BigInt(minor);
  return m % 100n === 0n ? String(m / 100n) : minorToDecimal(m);
}

export interface MoneyOptions {
  /** The largest amount accepted, in minor units. */
  max: bigint;
  /** Whether 0 is a valid amount (a free tier, an empty ticket minimum) or not (an amount sought). */
  allowZero: boolean;
  /** The field's message: what it accepts, naming its range and the two decimals. */
  message: MessageKey;
}

/**
 * A required amount of money → minor units (bigint), exactly as typed (see parseMoney). Every problem
 * gets the field's own message, which names the range and the two decimals (so 1e14 is never told
 * "enter an amount greater than 0", and 12.345 is refused rather than stored as 12.35).
 */
export function money(o: MoneyOptions) {
  return typed(o.message).transform((s, ctx) => {
    const r = parseMoney(s);
    let problem: MoneyProblem | null = r.ok ? null : r.problem;
    if (r.ok && r.minor > o.max) problem = "tooBig";
    if (r.ok && r.minor === 0n && !o.allowZero) problem = "zero";
    if (r.ok && !problem) return r.minor;
    ctx.addIssue({ code: z.ZodIssueCode.custom, fatal: true, message: o.message, params: { problem } });
    return z.NEVER;
  });
}

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** An amount that may be left blank (→ undefined). */
export const optionalMoney = (o: MoneyOptions) => z.preprocess(blankToUndefined, money(o).optional());

/** A calendar day that may be left blank (→ undefined). */
export const optionalCalendarDay = (message: MessageKey) =>
  z.preprocess(blankToUndefined, calendarDay(message).optional());

// —— Text, codes, emails and phones ——

/** Free text up to `max` characters, trimmed; may be empty. */
export const text = (max: number) => z.string().trim().max(max, "error.tooLong");

/** Free text up to `max` characters, trimmed; must not be empty. */
export const required = (max: number) => text(max).min(1, "error.required");

/** One of a fixed list of codes. */
export const choice = <T extends readonly [string, ...string[]]>(xs: T) =>
  z.enum(xs, { errorMap: () => ({ message: "error.invalidChoice" }) });

/** One of a fixed list of codes, or empty for "none". */
export const optionalChoice = <T extends readonly [string, ...string[]]>(xs: T) =>
  z.union([z.literal(""), choice(xs)]).default("");

/** An email address (lower-cased) or empty. */
export const optionalEmail = z
  .union([z.literal(""), z.string().trim().toLowerCase().email("error.email").max(254)])
  .default("");

/** A phone number as people write it (+86 25 1234 5678, (025) 1234-5678) or empty. */
export const optionalPhone = z
  .union([
    z.literal(""),
    z
      .string()
      .trim()
      .regex(/^[+\d][\d\s()-]{5,24}$/, "booth.error.phone"),
  ])
  .default("");

// —— Plain numbers ——
// Numbers typed into forms. `z.coerce.number()` takes what JavaScript's Number() takes: "" and "  " as
// 0, "0x10" as 16, "1e3" as 1000 — so an emptied required field stored 0 and a hex value stored its
// decimal (issue 14, found by tests/integration/hostile-input.test.ts). A form number is written the
// way a person or <input type="number"> writes it: digits, an optional sign and decimals.
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
