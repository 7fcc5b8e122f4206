// What an action answers about a form, shared by the server (app/lib/forms.server.ts builds it)
// and the components that render it (app/components/ui/form.tsx).

/** Field name → the message to show, already in the user's language. */
export type FieldErrors = Partial<Record<string, string>>;

/** What the user typed, by field name (a repeated field is a list); passwords and files are never kept. */
export type FormValues = Record<string, string | string[]>;

/** The typed text of one field; a field sent several times shows its last value. */
export function typedText(values: FormValues | undefined, name: string): string | undefined {
  const v = values?.[name];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

/** The typed values of a multi-value field (checkbox group). */
export function typedList(values: FormValues | undefined, name: string): string[] | undefined {
  const v = values?.[name];
  return v === undefined ? undefined : Array.isArray(v) ? v : [v];
}
