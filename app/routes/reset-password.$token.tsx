import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { isResetTokenValid, resetPassword } from "~/auth/accounts.server";
import { resetSchema } from "~/auth/schemas";
import { Card, NewPasswordField, FormAlert, SubmitButton, type FormState } from "~/components/ui/form";
import { requestContext } from "~/i18n/request.server";
import { useI18n } from "~/i18n/use-i18n";
import { parseForm } from "~/lib/forms.server";
import { domainErrorResponse } from "~/lib/responses.server";

export async function loader({ params }: LoaderFunctionArgs) {
  return json({ valid: await isResetTokenValid(params.token ?? "") });
}

export async function action({ params, request }: ActionFunctionArgs) {
  const { t } = await requestContext(request, null);
  const form = parseForm(resetSchema, await request.formData(), t);
  if (!form.ok) return json({ errors: form.errors, values: form.values, done: false }, { status: 400 });
  try {
    await resetPassword(params.token ?? "", form.data.password);
  } catch (err) {
    return domainErrorResponse(err, t);
  }
  return json({ done: true, errors: {}, values: {} });
}

export default function ResetPassword() {
  const { valid } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as (FormState & { done?: boolean }) | undefined;
  const { t } = useI18n();
  const busy = useNavigation().state === "submitting";
  return (
    <Card className="mx-auto max-w-md">
      <h1 className="mb-4 text-xl font-semibold">{t("auth.reset.title")}</h1>
      {state?.done ? (
        <FormAlert tone="success">
          {t("auth.reset.done")} <Link to="/login">{t("nav.login")}</Link>
        </FormAlert>
      ) : !valid || state?.formError ? (
        <FormAlert>
          {state?.formError ?? t("error.resetInvalid")} <Link to="/forgot-password">{t("auth.forgot.title")}</Link>
        </FormAlert>
      ) : (
        <Form method="post" className="space-y-4" noValidate>
          <NewPasswordField state={state} />
          <SubmitButton busy={busy}>{t("auth.reset.submit")}</SubmitButton>
        </Form>
      )}
    </Card>
  );
}
