import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { authenticate } from "~/auth/accounts.server";
import { z } from "zod";
import { loginSchema } from "~/auth/schemas";
import { createSession, getUser } from "~/auth/session.server";
import { Card, Field, FormAlert, SubmitButton, type FormState } from "~/components/ui/form";
import { restoreCookie, restoreTokenForLogin } from "~/domain/privacy/deletion.server";
import { requestContext } from "~/i18n/request.server";
import { useI18n } from "~/i18n/use-i18n";
import { parseForm } from "~/lib/forms.server";
import { safeRedirect } from "~/lib/redirects";
import { domainErrorResponse } from "~/lib/responses.server";

export const meta: MetaFunction = () => [{ title: "登录 Log in · 云展洽" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/dashboard");
  return null;
}

// Where to go after logging in; a malformed value never blocks the login.
const loginForm = loginSchema.extend({ next: z.string().max(2048).optional().catch(undefined) });

export async function action({ request, context }: ActionFunctionArgs) {
  const { t } = await requestContext(request, null);
  const form = parseForm(loginForm, await request.formData(), t);
  if (!form.ok) return json({ errors: form.errors, values: form.values }, { status: 400 });
  try {
    const userId = await authenticate(form.data.email, form.data.password, context.clientIp ?? "unknown");
    // An account waiting to be deleted: no session, but the offer to cancel the deletion (ADR 022).
    const restore = await restoreTokenForLogin(userId);
    if (restore)
      return redirect("/account/restore", { headers: { "Set-Cookie": await restoreCookie.serialize(restore) } });
    return redirect(safeRedirect(form.data.next), { headers: { "Set-Cookie": await createSession(userId) } });
  } catch (err) {
    return domainErrorResponse(err, t, { email: form.data.email });
  }
}

export default function Login() {
  const state = useActionData<typeof action>() as FormState | undefined;
  const [params] = useSearchParams();
  const { t } = useI18n();
  const busy = useNavigation().state === "submitting";
  return (
    <Card className="mx-auto max-w-md">
      <h1 className="mb-4 text-xl font-semibold">{t("auth.login.title")}</h1>
      <Form method="post" className="space-y-4" noValidate>
        {state?.formError && <FormAlert>{state.formError}</FormAlert>}
        <input type="hidden" name="next" value={params.get("next") ?? ""} />
        <Field name="email" type="email" autoComplete="email" label={t("auth.email")} state={state} required />
        <Field
          name="password"
          type="password"
          autoComplete="current-password"
          label={t("auth.password")}
          state={state}
          required
        />
        <SubmitButton busy={busy}>{t("auth.login.submit")}</SubmitButton>
      </Form>
      <div className="mt-4 flex justify-between text-sm">
        <Link to="/forgot-password">{t("auth.login.forgot")}</Link>
        <span>
          {t("auth.login.noAccount")} <Link to="/signup">{t("nav.signup")}</Link>
        </span>
      </div>
    </Card>
  );
}
