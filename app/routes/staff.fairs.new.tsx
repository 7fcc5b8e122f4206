import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { FairFields } from "~/components/fairs/fair-form";
import { Card, FormAlert, SubmitButton, type FormState } from "~/components/ui/form";
import { createFair, newFairFormSchema } from "~/domain/fairs/fair-admin.server";
import { requestContext } from "~/i18n/request.server";
import { useI18n } from "~/i18n/use-i18n";
import { parseForm } from "~/lib/forms.server";
import { domainErrorResponse } from "~/lib/responses.server";
import { staffCatalog } from "~/i18n/catalog/staff";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireRole(request, "STAFF");
  const { t } = await requestContext(request, staff);
  const formData = await request.formData();
  const form = parseForm(newFairFormSchema(), formData, t);
  if (!form.ok) return json({ errors: form.errors, values: form.values }, { status: 400 });
  try {
    const fair = await createFair(staff, form.data);
    return redirect(`/staff/fairs/${fair.id}`);
  } catch (err) {
    return domainErrorResponse(err, t, form.values);
  }
}

export default function NewFair() {
  const state = useActionData<typeof action>() as FormState | undefined;
  const { t } = useI18n(staffCatalog);
  return (
    <Card className="mx-auto max-w-3xl">
      <h1 className="mb-4 text-xl font-semibold">{t("staff.newFair")}</h1>
      <Form method="post" className="space-y-4">
        {state?.formError && <FormAlert>{state.formError}</FormAlert>}
        <FairFields state={state} />
        <SubmitButton>{t("common.save")}</SubmitButton>
      </Form>
    </Card>
  );
}
