// A bureau's members (ADR 028): its admins (and platform admins) invite staff, bureau admins and
// viewers into this bureau and remove them; nobody else's. Everyone else: 403; an unknown bureau: 404.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireBureauMember } from "~/auth/guards.server";
import { bureauMemberSchema } from "~/auth/schemas";
import {
  Card,
  Field,
  FormAlert,
  NewPasswordField,
  SelectField,
  SubmitButton,
  scoped,
  type IntentState,
} from "~/components/ui/form";
import { bureauMembers, inviteMember, manageableBureau, removeMember } from "~/domain/bureaus/bureaus.server";
import { bureausCatalog } from "~/i18n/catalog/bureaus";
import { staffCatalog } from "~/i18n/catalog/staff";
import { requestContext } from "~/i18n/request.server";
import { useI18n } from "~/i18n/use-i18n";
import { intentOf, parseForm } from "~/lib/forms.server";
import { domainErrorResponse, orErrorPage } from "~/lib/responses.server";

export const meta: MetaFunction = () => [{ title: "部门成员 Bureau members · 云展洽" }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireBureauMember(request);
  const bureau = await orErrorPage(manageableBureau(user, params.id ?? ""));
  return json(
    { bureau, members: await bureauMembers(bureau.id), me: user.id },
    { headers: { "Cache-Control": "no-store" } },
  );
}

const removeSchema = z.object({ userId: z.string().trim().min(1, "error.required").max(64, "error.tooLong") });

export async function action({ params, request }: ActionFunctionArgs) {
  const user = await requireBureauMember(request);
  const bureau = await orErrorPage(manageableBureau(user, params.id ?? ""));
  const { t } = await requestContext(request, user);
  const formData = await request.formData();
  const intent = intentOf(formData);
  if (intent === "remove") {
    const form = parseForm(removeSchema, formData, t);
    if (!form.ok) return json({ intent, errors: form.errors, values: form.values }, { status: 400 });
    await orErrorPage(removeMember(user, bureau.id, form.data.userId));
    return json({ intent, removed: true, errors: {}, values: {} });
  }
  const form = parseForm(bureauMemberSchema, formData, t);
  if (!form.ok) return json({ intent: "invite", errors: form.errors, values: form.values }, { status: 400 });
  try {
    await inviteMember(user, bureau.id, form.data);
  } catch (err) {
    return domainErrorResponse(err, t, form.values, { intent: "invite" });
  }
  return json({ intent: "invite", invited: form.data.email, errors: {}, values: {} });
}

export default function BureauMembers() {
  const { bureau, members, me } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as (IntentState & { invited?: string; removed?: boolean }) | undefined;
  const invite = scoped(state, "invite") as (IntentState & { invited?: string }) | undefined;
  const { t, pick, label } = useI18n(bureausCatalog, staffCatalog);
  const busy = useNavigation().state === "submitting";
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold" data-testid="members-title">
          {t("bureau.members.title", { name: pick(bureau.nameZh, bureau.nameEn) })}
        </h1>
        <Link to={`/staff/bureaus/${bureau.id}`}>{t("bureau.staff.rollup")}</Link>
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          {state?.removed && <FormAlert tone="success">{t("bureau.members.removed")}</FormAlert>}
          {members.length === 0 && <p className="text-slate-600">{t("bureau.members.empty")}</p>}
          <ul className="divide-y divide-slate-100 text-sm" data-testid="members">
            {members.map((m) => (
              <li key={m.userId} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span className="min-w-0 break-words">
                  {m.name} · {m.email}
                </span>
                <span className="flex items-center gap-3 text-slate-600">
                  {label("role", m.role)}
                  {m.userId !== me && (
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="userId" value={m.userId} />
                      <button type="submit" className="touch-target text-red-700">
                        {t("bureau.members.remove")}
                      </button>
                    </Form>
                  )}
                </span>
              </li>
            ))}
          </ul>
        </Card>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("bureau.members.invite")}</h2>
          {invite?.invited && (
            <FormAlert tone="success">{t("bureau.members.invited", { email: invite.invited })}</FormAlert>
          )}
          {invite?.formError && <FormAlert>{invite.formError}</FormAlert>}
          <Form method="post" className="space-y-3" noValidate>
            <input type="hidden" name="intent" value="invite" />
            <Field name="name" label={t("auth.name")} state={invite} required />
            <Field name="email" type="email" label={t("auth.email")} state={invite} required />
            <NewPasswordField state={invite} />
            <SelectField
              name="role"
              label={t("bureau.members.role")}
              required
              defaultValue="STAFF"
              options={(["STAFF", "VIEWER", "BUREAU_ADMIN"] as const).map((r) => ({
                value: r,
                label: label("role", r),
              }))}
              state={invite}
            />
            <SubmitButton busy={busy}>{t("bureau.members.submit")}</SubmitButton>
          </Form>
        </Card>
      </div>
    </div>
  );
}
