// Zod building blocks for form fields, shared by every domain schema so that one kind of field is
// checked and worded the same everywhere. Messages are i18n keys, translated by the form path
// (app/lib/forms.server.ts, ADR 018).
import { z } from "zod";

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
