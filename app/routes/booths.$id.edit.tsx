import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { Card, FormAlert, SubmitButton, type FormState } from "~/components/form";
import { boothDescriptionSchema, getBoothForEditing, updateBoothDescription } from "~/domain/booths.server";
import { requestContext } from "~/i18n/request.server";
import { useI18n } from "~/i18n/use-i18n";
import { parseForm } from "~/lib/forms";
import { domainErrorResponse, orErrorPage } from "~/lib/responses.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const booth = await orErrorPage(getBoothForEditing(params.id ?? "", user));
  return json({ booth: { id: booth.id, nameZh: booth.organization.nameZh, nameEn: booth.organization.nameEn, descriptionZh: booth.descriptionZh, descriptionEn: booth.descriptionEn } });
}

export async function action({ params, request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { t } = await requestContext(request, user);
  const id = params.id ?? "";
  await orErrorPage(getBoothForEditing(id, user)); // authorize before reading the body
  const form = parseForm(boothDescriptionSchema, await request.formData());
  if (!form.ok) return json({ errors: form.errors, values: form.values }, { status: 400 });
  try {
    await updateBoothDescription(id, user, form.data);
  } catch (err) {
    return domainErrorResponse(err, t);
  }
  return redirect(`/booths/${id}`);
}

export default function EditBooth() {
  const { booth } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState | undefined;
  const { t, pick } = useI18n();
  const busy = useNavigation().state === "submitting";
  const area = (name: "descriptionZh" | "descriptionEn", label: string) => (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-sm font-medium">{label}</label>
      <textarea id={name} name={name} rows={6} maxLength={4000} defaultValue={state?.values?.[name] ?? booth[name]} className="w-full rounded border border-slate-300 px-3 py-2" />
      {state?.errors?.[name] && <p className="text-sm text-red-600" role="alert">{t(state.errors[name]!)}</p>}
    </div>
  );
  return (
    <Card className="mx-auto max-w-2xl">
      <h1 className="mb-4 text-xl font-semibold">{t("boothEdit.title")} · {pick(booth.nameZh, booth.nameEn)}</h1>
      {state?.formError && <FormAlert>{state.formError}</FormAlert>}
      <Form method="post" className="space-y-4">
        {area("descriptionZh", t("boothEdit.descriptionZh"))}
        {area("descriptionEn", t("boothEdit.descriptionEn"))}
        <SubmitButton busy={busy}>{t("boothEdit.save")}</SubmitButton>
      </Form>
    </Card>
  );
}
