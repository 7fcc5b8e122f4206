// What a read-only user (a viewer of the organizing bureau, or a parent bureau on its dashboards)
// sees where the fair's staff pages have forms: one short note instead (ADR 028). Pages hide their
// forms with the loader's `canAct`, computed by canActOnFair, the same test every action applies.
import { useI18n } from "~/i18n/use-i18n";
import { bureausCatalog } from "~/i18n/catalog/bureaus";

export function ReadOnlyNote({ canAct, className = "" }: { canAct: boolean; className?: string }) {
  const { t } = useI18n(bureausCatalog);
  if (canAct) return null;
  return (
    <p
      role="note"
      className={`rounded border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700 ${className}`}
      data-testid="read-only"
    >
      {t("bureau.readOnly")}
    </p>
  );
}
