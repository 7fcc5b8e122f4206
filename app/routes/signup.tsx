import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { signUp } from "~/auth/accounts.server";
import { SIGNUP_TYPES } from "~/auth/account-types";
import { signupSchema } from "~/auth/schemas";
import { createSession, getUser } from "~/auth/session.server";
import { Card, Field, FormAlert, SubmitButton, type FormState } from "~/components/ui/form";
import { requestContext } from "~/i18n/request.server";
import { useI18n } from "~/i18n/use-i18n";
import { privacyCatalog } from "~/i18n/catalog/privacy";
import { typedText } from "~/lib/forms";
import { parseForm } from "~/lib/forms.server";
import { domainErrorResponse } from "~/lib/responses.server";

export const meta: MetaFunction = () => [{ title: "注册 Sign up · 云展洽" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/dashboard");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const { t, locale } = await requestContext(request, null);
  const form = parseForm(signupSchema, await request.formData(), t);
  if (!form.ok) return json({ errors: form.errors, values: form.values }, { status: 400 });
  try {
    const user = await signUp(form.data, locale);
    return redirect("/dashboard", { headers: { "Set-Cookie": await createSession(user.id) } });
  } catch (err) {
    return domainErrorResponse(err, t, form.values);
  }
}

export default function Signup() {
  const state = useActionData<typeof action>() as FormState | undefined;
  const { t } = useI18n(privacyCatalog);
  const busy = useNavigation().state === "submitting";
  const chosen = typedText(state?.values, "accountType") ?? "investor";
  return (
    <Card className="mx-auto max-w-md">
      <h1 className="mb-4 text-xl font-semibold">{t("auth.signup.title")}</h1>
      <Form method="post" className="space-y-4" noValidate>
        {state?.formError && <FormAlert>{state.formError}</FormAlert>}
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-700">{t("auth.accountType")}</legend>
          {SIGNUP_TYPES.map((type) => (
            <label key={type} className="flex items-center gap-2 rounded border border-slate-200 px-3 py-2">
              <input type="radio" name="accountType" value={type} defaultChecked={chosen === type} />
              <span className="text-sm">{t(`auth.type.${type}`)}</span>
            </label>
          ))}
          {state?.errors?.accountType && (
            <p className="text-sm text-red-600" role="alert">
              {state.errors.accountType}
            </p>
          )}
        </fieldset>
        <Field name="name" autoComplete="name" label={t("auth.name")} state={state} required />
        <Field
          name="orgName"
          autoComplete="organization"
          label={t("auth.orgName")}
          hint={t("auth.orgNameHint")}
          state={state}
        />
        <Field name="email" type="email" autoComplete="email" label={t("auth.email")} state={state} required />
        <Field
          name="password"
          type="password"
          autoComplete="new-password"
          label={t("auth.password")}
          hint={t("auth.passwordHint")}
          state={state}
          required
        />
        <p className="text-xs text-slate-600" data-testid="signup-privacy">
          {t("signup.notice")} <Link to="/privacy">{t("nav.privacy")}</Link>
        </p>
        <SubmitButton busy={busy}>{t("auth.signup.submit")}</SubmitButton>
      </Form>
      <p className="mt-4 text-sm">
        {t("auth.signup.haveAccount")} <Link to="/login">{t("nav.login")}</Link>
      </p>
    </Card>
  );
}
