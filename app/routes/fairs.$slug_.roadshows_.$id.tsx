// One roadshow: details, speakers, agenda and the projects presented (cards beside the video),
// registration with a calendar file, the live room inside the join window, and the replay (or a
// note that none exists) afterwards. Public in a public fair; the room needs sign-in.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { requireUser } from "~/auth/guards.server";
import { getUser } from "~/auth/session.server";
import { ProjectCards } from "~/components/roadshows/project-cards";
import { RoadshowLive } from "~/components/roadshows/roadshow-live";
import { StatusBadge } from "~/components/roadshows/status-badge";
import { Button, Card, FormAlert, type IntentState } from "~/components/ui/form";
import { control, register, roadshowPage, unregister } from "~/domain/roadshows/roadshows.server";
import { requestContext } from "~/i18n/request.server";
import { useI18n } from "~/i18n/use-i18n";
import { roadshowsCatalog } from "~/i18n/catalog/roadshows";
import { videoCatalog } from "~/i18n/catalog/video";
import { dispatchIntent, validate } from "~/lib/forms.server";
import { orErrorPage } from "~/lib/responses.server";

export const meta: MetaFunction = () => [{ title: "CloudFair · 云推介" }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return json(await orErrorPage(roadshowPage(user, params.slug ?? "", params.id ?? "")), {
    headers: { "Cache-Control": "private, no-store" },
  });
}

const registration = z.object({ shareContact: z.literal("on").optional() });

