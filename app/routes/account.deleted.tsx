// After "delete my account": the person is logged out; the page says when the account goes and how
// to cancel (log in before then). Public: there is no session any more.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Card } from "~/components/ui/form";
import { privacyCatalog } from "~/i18n/catalog/privacy";
import { useI18n } from "~/i18n/use-i18n";

export const meta: MetaFunction = () => [{ title: "账户将被删除 Account deletion · 云展洽" }];

const when = z.string().max(40).datetime().catch("");

export async function loader({ request }: LoaderFunctionArgs) {
  return json({ on: when.parse(new URL(request.url).searchParams.get("on") ?? "") });
}

export default function AccountDeleted() {
  const { on } = useLoaderData<typeof loader>();
  const { t, date } = useI18n(privacyCatalog);
  return (
    <Card className="mx-auto max-w-md space-y-3">
      <h1 className="text-xl font-semibold" data-testid="deleted-title">
        {t("deleted.title")}
      </h1>
      <p>{on ? t("deleted.body", { date: date(on, "Asia/Shanghai", true) }) : t("deleted.bodyNoDate")}</p>
      <p className="flex flex-wrap gap-4">
        <Link to="/login">{t("nav.login")}</Link>
        <Link to="/privacy">{t("nav.privacy")}</Link>
      </p>
    </Card>
  );
}
