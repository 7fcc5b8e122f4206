// The local mail outbox (ADR 026): every mail, its status, attempts and last error; without SMTP_URL
// this is where composed mails are read.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { Button, Card, FormAlert } from "~/components/ui/form";
import { Pagination } from "~/components/ui/pagination";
import { isMailStatus, listOutbox } from "~/domain/mail/admin.server";
import { MAIL_STATUSES } from "~/domain/mail/kinds";
import { mailCatalog } from "~/i18n/catalog/mail";
import { useI18n } from "~/i18n/use-i18n";
import { parsePage } from "~/lib/paging";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  const q = new URL(request.url).searchParams;
  const status = q.get("status");
  const filter = isMailStatus(status) ? status : null;
  const page = parsePage(q.get("page"), 10_000);
  return json({ filter, page, ...(await listOutbox(filter, page)) });
}

export default function MailOutbox() {
  const { rows, smtp, filter, page, pages } = useLoaderData<typeof loader>();
  const { t, date } = useI18n(mailCatalog);
  return (
    <Card>
      <h1 className="mb-2 text-xl font-semibold">{t("mailAdmin.title")}</h1>
      <p className="mb-2 text-sm text-slate-600">{t("mailAdmin.intro")}</p>
      <FormAlert tone={smtp ? "success" : "error"}>{t(smtp ? "mailAdmin.smtp.on" : "mailAdmin.smtp.off")}</FormAlert>
      <Form method="get" className="my-3 flex flex-wrap items-end gap-2">
        <label className="text-sm">
          <span className="block text-slate-700">{t("mailAdmin.filter")}</span>
          <select name="status" defaultValue={filter ?? ""} className="min-h-11 rounded border border-slate-300 px-2">
            <option value="">{t("mailAdmin.filter.all")}</option>
            {MAIL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`mailAdmin.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <Button tone="secondary" className="min-h-11">
          {t("mailAdmin.view")}
        </Button>
      </Form>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">{t("mailAdmin.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="mail-outbox">
            <thead>
              <tr className="border-b border-slate-200">
                <th className="p-2">{t("mailAdmin.col.created")}</th>
                <th className="p-2">{t("mailAdmin.col.kind")}</th>
                <th className="p-2">{t("mailAdmin.col.to")}</th>
                <th className="p-2">{t("mailAdmin.col.status")}</th>
                <th className="p-2">{t("mailAdmin.col.attempts")}</th>
                <th className="p-2">{t("mailAdmin.col.error")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-b border-slate-100 align-top">
                  <td className="p-2 whitespace-nowrap">{date(r.createdAt, "Asia/Shanghai", true)}</td>
                  <td className="p-2">
                    <Link to={`/admin/mail/${r.id}`}>{r.kind}</Link>
                  </td>
                  <td className="p-2 break-all">{r.toEmail}</td>
                  <td className="p-2">{t(`mailAdmin.status.${r.status}`)}</td>
                  <td className="p-2">{r.attempts}</td>
                  <td className="p-2 break-all text-red-700">{r.lastError ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pages={pages} />
    </Card>
  );
}
