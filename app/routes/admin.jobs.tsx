// Background jobs for admins (ADR 030): queue counts and the latest failures with their errors.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { Card } from "~/components/ui/form";
import { jobOverview } from "~/domain/jobs/jobs.server";
import { jobsCatalog } from "~/i18n/catalog/jobs";
import { useI18n } from "~/i18n/use-i18n";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  return json(await jobOverview());
}

export default function AdminJobs() {
  const { available, queues, failed } = useLoaderData<typeof loader>();
  const { t, date } = useI18n(jobsCatalog);
  const zone = "Asia/Shanghai";
  return (
    <div className="space-y-6">
      <Card>
        <h1 className="mb-2 text-xl font-semibold">{t("jobs.title")}</h1>
        <p className="mb-3 text-sm text-slate-600">{t("jobs.intro")}</p>
        {!available ? (
          <p>{t("jobs.unavailable")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="job-queues">
              <thead>
                <tr>
                  <th scope="col">{t("jobs.queue")}</th>
                  <th scope="col">{t("jobs.waiting")}</th>
                  <th scope="col">{t("jobs.active")}</th>
                  <th scope="col">{t("jobs.retrying")}</th>
                  <th scope="col">{t("jobs.completed")}</th>
                  <th scope="col">{t("jobs.failed")}</th>
                </tr>
              </thead>
              <tbody>
                {queues.map((q) => (
                  <tr key={q.name} className="border-t border-slate-100">
                    <th scope="row" className="font-mono font-normal">
                      {q.name}
                    </th>
                    <td>{q.waiting}</td>
                    <td>{q.active}</td>
                    <td>{q.retrying}</td>
                    <td>{q.completed}</td>
                    <td className={q.failed ? "font-semibold text-red-700" : undefined}>{q.failed}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Card>
        <h2 className="mb-2 text-lg font-semibold">{t("jobs.failures")}</h2>
        {failed.length === 0 ? (
          <p>{t("jobs.noFailures")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" data-testid="job-failures">
            {failed.map((f) => (
              <li key={f.id} className="py-2">
                <div className="font-mono">{f.name}</div>
                <div>
                  {t("jobs.error")}: <span className="break-words">{f.error}</span>
                </div>
                <div className="text-slate-600">
                  {t("jobs.attempts")}: {f.attempts} · {t("jobs.failedAt")}: {date(f.failedAt, zone, true)}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
