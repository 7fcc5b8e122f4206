import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { Button, Card, FormAlert } from "~/components/ui/form";
import { getAvailability, saveAvailability, setTimeZone } from "~/domain/meetings/availability.server";
import { publicFairIdBySlug } from "~/domain/fairs/fairs.server";
import { requestContext } from "~/i18n/request.server";
import { useI18n } from "~/i18n/use-i18n";
import { zoneName } from "~/i18n";
import { slotStart } from "~/domain/meetings/request-input.server";
import { parseForm } from "~/lib/forms.server";
import { isTimeZone } from "~/lib/time";
import { domainErrorResponse, orErrorPage } from "~/lib/responses.server";
import { agendaCatalog } from "~/i18n/catalog/agenda";
import { staffCatalog } from "~/i18n/catalog/staff";

async function fairIdOf(slug: string) {
  const id = await publicFairIdBySlug(slug);
  if (!id) throw new Response(null, { status: 404 });
  return id;
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json(await orErrorPage(getAvailability(user, await fairIdOf(params.slug ?? ""))));
}

const availabilityForm = z.object({
  timeZone: z
    .string()
    .max(64)
    .refine((tz) => tz === "" || isTimeZone(tz), "staff.error.timeZone")
    .default(""),
  slots: z.array(slotStart).max(5000).default([]),
});

export async function action({ params, request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { t } = await requestContext(request, user);
  const form = parseForm(availabilityForm, await request.formData(), t);
  if (!form.ok)
    return json({ saved: null, formError: Object.values(form.errors)[0] ?? t("error.formGeneric") }, { status: 400 });
  const { timeZone: tz, slots } = form.data;
  if (tz && tz !== user.timeZone) await setTimeZone(user, tz);
  try {
    const count = await saveAvailability(user, await fairIdOf(params.slug ?? ""), slots);
    return json({ saved: count, formError: null });
  } catch (err) {
    return domainErrorResponse(err, t, {}, { saved: null });
  }
}

const ZONES = [
  "Asia/Shanghai",
  "Asia/Hong_Kong",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Europe/Berlin",
  "Europe/London",
  "America/New_York",
  "America/Los_Angeles",
  "UTC",
];

export default function AvailabilityPage() {
  const { fair, slots, viewerTimeZone } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as { saved: number | null; formError: string | null } | undefined;
  const { t, pick, locale } = useI18n(agendaCatalog, staffCatalog);
  const day = (iso: string) =>
    new Intl.DateTimeFormat(locale, {
      timeZone: viewerTimeZone,
      weekday: "short",
      month: "short",
      day: "numeric",
    }).format(new Date(iso));
  const time = (iso: string) =>
    new Intl.DateTimeFormat(locale, {
      timeZone: viewerTimeZone,
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(new Date(iso));
  const days = new Map<string, typeof slots>();
  for (const s of slots) days.set(day(s.startsAt), [...(days.get(day(s.startsAt)) ?? []), s]);
  return (
    <Card className="mx-auto max-w-3xl">
      <h1 className="mb-1 text-xl font-semibold">{t("avail.title", { fair: pick(fair.titleZh, fair.titleEn) })}</h1>
      <p className="mb-3 text-sm text-slate-600" data-testid="avail-zones">
        {t("avail.intro", { zone: zoneName(locale, viewerTimeZone), fairZone: zoneName(locale, fair.timeZone) })}
      </p>
      {state?.saved !== null && state?.saved !== undefined && (
        <FormAlert tone="success">{t("avail.saved", { count: state.saved })}</FormAlert>
      )}
      {state?.formError && <FormAlert>{state.formError}</FormAlert>}
      <Form method="post" className="space-y-3">
        <label className="block text-sm">
          {t("avail.timeZone")}
          <select
            name="timeZone"
            defaultValue={viewerTimeZone}
            className="ml-2 rounded border border-slate-300 bg-white px-2 py-1"
          >
            {[...new Set([viewerTimeZone, ...ZONES])].map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        </label>
        {[...days.entries()].map(([d, list]) => (
          <fieldset key={d}>
            <legend className="text-sm font-medium">{d}</legend>
            <div className="flex flex-wrap gap-1">
              {list.map((s) => (
                <label
                  key={s.startsAt}
                  className="flex items-center gap-1 rounded border border-slate-200 px-1.5 py-0.5 text-xs"
                >
                  <input type="checkbox" name="slots" value={s.startsAt} defaultChecked={s.available} />
                  {time(s.startsAt)}
                </label>
              ))}
            </div>
          </fieldset>
        ))}
        <Button>{t("avail.save")}</Button>
      </Form>
    </Card>
  );
}
