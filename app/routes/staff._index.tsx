import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { hasRole, requireBureauMember } from "~/auth/guards.server";
import { bureausOfMember } from "~/domain/bureaus/bureaus.server";
import { bureausCatalog } from "~/i18n/catalog/bureaus";
import { Card } from "~/components/ui/form";
import { staffOverview } from "~/domain/accounts/personal-dashboard.server";
import { useI18n } from "~/i18n/use-i18n";
import { staffCatalog } from "~/i18n/catalog/staff";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireBureauMember(request);
  return json({
    fairs: await staffOverview(user),
    canCreate: hasRole(user, "STAFF"),
    bureaus: await bureausOfMember(user),
  });
}

export default function StaffHome() {
  const { fairs, canCreate, bureaus } = useLoaderData<typeof loader>();
  const { t, pick, label } = useI18n(staffCatalog, bureausCatalog);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold" data-testid="staff-title">
          {t("dash.staff.title")}
        </h1>
        {canCreate && (
          <Link
            to="/staff/fairs/new"
            className="touch-target rounded bg-brand-600 px-3 py-1.5 text-sm text-white no-underline"
          >
            {t("staff.newFair")}
          </Link>
        )}
      </div>
      {bureaus.length > 0 && (
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("bureau.staff.yourBureaus")}</h2>
          <ul className="divide-y divide-slate-100" data-testid="staff-bureaus">
            {bureaus.map((b) => (
              <li key={b.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span className="font-medium">{pick(b.nameZh, b.nameEn)}</span>
                <span className="flex flex-wrap gap-3 text-sm">
                  <Link to={`/staff/bureaus/${b.id}`}>{t("bureau.staff.rollup")}</Link>
                  {b.manage && <Link to={`/staff/bureaus/${b.id}/members`}>{t("bureau.members.manage")}</Link>}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("dash.staff.fairs")}</h2>
        {fairs.length === 0 && <p className="text-slate-600">{t("dash.staff.empty")}</p>}
        <ul className="divide-y divide-slate-100">
          {fairs.map((f) => (
            <li key={f.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              {/* A parent bureau reads dashboards only: its link goes there, never to a 403. */}
              <Link
                to={f.can === "report" ? `/staff/fairs/${f.id}/dashboard` : `/staff/fairs/${f.id}`}
                className="font-medium"
              >
                {pick(f.titleZh, f.titleEn)}
              </Link>
              <span className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
                {f.relation !== "organizer" && f.relation !== "admin" && (
                  <span className="rounded bg-slate-100 px-1.5 text-xs">{t(`bureau.relation.${f.relation}`)}</span>
                )}
                {label("fair.status", f.status)} · {t("dash.staff.booths", { approved: f.approved, total: f.total })}
                {f.can === "report" ? (
                  <Link to={`/staff/fairs/${f.id}/dashboard`}>{t("bureau.staff.dashboard")}</Link>
                ) : (
                  <Link to={`/staff/fairs/${f.id}/review`}>{t("dash.staff.pending", { count: f.pending })}</Link>
                )}
              </span>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
