// Each participant records what came out of the meeting; editable by its author for 7 days.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { Card, Field, FormAlert, SelectField, SubmitButton, TextArea, type IntentState } from "~/components/ui/form";
import { outcomeForm, outcomeSchema, saveOutcome } from "~/domain/meetings/outcomes.server";
import { OUTCOME_CURRENCIES, OUTCOME_RESULTS } from "~/domain/meetings/outcome-codes";
import { requestContext } from "~/i18n/request.server";
import { useI18n } from "~/i18n/use-i18n";
import { dispatchIntent, validate } from "~/lib/forms.server";
import { orErrorPage } from "~/lib/responses.server";
import { agendaCatalog } from "~/i18n/catalog/agenda";
import { videoCatalog } from "~/i18n/catalog/video";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ form: await orErrorPage(outcomeForm(user, params.id ?? "")), timeZone: user.timeZone });
}

export async function action({ params, request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { t } = await requestContext(request, user);
  const id = params.id ?? "";
  return dispatchIntent(
    await request.formData(),
    { outcome: async (f) => void (await saveOutcome(user, id, validate(outcomeSchema, f))) },
    t,
    `/meetings/${id}/outcome`,
  );
}

export default function OutcomePage() {
  const { form, timeZone } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as IntentState | undefined;
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const { t, pick, date } = useI18n(agendaCatalog, videoCatalog);
  const o = form.outcome;
  return (
    <Card className="mx-auto max-w-xl">
      <h1 className="text-xl font-semibold">{t("outcome.title")}</h1>
      <p className="mb-4 text-sm text-slate-600">
        {t("outcome.intro", { name: pick(form.counterpart.nameZh, form.counterpart.nameEn) })} ·{" "}
        {date(form.meeting.startsAt, timeZone, true)}
      </p>
      {params.get("saved") && !state && <FormAlert tone="success">{t("outcome.saved")}</FormAlert>}
      {state?.formError && <FormAlert>{state.formError}</FormAlert>}
      {!form.open ? (
        <p data-testid="outcome-not-over">{t("outcome.notOver")}</p>
      ) : (
        <Form method="post" className="mt-3 space-y-3" data-testid="outcome-form">
          <input type="hidden" name="intent" value="outcome" />
          <fieldset disabled={!form.editable} className="space-y-3">
            <SelectField
              name="result"
              label={t("outcome.result")}
              required
              state={state}
              defaultValue={o?.result ?? "FOLLOW_UP"}
              options={OUTCOME_RESULTS.map((r) => ({ value: r, label: t(`outcome.result.${r}`) }))}
            />
            <div className="grid grid-cols-[1fr_8rem] gap-2">
              <Field
                name="amount"
                label={t("outcome.amount")}
                hint={t("outcome.amountHint")}
                inputMode="decimal"
                state={state}
                defaultValue={o?.amount ?? ""}
              />
              <SelectField
                name="currency"
                label={t("outcome.currency")}
                required
                state={state}
                defaultValue={o?.currency ?? "CNY"}
                options={OUTCOME_CURRENCIES.map((c) => ({ value: c, label: c }))}
              />
            </div>
            <Field
              name="nextStep"
              label={t("outcome.nextStep")}
              maxLength={500}
              state={state}
              defaultValue={o?.nextStep ?? ""}
            />
            <Field
              name="nextStepDate"
              type="date"
              label={t("outcome.nextStepDate")}
              state={state}
              defaultValue={o?.nextStepDate ?? ""}
            />
            <TextArea
              name="notes"
              label={t("outcome.notes")}
              maxLength={2000}
              state={state}
              defaultValue={o?.notes ?? ""}
            />
            <fieldset>
              <legend className="text-sm font-medium text-slate-700">{t("outcome.rating")}</legend>
              <div className="mt-1 flex gap-3">
                {[1, 2, 3, 4, 5].map((n) => (
                  <label key={n} className="flex items-center gap-1">
                    <input
                      type="radio"
                      name="rating"
                      value={n}
                      defaultChecked={String(o?.rating ?? "") === String(n) || state?.values?.rating === String(n)}
                    />
                    {n}
                  </label>
                ))}
              </div>
              {state?.errors?.rating && (
                <p role="alert" className="text-sm text-red-600">
                  {state.errors.rating}
                </p>
              )}
            </fieldset>
            {form.editable && <SubmitButton busy={busy}>{t("outcome.save")}</SubmitButton>}
          </fieldset>
          {o &&
            (form.editable ? (
              <p className="text-xs text-slate-500">
                {t("outcome.editableUntil", { date: date(o.editableUntil, timeZone, true) })}
              </p>
            ) : (
              <p className="text-sm text-slate-600" data-testid="outcome-locked">
                {t("outcome.lockedNote")}
              </p>
            ))}
        </Form>
      )}
      <p className="mt-4 text-sm">
        <Link to="/meetings">← {t("agenda.title")}</Link>
      </p>
    </Card>
  );
}