export async function action({ params, request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const id = params.id ?? "";
  const { t } = await requestContext(request, user);
  await orErrorPage(roadshowPage(user, slug, id)); // unknown, another fair's or hidden: 404 first
  const run = (a: "start" | "pause" | "end") => async () => void (await control(user, slug, id, a));
  return dispatchIntent(
    await request.formData(),
    {
      register: async (f) => void (await register(user, slug, id, validate(registration, f).shareContact === "on")),
      unregister: async () => void (await unregister(user, slug, id)),
      start: run("start"),
      pause: run("pause"),
      end: run("end"),
    },
    t,
    `/fairs/${slug}/roadshows/${id}`,
  );
}

export default function RoadshowPage() {
  const data = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as IntentState | undefined;
  const [search] = useSearchParams();
  const revalidator = useRevalidator();
  const { t, pick, date } = useI18n(roadshowsCatalog, videoCatalog);
  const { roadshow: r, fair } = data;
  const zone = fair.timeZone;
  // "Not yet open": reload the page state the moment the window opens.
  useEffect(() => {
    if (data.window !== "early") return;
    const wait = new Date(r.opensAt).getTime() - Date.now() + 500;
    if (wait > 2 ** 31 - 1) return;
    const timer = setTimeout(() => revalidator.revalidate(), Math.max(wait, 1000));
    return () => clearTimeout(timer);
  }, [data.window, r.opensAt, revalidator]);
  const base = `/fairs/${fair.slug}/roadshows/${r.id}`;
  return (
    <div className="space-y-4">
      <div>
        <p className="text-sm text-slate-600">
          <Link to={`/fairs/${fair.slug}`}>{pick(fair.titleZh, fair.titleEn)}</Link> ·{" "}
          <Link to={`/fairs/${fair.slug}/roadshows`}>{t("roadshow.programme")}</Link>
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <StatusBadge status={r.status} />
          <h1 className="break-words text-xl font-bold" data-testid="roadshow-title">
            {pick(r.titleZh, r.titleEn)}
          </h1>
        </div>
        <p className="text-sm text-slate-700">
          {t("roadshow.time", { start: date(r.startsAt, zone, true), end: date(r.endsAt, zone, true), zone })}
        </p>
        <p className="text-sm text-slate-600">
          {t("roadshow.presentedBy", {
            name: r.presenter
              ? pick(r.presenter.nameZh, r.presenter.nameEn)
              : pick(r.organizer.nameZh, r.organizer.nameEn),
          })}
        </p>
      </div>
      {search.get("proposed") && <FormAlert tone="success">{t("roadshow.proposed")}</FormAlert>}
      {state?.formError && <FormAlert>{state.formError}</FormAlert>}
      {r.reviewNote && <FormAlert tone="success">{r.reviewNote}</FormAlert>}

      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-4">
          {data.window === "open" && data.signedIn && data.videoConfigured && (data.registration || data.moderator) ? (
            <RoadshowLive
              slug={fair.slug}
              roadshowId={r.id}
              status={r.status}
              moderator={data.moderator}
              onChanged={() => revalidator.revalidate()}
            />
          ) : data.window === "open" && !data.videoConfigured ? (
            <Card>
              <p role="alert">{t("roadshow.noVideo")}</p>
            </Card>
          ) : data.window === "early" ? (
            <Card>
              <p data-testid="roadshow-not-open">{t("roadshow.opensAt", { time: date(r.opensAt, zone, true) })}</p>
            </Card>
          ) : data.window === "closed" && (r.status === "ENDED" || new Date(r.endsAt) < new Date()) ? (
            <Card>
              <h2 className="mb-2 font-semibold">{t("roadshow.replay")}</h2>
              {data.recordings.length > 0 ? (
                <ul className="space-y-2" data-testid="roadshow-replays">
                  {data.recordings.map((x) =>
                    x.location ? (
                      <li key={x.id}>
                        <video controls preload="metadata" src={x.location} className="w-full rounded bg-black" />
                      </li>
                    ) : (
                      <li key={x.id}>{x.filename}</li>
                    ),
                  )}
                </ul>
              ) : (
                <p className="text-sm text-slate-600" data-testid="roadshow-no-replay">
                  {t("roadshow.noReplay")}
                </p>
              )}
            </Card>
          ) : null}

          <Card>
            {(r.descriptionZh || r.descriptionEn) && (
              <p className="mb-3 whitespace-pre-line break-words text-sm">{pick(r.descriptionZh, r.descriptionEn)}</p>
            )}
            {r.speakers.length > 0 && (
              <>
                <h2 className="font-semibold">{t("roadshow.speakers")}</h2>
                <ul className="mb-3 text-sm" data-testid="roadshow-speakers">
                  {r.speakers.map((s, i) => (
                    <li key={i} className="break-words">
                      {s.name}
                      {(s.orgZh || s.orgEn) && <span className="text-slate-600"> · {pick(s.orgZh, s.orgEn)}</span>}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {(r.agendaZh.length > 0 || r.agendaEn.length > 0) && (
              <>
                <h2 className="font-semibold">{t("roadshow.agenda")}</h2>
                <ol className="list-decimal pl-5 text-sm">
                  {(pick("zh", "en") === "zh" ? r.agendaZh : r.agendaEn.length ? r.agendaEn : r.agendaZh).map(
                    (a, i) => (
                      <li key={i} className="break-words">
                        {a}
                      </li>
                    ),
                  )}
                </ol>
              </>
            )}
          </Card>
        </div>

        <aside className="min-w-0 space-y-4">
          <Card>
            <p className="mb-2 text-sm text-slate-600" data-testid="roadshow-registered-count">
              {t("roadshow.registeredCount", { count: r.registered, capacity: r.capacity })}
            </p>
            {r.status !== "ENDED" && r.status !== "REJECTED" && r.status !== "PROPOSED" && (
              <>
                {!data.signedIn ? (
                  <Link to={`/login?next=${encodeURIComponent(base)}`}>{t("roadshow.signInToRegister")}</Link>
                ) : data.registration ? (
                  <Form method="post" className="space-y-2">
                    <p className="text-sm" data-testid="roadshow-registered">
                      {t("roadshow.registered")}
                    </p>
                    <input type="hidden" name="intent" value="unregister" />
                    <Button tone="secondary">{t("roadshow.unregister")}</Button>
                  </Form>
                ) : data.full ? (
                  <p className="text-sm">{t("roadshow.full")}</p>
                ) : (
                  <Form method="post" className="space-y-2">
                    <input type="hidden" name="intent" value="register" />
                    <label className="flex items-start gap-2 text-sm">
                      <input type="checkbox" name="shareContact" className="mt-1" />
                      <span>{t("roadshow.shareContact")}</span>
                    </label>
                    <Button data-testid="roadshow-register">{t("roadshow.register")}</Button>
                  </Form>
                )}
                <p className="mt-2 text-sm">
                  <a href={`${base}.ics`} data-testid="roadshow-ics">
                    {t("roadshow.ics")}
                  </a>
                </p>
              </>
            )}
            {data.moderator && (
              <div className="mt-3 flex flex-wrap gap-2" data-testid="roadshow-controls">
                {(r.status === "SCHEDULED" || r.status === "PAUSED") && (
                  <Form method="post">
                    <input type="hidden" name="intent" value="start" />
                    <Button data-testid="roadshow-start">
                      {r.status === "PAUSED" ? t("roadshow.resume") : t("roadshow.start")}
                    </Button>
                  </Form>
                )}
                {r.status === "LIVE" && (
                  <Form method="post">
                    <input type="hidden" name="intent" value="pause" />
                    <Button tone="secondary" data-testid="roadshow-pause">
                      {t("roadshow.pause")}
                    </Button>
                  </Form>
                )}
                {(r.status === "LIVE" || r.status === "PAUSED") && (
                  <Form method="post">
                    <input type="hidden" name="intent" value="end" />
                    <Button tone="danger" data-testid="roadshow-end">
                      {t("roadshow.end")}
                    </Button>
                  </Form>
                )}
              </div>
            )}
          </Card>
          <ProjectCards
            projects={data.projects}
            fairSlug={fair.slug}
            presenter={r.presenter}
            signedIn={data.signedIn}
          />
        </aside>
      </div>
    </div>
  );
}
