import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/guards.server";
import { Button, Card, FieldErrorList, FormAlert, type IntentState } from "~/components/ui/form";
import { agendaPage } from "~/domain/meetings/agenda.server";
import { acceptRequest, declineRequest } from "~/domain/meetings/booking.server";
import { cancelMeeting, counterPropose, rescheduleMeeting } from "~/domain/meetings/changes.server";
import { issueFeedToken } from "~/domain/meetings/calendar-feed.server";
import { meetingMessage, proposedSlots, slotStart } from "~/domain/meetings/request-input.server";
import { grantOnAccept } from "~/domain/privacy/consents.server";
import { requestContext } from "~/i18n/request.server";
import { useI18n } from "~/i18n/use-i18n";
import { typedText } from "~/lib/forms";
import { dispatchIntent, validate } from "~/lib/forms.server";
import { agendaCatalog } from "~/i18n/catalog/agenda";
import { videoCatalog } from "~/i18n/catalog/video";
import { privacyCatalog } from "~/i18n/catalog/privacy";
import { appUrl } from "~/lib/app-url.server";

const id = z.string().min(1, "error.required").max(64);
const reason = z.string().trim().max(500, "error.tooLong").default("");
const acceptForm = z.object({ id, slotId: z.string().max(64).default("") });
const reasonForm = z.object({ id, reason });
const rescheduleForm = z.object({
  id,
  reason,
  startsAt: slotStart,
});
const counterForm = z.object({ id, slots: proposedSlots, message: meetingMessage });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ ...(await agendaPage(user)), hasFeed: user.calendarFeed });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { t, locale } = await requestContext(request, user);
  return dispatchIntent(
    await request.formData(),
    {
      accept: async (f) => {
        const { id, slotId } = validate(acceptForm, f);
        await acceptRequest(user, id, slotId);
        // An investor accepting an invitation was shown the contact-sharing words (ADR 022).
        await grantOnAccept(user, id, locale);
      },
      decline: (f) => {
        const { id, reason } = validate(reasonForm, f);
        return declineRequest(user, id, reason);
      },
      cancel: (f) => {
        const { id, reason } = validate(reasonForm, f);
        return cancelMeeting(user, id, reason);
      },
      reschedule: (f) => {
        const { id, startsAt, reason } = validate(rescheduleForm, f);
        return rescheduleMeeting(user, id, startsAt, reason);
      },
      counter: async (f) => {
        const { id, slots, message } = validate(counterForm, f);
        await counterPropose(user, id, slots, message);
      },
      feed: async () =>
        json({
          intent: "feed",
          feedUrl: appUrl(`/calendar/${await issueFeedToken(user)}.ics`),
          errors: {},
          values: {},
        }),
    },
    t,
    "/meetings",
  );
}

