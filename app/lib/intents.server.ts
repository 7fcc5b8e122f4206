// Pages with several forms (booth builder, fair editor, review queue) post an `intent`; the action
// dispatches to one handler. Validation and domain errors come back tagged with the intent, so
// the page shows them next to the form that caused them and keeps what was typed.
import { json, redirect } from "@remix-run/node";
import type { z } from "zod";
import type { Translate } from "~/i18n";
import { parseForm, type FieldErrors } from "./forms";
import { domainErrorResponse } from "./responses.server";

export class FormInvalid extends Error {
  constructor(
    readonly errors: FieldErrors,
    readonly values: Record<string, string>,
  ) {
    super("invalid form");
  }
}

/** Parses with the schema or throws FormInvalid (caught by dispatchIntent). */
export function validate<S extends z.ZodTypeAny>(schema: S, form: FormData): z.infer<S> {
  const r = parseForm(schema, form);
  if (!r.ok) throw new FormInvalid(r.errors, r.values);
  return r.data;
}

export type IntentHandlers = Record<string, (form: FormData) => Promise<Response | void>>;

export async function dispatchIntent(
  form: FormData,
  handlers: IntentHandlers,
  t: Translate,
  done: string,
): Promise<Response> {
  const intent = String(form.get("intent") ?? "");
  const values = Object.fromEntries(
    [...form.entries()].filter(([k, v]) => typeof v === "string" && !/password/i.test(k)),
  ) as Record<string, string>;
  const handler = handlers[intent];
  if (!handler) return json({ intent, errors: {}, values, formError: t("error.invalidChoice") }, { status: 400 });
  try {
    const res = await handler(form);
    if (res) return res;
    const sep = done.includes("?") ? "&" : "?";
    return redirect(`${done}${sep}saved=${encodeURIComponent(intent)}`);
  } catch (err) {
    if (err instanceof FormInvalid)
      return json(
        { intent, errors: err.errors, values: err.values, formError: t("error.formGeneric") },
        { status: 400 },
      );
    return domainErrorResponse(err, t, values, { intent });
  }
}
