// The "request a meeting" form: up to 3 of the fair's slots (in the fair's zone), project, message.
import { dateTimeFormat } from "~/lib/intl";
import { Form, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useI18n } from "~/i18n/use-i18n";
import { Card, FormAlert, type FormState } from "~/components/ui/form";
import { typedList, typedText } from "~/lib/forms";
import { agendaCatalog } from "~/i18n/catalog/agenda";

export function MeetingRequestForm({
  meeting,
  state,
  consent,
}: {
  meeting: {
    timeZone: string;
    slots: { startsAt: string; endsAt: string }[];
    projects: { id: string; titleZh: string; titleEn: string }[];
  };
  state?: FormState & { sent?: boolean };
  /** What sending shares with the other side (the consent's words, ADR 022), shown above the button. */
  consent?: ReactNode;
}) {
  const { t, pick, locale } = useI18n(agendaCatalog);
  // "Request a meeting" from a roadshow's project card arrives with ?project=<id>.
  const preselected = useSearchParams()[0].get("project");
  const checked = new Set(typedList(state?.values, "slots") ?? []);
  const errors = state?.errors ?? {};
  // One formatter each for the whole grid (a fair has a hundred slots or more), as formatDate's day.
  const timeFormat = dateTimeFormat("zh-CN", {
    timeZone: meeting.timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const dayFormat = dateTimeFormat(locale, {
    timeZone: meeting.timeZone,
    year: "numeric",
    month: "long",
    day: "numeric",
  });
  const time = (iso: string) => timeFormat.format(new Date(iso));
  const days = new Map<string, { startsAt: string; endsAt: string }[]>();
  for (const s of meeting.slots) {
    const day = dayFormat.format(new Date(s.startsAt));
    const list = days.get(day);
    if (list) list.push(s);
    else days.set(day, [s]);
  }
  return (
    <Card>
      <h2 className="mb-1 font-semibold">{t("request.title")}</h2>
      {state?.sent ? (
        <FormAlert tone="success">{t("request.sent")}</FormAlert>
      ) : meeting.slots.length === 0 ? (
        <p className="text-sm text-slate-600">{t("request.noSlots")}</p>
      ) : (
        <Form method="post" className="space-y-3" data-testid="meeting-request" id="request-meeting">
          <input type="hidden" name="intent" value="request-meeting" />
          <p className="text-xs text-slate-500">{t("request.intro")}</p>
          {state?.formError && <FormAlert>{state.formError}</FormAlert>}
          {errors.slots && (
            <p className="text-sm text-red-600" role="alert">
              {errors.slots}
            </p>
          )}
          <div className="max-h-64 space-y-2 overflow-y-auto">
            {[...days.entries()].map(([day, slots]) => (
              <fieldset key={day}>
                <legend className="text-xs font-medium text-slate-600">{day}</legend>
                <div className="flex flex-wrap gap-1">
                  {slots.map((s) => (
                    <label
                      key={s.startsAt}
                      className="flex items-center gap-1 rounded border border-slate-200 px-1.5 py-0.5 text-xs"
                    >
                      <input type="checkbox" name="slots" value={s.startsAt} defaultChecked={checked.has(s.startsAt)} />{" "}
                      {time(s.startsAt)}
                    </label>
                  ))}
                </div>
              </fieldset>
            ))}
          </div>
          {meeting.projects.length > 0 && (
            <label className="block text-sm">
              {t("request.project")}
              <select
                name="projectId"
                defaultValue={typedText(state?.values, "projectId") ?? preselected ?? ""}
                className="mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1"
              >
                <option value="">—</option>
                {meeting.projects.map((p) => (
                  <option key={p.id} value={p.id}>
                    {pick(p.titleZh, p.titleEn)}
                  </option>
                ))}
              </select>
              {errors.projectId && (
                <span className="block text-sm text-red-600" role="alert">
                  {errors.projectId}
                </span>
              )}
            </label>
          )}
          <label className="block text-sm">
            {t("request.message")}
            <textarea
              name="message"
              rows={2}
              maxLength={1000}
              defaultValue={typedText(state?.values, "message") ?? ""}
              className="mt-1 w-full rounded border border-slate-300 px-2 py-1"
            />
            {errors.message && (
              <span className="block text-sm text-red-600" role="alert">
                {errors.message}
              </span>
            )}
          </label>
          {consent && (
            <p className="text-xs text-slate-600" data-testid="request-consent">
              {consent}
            </p>
          )}
          <button type="submit" className="w-full rounded bg-brand-600 px-3 py-1.5 text-white">
            {t("request.submit")}
          </button>
        </Form>
      )}
    </Card>
  );
}
