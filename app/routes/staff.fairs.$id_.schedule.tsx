import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { canActOnFair, requireFairStaff } from "~/auth/guards.server";
import { ReadOnlyNote } from "~/components/bureaus/read-only";
import { Button, Card, FormAlert, type IntentState } from "~/components/ui/form";
import { getFairForStaff } from "~/domain/fairs/fair-admin.server";
import { latestProposal, proposeSchedule, publishProposal } from "~/domain/meetings/fair-scheduler.server";
import { requestContext } from "~/i18n/request.server";
import { useI18n } from "~/i18n/use-i18n";
import type { KeyOf } from "~/i18n";
import { dispatchIntent, validate } from "~/lib/forms.server";
import { staffCatalog } from "~/i18n/catalog/staff";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const fairId = params.id ?? "";
  const staff = await requireFairStaff(request, fairId, "read");
  const fair = await getFairForStaff(fairId);
  if (!fair) throw new Response(null, { status: 404 });
  return json({
    fair: { id: fair.id, titleZh: fair.form.titleZh, titleEn: fair.form.titleEn, timeZone: fair.form.timeZone },
    proposal: await latestProposal(fair.id),
    canAct: canActOnFair(staff),
  });
}

export async function action({ params, request }: ActionFunctionArgs) {
  const fairId = params.id ?? "";
  const staff = await requireFairStaff(request, fairId);
  const { t } = await requestContext(request, staff);
  return dispatchIntent(
    await request.formData(),
    {
      run: async () => void (await proposeSchedule(staff, fairId)),
      publish: async (f) =>
        json({
          intent: "publish",
          published: await publishProposal(staff, fairId, validate(z.object({ id: z.string().min(1).max(64) }), f).id),
          errors: {},
          values: {},
        }),
    },
    t,
    `/staff/fairs/${fairId}/schedule`,
  );
}

export default function SchedulePage() {
  const { fair, proposal, canAct } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as
    (IntentState & { published?: { booked: number; failed: number } }) | undefined;
  const busy = useNavigation().state === "submitting";
  const { t, pick, date } = useI18n(staffCatalog);
  const names = (x: { from?: { nameZh: string; nameEn: string }; to?: { nameZh: string; nameEn: string } }) =>
    `${pick(x.from?.nameZh ?? "", x.from?.nameEn ?? "")} → ${pick(x.to?.nameZh ?? "", x.to?.nameEn ?? "")}`;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">{t("schedule.title", { fair: pick(fair.titleZh, fair.titleEn) })}</h1>
        <Link to={`/staff/fairs/${fair.id}`}>{t("staff.editFair")}</Link>
      </div>
      <Card>
        <p className="mb-3 text-sm text-slate-600">{t("schedule.intro")}</p>
        {state?.formError && <FormAlert>{state.formError}</FormAlert>}
        {state?.published && <FormAlert tone="success">{t("schedule.published", state.published)}</FormAlert>}
        <ReadOnlyNote canAct={canAct} />
        {canAct && (
          <Form method="post">
            <input type="hidden" name="intent" value="run" />
            <Button disabled={busy}>{busy ? t("schedule.running") : t("schedule.run")}</Button>
          </Form>
        )}
        {busy && (
          <div
            className="mt-2 h-1 w-full overflow-hidden rounded bg-slate-100"
            role="progressbar"
            aria-label={t("schedule.running")}
          >
            <div className="h-1 w-1/2 animate-pulse bg-brand-600" />
          </div>
        )}
      </Card>
      {!proposal ? (
        <Card>
          <p className="text-sm text-slate-600">{t("schedule.none")}</p>
        </Card>
      ) : (
        <Card>
          <p className="mb-3 text-sm" data-testid="schedule-stats">
            {t("schedule.stats", {
              requests: proposal.stats.requests,
              scheduled: proposal.stats.scheduled,
              unscheduled: proposal.stats.unscheduled,
              ms: Math.round(proposal.stats.ms ?? 0),
            })}
          </p>
          {canAct && proposal.status === "DRAFT" && proposal.assignments.length > 0 && (
            <Form method="post" className="mb-3">
              <input type="hidden" name="intent" value="publish" />
              <input type="hidden" name="id" value={proposal.id} />
              <Button disabled={busy}>{t("schedule.publish")}</Button>
            </Form>
          )}
          <h2 className="font-medium">{t("schedule.proposed")}</h2>
          <ul className="mb-3 divide-y divide-slate-100 text-sm" data-testid="schedule-assignments">
            {proposal.assignments.map((a) => (
              <li key={a.requestId} className="py-1">
                {date(a.startsAt, fair.timeZone, true)} · {names(a)}
              </li>
            ))}
          </ul>
          {proposal.unscheduled.length > 0 && (
            <>
              <h2 className="font-medium">{t("schedule.unscheduled")}</h2>
              <ul className="divide-y divide-slate-100 text-sm">
                {proposal.unscheduled.map((u) => (
                  <li key={u.requestId} className="py-1">
                    {names(u)} · {t(`schedule.reason.${u.reason}` as KeyOf<typeof staffCatalog>)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </Card>
      )}
    </div>
  );
}
