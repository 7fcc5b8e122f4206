import type { z } from "zod";
import type { MessageKey } from "~/i18n";

export type FieldErrors = Partial<Record<string, MessageKey>>;
export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** Validates a form with a zod schema whose messages are i18n keys; keeps what was typed (never passwords). */
export function parseForm<S extends z.ZodTypeAny>(schema: S, form: FormData): FormResult<z.infer<S>> {
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && !/password/i.test(k)) values[k] = v;
  const raw = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string"));
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "_form");
    errors[field] ??= issue.message as MessageKey;
  }
  return { ok: false, errors, values };
}
