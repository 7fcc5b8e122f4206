import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { Card, Field, FormAlert, SelectField, SubmitButton, TextArea, type FormState } from "~/components/ui/form";
import { mediaUrl } from "~/components/booths/media";
import { REGION_CODES, SECTOR_CODES } from "~/domain/fairs/codes";
import { getMyOrganization, orgProfileSchema, updateMyOrganization } from "~/domain/accounts/organizations.server";
import { requestContext } from "~/i18n/request.server";
import { useI18n } from "~/i18n/use-i18n";
import { parseForm } from "~/lib/forms.server";
import { fileField, readForm } from "~/lib/multipart.server";
import { domainErrorResponse } from "~/lib/responses.server";
import { boothsCatalog } from "~/i18n/catalog/booths";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "EXHIBITOR");
  return json(await getMyOrganization(user));
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "EXHIBITOR");
  const { t } = await requestContext(request, user);
  try {
    const formData = await readForm(request);
    const form = parseForm(orgProfileSchema, formData, t);
    if (!form.ok) return json({ errors: form.errors, values: form.values }, { status: 400 });
    await updateMyOrganization(user, form.data, fileField(formData, "logo"));
  } catch (err) {
    return domainErrorResponse(err, t);
  }
  return redirect("/exhibitor/organization?saved=1");
}

export default function OrganizationProfile() {
  const { form: current, logoKey } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState | undefined;
  const [params] = useSearchParams();
  const { t, label, pick } = useI18n(boothsCatalog);
  const v = (k: keyof typeof current) => ({ state, defaultValue: current[k] });
  return (
    <Card className="mx-auto max-w-2xl">
      <h1 className="mb-4 text-xl font-semibold">{t("org.title")}</h1>
      {params.get("saved") && !state && <FormAlert tone="success">{t("org.saved")}</FormAlert>}
      {state?.formError && <FormAlert>{state.formError}</FormAlert>}
      <Form method="post" encType="multipart/form-data" className="space-y-4">
        <div className="grid gap-3 sm:grid-cols-2">
          <Field name="nameZh" label={t("builder.nameZh")} required {...v("nameZh")} />
          <Field name="nameEn" label={t("builder.nameEn")} required {...v("nameEn")} />
          <SelectField
            name="sector"
            label={t("booth.sector")}
            options={SECTOR_CODES.map((c) => ({ value: c, label: label("sector", c) }))}
            {...v("sector")}
          />
          <SelectField
            name="region"
            label={t("booth.region")}
            options={REGION_CODES.map((c) => ({ value: c, label: label("region", c) }))}
            {...v("region")}
          />
        </div>
        <TextArea name="descriptionZh" label={t("builder.descZh")} rows={3} {...v("descriptionZh")} />
        <TextArea name="descriptionEn" label={t("builder.descEn")} rows={3} {...v("descriptionEn")} />
        <Field name="website" type="url" label={t("org.website")} placeholder="https://" {...v("website")} />
        <div className="grid gap-3 sm:grid-cols-3">
          <Field name="contactName" label={t("org.contactName")} {...v("contactName")} />
          <Field name="contactEmail" type="email" label={t("org.contactEmail")} {...v("contactEmail")} />
          <Field name="contactPhone" type="tel" label={t("org.contactPhone")} {...v("contactPhone")} />
        </div>
        <div className="space-y-1">
          <label htmlFor="org-logo" className="block text-sm font-medium">
            {t("org.logo")}
          </label>
          {logoKey && (
            <img
              src={mediaUrl(logoKey)}
              alt={t("img.logo", { name: pick(current.nameZh, current.nameEn) })}
              className="h-16 w-16 rounded"
            />
          )}
          <input
            id="org-logo"
            type="file"
            name="logo"
            accept="image/png,image/jpeg,image/webp,image/gif"
            className="block text-sm"
          />
          <p className="text-xs text-slate-500">{t("builder.imageHint")}</p>
        </div>
        <SubmitButton>{t("common.save")}</SubmitButton>
      </Form>
    </Card>
  );
}
