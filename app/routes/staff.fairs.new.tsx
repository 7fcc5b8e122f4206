import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { FairFields } from "~/components/fairs/fair-form";
import { Card, FormAlert, SelectField, SubmitButton, type FormState } from "~/components/ui/form";
import { createFair, newFairFormSchema, organizerChoices, organizerField } from "~/domain/fairs/fair-admin.server";
import { requestContext } from "~/i18n/request.server";
import { useI18n } from "~/i18n/use-i18n";
import { parseForm } from "~/lib/forms.server";
import { domainErrorResponse } from "~/lib/responses.server";
import { staffCatalog } from "~/i18n/catalog/staff";

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireRole(request, "STAFF");
  // Only bureaus the user may create fairs for (ADR 028); the first is preselected.
  return json({ bureaus: await organizerChoices(staff) });
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireRole(request, "STAFF");
  const { t } = await requestContext(request, staff);
  const formData = await request.formData();
  const form = parseForm(newFairFormSchema(), formData, t);
  const organizer = parseForm(organizerField, formData, t);
  if (!form.ok || !organizer.ok)
    return json(
      { errors: { ...(form.ok ? {} : form.errors), ...(organizer.ok ? {} : organizer.errors) }, values: form.values },
      { status: 400 },
    );
  try {
    const fair = await createFair(staff, form.data, organizer.data.bureauId);
    return redirect(`/staff/fairs/${fair.id}`);
  } catch (err) {
    return domainErrorResponse(err, t, form.values);
  }
}

export default function NewFair() {
  const { bureaus } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState | undefined;
  const { t, pick } = useI18n(staffCatalog);
  return (
    <Card className="mx-auto max-w-3xl">
      <h1 className="mb-4 text-xl font-semibold">{t("staff.newFair")}</h1>
      <Form method="post" className="space-y-4">
        {state?.formError && <FormAlert>{state.formError}</FormAlert>}
        {bureaus.length === 1 ? (
          // One bureau: it organizes the fair; said, not asked.
          <div className="text-sm" data-testid="fair-organizer">
            {t("staff.organizer")}: <span className="font-medium">{pick(bureaus[0].nameZh, bureaus[0].nameEn)}</span>
            <input type="hidden" name="bureauId" value={bureaus[0].id} />
            {state?.errors?.bureauId && <p className="text-red-600">{state.errors.bureauId}</p>}
          </div>
        ) : (
          <SelectField
            name="bureauId"
            label={t("staff.organizer")}
            required
            state={state}
            defaultValue={bureaus[0]?.id}
            options={bureaus.map((b) => ({
              value: b.id,
              label: "\u00a0\u00a0".repeat(b.depth) + pick(b.nameZh, b.nameEn),
            }))}
          />
        )}
        <FairFields state={state} />
        <SubmitButton>{t("common.save")}</SubmitButton>
      </Form>
    </Card>
  );
}
