import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { Button, Card } from "~/components/ui/form";
import { Pagination } from "~/components/ui/pagination";
import { listNotifications, markAllRead } from "~/domain/notifications/notifications.server";
import { useI18n } from "~/i18n/use-i18n";
import { agendaCatalog } from "~/i18n/catalog/agenda";
import { videoCatalog } from "~/i18n/catalog/video";
import { roadshowsCatalog } from "~/i18n/catalog/roadshows";
import { parsePage } from "~/lib/paging";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = parsePage(new URL(request.url).searchParams.get("page"), 1000);
  return json({ page, ...(await listNotifications(user, page)) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await markAllRead(user);
  return redirect("/notifications");
}

export default function Notifications() {
  const { items, page, pages } = useLoaderData<typeof loader>();
  const { t, pick, date } = useI18n(agendaCatalog, videoCatalog, roadshowsCatalog);
  const text = (n: (typeof items)[number]) =>
    t(`notify.${n.kind}`, {
      name: pick(n.data.nameZh ?? "", n.data.nameEn ?? ""),
      time: n.data.startsAt ? date(n.data.startsAt, n.data.timeZone ?? "Asia/Shanghai", true) : "",
      reason: n.data.reason ?? "",
    });
  return (
    <Card className="mx-auto max-w-2xl">
      <div className="mb-3 flex items-center justify-between">
        <h1 className="text-xl font-semibold">{t("notify.title")}</h1>
        {items.some((n) => !n.read) && (
          <Form method="post">
            <Button tone="secondary">{t("notify.markAllRead")}</Button>
          </Form>
        )}
      </div>
      {items.length === 0 && <p className="text-sm text-slate-600">{t("notify.none")}</p>}
      <ul className="divide-y divide-slate-100" data-testid="notifications">
        {items.map((n) => (
          <li key={n.id} className={`py-2 text-sm ${n.read ? "text-slate-500" : "font-medium text-slate-900"}`}>
            {n.href ? (
              <Link to={n.href} className="text-inherit no-underline" data-testid="notification-link">
                {text(n)}
              </Link>
            ) : (
              <span data-testid="notification-text">{text(n)}</span>
            )}
            <span className="ml-2 text-xs text-slate-500">{date(n.createdAt, "Asia/Shanghai", true)}</span>
          </li>
        ))}
      </ul>
      <Pagination page={page} pages={pages} />
    </Card>
  );
}
