// The bureau's roadshows for one fair: schedule one (optionally presented by a booth), approve or
// reject exhibitors' proposals. Staff of the organizing bureau only (requireFairStaff); viewers read
// the list, without the forms.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { canActOnFair, requireFairStaff } from "~/auth/guards.server";
import { ReadOnlyNote } from "~/components/bureaus/read-only";
import { RoadshowForm } from "~/components/roadshows/roadshow-form";
import { StatusBadge } from "~/components/roadshows/status-badge";
import { Button, Card, FormAlert, scoped, type IntentState } from "~/components/ui/form";
import { reviewProposal, roadshowSchema, scheduleRoadshow, staffRoadshows } from "~/domain/roadshows/roadshows.server";
import { requestContext } from "~/i18n/request.server";
import { useI18n } from "~/i18n/use-i18n";
import { roadshowsCatalog } from "~/i18n/catalog/roadshows";
import { text } from "~/lib/form-fields";
import { dispatchIntent, validate } from "~/lib/forms.server";
import { orErrorPage } from "~/lib/responses.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const fairId = params.id ?? "";
  const staff = await requireFairStaff(request, fairId, "read");
  return json({ ...(await orErrorPage(staffRoadshows(staff, fairId))), canAct: canActOnFair(staff) });
}

const scheduleSchema = roadshowSchema.extend({ boothId: z.string().max(64).optional() });
const reviewSchema = z.object({ roadshowId: z.string().min(1).max(64), note: text(1000).default("") });

export async function action({ params, request }: ActionFunctionArgs) {
  const fairId = params.id ?? "";
  const staff = await requireFairStaff(request, fairId);
  const { t } = await requestContext(request, staff);
  const review = (decision: "approve" | "reject") => async (f: FormData) => {
    const input = validate(reviewSchema, f);
    await reviewProposal(staff, fairId, input.roadshowId, decision, input.note);
  };
  return dispatchIntent(
    await request.formData(),
    {
      schedule: async (f) => {
        const input = validate(scheduleSchema, f);
        await scheduleRoadshow(staff, fairId, input, input.boothId || null);
      },
      approve: review("approve"),
      reject: review("reject"),
    },
    t,
    `/staff/fairs/${fairId}/roadshows`,
  );
}

export default function StaffRoadshows() {
  const data = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as IntentState | undefined;
  const [search] = useSearchParams();
  const { t, pick, date } = useI18n(roadshowsCatalog);
  const zone = data.fair.timeZone;
  const saved = search.get("saved");
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">
          {t("roadshow.staffTitle")} · {pick(data.fair.titleZh, data.fair.titleEn)}
        </h1>
        <Link to={`/fairs/${data.fair.slug}/roadshows`}>{t("roadshow.programme")} →</Link>
      </div>
      {saved === "schedule" && <FormAlert tone="success">{t("roadshow.scheduled")}</FormAlert>}
      {(state?.intent === "approve" || state?.intent === "reject") && state.formError && (
        <FormAlert>{state.formError}</FormAlert>
      )}
      <ReadOnlyNote canAct={data.canAct} />
      <Card>
        <ul className="divide-y divide-slate-100" data-testid="staff-roadshows">
          {data.roadshows.length === 0 && <li className="text-sm text-slate-600">{t("roadshow.none")}</li>}
          {data.roadshows.map((r) => (
            <li key={r.id} className="py-2">
              <div className="flex flex-wrap items-center gap-2">
                <StatusBadge status={r.status} />
                <Link to={`/fairs/${data.fair.slug}/roadshows/${r.id}`} className="break-words font-medium">
                  {pick(r.titleZh, r.titleEn)}
                </Link>
              </div>
              <p className="text-sm text-slate-600">
                {t("roadshow.time", { start: date(r.startsAt, zone, true), end: date(r.endsAt, zone, true), zone })}
                {" · "}
                {r.presenterZh ? pick(r.presenterZh, r.presenterEn ?? "") : t("roadshow.byBureau")}
                {" · "}
                {t("roadshow.registeredCount", { count: r.registered, capacity: r.capacity })}
              </p>
              {data.canAct && r.status === "PROPOSED" && (
                <div className="mt-1 flex flex-wrap items-end gap-2">
                  <Form method="post" className="flex flex-wrap items-end gap-2">
                    <input type="hidden" name="roadshowId" value={r.id} />
                    <label className="text-sm">
                      {t("roadshow.reviewNote")}
                      <input name="note" maxLength={1000} className="ml-1 rounded border border-slate-300 px-2 py-1" />
                    </label>
                    <Button name="intent" value="approve" data-testid="roadshow-approve">
                      {t("roadshow.approve")}
                    </Button>
                    <Button name="intent" value="reject" tone="danger">
                      {t("roadshow.reject")}
                    </Button>
                  </Form>
                </div>
              )}
            </li>
          ))}
        </ul>
      </Card>
      {data.canAct && (
        <Card>
          <h2 className="mb-2 font-semibold">{t("roadshow.schedule")}</h2>
          <RoadshowForm
            intent="schedule"
            submit={t("roadshow.schedule")}
            timeZone={zone}
            projects={[]}
            booths={data.booths}
            state={scoped(state, "schedule")}
          />
        </Card>
      )}
    </div>
  );
}
