// The link of the sign-up mail (ADR 026): confirms the address it was sent to. No login needed.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { confirmAddress } from "~/auth/email-verification.server";
import { Card, FormAlert } from "~/components/ui/form";
import { mailCatalog } from "~/i18n/catalog/mail";
import { useI18n } from "~/i18n/use-i18n";

export async function loader({ params }: LoaderFunctionArgs) {
  const ok = await confirmAddress(params.token);
  return json({ ok }, { status: ok ? 200 : 400 });
}

export default function VerifyEmail() {
  const { ok } = useLoaderData<typeof loader>();
  const { t } = useI18n(mailCatalog);
  return (
    <Card className="mx-auto max-w-md">
      <h1 className="mb-3 text-xl font-semibold">{t("verifyEmail.title")}</h1>
      <FormAlert tone={ok ? "success" : "error"}>{t(ok ? "verifyEmail.done" : "verifyEmail.invalid")}</FormAlert>
      <p className="mt-3 text-sm">
        <Link to="/">{t("mail.open")}</Link>
      </p>
    </Card>
  );
}
