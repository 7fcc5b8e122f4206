import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { Card, Field, FormAlert, SubmitButton, TextArea, type FormState } from "~/components/ui/form";
import { REGION_CODES, SECTOR_CODES, STAGE_CODES } from "~/domain/fairs/codes";
import {
  getInvestorProfile,
  investorProfileSchema,
  saveInvestorProfile,
} from "~/domain/accounts/investor-profile.server";
import { requestContext } from "~/i18n/request.server";
import { useI18n } from "~/i18n/use-i18n";
import { typedList } from "~/lib/forms";
import { parseForm } from "~/lib/forms.server";
import { matchingCatalog } from "~/i18n/catalog/matching";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "INVESTOR");
  return json({ profile: await getInvestorProfile(user) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "INVESTOR");
  const { t } = await requestContext(request, user);
  const form = parseForm(investorProfileSchema, await request.formData(), t);
  if (!form.ok) return json({ errors: form.errors, values: form.values }, { status: 400 });
  await saveInvestorProfile(user, form.data);
  return redirect("/dashboard?profileSaved=1");
}

export default function InvestorProfile() {
  const { profile } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState | undefined;
  const { t, label } = useI18n(matchingCatalog);
  const current = (state?.values ?? profile ?? {}) as Record<string, unknown>;
  const checks = (
    name: "sectors" | "stages" | "regions",
    group: "sector" | "stage" | "region",
    codes: readonly string[],
  ) => {
    const chosen = new Set(state?.values ? (typedList(state.values, name) ?? []) : (profile?.[name] ?? []));
    const error = state?.errors?.[name];
    return (
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-700">{t(`profile.${name}`)}</legend>
        <div className="flex flex-wrap gap-2">
          {codes.map((c) => (
            <label key={c} className="flex items-center gap-1 rounded border border-slate-200 px-2 py-1 text-sm">
              <input type="checkbox" name={name} value={c} defaultChecked={chosen.has(c)} /> {label(group, c)}
            </label>
          ))}
        </div>
        {error && (
          <p className="text-sm text-red-600" role="alert">
            {error}
          </p>
        )}
      </fieldset>
    );
  };
  const str = (k: string, d = "") => (current[k] === undefined || current[k] === null ? d : String(current[k]));
  return (
    <Card className="mx-auto max-w-2xl">
      <h1 className="mb-4 text-xl font-semibold">{t("profile.title")}</h1>
      {state?.errors && <FormAlert>{t("error.formGeneric")}</FormAlert>}
      <Form method="post" className="space-y-4">
        {checks("sectors", "sector", SECTOR_CODES)}
        {checks("stages", "stage", STAGE_CODES)}
        {checks("regions", "region", REGION_CODES)}
        <div className="grid gap-3 sm:grid-cols-3">
          <Field
            name="ticketMin"
            inputMode="decimal"
            autoComplete="off"
            label={t("profile.ticketMin")}
            state={{ errors: state?.errors }}
            defaultValue={str("ticketMin", "0")}
            required
          />
          <Field
            name="ticketMax"
            inputMode="decimal"
            autoComplete="off"
            label={t("profile.ticketMax")}
            state={{ errors: state?.errors }}
            defaultValue={str("ticketMax", "0")}
            required
          />
          <Field
            name="meetingCapacity"
            type="number"
            min="1"
            max="100"
            label={t("profile.capacity")}
            state={{ errors: state?.errors }}
            defaultValue={str("meetingCapacity", "10")}
            required
          />
        </div>
        <input type="hidden" name="currency" value={str("currency", "CNY")} />
        <TextArea name="thesisZh" label={t("profile.thesisZh")} defaultValue={str("thesisZh")} rows={3} />
        <TextArea name="thesisEn" label={t("profile.thesisEn")} defaultValue={str("thesisEn")} rows={3} />
        <SubmitButton>{t("common.save")}</SubmitButton>
      </Form>
    </Card>
  );
}
