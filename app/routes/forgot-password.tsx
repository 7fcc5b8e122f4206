import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { requestPasswordReset } from "~/auth/accounts.server";
import { forgotSchema } from "~/auth/schemas";
import { Card, Field, FormAlert, SubmitButton, type FormState } from "~/components/ui/form";
import { useI18n } from "~/i18n/use-i18n";
import { parseForm } from "~/lib/forms.server";
import { requestContext } from "~/i18n/request.server";
import { appOrigin } from "~/lib/app-url.server";
import { domainErrorResponse } from "~/lib/responses.server";

export async function action({ request, context }: ActionFunctionArgs) {
  const { t } = await requestContext(request, null);
  const form = parseForm(forgotSchema, await request.formData(), t);
  if (!form.ok) return json({ errors: form.errors, values: form.values, sent: false }, { status: 400 });
  try {
    await requestPasswordReset(form.data.email, appOrigin(), context.clientIp ?? "unknown");
  } catch (err) {
    return domainErrorResponse(err, t, form.values, { sent: false });
  }
  return json({ sent: true, errors: {}, values: {} });
}

export default function ForgotPassword() {
  const state = useActionData<typeof action>() as (FormState & { sent?: boolean }) | undefined;
  const { t } = useI18n();
  const busy = useNavigation().state === "submitting";
  return (
    <Card className="mx-auto max-w-md">
      <h1 className="mb-2 text-xl font-semibold">{t("auth.forgot.title")}</h1>
      {state?.sent ? (
        <FormAlert tone="success">{t("auth.forgot.sent")}</FormAlert>
      ) : (
        <Form method="post" className="space-y-4" noValidate>
          {state?.formError && <FormAlert>{state.formError}</FormAlert>}
          <p className="text-sm text-slate-600">{t("auth.forgot.intro")}</p>
          <Field name="email" type="email" autoComplete="email" label={t("auth.email")} state={state} required />
          <SubmitButton busy={busy}>{t("auth.forgot.submit")}</SubmitButton>
        </Form>
      )}
    </Card>
  );
}
