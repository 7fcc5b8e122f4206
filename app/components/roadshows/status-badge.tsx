import { useI18n } from "~/i18n/use-i18n";
import { roadshowsCatalog } from "~/i18n/catalog/roadshows";

const TONE: Record<string, string> = {
  LIVE: "bg-red-600 text-white",
  PAUSED: "bg-amber-100 text-amber-900",
  SCHEDULED: "bg-brand-50 text-brand-700",
  ENDED: "bg-slate-200 text-slate-700",
  PROPOSED: "bg-yellow-100 text-yellow-900",
  REJECTED: "bg-slate-200 text-slate-700",
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n(roadshowsCatalog);
  return (
    <span className={`rounded px-2 py-0.5 text-xs font-medium ${TONE[status] ?? ""}`} data-testid="roadshow-status">
      {t(`roadshow.status.${status}` as "roadshow.status.LIVE")}
    </span>
  );
}