export default function Agenda() {
  const { incoming, outgoing, meetings, past, hasFeed, slots, fairs } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as (IntentState & { feedUrl?: string }) | undefined;
  const [params] = useSearchParams();
  const { t, pick, date, label } = useI18n(agendaCatalog, videoCatalog, privacyCatalog);
  // An investor accepting an exhibitor's invitation shares lead and contacts with it (ADR 022).
  const investor = (
    useRouteLoaderData("root") as { user?: { roles: string[] } | null } | undefined
  )?.user?.roles.includes("INVESTOR");
  const when = (iso: string, tz: string) => date(iso, tz, true);
  // Field errors of the one form (intent + meeting or request id) that was just sent.
  const errorsOf = (intent: string, id: string) =>
    state?.intent === intent && typedText(state.values, "id") === id ? <FieldErrorList errors={state.errors} /> : null;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("agenda.title")}</h1>
        <span className="flex flex-wrap gap-3 text-sm">
          {fairs.map((f) => (
            <Link key={f.slug} to={`/fairs/${f.slug}/availability`} data-testid="availability-link">
              {t("avail.link")} · {pick(f.titleZh, f.titleEn)} →
            </Link>
          ))}
        </span>
      </div>
      {params.get("saved") && !state && <FormAlert tone="success">{t("agenda.saved")}</FormAlert>}
      {state?.formError && <FormAlert>{state.formError}</FormAlert>}
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("agenda.meetings")}</h2>
        {meetings.length === 0 ? (
          <p className="text-sm text-slate-600">{t("agenda.none")}</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="agenda-meetings">
            {meetings.map((m) => (
              <li
                key={m.id}
                id={`meeting-${m.id}`}
                className="flex scroll-mt-16 flex-wrap items-center justify-between gap-2 py-2 target:bg-amber-50"
              >
                <div className="min-w-0">
                  <p className="font-medium">
                    {t("agenda.with", { name: pick(m.counterpart.nameZh, m.counterpart.nameEn) })}
                  </p>
                  <p className="text-sm text-slate-600">
                    {when(m.startsAt, m.timeZone)} · {label("agenda.meeting", m.status)}
                    {m.cancelReason && ` · ${m.cancelReason}`}
                  </p>
                </div>
                {/* On a phone the actions take the full width and each form stacks its fields. */}
                <div className="flex w-full min-w-0 flex-wrap items-center gap-2 sm:w-auto">
                  {(m.status === "SCHEDULED" || m.status === "IN_PROGRESS") && (
                    <Link
                      to={`/meetings/${m.id}/room`}
                      className="touch-target rounded bg-brand-600 px-2 py-1 text-sm text-white no-underline"
                      data-testid="room-link"
                    >
                      {t("video.enter")}
                    </Link>
                  )}
                  {m.outcomeOpen && (
                    <Link to={`/meetings/${m.id}/outcome`} className="text-sm" data-testid="outcome-link">
                      {t("outcome.link")}
                    </Link>
                  )}
                  <a href={`/meetings/${m.id}.ics`} className="text-sm" download>
                    {t("agenda.ics")}
                  </a>
                  {m.status === "SCHEDULED" && (slots[m.fairId] ?? []).length > 0 && (
                    <Form
                      method="post"
                      className="flex w-full min-w-0 flex-col gap-1 sm:w-auto sm:flex-row sm:items-center"
                      data-testid="reschedule-form"
                    >
                      <input type="hidden" name="intent" value="reschedule" />
                      <input type="hidden" name="id" value={m.id} />
                      <select
                        name="startsAt"
                        aria-label={t("agenda.newTime")}
                        className="w-full min-w-0 rounded border border-slate-300 bg-white px-1 py-1 text-sm sm:w-auto"
                      >
                        {slots[m.fairId]
                          .filter((s) => s !== m.startsAt)
                          .map((s) => (
                            <option key={s} value={s}>
                              {when(s, m.timeZone)}
                            </option>
                          ))}
                      </select>
                      <input
                        name="reason"
                        placeholder={t("agenda.rescheduleReason")}
                        maxLength={500}
                        className="w-full min-w-0 rounded border border-slate-300 px-2 py-1 text-sm sm:w-32"
                      />
                      <Button tone="secondary" className="shrink-0 whitespace-nowrap">
                        {t("agenda.reschedule")}
                      </Button>
                      {errorsOf("reschedule", m.id)}
                    </Form>
                  )}
                  {m.status === "SCHEDULED" && (
                    <Form
                      method="post"
                      className="flex w-full min-w-0 flex-col gap-1 sm:w-auto sm:flex-row sm:items-center"
                    >
                      <input type="hidden" name="intent" value="cancel" />
                      <input type="hidden" name="id" value={m.id} />
                      <input
                        name="reason"
                        placeholder={t("agenda.cancelReason")}
                        maxLength={500}
                        className="w-full min-w-0 rounded border border-slate-300 px-2 py-1 text-sm sm:w-36"
                      />
                      <Button tone="danger" className="shrink-0 whitespace-nowrap">
                        {t("agenda.cancel")}
                      </Button>
                      {errorsOf("cancel", m.id)}
                    </Form>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      {past.length > 0 && (
        <details className="rounded-lg border border-slate-200 bg-white p-4" data-testid="agenda-past">
          <summary className="cursor-pointer font-semibold">{t("agenda.past", { count: past.length })}</summary>
          <ul className="mt-2 divide-y divide-slate-100 text-sm">
            {past.map((m) => (
              <li
                key={m.id}
                id={`meeting-${m.id}`}
                className="flex scroll-mt-16 flex-wrap items-center justify-between gap-2 py-2 target:bg-amber-50"
              >
                <span>
                  {when(m.startsAt, m.timeZone)} · {pick(m.counterpart.nameZh, m.counterpart.nameEn)} ·{" "}
                  {label("agenda.meeting", m.status)}
                </span>
                {m.status === "COMPLETED" && <Link to={`/meetings/${m.id}/outcome`}>{t("outcome.title")}</Link>}
              </li>
            ))}
          </ul>
        </details>
      )}
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("agenda.incoming")}</h2>
        {incoming.length === 0 ? (
          <p className="text-sm text-slate-600">{t("agenda.none")}</p>
        ) : (
          <ul className="space-y-4" data-testid="agenda-incoming">
            {incoming.map((r) => (
              <li
                key={r.id}
                id={`request-${r.id}`}
                className="scroll-mt-16 rounded border border-slate-200 p-3 target:border-amber-400"
              >
                <p className="font-medium">{pick(r.from.nameZh, r.from.nameEn)}</p>
                {r.message && <p className="text-sm text-slate-700">{r.message}</p>}
                {investor && (
                  <p className="mt-1 text-xs text-slate-600" data-testid="accept-consent">
                    {t("consent.text.contactSharingAccept", { org: pick(r.from.nameZh, r.from.nameEn) })}
                  </p>
                )}
                <div className="mt-2 flex flex-wrap gap-2">
                  {r.slots.map((s) =>
                    s.takenBy ? (
                      // Booked by another meeting: accepting could only be refused, so it is not offered.
                      <span
                        key={s.id}
                        className="rounded border border-dashed border-slate-300 px-3 py-1.5 text-sm text-slate-500"
                        data-testid="slot-taken"
                      >
                        {when(s.startsAt, r.timeZone)} ·{" "}
                        {t(s.takenBy === "you" ? "agenda.slotTakenYou" : "agenda.slotTakenThem")}
                      </span>
                    ) : (
                      <Form method="post" key={s.id}>
                        <input type="hidden" name="intent" value="accept" />
                        <input type="hidden" name="id" value={r.id} />
                        <input type="hidden" name="slotId" value={s.id} />
                        <Button tone="secondary">
                          {when(s.startsAt, r.timeZone)} · {t("agenda.accept")}
                        </Button>
                      </Form>
                    ),
                  )}
                  {r.slots.length > 0 && r.slots.every((s) => s.takenBy) && (
                    <p className="w-full text-sm text-slate-600" data-testid="all-slots-taken">
                      {t("agenda.allSlotsTaken")}
                    </p>
                  )}
                </div>
                <details className="mt-2">
                  <summary className="cursor-pointer text-sm text-brand-700">{t("agenda.counter")}</summary>
                  <Form method="post" className="mt-2 space-y-2" data-testid="counter-form">
                    <input type="hidden" name="intent" value="counter" />
                    <input type="hidden" name="id" value={r.id} />
                    <div className="flex max-h-40 flex-wrap gap-1 overflow-y-auto">
                      {(slots[r.fairId] ?? []).map((s) => (
                        <label
                          key={s}
                          className="flex items-center gap-1 rounded border border-slate-200 px-1.5 py-0.5 text-xs"
                        >
                          <input type="checkbox" name="slots" value={s} />
                          {when(s, r.timeZone)}
                        </label>
                      ))}
                    </div>
                    <input
                      name="message"
                      maxLength={1000}
                      placeholder={t("request.message")}
                      className="w-full rounded border border-slate-300 px-2 py-1 text-sm"
                    />
                    {errorsOf("counter", r.id)}
                    <Button tone="secondary">{t("agenda.counterSend")}</Button>
                  </Form>
                </details>
                <Form method="post" className="mt-2 flex flex-wrap items-center gap-2">
                  <input type="hidden" name="intent" value="decline" />
                  <input type="hidden" name="id" value={r.id} />
                  <input
                    name="reason"
                    placeholder={t("agenda.declineReason")}
                    maxLength={500}
                    className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1 text-sm"
                  />
                  <Button tone="danger">{t("agenda.decline")}</Button>
                  {errorsOf("decline", r.id)}
                </Form>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card>
        <h2 className="mb-1 text-lg font-semibold">{t("feed.title")}</h2>
        <p className="mb-2 text-sm text-slate-600">{t("feed.intro")}</p>
        {state?.feedUrl ? (
          <p className="break-all rounded bg-slate-100 px-2 py-1 font-mono text-xs" data-testid="feed-url">
            {state.feedUrl}
          </p>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="feed" />
            <Button tone="secondary">{hasFeed ? t("feed.regenerate") : t("feed.create")}</Button>
          </Form>
        )}
      </Card>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("agenda.outgoing")}</h2>
        {outgoing.length === 0 ? (
          <p className="text-sm text-slate-600">{t("agenda.none")}</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="agenda-outgoing">
            {outgoing.map((r) => (
              <li key={r.id} id={`outgoing-${r.id}`} className="scroll-mt-16 py-2 text-sm target:bg-amber-50">
                <p>
                  <span className="font-medium">{pick(r.to.nameZh, r.to.nameEn)}</span> ·{" "}
                  {label("agenda.status", r.status)}
                  {r.declineReason && ` · ${r.declineReason}`}
                </p>
                <p className="text-slate-600">{r.slots.map((s) => when(s.startsAt, r.timeZone)).join(" / ")}</p>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
