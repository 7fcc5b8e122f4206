import { useI18n } from "~/i18n/use-i18n";
import { Field, TextArea, type FormState } from "./form";

export interface FairFormValues {
  slug: string; titleZh: string; titleEn: string; descriptionZh: string; descriptionEn: string; timeZone: string; startsAt: string; endsAt: string; applicationDeadline: string;
}

/** Fields of a fair; times are wall-clock values in the fair's own time zone. */
export function FairFields({ state, values }: { state?: FormState; values?: Partial<FairFormValues> }) {
  const { t } = useI18n();
  const v = (k: keyof FairFormValues) => ({ state, defaultValue: values?.[k] ?? "" });
  return (
    <>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field name="titleZh" label={t("staff.titleZh")} required {...v("titleZh")} />
        <Field name="titleEn" label={t("staff.titleEn")} required {...v("titleEn")} />
        <Field name="slug" label={t("staff.slug")} required {...v("slug")} />
        <Field name="timeZone" label={t("staff.timeZone")} required state={state} defaultValue={values?.timeZone ?? "Asia/Shanghai"} />
        <Field name="startsAt" type="datetime-local" label={t("staff.startsAt")} required {...v("startsAt")} />
        <Field name="endsAt" type="datetime-local" label={t("staff.endsAt")} required {...v("endsAt")} />
        <Field name="applicationDeadline" type="datetime-local" label={t("staff.deadline")} {...v("applicationDeadline")} />
      </div>
      <TextArea name="descriptionZh" label={t("staff.descZh")} rows={3} {...v("descriptionZh")} />
      <TextArea name="descriptionEn" label={t("staff.descEn")} rows={3} {...v("descriptionEn")} />
    </>
  );
}
