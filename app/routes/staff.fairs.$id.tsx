import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { canActOnFair, requireFairStaff } from "~/auth/guards.server";
import { ReadOnlyNote } from "~/components/bureaus/read-only";
import { FairFields } from "~/components/fairs/fair-form";
import { Button, Card, Field, FormAlert, scoped, type IntentState } from "~/components/ui/form";
import {
  fairFormSchema,
  getFairForStaff,
  hallFormSchema,
  saveHall,
  saveTier,
  setFairStatus,
  tierFormSchema,
  updateFair,
} from "~/domain/fairs/fair-admin.server";
import {
  addCoOrganizer,
  canManageCoOrganizers,
  coOrganizersOf,
  removeCoOrganizer,
  setSharedWithParents,
} from "~/domain/bureaus/bureaus.server";
import { bureausCatalog } from "~/i18n/catalog/bureaus";
import { requestContext } from "~/i18n/request.server";
import { matchQuality } from "~/domain/recommendations/recommendations.server";
import { useI18n } from "~/i18n/use-i18n";
import { roadshowsCatalog } from "~/i18n/catalog/roadshows";
import { dispatchIntent, validate } from "~/lib/forms.server";
import { optionalChoice, required } from "~/lib/form-fields";
import { boothsCatalog } from "~/i18n/catalog/booths";
import { dashboardCatalog } from "~/i18n/catalog/dashboard";
import { onboardingCatalog } from "~/i18n/catalog/onboarding";
import { privacyCatalog } from "~/i18n/catalog/privacy";
import { matchingCatalog } from "~/i18n/catalog/matching";
import { staffCatalog } from "~/i18n/catalog/staff";
import { videoCatalog } from "~/i18n/catalog/video";

const coOrganizerSchema = z.object({ bureauId: required(64) });
const sharedSchema = z.object({ sharedWithParents: optionalChoice(["on"] as const) });

const statusSchema = z.object({
  status: z.enum(["DRAFT", "PUBLISHED", "LIVE", "CLOSED"], { errorMap: () => ({ message: "error.invalidChoice" }) }),
});

export async function loader({ params, request }: LoaderFunctionArgs) {
  const fairId = params.id ?? "";
  const staff = await requireFairStaff(request, fairId, "read");
  const fair = await getFairForStaff(fairId);
  if (!fair) throw new Response(null, { status: 404 });
  const [quality, coOrganizers, manageCo] = await Promise.all([
    matchQuality(fair.id),
    coOrganizersOf(fair.id),
    canManageCoOrganizers(staff, fair.id),
  ]);
  // Read-only users (viewers) see no forms they cannot submit; only the organizer manages co-organizers.
  return json({ fair, quality, coOrganizers, canAct: canActOnFair(staff), manageCo });
}

export async function action({ params, request }: ActionFunctionArgs) {
  const id = params.id ?? "";
  const staff = await requireFairStaff(request, id);
  const { t } = await requestContext(request, staff);
  return dispatchIntent(
    await request.formData(),
    {
      fair: (f) => updateFair(staff, id, validate(fairFormSchema, f)),
      hall: (f) => saveHall(staff, id, validate(hallFormSchema, f)),
      tier: (f) => saveTier(staff, id, validate(tierFormSchema, f)),
      status: (f) => setFairStatus(staff, id, validate(statusSchema, f).status),
      addCoOrganizer: (f) => addCoOrganizer(staff, id, validate(coOrganizerSchema, f).bureauId),
      removeCoOrganizer: (f) => removeCoOrganizer(staff, id, validate(coOrganizerSchema, f).bureauId),
      shared: (f) => setSharedWithParents(staff, id, validate(sharedSchema, f).sharedWithParents === "on"),
    },
    t,
    `/staff/fairs/${id}`,
  );
}

