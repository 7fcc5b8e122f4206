// Claiming an account a fair's bureau imported (ADR 027): no login; the single-use link sets the
// password (the usual rules) and signs in, landing in the pre-filled booth builder (exhibitors) or
// the investment preferences (investors).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { resetSchema } from "~/auth/schemas";
import { createSession } from "~/auth/session.server";
import { Card, FormAlert, NewPasswordField, SubmitButton, type FormState } from "~/components/ui/form";
import { claimInvitation, openClaim } from "~/domain/onboarding/invitations.server";
import { onboardingCatalog } from "~/i18n/catalog/onboarding";
import { requestContext } from "~/i18n/request.server";
import { useI18n } from "~/i18n/use-i18n";
import { parseForm } from "~/lib/forms.server";
import { domainErrorResponse } from "~/lib/responses.server";

export const meta: MetaFunction = () => [
  { title: "激活账户 Activate your account · 云展洽" },
  { name: "referrer", content: "no-referrer" },
];

export async function loader({ params }: LoaderFunctionArgs) {
  return json(
    { invite: await openClaim(params.token ?? "") },
    { headers: { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } },
  );
}

export async function action({ params, request }: ActionFunctionArgs) {
  const { t } = await requestContext(request, null);
  const form = parseForm(resetSchema, await request.formData(), t);
  if (!form.ok) return json({ errors: form.errors, values: form.values }, { status: 400 });
  try {
    const { userId, to } = await claimInvitation(params.token ?? "", form.data.password);
    return redirect(to, { headers: { "Set-Cookie": await createSession(userId) } });
  } catch (err) {
    return domainErrorResponse(err, t);
  }
}

export default function Claim() {
  const { invite } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState | undefined;
  const { t, pick } = useI18n(onboardingCatalog);
  const busy = useNavigation().state === "submitting";
  return (
    <Card className="mx-auto max-w-md">
      <h1 className="mb-4 text-xl font-semibold">{t("claim.title")}</h1>
      {!invite || state?.formError ? (
        <FormAlert>{state?.formError ?? t("claim.invalid")}</FormAlert>
      ) : (
        <Form method="post" className="space-y-4" noValidate>
          <p className="text-sm text-slate-700">
            {t("claim.intro", {
              org: pick(invite.orgZh, invite.orgEn),
              fair: pick(invite.fairZh, invite.fairEn),
              email: invite.email,
            })}
          </p>
          <NewPasswordField state={state} />
          <SubmitButton busy={busy}>{t("claim.submit")}</SubmitButton>
        </Form>
      )}
    </Card>
  );
}
