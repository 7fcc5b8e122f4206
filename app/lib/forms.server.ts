// The one form path (ADR 018). Conform's parser reads the FormData (a repeated field becomes a
// list, one checkbox a one-item list, none an empty list) and runs the zod schema; this wrapper
// turns the issues into messages in the user's language and keeps what was typed. Schemas stay
// language-free: their messages are i18n keys (ADR 004), translated here, on the server.
//
//   parseForm(schema, form, t)  → { ok: true, data, values } | { ok: false, errors, values }
//   dispatchIntent(form, handlers, t, done) + validate(schema, form)  for pages with several forms
import { parseWithZod, unstable_coerceFormValue as coerceFormValue } from "@conform-to/zod";
import { json, redirect } from "@remix-run/node";
import { z, type ZodIssue, type ZodTypeAny } from "zod";
import type { MessageKey, Translate } from "~/i18n";
import { INPUT_PROBLEM_KEY, textProblem } from "~/lib/input";
import { ALL_CATALOGS } from "~/i18n/all-catalogs.server";
import type { FieldErrors, FormValues } from "./forms";
import { safeRedirect } from "./redirects";
import { domainErrorResponse } from "./responses.server";

export type { FieldErrors, FormValues } from "./forms";
export type FormResult<T> =
  { ok: true; data: T; values: FormValues } | { ok: false; errors: FieldErrors; values: FormValues };

/** Where an issue that belongs to no single field (e.g. a refine on the whole form) is reported. */
export const FORM_LEVEL = "_form";

type IssueKeys = Partial<Record<string, MessageKey>>;

// Our forms use flat field names. Conform would also build objects and lists from "a.b" and
// "a[3]"; no form of ours sends those, and "slots[99999999]" would become a huge sparse list, so
// such names are ignored like any unknown field. "__intent__"/"__state__" are conform's own client
// controls (it JSON.parses them): never ours either.
const FLAT_NAME = /^[^.[\]]+$/;
const IGNORED = new Set(["__intent__", "__state__", "__proto__", "constructor", "prototype"]);
const SECRET = /password/i;

/**
 * Leaves (strings, numbers, enums, unions, …) get the raw form text, exactly as our schemas expect
 * (`z.coerce.number()`, `z.union([z.literal(""), …])`); conform's coercion only shapes the
 * structure: objects, and lists from repeated fields.
 */
function holdsFields(type: ZodTypeAny): boolean {
  const def = type._def as { typeName?: string; schema?: ZodTypeAny; innerType?: ZodTypeAny; in?: ZodTypeAny };
  switch (def.typeName) {
    case "ZodObject":
    case "ZodArray":
      return true;
    case "ZodEffects":
      return holdsFields(def.schema!);
    case "ZodOptional":
    case "ZodNullable":
    case "ZodDefault":
    case "ZodCatch":
    case "ZodReadonly":
      return holdsFields(def.innerType!);
    case "ZodPipeline":
      return holdsFields(def.in!);
    default:
      return false;
  }
}
const asTyped = (value: unknown) => value;
const prepared = new WeakMap<ZodTypeAny, ZodTypeAny>();
function forForms(schema: ZodTypeAny): ZodTypeAny {
  let s = prepared.get(schema);
  if (!s) {
    s = coerceFormValue(schema, { customize: (type) => (holdsFields(type) ? null : asTyped) });
    prepared.set(schema, s);
  }
  return s;
}

const isMessageKey = (m: string): m is MessageKey => ALL_CATALOGS.some((c) => Object.hasOwn(c["zh-CN"], m));

/** The schema's own message when it is an i18n key; otherwise a generic key for the kind of issue. */
function messageKey(issue: ZodIssue): MessageKey {
  if (isMessageKey(issue.message)) return issue.message;
  switch (issue.code) {
    case "invalid_type": // missing, sent twice (a list), a file, not a number, 1.5 for an integer
      return issue.received === "undefined" ? "error.required" : "error.invalidValue";
    case "too_small":
      return issue.type === "string" && Number(issue.minimum) === 1 ? "error.required" : "error.invalidValue";
    case "too_big":
      return issue.type === "string" ? "error.tooLong" : "error.invalidValue";
    case "invalid_enum_value":
    case "invalid_literal":
    case "invalid_union":
    case "invalid_union_discriminator":
      return "error.invalidChoice";
    default:
      return "error.invalidValue";
  }
}

