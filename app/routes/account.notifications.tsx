// Mail settings (ADR 026): each kind of notification mail on or off, a daily digest instead of single
// mails; the address confirmation and a way to send its mail again (rate-limited). In-app notifications are not affected.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { resendAddressConfirmation } from "~/auth/email-verification.server";
import { requireUser } from "~/auth/guards.server";
import { Button, Card, FormAlert } from "~/components/ui/form";
import { MAIL_CATEGORIES } from "~/domain/mail/kinds";
import { isMailCategory, mailSettings, saveMailSettings } from "~/domain/mail/settings.server";
import { requestContext } from "~/i18n/request.server";
import { mailCatalog } from "~/i18n/catalog/mail";
import { useI18n } from "~/i18n/use-i18n";
import { intentOf } from "~/lib/forms.server";
import { config } from "~/config.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const settings = await mailSettings(user.id);
  return json({ settings, confirmed: user.emailConfirmed, email: user.email, digestHour: config().MAIL_DIGEST_HOUR });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const intent = intentOf(form);
  const values = form.getAll("on");
  const delivery = form.getAll("delivery");
  // Anything but the two intents, known categories and one delivery choice is refused, nothing stored.
  if (
    (intent !== "save" && intent !== "resend") ||
    !values.every((v) => isMailCategory(v)) ||
    delivery.length > 1 ||
    (delivery.length === 1 && delivery[0] !== "single" && delivery[0] !== "digest")
  ) {
    const { t } = await requestContext(request, null);
    return json({ formError: t("input.malformed") }, { status: 400 });
  }
  if (intent === "resend") {
    const sent = await resendAddressConfirmation(user.id);
    if (!sent.ok) {
      const { t } = await requestContext(request, null);
      return json(
        { formError: t("mailSettings.resendLimited", { minutes: Math.ceil(sent.retryAfterMs / 60_000) }) },
        { status: 429 },
      );
    }
    return redirect("/account/notifications?sent=1");
  }
  const on = new Set<string>(values.filter((v) => typeof v === "string"));
  // Without a delivery choice (an older form) the current one stays.
  const digest = delivery.length ? delivery[0] === "digest" : (await mailSettings(user.id)).digest;
  await saveMailSettings(user.id, { off: MAIL_CATEGORIES.filter((c) => !on.has(c)), digest });
  return redirect("/account/notifications?saved=1");
}

export default function MailSettingsPage() {
  const { settings, confirmed, digestHour } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [q] = useSearchParams();
  const { t } = useI18n(mailCatalog);
  return (
    <Card className="mx-auto max-w-2xl">
      <h1 className="mb-2 text-xl font-semibold">{t("mailSettings.title")}</h1>
      {q.get("saved") && <FormAlert tone="success">{t("mailSettings.saved")}</FormAlert>}
      {q.get("sent") && <FormAlert tone="success">{t("mailSettings.resent")}</FormAlert>}
      {failed?.formError && <FormAlert>{failed.formError}</FormAlert>}
      {!confirmed && (
        <Form method="post" className="my-3 space-y-2 rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          <p>{t("mailSettings.unverified")}</p>
          <input type="hidden" name="intent" value="resend" />
          <Button tone="secondary">{t("mailSettings.resend")}</Button>
        </Form>
      )}
      <p className="my-3 text-sm text-slate-600">{t("mailSettings.intro")}</p>
      <Form method="post" className="space-y-2">
        <input type="hidden" name="intent" value="save" />
        <fieldset className="space-y-1">
          <legend className="sr-only">{t("mailSettings.title")}</legend>
          {MAIL_CATEGORIES.map((c) => (
            <label key={c} className="flex min-h-11 items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="on"
                value={c}
                defaultChecked={!settings.off.includes(c)}
                className="h-5 w-5"
              />
              {t(`mailSettings.kind.${c}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="space-y-1 border-t border-slate-200 pt-3" aria-describedby="digest-help">
          <legend className="pt-3 text-sm font-medium">{t("mailSettings.delivery")}</legend>
          {(["single", "digest"] as const).map((d) => (
            <label key={d} className="flex min-h-11 items-center gap-2 text-sm">
              <input
                type="radio"
                name="delivery"
                value={d}
                defaultChecked={settings.digest === (d === "digest")}
                className="h-5 w-5"
              />
              {t(d === "digest" ? "mailSettings.digest" : "mailSettings.single")}
            </label>
          ))}
          <p id="digest-help" className="text-sm text-slate-600">
            {t("mailSettings.digestHelp", { hour: String(digestHour).padStart(2, "0") })}
          </p>
        </fieldset>
        <Button>{t("mailSettings.save")}</Button>
      </Form>
    </Card>
  );
}
