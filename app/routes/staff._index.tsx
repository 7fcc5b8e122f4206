import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireBureauMember } from "~/auth/guards.server";
import { Card } from "~/components/ui/form";
import { staffOverview } from "~/domain/accounts/personal-dashboard.server";
import { useI18n } from "~/i18n/use-i18n";
import { staffCatalog } from "~/i18n/catalog/staff";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireBureauMember(request);
  return json({ fairs: await staffOverview(user) });
}

export default function StaffHome() {
  const { fairs } = useLoaderData<typeof loader>();
  const { t, pick, label } = useI18n(staffCatalog);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold" data-testid="staff-title">
          {t("dash.staff.title")}
        </h1>
        <Link
          to="/staff/fairs/new"
          className="touch-target rounded bg-brand-600 px-3 py-1.5 text-sm text-white no-underline"
        >
          {t("staff.newFair")}
        </Link>
      </div>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("dash.staff.fairs")}</h2>
        {fairs.length === 0 && <p className="text-slate-600">{t("dash.staff.empty")}</p>}
        <ul className="divide-y divide-slate-100">
          {fairs.map((f) => (
            <li key={f.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <Link to={`/staff/fairs/${f.id}`} className="font-medium">
                {pick(f.titleZh, f.titleEn)}
              </Link>
              <span className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
                {label("fair.status", f.status)} · {t("dash.staff.booths", { approved: f.approved, total: f.total })}
                <Link to={`/staff/fairs/${f.id}/review`}>{t("dash.staff.pending", { count: f.pending })}</Link>
              </span>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
