// A login during the grace period of "delete my account" lands here instead of starting a session
// (docs/decisions/022-personal-data.md): cancel the deletion (and continue, logged in) or leave it.
// The one-time token travels in the cf_restore cookie, valid PRIVACY.restoreLinkMinutes.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { createSession } from "~/auth/session.server";
import { Button, Card, FormAlert } from "~/components/ui/form";
import { cancelDeletionWithToken, deletionForToken, restoreCookie } from "~/domain/privacy/deletion.server";
import { privacyCatalog } from "~/i18n/catalog/privacy";
import { requestContext } from "~/i18n/request.server";
import { useI18n } from "~/i18n/use-i18n";
import { DomainError } from "~/lib/errors";
import { intentOf } from "~/lib/forms.server";

export const meta: MetaFunction = () => [{ title: "取消删除 Cancel deletion · 云展洽" }];

async function tokenOf(request: Request): Promise<string | null> {
  const v = await restoreCookie.parse(request.headers.get("Cookie"));
  return typeof v === "string" ? v : null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const pending = await deletionForToken(await tokenOf(request));
  if (!pending) throw redirect("/login");
  return json({ dueAt: pending.dueAt.toISOString() }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const intent = intentOf(await request.formData());
  const clear = await restoreCookie.serialize("", { maxAge: 0 });
  if (intent === "keep") return redirect("/", { headers: { "Set-Cookie": clear } });
  const { t } = await requestContext(request, null);
  if (intent !== "cancel") return json({ error: t("error.invalidChoice") }, { status: 400 });
  try {
    const userId = await cancelDeletionWithToken(await tokenOf(request));
    const headers = new Headers({ "Set-Cookie": clear });
    headers.append("Set-Cookie", await createSession(userId));
    return redirect("/account?restored=1", { headers });
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return json({ error: t(err.key, err.params) }, { status: err.status, headers: { "Set-Cookie": clear } });
  }
}

export default function Restore() {
  const { dueAt } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as { error?: string } | undefined;
  const busy = useNavigation().state === "submitting";
  const { t, date } = useI18n(privacyCatalog);
  return (
    <Card className="mx-auto max-w-md space-y-4">
      <h1 className="text-xl font-semibold" data-testid="restore-title">
        {t("restore.title")}
      </h1>
      {state?.error && <FormAlert>{state.error}</FormAlert>}
      <p>{t("restore.body", { date: date(dueAt, "Asia/Shanghai", true) })}</p>
      <div className="flex flex-wrap gap-3">
        <Form method="post">
          <input type="hidden" name="intent" value="cancel" />
          <Button disabled={busy} data-testid="restore-cancel">
            {t("restore.cancel")}
          </Button>
        </Form>
        <Form method="post">
          <input type="hidden" name="intent" value="keep" />
          <Button tone="secondary" disabled={busy}>
            {t("restore.keep")}
          </Button>
        </Form>
      </div>
    </Card>
  );
}
