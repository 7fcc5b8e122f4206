import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { Card, FormAlert, SelectField, SubmitButton, type FormState } from "~/components/ui/form";
import { applyForBooth, applySchema, getApplicationOptions } from "~/domain/booths/booth-builder.server";
import { requestContext } from "~/i18n/request.server";
import { useI18n } from "~/i18n/use-i18n";
import { parseForm } from "~/lib/forms.server";
import { domainErrorResponse, orErrorPage } from "~/lib/responses.server";
import { boothsCatalog } from "~/i18n/catalog/booths";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "EXHIBITOR");
  return json(await orErrorPage(getApplicationOptions(user, params.slug ?? "")));
}

export async function action({ params, request }: ActionFunctionArgs) {
  const user = await requireRole(request, "EXHIBITOR");
  const { t } = await requestContext(request, user);
  const form = parseForm(applySchema, await request.formData(), t);
  if (!form.ok) return json({ errors: form.errors, values: form.values }, { status: 400 });
  try {
    const booth = await applyForBooth(user, params.slug ?? "", form.data);
    return redirect(`/booths/${booth.id}/edit`);
  } catch (err) {
    return domainErrorResponse(err, t, form.values);
  }
}

export default function Apply() {
  const { fair, open, existingBoothId, halls, tiers } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState | undefined;
  const { t, pick, money, date } = useI18n(boothsCatalog);
  return (
    <Card className="mx-auto max-w-lg">
      <h1 className="mb-2 text-xl font-semibold">{t("apply.title", { fair: pick(fair.titleZh, fair.titleEn) })}</h1>
      {fair.deadline && (
        <p className="mb-3 text-sm text-slate-600">
          {t("apply.deadline", { date: date(fair.deadline, fair.timeZone, true) })}
        </p>
      )}
      {existingBoothId ? (
        <FormAlert>
          {t("apply.error.exists")} <Link to={`/booths/${existingBoothId}/edit`}>{t("apply.goToBooth")}</Link>
        </FormAlert>
      ) : !open ? (
        <FormAlert>{t("apply.error.closed")}</FormAlert>
      ) : (
        <Form method="post" className="space-y-4">
          {state?.formError && <FormAlert>{state.formError}</FormAlert>}
          <SelectField
            name="hallId"
            label={t("apply.hall")}
            options={halls.map((h) => ({ value: h.id, label: pick(h.nameZh, h.nameEn) }))}
            state={state}
          />
          <SelectField
            name="tierId"
            label={t("apply.tier")}
            options={tiers.map((x) => ({
              value: x.id,
              label: `${pick(x.nameZh, x.nameEn)} · ${x.feeAmount > 0 ? money(x.feeAmount, x.currency) : t("apply.free")}`,
            }))}
            state={state}
          />
          <SubmitButton>{t("apply.submit")}</SubmitButton>
        </Form>
      )}
    </Card>
  );
}
