import type { InputHTMLAttributes, ReactNode } from "react";
import type { MessageKey } from "~/i18n";
import { useI18n } from "~/i18n/use-i18n";

export interface FormState {
  errors?: Partial<Record<string, MessageKey>>;
  values?: Record<string, string>;
  formError?: string;
}

/** A labelled input that shows its localized error and keeps what the user typed. */
export function Field({ name, label, hint, state, ...input }: { name: string; label: string; hint?: string; state?: FormState } & InputHTMLAttributes<HTMLInputElement>) {
  const { t } = useI18n();
  const error = state?.errors?.[name];
  const id = `f-${name}`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">{label}</label>
      <input
        id={id}
        name={name}
        defaultValue={input.type === "password" ? undefined : state?.values?.[name] ?? (input.defaultValue as string | undefined)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        className={`w-full rounded border px-3 py-2 ${error ? "border-red-500" : "border-slate-300"}`}
        {...input}
      />
      {hint && !error && <p id={`${id}-hint`} className="text-xs text-slate-500">{hint}</p>}
      {error && <p id={`${id}-error`} className="text-sm text-red-600" role="alert">{t(error)}</p>}
    </div>
  );
}

export function FormAlert({ children, tone = "error" }: { children: ReactNode; tone?: "error" | "success" }) {
  const cls = tone === "error" ? "border-red-200 bg-red-50 text-red-800" : "border-green-200 bg-green-50 text-green-800";
  return <div role={tone === "error" ? "alert" : "status"} className={`rounded border px-3 py-2 text-sm ${cls}`}>{children}</div>;
}

export function SubmitButton({ children, busy }: { children: ReactNode; busy?: boolean }) {
  return (
    <button type="submit" disabled={busy} className="w-full rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
      {children}
    </button>
  );
}

export function Card({ children, className = "" }: { children: ReactNode; className?: string }) {
  return <section className={`rounded-lg border border-slate-200 bg-white p-5 shadow-sm ${className}`}>{children}</section>;
}
