// A fair's roadshow programme (云推介): public. Exhibitors with an approved booth propose one here.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { getUser } from "~/auth/session.server";
import { RoadshowForm } from "~/components/roadshows/roadshow-form";
import { StatusBadge } from "~/components/roadshows/status-badge";
import { Card, FormAlert, scoped, type IntentState } from "~/components/ui/form";
import { programme, proposeRoadshow, roadshowSchema } from "~/domain/roadshows/roadshows.server";
import { requestContext } from "~/i18n/request.server";
import { useI18n } from "~/i18n/use-i18n";
import { roadshowsCatalog } from "~/i18n/catalog/roadshows";
import { dispatchIntent, validate } from "~/lib/forms.server";
import { orErrorPage } from "~/lib/responses.server";

export const meta: MetaFunction = () => [{ title: "CloudFair · 云推介" }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return json(await orErrorPage(programme(user, params.slug ?? "")));
}

export async function action({ params, request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const { t } = await requestContext(request, user);
  const page = await orErrorPage(programme(user, slug)); // an unknown or draft fair: 404 before anything else
  // Proposing needs an approved booth in this fair (checked again when the proposal is stored).
  if (!page.canPropose) throw new Response(null, { status: 403 });
  return dispatchIntent(
    await request.formData(),
    {
      propose: async (f) => {
        const r = await proposeRoadshow(user, slug, validate(roadshowSchema, f));
        return redirect(`/fairs/${slug}/roadshows/${r.id}?proposed=1`);
      },
    },
    t,
    `/fairs/${slug}/roadshows`,
  );
}

export default function Programme() {
  const data = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as IntentState | undefined;
  const [search] = useSearchParams();
  const { t, pick, date } = useI18n(roadshowsCatalog);
  const zone = data.fair.timeZone;
  return (
    <div className="space-y-4">
      <div>
        <p className="text-sm text-slate-600">
          <Link to={`/fairs/${data.fair.slug}`}>{pick(data.fair.titleZh, data.fair.titleEn)}</Link>
        </p>
        <h1 className="text-xl font-bold">{t("roadshow.programme")}</h1>
        <p className="text-sm text-slate-700">{t("roadshow.programmeIntro")}</p>
        {data.staff && (
          <p className="text-sm">
            <Link to={`/staff/fairs/${data.fair.id}/roadshows`}>{t("roadshow.staffTitle")} →</Link>
          </p>
        )}
      </div>
      {search.get("saved") && <FormAlert tone="success">{t("roadshow.proposed")}</FormAlert>}
      {data.roadshows.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600">{t("roadshow.none")}</p>
        </Card>
      ) : (
        <ul className="space-y-3" data-testid="roadshow-programme">
          {data.roadshows.map((r) => (
            <li key={r.id}>
              <Card>
                <div className="flex flex-wrap items-center gap-2">
                  <StatusBadge status={r.status} />
                  <Link to={`/fairs/${data.fair.slug}/roadshows/${r.id}`} className="break-words font-semibold">
                    {pick(r.titleZh, r.titleEn)}
                  </Link>
                </div>
                <p className="text-sm text-slate-700">
                  {t("roadshow.time", { start: date(r.startsAt, zone, true), end: date(r.endsAt, zone, true), zone })}
                </p>
                {r.presenterZh && (
                  <p className="text-sm text-slate-600">
                    {t("roadshow.presentedBy", { name: pick(r.presenterZh, r.presenterEn ?? "") })}
                  </p>
                )}
                {r.speakers.length > 0 && (
                  <p className="text-sm text-slate-600">{r.speakers.map((s) => s.name).join(" · ")}</p>
                )}
                <p className="text-xs text-slate-500">
                  {t("roadshow.registeredCount", { count: r.registered, capacity: r.capacity })}
                  {r.mine && ` · ${t("roadshow.registered")}`}
                </p>
              </Card>
            </li>
          ))}
        </ul>
      )}
      {data.canPropose && (
        <Card>
          <h2 className="mb-2 font-semibold">{t("roadshow.propose")}</h2>
          <RoadshowForm
            intent="propose"
            submit={t("roadshow.propose")}
            timeZone={zone}
            projects={data.ownProjects}
            state={scoped(state, "propose")}
          />
        </Card>
      )}
    </div>
  );
}