/** The entries conform may see, and what the user typed (no passwords, no files). */
function read(form: FormData | URLSearchParams) {
  const payload = new FormData();
  const values: FormValues = {};
  const unclean: IssueKeys = {};
  for (const [name, value] of form.entries()) {
    if (!FLAT_NAME.test(name) || IGNORED.has(name)) continue;
    payload.append(name, value);
    // NUL (Postgres text cannot hold it) or a lone surrogate, in the text or a file's name (ADR 020).
    const problem = textProblem(typeof value === "string" ? value : value.name);
    if (problem) unclean[name] ??= INPUT_PROBLEM_KEY[problem];
    if (typeof value !== "string") continue;
    if (SECRET.test(name)) continue;
    const prev = values[name];
    values[name] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
  }
  return { payload, values, unclean };
}

type Checked<T> = { ok: true; data: T; values: FormValues } | { ok: false; issues: IssueKeys; values: FormValues };

/** The one implementation: conform parses, zod validates, issues become i18n keys per field. */
function check<S extends ZodTypeAny>(schema: S, form: FormData | URLSearchParams): Checked<z.infer<S>> {
  const { payload, values, unclean } = read(form);
  const submission = parseWithZod(payload, {
    schema: forForms(schema),
    disableAutoCoercion: true,
    formatError: (issues: ZodIssue[]) => issues.map(messageKey),
  });
  const issues: IssueKeys = {};
  if (submission.status !== "success")
    for (const [name, keys] of Object.entries(submission.error ?? {})) {
      const field = name.split(/[.[]/)[0] || FORM_LEVEL; // "slots[1]" is reported on "slots"
      if (keys?.length) issues[field] ??= keys[0];
    }
  for (const [name, key] of Object.entries(unclean)) issues[name] = key;
  if (submission.status === "success" && Object.keys(issues).length === 0)
    return { ok: true, data: submission.value as z.infer<S>, values };
  if (Object.keys(issues).length === 0) issues[FORM_LEVEL] = "error.invalidValue";
  return { ok: false, issues, values };
}

function translate(issues: IssueKeys, t: Translate): FieldErrors {
  return Object.fromEntries(Object.entries(issues).map(([field, key]) => [field, t(key!)]));
}

/** Validates a form; on failure the errors are messages in the user's language and `values` is what was typed. */
export function parseForm<S extends ZodTypeAny>(
  schema: S,
  form: FormData | URLSearchParams,
  t: Translate,
): FormResult<z.infer<S>> {
  const r = check(schema, form);
  return r.ok ? r : { ok: false, errors: translate(r.issues, t), values: r.values };
}

/** Thrown by validate(); dispatchIntent turns it into a 400 with localized field errors. */
export class FormInvalid extends Error {
  constructor(
    readonly issues: IssueKeys,
    readonly values: FormValues,
  ) {
    super("invalid form");
    this.name = "FormInvalid";
  }
}

/** Parses with the schema or throws FormInvalid (for handlers run by dispatchIntent). */
export function validate<S extends ZodTypeAny>(schema: S, form: FormData | URLSearchParams): z.infer<S> {
  const r = check(schema, form);
  if (!r.ok) throw new FormInvalid(r.issues, r.values);
  return r.data;
}

// Pages with several forms (booth builder, fair editor, review queue, agenda) post an `intent`; the
// action dispatches to one handler. Validation and domain errors come back tagged with the intent,
// so the page shows them next to the form that caused them and keeps what was typed.
export type IntentHandlers = Record<string, (form: FormData) => Promise<Response | void>>;
const intentField = z.object({ intent: z.string().max(64).default("") });

/** The form's `intent` ("" when missing or malformed, e.g. sent twice). */
export function intentOf(form: FormData | URLSearchParams): string {
  const parsed = check(intentField, form);
  return parsed.ok ? parsed.data.intent : "";
}

export async function dispatchIntent(
  form: FormData,
  handlers: IntentHandlers,
  t: Translate,
  done: string,
): Promise<Response> {
  const intent = intentOf(form);
  const values = read(form).values;
  const handler = Object.hasOwn(handlers, intent) ? handlers[intent] : undefined;
  if (!handler) return json({ intent, errors: {}, values, formError: t("error.invalidChoice") }, { status: 400 });
  try {
    const res = await handler(form);
    if (res) return res;
    const sep = done.includes("?") ? "&" : "?";
    return redirect(safeRedirect(`${done}${sep}saved=${encodeURIComponent(intent)}`, "/"));
  } catch (err) {
    if (err instanceof FormInvalid)
      return json(
        { intent, errors: translate(err.issues, t), values: err.values, formError: t("error.formGeneric") },
        { status: 400 },
      );
    return domainErrorResponse(err, t, values, { intent });
  }
}