export default function EditFair() {
  const { fair, quality, coOrganizers, canAct, manageCo } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as IntentState | undefined;
  const [params] = useSearchParams();
  const { t, pick, label, money, date } = useI18n(
    boothsCatalog,
    onboardingCatalog,
    dashboardCatalog,
    matchingCatalog,
    staffCatalog,
    videoCatalog,
    privacyCatalog,
    roadshowsCatalog,
    bureausCatalog,
  );
  const alert = (intent: string) =>
    scoped(state, intent)?.formError && <FormAlert>{scoped(state, intent)!.formError}</FormAlert>;
  return (
    <div className="space-y-6">
      {params.get("saved") && !state && <FormAlert tone="success">{t("staff.saved")}</FormAlert>}
      <Card>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-xl font-semibold">
            {t("staff.editFair")} · {pick(fair.form.titleZh, fair.form.titleEn)}
          </h1>
          <span className="flex flex-wrap gap-2">
            <Link
              to={`/staff/fairs/${fair.id}/review`}
              className="touch-target rounded bg-brand-600 px-3 py-1.5 text-sm text-white no-underline"
            >
              {t("staff.review")}
            </Link>
            <Link
              to={`/staff/fairs/${fair.id}/schedule`}
              className="touch-target rounded border border-slate-300 px-3 py-1.5 text-sm no-underline"
            >
              {t("schedule.link")}
            </Link>
            <Link
              to={`/staff/fairs/${fair.id}/roadshows`}
              className="touch-target rounded border border-slate-300 px-3 py-1.5 text-sm no-underline"
            >
              {t("roadshow.staffTitle")}
            </Link>
            <Link
              to={`/staff/fairs/${fair.id}/negotiations`}
              className="touch-target rounded border border-slate-300 px-3 py-1.5 text-sm no-underline"
              data-testid="negotiations-link"
            >
              {t("neg.link")}
            </Link>
            <Link
              to={`/staff/fairs/${fair.id}/dashboard`}
              className="touch-target rounded border border-slate-300 px-3 py-1.5 text-sm no-underline"
              data-testid="dashboard-link"
            >
              {t("report.link")}
            </Link>
            <Link
              to={`/staff/fairs/${fair.id}/privacy-log`}
              className="touch-target rounded border border-slate-300 px-3 py-1.5 text-sm no-underline"
              data-testid="privacy-log-link"
            >
              {t("privacyLog.link")}
            </Link>
            <Link
              to={`/staff/fairs/${fair.id}/onboarding`}
              className="touch-target rounded border border-slate-300 px-3 py-1.5 text-sm no-underline"
              data-testid="onboarding-link"
            >
              {t("onboarding.link")}
            </Link>
          </span>
        </div>
        <p className="mt-1 text-sm text-slate-600" data-testid="fair-status">
          {t("staff.statusNow", { status: label("fair.status", fair.status) })} ·{" "}
          {t("staff.boothCounts", {
            counts:
              Object.entries(fair.boothCounts)
                .map(([s, n]) => `${label("booth.status", s)} ${n}`)
                .join(" · ") || "0",
          })}
        </p>
        {alert("status")}
        <ReadOnlyNote canAct={canAct} className="mt-2" />
        <div className="mt-3 flex flex-wrap gap-2">
          {(canAct ? fair.transitions : []).map((s) => (
            <Form method="post" key={s}>
              <input type="hidden" name="intent" value="status" />
              <input type="hidden" name="status" value={s} />
              <Button tone={s === "DRAFT" ? "secondary" : "primary"}>{t(`staff.transition.${s}`)}</Button>
            </Form>
          ))}
        </div>
      </Card>
      <Card>
        {canAct ? (
          <Form method="post" className="space-y-4">
            <input type="hidden" name="intent" value="fair" />
            {alert("fair")}
            <FairFields state={scoped(state, "fair")} values={fair.form} />
            <Button>{t("common.save")}</Button>
          </Form>
        ) : (
          // Read-only: the fair's settings as disabled fields, in no form.
          <fieldset disabled className="space-y-4" data-testid="fair-settings-read-only">
            <FairFields values={fair.form} />
          </fieldset>
        )}
      </Card>
      {coOrganizers && (
        <Card>
          <h2 className="mb-2 text-lg font-semibold">{t("bureau.co.title")}</h2>
          {alert("addCoOrganizer")}
          {alert("removeCoOrganizer")}
          {alert("shared")}
          <ul className="mb-3 divide-y divide-slate-100 text-sm" data-testid="co-organizers">
            {coOrganizers.current.length === 0 && <li className="py-1.5 text-slate-500">{t("bureau.co.none")}</li>}
            {coOrganizers.current.map((c) => (
              <li key={c.id} className="flex items-center justify-between gap-2 py-1.5">
                <span>{pick(c.nameZh, c.nameEn)}</span>
                {manageCo && (
                  <Form method="post">
                    <input type="hidden" name="intent" value="removeCoOrganizer" />
                    <input type="hidden" name="bureauId" value={c.id} />
                    <Button tone="secondary">{t("bureau.co.remove")}</Button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
          {manageCo ? (
            <div className="space-y-3">
              {coOrganizers.candidates.length > 0 && (
                <Form method="post" className="flex flex-wrap items-end gap-2" data-testid="co-organizer-form">
                  <input type="hidden" name="intent" value="addCoOrganizer" />
                  <label className="text-sm">
                    <span className="block">{t("bureau.co.bureau")}</span>
                    <select
                      name="bureauId"
                      required
                      className="touch-target rounded border border-slate-300 px-2 py-1.5"
                    >
                      {coOrganizers.candidates.map((b) => (
                        <option key={b.id} value={b.id}>
                          {"\u00a0\u00a0".repeat(b.depth)}
                          {pick(b.nameZh, b.nameEn)}
                        </option>
                      ))}
                    </select>
                  </label>
                  <Button tone="secondary">{t("bureau.co.add")}</Button>
                </Form>
              )}
              <Form method="post" className="flex flex-wrap items-center gap-2" data-testid="shared-form">
                <input type="hidden" name="intent" value="shared" />
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="sharedWithParents" defaultChecked={coOrganizers.sharedWithParents} />
                  {t("bureau.co.shared")}
                </label>
                <Button tone="secondary">{t("bureau.co.saveShared")}</Button>
              </Form>
            </div>
          ) : (
            <p className="text-sm text-slate-600">{t("bureau.co.readOnly")}</p>
          )}
        </Card>
      )}
      <Card>
        <h2 className="mb-2 text-lg font-semibold">{t("match.quality")}</h2>
        <ul className="space-y-1 text-sm text-slate-700" data-testid="match-quality">
          <li>{t("match.quality.pairs", { pairs: quality.pairs, projects: quality.projects })}</li>
          <li>{t("match.quality.engaged", { visited: quality.visitedPairs, bookmarked: quality.bookmarkedPairs })}</li>
          <li>{t("match.quality.coverage", { share: `${Math.round(quality.coverage * 100)}%` })}</li>
          {quality.computedAt && (
            <li>
              {t("match.quality.computed", {
                date: date(quality.computedAt, fair.form.timeZone, true),
                ms: quality.tookMs ?? 0,
              })}
            </li>
          )}
          <li>
            {t("match.quality.meetings", {
              requested: quality.requestedPairs,
              met: quality.meetingPairs,
              positive: quality.positivePairs,
            })}
          </li>
        </ul>
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("staff.halls")}</h2>
          <ul className="mb-3 divide-y divide-slate-100 text-sm">
            {fair.halls.map((h) => (
              <li key={h.id} className="py-1.5">
                {pick(h.nameZh, h.nameEn)}{" "}
                <span className="text-slate-500">
                  /{h.slug} · {label("sector", h.sector)}
                </span>
              </li>
            ))}
          </ul>
          {canAct && (
            <Form method="post" className="space-y-2" data-testid="hall-form">
              <input type="hidden" name="intent" value="hall" />
              {alert("hall")}
              <div className="grid gap-2 sm:grid-cols-2">
                <Field name="nameZh" label={t("builder.nameZh")} state={scoped(state, "hall")} required />
                <Field name="nameEn" label={t("builder.nameEn")} state={scoped(state, "hall")} required />
                <Field name="slug" label={t("staff.slug")} state={scoped(state, "hall")} required />
                <Field
                  name="sector"
                  label={t("staff.hallSector")}
                  state={scoped(state, "hall")}
                  required
                  placeholder="biomedicine"
                />
              </div>
              <Button tone="secondary">{t("staff.addHall")}</Button>
            </Form>
          )}
        </Card>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("staff.tiers")}</h2>
          <ul className="mb-3 divide-y divide-slate-100 text-sm">
            {fair.tiers.map((x) => (
              <li key={x.id} className="py-1.5">
                {pick(x.nameZh, x.nameEn)} · {x.feeAmount > 0 ? money(x.feeAmount, x.currency) : t("apply.free")}
              </li>
            ))}
          </ul>
          {canAct && (
            <Form method="post" className="space-y-2" data-testid="tier-form">
              <input type="hidden" name="intent" value="tier" />
              {alert("tier")}
              <div className="grid gap-2 sm:grid-cols-2">
                <Field name="nameZh" label={t("builder.nameZh")} state={scoped(state, "tier")} required />
                <Field name="nameEn" label={t("builder.nameEn")} state={scoped(state, "tier")} required />
                <Field name="code" label={t("staff.tierCode")} state={scoped(state, "tier")} required />
                <Field
                  name="fee"
                  inputMode="decimal"
                  autoComplete="off"
                  label={t("staff.fee")}
                  state={scoped(state, "tier")}
                  defaultValue="0"
                  required
                />
              </div>
              <input type="hidden" name="currency" value="CNY" />
              <Button tone="secondary">{t("staff.addTier")}</Button>
            </Form>
          )}
        </Card>
      </div>
    </div>
  );
}
