// Staff: every meeting of the fair with attendance and both sides' outcomes; observe live rooms.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { canActOnFair, requireFairStaff } from "~/auth/guards.server";
import { ReadOnlyNote } from "~/components/bureaus/read-only";
import { Card } from "~/components/ui/form";
import { Pagination } from "~/components/ui/pagination";
import { negotiationsOfFair, type OutcomeView } from "~/domain/meetings/outcomes.server";
import { MEETING_STATUSES } from "~/domain/reports/filters";
import { logPersonalDataView } from "~/domain/privacy/view-log.server";
import { useI18n } from "~/i18n/use-i18n";
import { agendaCatalog } from "~/i18n/catalog/agenda";
import { staffCatalog } from "~/i18n/catalog/staff";
import { videoCatalog } from "~/i18n/catalog/video";
import { parsePage } from "~/lib/paging";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const fairId = params.id ?? "";
  const staff = await requireFairStaff(request, fairId, "read");
  const url = new URL(request.url);
  const status = MEETING_STATUSES.find((s) => s === url.searchParams.get("status")) ?? undefined;
  const page = parsePage(url.searchParams.get("page"), 10_000);
  const meetingId = url.searchParams.get("meeting") ?? undefined;
  const list = await negotiationsOfFair(staff, fairId, { page, status, meetingId });
  if (list.meetings.length > 0)
    await logPersonalDataView(staff, [fairId], { what: "negotiations", rows: list.meetings.length, page: list.page });
  // Observing a live room needs "act" (ADR 028): read-only users get no link to a page that refuses them.
  return json({ fairId, status: status ?? "", list, canAct: canActOnFair(staff) });
}

export default function Negotiations() {
  const { fairId, status, list, canAct } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t, pick, date, label, locale } = useI18n(agendaCatalog, staffCatalog, videoCatalog);
  const amount = (value: string, currency: string) =>
    new Intl.NumberFormat(locale, { style: "currency", currency }).format(Number(value));
  const outcome = (o: OutcomeView | null) =>
    o ? (
      <div className="space-y-0.5">
        <p className="font-medium">{t(`outcome.result.${o.result}`)}</p>
        {o.amount && <p>{amount(o.amount, o.currency)}</p>}
        {o.nextStep && (
          <p className="text-slate-600">
            {o.nextStep}
            {o.nextStepDate && ` · ${o.nextStepDate}`}
          </p>
        )}
        {o.notes && <p className="whitespace-pre-wrap text-slate-600">{o.notes}</p>}
        <p className="text-xs text-slate-500">{t("neg.rating", { rating: o.rating })}</p>
      </div>
    ) : (
      <span className="text-slate-500">{t("neg.missing")}</span>
    );
  const statusCell = (m: (typeof list.meetings)[number]) => (
    <div>
      {label("agenda.meeting", m.status)}
      <p className="text-xs text-slate-500">{t("neg.attendance", { minutes: m.attendedMinutes, joins: m.joins })}</p>
      {m.noShows > 0 && <p className="text-xs text-red-700">{t("neg.noShows", { count: m.noShows })}</p>}
      {canAct && (m.status === "SCHEDULED" || m.status === "IN_PROGRESS") && (
        <Link className="text-xs" to={`/meetings/${m.id}/room`}>
          {t("neg.observe")} →
        </Link>
      )}
    </div>
  );
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("neg.title")}</h1>
        <Link to={`/staff/fairs/${fairId}`}>← {t("staff.editFair")}</Link>
      </div>
      <ReadOnlyNote canAct={canAct} />
      <Form method="get" className="flex flex-wrap items-end gap-2">
        <label className="text-sm">
          {t("neg.status")}
          <select name="status" defaultValue={status} className="ml-2 rounded border border-slate-300 px-2 py-1">
            <option value="">{t("neg.allStatuses")}</option>
            {MEETING_STATUSES.map((s) => (
              <option key={s} value={s}>
                {label("agenda.meeting", s)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded border border-slate-300 px-3 py-1 text-sm">
          {t("neg.filter")}
        </button>
      </Form>
      {list.meetings.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600">{t("neg.none")}</p>
        </Card>
      ) : (
        <>
          {/* Phones: one card per meeting. */}
          <ul className="space-y-3 md:hidden" data-testid="negotiation-cards">
            {list.meetings.map((m) => (
              <li
                key={m.id}
                className="rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-sm"
                data-meeting-id={m.id}
              >
                <p className="text-xs text-slate-500">{date(m.startsAt, list.timeZone, true)}</p>
                <p className="font-medium">
                  {pick(m.investor.nameZh, m.investor.nameEn)} × {pick(m.exhibitor.nameZh, m.exhibitor.nameEn)}
                </p>
                {statusCell(m)}
                <dl className="mt-2 grid grid-cols-1 gap-2">
                  <div>
                    <dt className="text-xs font-semibold text-slate-500">{t("neg.investorSide")}</dt>
                    <dd>{outcome(m.investorOutcome)}</dd>
                  </div>
                  <div>
                    <dt className="text-xs font-semibold text-slate-500">{t("neg.exhibitorSide")}</dt>
                    <dd>{outcome(m.exhibitorOutcome)}</dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
          <Card className="hidden overflow-x-auto p-0 md:block">
            <table className="min-w-full text-sm" data-testid="negotiations">
              <caption className="sr-only">{t("neg.title")}</caption>
              <thead className="bg-slate-50 text-left">
                <tr>
                  <th className="p-2">{t("neg.when")}</th>
                  <th className="p-2">{t("neg.parties")}</th>
                  <th className="p-2">{t("neg.status")}</th>
                  <th className="p-2">{t("neg.investorSide")}</th>
                  <th className="p-2">{t("neg.exhibitorSide")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 align-top">
                {list.meetings.map((m) => (
                  <tr key={m.id} data-testid="negotiation-row" data-meeting-id={m.id}>
                    <td className="p-2 whitespace-nowrap">{date(m.startsAt, list.timeZone, true)}</td>
                    <td className="p-2">
                      {pick(m.investor.nameZh, m.investor.nameEn)}
                      <br />
                      {pick(m.exhibitor.nameZh, m.exhibitor.nameEn)}
                    </td>
                    <td className="p-2">{statusCell(m)}</td>
                    <td className="p-2">{outcome(m.investorOutcome)}</td>
                    <td className="p-2">{outcome(m.exhibitorOutcome)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        </>
      )}
      <Pagination page={list.page} pages={list.pages} />
      {params.get("meeting") && <Link to={`/staff/fairs/${fairId}/negotiations`}>{t("neg.allStatuses")}</Link>}
    </div>
  );
}
