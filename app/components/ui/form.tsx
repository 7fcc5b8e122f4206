import { useId, type InputHTMLAttributes, type ReactNode } from "react";
import type React from "react";
import { useI18n } from "~/i18n/use-i18n";
import { typedText, type FieldErrors, type FormValues } from "~/lib/forms";

/** What an action answers about a form: messages already in the user's language, and what was typed. */
export interface FormState {
  errors?: FieldErrors;
  values?: FormValues;
  formError?: string;
}

/** A labelled input that shows its localized error and keeps what the user typed. */
export function Field({
  name,
  label,
  hint,
  state,
  defaultValue,
  ...input
}: { name: string; label: string; hint?: string; state?: FormState } & InputHTMLAttributes<HTMLInputElement>) {
  const error = state?.errors?.[name];
  const id = `f-${name}-${useId()}`; // unique: a page may hold several forms with the same field names
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={id}
        name={name}
        defaultValue={input.type === "password" ? undefined : (typedText(state?.values, name) ?? defaultValue)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        className={`w-full rounded border px-3 py-2 ${error ? "border-red-500" : "border-slate-300"}`}
        {...input}
      />
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-600" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** The field errors of a compact form that has no labelled fields to put them under. */
export function FieldErrorList({ errors }: { errors?: FieldErrors }) {
  const messages = [...new Set(Object.values(errors ?? {}))];
  if (messages.length === 0) return null;
  return (
    <span className="block text-sm text-red-600" role="alert">
      {messages.join(" ")}
    </span>
  );
}

export function FormAlert({ children, tone = "error" }: { children: ReactNode; tone?: "error" | "success" }) {
  const cls =
    tone === "error" ? "border-red-200 bg-red-50 text-red-800" : "border-green-200 bg-green-50 text-green-800";
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded border px-3 py-2 text-sm ${cls}`}>
      {children}
    </div>
  );
}

export function SubmitButton({ children, busy }: { children: ReactNode; busy?: boolean }) {
  return (
    <button
      type="submit"
      disabled={busy}
      className="w-full rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
    >
      {children}
    </button>
  );
}

export function Card({ children, className = "" }: { children: ReactNode; className?: string }) {
  return (
    <section className={`rounded-lg border border-slate-200 bg-white p-5 shadow-sm ${className}`}>{children}</section>
  );
}

export interface IntentState extends FormState {
  intent?: string;
}

/** The action state if it belongs to this form's intent, so errors show next to the right form. */
export function scoped(state: IntentState | undefined, intent: string): IntentState | undefined {
  return state?.intent === intent ? state : undefined;
}

export function TextArea({
  name,
  label,
  state,
  defaultValue,
  rows = 4,
  maxLength,
}: {
  name: string;
  label: string;
  state?: FormState;
  defaultValue?: string | null;
  rows?: number;
  maxLength?: number;
}) {
  const error = state?.errors?.[name];
  const id = `f-${name}-${useId()}`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        maxLength={maxLength}
        defaultValue={typedText(state?.values, name) ?? defaultValue ?? ""}
        aria-invalid={error ? true : undefined}
        className={`w-full rounded border px-3 py-2 ${error ? "border-red-500" : "border-slate-300"}`}
      />
      {error && (
        <p className="text-sm text-red-600" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function SelectField({
  name,
  label,
  options,
  state,
  defaultValue,
  required,
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  state?: FormState;
  defaultValue?: string | null;
  required?: boolean;
}) {
  const { t } = useI18n();
  const error = state?.errors?.[name];
  const id = `f-${name}-${useId()}`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={typedText(state?.values, name) ?? defaultValue ?? ""}
        required={required}
        aria-invalid={error ? true : undefined}
        className={`w-full rounded border bg-white px-3 py-2 ${error ? "border-red-500" : "border-slate-300"}`}
      >
        {!required && <option value="">{t("builder.choose")}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <p className="text-sm text-red-600" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function Button({
  children,
  tone = "primary",
  ...rest
}: { children: ReactNode; tone?: "primary" | "secondary" | "danger" } & React.ButtonHTMLAttributes<HTMLButtonElement>) {
  const cls = {
    primary: "bg-brand-600 text-white hover:bg-brand-700",
    secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
    danger: "border border-red-300 bg-white text-red-700 hover:bg-red-50",
  }[tone];
  return (
    <button type="submit" className={`rounded px-3 py-1.5 text-sm font-medium disabled:opacity-60 ${cls}`} {...rest}>
      {children}
    </button>
  );
}
