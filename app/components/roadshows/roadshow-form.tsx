// The roadshow form shared by the bureau's schedule page and an exhibitor's proposal.
import { Form } from "@remix-run/react";
import { Button, Field, FormAlert, SelectField, TextArea, type FormState } from "~/components/ui/form";
import { useI18n } from "~/i18n/use-i18n";
import { roadshowsCatalog } from "~/i18n/catalog/roadshows";

export function RoadshowForm({
  intent,
  submit,
  timeZone,
  projects,
  booths,
  state,
}: {
  intent: string;
  submit: string;
  timeZone: string;
  projects: { id: string; titleZh: string; titleEn: string }[];
  booths?: { id: string; nameZh: string; nameEn: string }[];
  state?: FormState;
}) {
  const { t, pick } = useI18n(roadshowsCatalog);
  return (
    <Form method="post" className="grid gap-3 sm:grid-cols-2" data-testid={`roadshow-form-${intent}`}>
      <input type="hidden" name="intent" value={intent} />
      {state?.formError && (
        <div className="sm:col-span-2">
          <FormAlert>{state.formError}</FormAlert>
        </div>
      )}
      <Field name="titleZh" label={t("roadshow.field.titleZh")} state={state} required maxLength={200} />
      <Field name="titleEn" label={t("roadshow.field.titleEn")} state={state} required maxLength={200} />
      <TextArea
        name="descriptionZh"
        label={t("roadshow.field.descriptionZh")}
        state={state}
        rows={2}
        maxLength={4000}
      />
      <TextArea
        name="descriptionEn"
        label={t("roadshow.field.descriptionEn")}
        state={state}
        rows={2}
        maxLength={4000}
      />
      <TextArea name="agendaZh" label={t("roadshow.field.agendaZh")} state={state} rows={3} maxLength={4000} />
      <TextArea name="agendaEn" label={t("roadshow.field.agendaEn")} state={state} rows={3} maxLength={4000} />
      <div className="sm:col-span-2">
        <TextArea name="speakers" label={t("roadshow.field.speakers")} state={state} rows={3} maxLength={3000} />
      </div>
      <Field
        name="startsAt"
        type="datetime-local"
        label={t("roadshow.field.startsAt", { zone: timeZone })}
        state={state}
        required
      />
      <SelectField
        name="durationMin"
        label={t("roadshow.field.durationMin")}
        options={["30", "45", "60", "90", "120", "180"].map((v) => ({ value: v, label: v }))}
        defaultValue="60"
        state={state}
        required
      />
      <Field
        name="capacity"
        type="number"
        min={1}
        max={10000}
        label={t("roadshow.field.capacity")}
        defaultValue="200"
        state={state}
        required
      />
      {booths && (
        <SelectField
          name="boothId"
          label={t("roadshow.field.boothId")}
          options={booths.map((b) => ({ value: b.id, label: pick(b.nameZh, b.nameEn) }))}
          state={state}
        />
      )}
      {projects.length > 0 && (
        <fieldset className="sm:col-span-2">
          <legend className="mb-1 text-sm font-medium text-slate-700">{t("roadshow.field.projectIds")}</legend>
          {state?.errors?.projectIds && (
            <p className="text-sm text-red-600" role="alert">
              {state.errors.projectIds}
            </p>
          )}
          <div className="grid gap-1 sm:grid-cols-2">
            {projects.map((p) => (
              <label key={p.id} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="projectIds" value={p.id} />
                {pick(p.titleZh, p.titleEn)}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <div className="sm:col-span-2">
        <Button>{submit}</Button>
      </div>
    </Form>
  );
}
