import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { createStaffAccount, listStaffAccounts } from "~/auth/accounts.server";
import { createApiKey, listApiKeys, revokeApiKey } from "~/api/keys.server";
import { z } from "zod";
import { requireRole } from "~/auth/guards.server";
import { staffAccountSchema } from "~/auth/schemas";
import { Card, Field, NewPasswordField, FormAlert, SubmitButton, type FormState } from "~/components/ui/form";
import { requestContext } from "~/i18n/request.server";
import { useI18n } from "~/i18n/use-i18n";
import { typedText } from "~/lib/forms";
import { intentOf, parseForm } from "~/lib/forms.server";
import { domainErrorResponse, orErrorPage } from "~/lib/responses.server";
import { staffCatalog } from "~/i18n/catalog/staff";
import { jobsCatalog } from "~/i18n/catalog/jobs";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  const accounts = await listStaffAccounts();
  return json({
    accounts: accounts.map((a) => ({ role: a.role, email: a.user.email, name: a.user.name, id: a.user.id })),
    keys: await listApiKeys(),
  });
}

const keyCreate = z.object({ name: z.string().trim().min(1, "error.required").max(80, "error.tooLong") });
const keyRevoke = z.object({ id: z.string().min(1, "error.required").max(64) });

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const { t } = await requestContext(request, admin);
  const formData = await request.formData();
  const intent = intentOf(formData);
  if (intent === "key-create") {
    const form = parseForm(keyCreate, formData, t);
    if (!form.ok)
      return json({ errors: form.errors, values: form.values, created: null, apiKey: null }, { status: 400 });
    return json({ apiKey: await createApiKey(admin, form.data.name), created: null, errors: {}, values: {} });
  }
  if (intent === "key-revoke") {
    const form = parseForm(keyRevoke, formData, t);
    if (!form.ok)
      return json({ errors: form.errors, values: form.values, created: null, apiKey: null }, { status: 400 });
    await orErrorPage(revokeApiKey(admin, form.data.id));
    return json({ apiKey: null, created: null, errors: {}, values: {} });
  }
  const form = parseForm(staffAccountSchema, formData, t);
  if (!form.ok) return json({ errors: form.errors, values: form.values, created: null }, { status: 400 });
  try {
    await createStaffAccount(form.data, admin.id);
  } catch (err) {
    return domainErrorResponse(err, t, form.values);
  }
  return json({ created: form.data.email, errors: {}, values: {} });
}

export default function AdminHome() {
  const { accounts, keys } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as
    (FormState & { created?: string | null; apiKey?: string | null }) | undefined;
  const { t, label } = useI18n(staffCatalog);
  const { t: jobsT } = useI18n(jobsCatalog);
  const busy = useNavigation().state === "submitting";
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <Card>
        <h1 className="mb-4 text-xl font-semibold">{t("dash.admin.createStaff")}</h1>
        {state?.created && <FormAlert tone="success">{t("dash.admin.created", { email: state.created })}</FormAlert>}
        {state?.formError && <FormAlert>{state.formError}</FormAlert>}
        <Form method="post" className="space-y-3" noValidate>
          <Field name="name" label={t("auth.name")} state={state} required />
          <Field name="email" type="email" label={t("auth.email")} state={state} required />
          <NewPasswordField state={state} />
          <label className="block text-sm font-medium" htmlFor="role">
            {t("dash.admin.role")}
          </label>
          <select
            id="role"
            name="role"
            defaultValue={typedText(state?.values, "role") ?? "STAFF"}
            className="w-full rounded border border-slate-300 px-3 py-2"
          >
            <option value="STAFF">{label("role", "STAFF")}</option>
            <option value="ADMIN">{label("role", "ADMIN")}</option>
          </select>
          <SubmitButton busy={busy}>{t("dash.admin.create")}</SubmitButton>
        </Form>
      </Card>
      <p className="md:col-span-2">
        <a href="/admin/jobs" className="text-brand-700 underline">
          {jobsT("jobs.link")}
        </a>
      </p>
      <Card className="md:col-span-2">
        <h2 className="mb-1 text-lg font-semibold">{t("api.keys")}</h2>
        <p className="mb-2 text-sm text-slate-600">
          {t("api.intro")} <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>
        </p>
        {state?.apiKey && (
          <FormAlert tone="success">
            {t("api.created")}{" "}
            <code className="break-all" data-testid="api-key">
              {state.apiKey}
            </code>
          </FormAlert>
        )}
        <Form method="post" className="mb-3 flex gap-2">
          <input type="hidden" name="intent" value="key-create" />
          <input
            name="name"
            required
            maxLength={80}
            placeholder={t("api.name")}
            aria-label={t("api.name")}
            className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1"
          />
          <button type="submit" className="rounded bg-brand-600 px-3 py-1 text-white">
            {t("api.create")}
          </button>
        </Form>
        <ul className="divide-y divide-slate-100 text-sm">
          {keys.map((k) => (
            <li key={k.id} className="flex items-center justify-between py-1.5">
              <span>
                {k.name} · <code>{k.prefix}…</code> · {k.ratePerMin}/min{k.revoked && ` · ${t("api.revoked")}`}
              </span>
              {!k.revoked && (
                <Form method="post">
                  <input type="hidden" name="intent" value="key-revoke" />
                  <input type="hidden" name="id" value={k.id} />
                  <button type="submit" className="text-red-700">
                    {t("api.revoke")}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      </Card>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("dash.admin.users")}</h2>
        <ul className="divide-y divide-slate-100 text-sm">
          {accounts.map((a) => (
            <li key={a.id + a.role} className="flex justify-between py-2">
              <span>
                {a.name} · {a.email}
              </span>
              <span className="text-slate-500">{label("role", a.role)}</span>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
