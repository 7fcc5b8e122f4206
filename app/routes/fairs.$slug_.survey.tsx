import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { Button, Card, FormAlert, TextArea, type FormState } from "~/components/ui/form";
import { saveSurvey, surveyPage, surveySchema } from "~/domain/reports/surveys.server";
import { requestContext } from "~/i18n/request.server";
import { useI18n } from "~/i18n/use-i18n";
import { typedText } from "~/lib/forms";
import { parseForm } from "~/lib/forms.server";
import { domainErrorResponse, orErrorPage } from "~/lib/responses.server";
import { dashboardCatalog } from "~/i18n/catalog/dashboard";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await orErrorPage(surveyPage(user, params.slug ?? ""));
  return json(page, { status: page.state === "not-eligible" ? 403 : 200 });
}

export async function action({ params, request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { t } = await requestContext(request, user);
  const parsed = parseForm(surveySchema, await request.formData(), t);
  if (!parsed.ok)
    return json(
      { saved: false, errors: parsed.errors, values: parsed.values, formError: t("error.formGeneric") } as FormState & {
        saved: boolean;
      },
      { status: 400 },
    );
  try {
    await saveSurvey(user, params.slug ?? "", parsed.data);
    return json({ saved: true } as FormState & { saved: boolean });
  } catch (err) {
    return domainErrorResponse(err, t, {}, { saved: false });
  }
}

function Scale({
  name,
  label,
  from,
  to,
  state,
  value,
}: {
  name: string;
  label: string;
  from: number;
  to: number;
  state?: FormState;
  value?: number;
}) {
  const error = state?.errors?.[name];
  const typed = typedText(state?.values, name);
  const checked = typed !== undefined ? typed : value !== undefined ? String(value) : undefined;
  return (
    <fieldset aria-describedby={error ? `${name}-error` : undefined}>
      <legend className="mb-1 text-sm font-medium text-slate-700">{label}</legend>
      <div className="flex flex-wrap gap-1">
        {Array.from({ length: to - from + 1 }, (_, i) => from + i).map((n) => (
          <label
            key={n}
            className="flex min-w-[2.5rem] cursor-pointer items-center justify-center gap-1 rounded border border-slate-300 px-2 py-1.5 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600"
          >
            <input type="radio" name={name} value={n} defaultChecked={checked === String(n)} className="sr-only" />
            {n}
          </label>
        ))}
      </div>
      {error && (
        <p id={`${name}-error`} className="mt-1 text-sm text-red-600" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

export default function SurveyPage() {
  const { fair, state, answer } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as (FormState & { saved: boolean }) | undefined;
  const { t, pick, date } = useI18n(dashboardCatalog);
  return (
    <Card className="mx-auto max-w-2xl">
      <h1 className="mb-2 text-xl font-semibold">{t("survey.title", { fair: pick(fair.titleZh, fair.titleEn) })}</h1>
      {state === "not-eligible" && (
        <p className="text-slate-700" data-testid="survey-not-eligible">
          {t("survey.notEligible")}
        </p>
      )}
      {state === "not-open" && (
        <p className="text-slate-700" data-testid="survey-not-open">
          {t("survey.notOpen")}
        </p>
      )}
      {state === "open" && (
        <>
          <p className="mb-3 text-sm text-slate-600">{t("survey.intro")}</p>
          <div className="mb-4 space-y-2">
            {result?.saved && <FormAlert tone="success">{t("survey.saved")}</FormAlert>}
            {result?.formError && <FormAlert>{result.formError}</FormAlert>}
            {answer && !result && (
              <p className="text-sm text-slate-600">
                {t("survey.answered", { date: date(answer.createdAt, fair.timeZone) })}
              </p>
            )}
          </div>
          <Form method="post" className="space-y-5" data-testid="survey-form">
            <Scale name="nps" label={t("survey.nps")} from={0} to={10} state={result} value={answer?.nps} />
            <Scale
              name="satisfaction"
              label={t("survey.satisfaction")}
              from={1}
              to={5}
              state={result}
              value={answer?.satisfaction}
            />
            <TextArea
              name="comment"
              label={t("survey.comment")}
              state={result}
              defaultValue={answer?.comment}
              maxLength={2000}
            />
            <Button>{answer ? t("survey.update") : t("survey.submit")}</Button>
          </Form>
        </>
      )}
    </Card>
  );
}
