import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { createStaffAccount, listStaffAccounts } from "~/auth/accounts.server";
import { createApiKey, listApiKeys, revokeApiKey } from "~/api/keys.server";
import { z } from "zod";
import { requireRole } from "~/auth/guards.server";
import { bureauSchema, staffAccountSchema } from "~/auth/schemas";
import { createBureau, listBureaus } from "~/domain/bureaus/bureaus.server";
import { bureausCatalog } from "~/i18n/catalog/bureaus";
import {
  Card,
  Field,
  NewPasswordField,
  FormAlert,
  SelectField,
  SubmitButton,
  scoped,
  type FormState,
  type IntentState,
} from "~/components/ui/form";
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
    accounts: accounts.map((a) => ({
      role: a.role,
      email: a.user.email,
      name: a.user.name,
      id: a.user.id,
      orgZh: a.organization.nameZh,
      orgEn: a.organization.nameEn,
    })),
    keys: await listApiKeys(),
    bureaus: await listBureaus(),
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
  if (intent === "bureau-create") {
    const form = parseForm(bureauSchema, formData, t);
    if (!form.ok) return json({ intent, errors: form.errors, values: form.values, created: null }, { status: 400 });
    try {
      const bureau = await createBureau(admin, form.data);
      return json({ intent, created: bureau.nameZh, errors: {}, values: {} });
    } catch (err) {
      // Tagged with the intent, so the page shows the error on the bureau form (not the staff one).
      return domainErrorResponse(err, t, form.values, { intent, created: null });
    }
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
  const { accounts, keys, bureaus } = useLoaderData<typeof loader>();
  const all = useActionData<typeof action>() as
    (IntentState & { created?: string | null; apiKey?: string | null }) | undefined;
  const state: (FormState & { created?: string | null; apiKey?: string | null }) | undefined =
    all?.intent === "bureau-create" ? undefined : all;
  const bureauState = scoped(all, "bureau-create") as (IntentState & { created?: string | null }) | undefined;
  const { t, label, pick } = useI18n(staffCatalog, bureausCatalog);
  const bureauOptions = bureaus.map((b) => ({
    value: b.id,
    label: `${"　".repeat(b.depth)}${pick(b.nameZh, b.nameEn)}`,
  }));
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
            <option value="BUREAU_ADMIN">{label("role", "BUREAU_ADMIN")}</option>
            <option value="VIEWER">{label("role", "VIEWER")}</option>
            <option value="ADMIN">{label("role", "ADMIN")}</option>
          </select>
          <SelectField name="bureauId" label={t("bureau.field.bureau")} options={bureauOptions} state={state} />
          <SubmitButton busy={busy}>{t("dash.admin.create")}</SubmitButton>
        </Form>
      </Card>
      <Card>
        <h2 className="mb-4 text-xl font-semibold">{t("bureau.admin.create")}</h2>
        {bureauState?.created && (
          <FormAlert tone="success">{t("bureau.admin.created", { name: bureauState.created })}</FormAlert>
        )}
        {bureauState?.formError && <FormAlert>{bureauState.formError}</FormAlert>}
        <Form method="post" className="space-y-3" noValidate data-testid="bureau-create">
          <input type="hidden" name="intent" value="bureau-create" />
          <Field name="nameZh" label={t("bureau.field.nameZh")} state={bureauState} required maxLength={120} />
          <Field name="nameEn" label={t("bureau.field.nameEn")} state={bureauState} required maxLength={120} />
          <Field name="slug" label={t("bureau.field.slug")} state={bureauState} required maxLength={60} />
          <SelectField
            name="level"
            label={t("bureau.field.level")}
            required
            defaultValue="CITY"
            options={(["PROVINCE", "CITY", "DISTRICT"] as const).map((l) => ({
              value: l,
              label: t(`bureau.level.${l}`),
            }))}
            state={bureauState}
          />
          <SelectField name="parentId" label={t("bureau.field.parent")} options={bureauOptions} state={bureauState} />
          <Field name="region" label={t("bureau.field.region")} state={bureauState} maxLength={40} />
          <h3 className="pt-2 font-medium">{t("bureau.admin.firstAdmin")}</h3>
          <Field name="name" label={t("auth.name")} state={bureauState} required />
          <Field name="email" type="email" label={t("auth.email")} state={bureauState} required />
          <NewPasswordField state={bureauState} />
          <SubmitButton busy={busy}>{t("bureau.admin.submit")}</SubmitButton>
        </Form>
        <h3 className="mb-2 mt-6 font-medium">{t("bureau.admin.list")}</h3>
        <ul className="divide-y divide-slate-100 text-sm" data-testid="bureau-list">
          {bureaus.map((b) => (
            <li
              key={b.id}
              className="flex flex-wrap justify-between gap-2 py-1.5"
              style={{ paddingLeft: b.depth * 16 }}
            >
              <span>
                {pick(b.nameZh, b.nameEn)} {b.level && <>· {t(`bureau.level.${b.level}`)}</>}
              </span>
              <span className="flex gap-3">
                <a href={`/staff/bureaus/${b.id}/members`}>{t("bureau.members.manage")}</a>
                <a href={`/staff/bureaus/${b.id}`}>{t("bureau.staff.rollup")}</a>
              </span>
            </li>
          ))}
        </ul>
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
              <span className="text-slate-500">
                {label("role", a.role)} · {pick(a.orgZh, a.orgEn)}
              </span>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
