import { Link, useSearchParams } from "@remix-run/react";
import { useI18n } from "~/i18n/use-i18n";

/** Previous/next links that keep the other query parameters. */
export function Pagination({ page, pages }: { page: number; pages: number }) {
  const { t } = useI18n();
  const [params] = useSearchParams();
  if (pages <= 1) return null;
  const to = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(p));
    return `?${next}`;
  };
  return (
    <nav className="flex items-center justify-center gap-4 text-sm" aria-label={t("common.page", { page, pages })}>
      {page > 1 ? (
        <Link to={to(page - 1)} rel="prev">
          {t("common.previous")}
        </Link>
      ) : (
        <span className="text-slate-500">{t("common.previous")}</span>
      )}
      <span>{t("common.page", { page, pages })}</span>
      {page < pages ? (
        <Link to={to(page + 1)} rel="next">
          {t("common.next")}
        </Link>
      ) : (
        <span className="text-slate-500">{t("common.next")}</span>
      )}
    </nav>
  );
}
