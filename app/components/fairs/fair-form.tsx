import { useI18n } from "~/i18n/use-i18n";
import { Field, TextArea, type FormState } from "~/components/ui/form";
import { staffCatalog } from "~/i18n/catalog/staff";

export interface FairFormValues {
  slug: string;
  titleZh: string;
  titleEn: string;
  descriptionZh: string;
  descriptionEn: string;
  timeZone: string;
  startsAt: string;
  endsAt: string;
  applicationDeadline: string;
  meetingDays: string;
  sessionStart: string;
  sessionEnd: string;
  slotMinutes: string;
}

/** Fields of a fair; times are wall-clock values in the fair's own time zone. */
export function FairFields({ state, values }: { state?: FormState; values?: Partial<FairFormValues> }) {
  const { t } = useI18n(staffCatalog);
  const v = (k: keyof FairFormValues) => ({ state, defaultValue: values?.[k] ?? "" });
  return (
    <>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field name="titleZh" label={t("staff.titleZh")} required {...v("titleZh")} />
        <Field name="titleEn" label={t("staff.titleEn")} required {...v("titleEn")} />
        <Field name="slug" label={t("staff.slug")} required {...v("slug")} />
        <Field
          name="timeZone"
          label={t("staff.timeZone")}
          required
          state={state}
          defaultValue={values?.timeZone ?? "Asia/Shanghai"}
        />
        <Field name="startsAt" type="datetime-local" label={t("staff.startsAt")} required {...v("startsAt")} />
        <Field name="endsAt" type="datetime-local" label={t("staff.endsAt")} required {...v("endsAt")} />
        <Field
          name="applicationDeadline"
          type="datetime-local"
          label={t("staff.deadline")}
          {...v("applicationDeadline")}
        />
      </div>
      <fieldset className="grid gap-3 rounded border border-slate-200 p-3 sm:grid-cols-4">
        <legend className="px-1 text-sm font-medium text-slate-700">{t("staff.meetings")}</legend>
        <div className="sm:col-span-4">
          <Field
            name="meetingDays"
            label={t("staff.meetingDays")}
            placeholder="2026-12-09, 2026-12-10"
            {...v("meetingDays")}
          />
        </div>
        <Field
          name="sessionStart"
          type="time"
          label={t("staff.sessionStart")}
          state={state}
          defaultValue={values?.sessionStart ?? "09:00"}
        />
        <Field
          name="sessionEnd"
          type="time"
          label={t("staff.sessionEnd")}
          state={state}
          defaultValue={values?.sessionEnd ?? "17:00"}
        />
        <Field
          name="slotMinutes"
          type="number"
          min="10"
          max="120"
          label={t("staff.slotMinutes")}
          state={state}
          defaultValue={values?.slotMinutes ?? "20"}
        />
      </fieldset>
      <TextArea name="descriptionZh" label={t("staff.descZh")} rows={3} {...v("descriptionZh")} />
      <TextArea name="descriptionEn" label={t("staff.descEn")} rows={3} {...v("descriptionEn")} />
    </>
  );
}
