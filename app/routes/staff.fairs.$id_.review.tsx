import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ArrowDown, ArrowUp } from "lucide-react";
import { z } from "zod";
import { canActOnFair, requireFairStaff } from "~/auth/guards.server";
import { ReadOnlyNote } from "~/components/bureaus/read-only";
import { Button, Card, FieldErrorList, FormAlert, type IntentState } from "~/components/ui/form";
import { Pagination } from "~/components/ui/pagination";
import {
  listApplications,
  moveBooth,
  reviewBooth,
  reviewDecisionSchema,
  reviewQuerySchema,
  setFeatured,
  waiveFee,
} from "~/domain/booths/booth-review.server";
import { getFairForStaff } from "~/domain/fairs/fair-admin.server";
import { requestContext } from "~/i18n/request.server";
import { useI18n } from "~/i18n/use-i18n";
import { typedText } from "~/lib/forms";
import { dispatchIntent, validate } from "~/lib/forms.server";
import { boothsCatalog } from "~/i18n/catalog/booths";
import { staffCatalog } from "~/i18n/catalog/staff";
import { FilterButton, FilterSelect } from "~/components/ui/filter-form";

const boothRef = z.object({ boothId: z.string().min(1, "error.required").max(64) });
const featureForm = boothRef.extend({ featured: z.literal("on").optional().catch(undefined) });
const moveForm = boothRef.extend({ direction: z.enum(["up", "down"]).catch("down") });
const STATUSES = ["SUBMITTED", "CHANGES_REQUESTED", "APPROVED", "REJECTED", "DRAFT", "ALL"] as const;

export async function loader({ params, request }: LoaderFunctionArgs) {
  const fairId = params.id ?? "";
  const staff = await requireFairStaff(request, fairId, "read");
  const fair = await getFairForStaff(fairId);
  if (!fair) throw new Response(null, { status: 404 });
  const q = reviewQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return json({
    fair: {
      id: fair.id,
      titleZh: fair.form.titleZh,
      titleEn: fair.form.titleEn,
      timeZone: fair.form.timeZone,
      halls: fair.halls,
    },
    q,
    canAct: canActOnFair(staff),
    ...(await listApplications(fair.id, q)),
  });
}

export async function action({ params, request }: ActionFunctionArgs) {
  const fairId = params.id ?? "";
  const staff = await requireFairStaff(request, fairId);
  const { t } = await requestContext(request, staff);
  const form = await request.formData();
  const back = `/staff/fairs/${fairId}/review?${new URL(request.url).searchParams}`;
  const booth = (f: FormData) => validate(boothRef, f).boothId;
  return dispatchIntent(
    form,
    {
      review: (f) => reviewBooth(staff, fairId, booth(f), validate(reviewDecisionSchema, f)),
      feature: (f) => {
        const { boothId, featured } = validate(featureForm, f);
        return setFeatured(staff, fairId, boothId, featured === "on");
      },
      move: (f) => {
        const { boothId, direction } = validate(moveForm, f);
        return moveBooth(staff, fairId, boothId, direction);
      },
      waive: (f) => waiveFee(staff, fairId, booth(f)),
    },
    t,
    back,
  );
}

export default function ReviewQueue() {
  const { fair, q, rows, total, pages, canAct } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as IntentState | undefined;
  const [params] = useSearchParams();
  const { t, pick, label, money, date } = useI18n(boothsCatalog, staffCatalog);
  const hidden = (boothId: string, intent: string) => (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="boothId" value={boothId} />
    </>
  );
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">{t("review.title", { fair: pick(fair.titleZh, fair.titleEn) })}</h1>
        <Link to={`/staff/fairs/${fair.id}`}>{t("staff.editFair")}</Link>
      </div>
      {params.get("saved") && !state && <FormAlert tone="success">{t("staff.saved")}</FormAlert>}
      {state?.formError && <FormAlert>{state.formError}</FormAlert>}
      <ReadOnlyNote canAct={canAct} />
      <Form method="get" className="flex flex-wrap items-end gap-3 text-sm">
        <FilterSelect
          name="status"
          label={t("review.filterStatus")}
          defaultValue={q.status}
          options={STATUSES.map((s) => ({
            value: s,
            label: s === "ALL" ? t("review.status.ALL") : label("booth.status", s),
          }))}
        />
        <FilterSelect
          name="hall"
          label={t("review.filterHall")}
          defaultValue={q.hall}
          allLabel={t("fair.allHalls")}
          options={fair.halls.map((h) => ({ value: h.slug, label: pick(h.nameZh, h.nameEn) }))}
        />
        <FilterButton>{t("fair.filter.apply")}</FilterButton>
        <span className="text-slate-500">{t("review.total", { count: total })}</span>
      </Form>
      {rows.length === 0 && (
        <Card>
          <p className="text-slate-600">{t("review.empty")}</p>
        </Card>
      )}
      <ul className="space-y-3">
        {rows.map((b) => (
          <li key={b.id} data-testid="review-row">
            <Card>
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div>
                  <Link to={`/booths/${b.id}`} className="font-semibold">
                    {pick(b.orgZh, b.orgEn)}
                  </Link>
                  <p className="text-sm text-slate-600">
                    {pick(b.hall.nameZh, b.hall.nameEn)} · {pick(b.tier.nameZh, b.tier.nameEn)} ·{" "}
                    {label("booth.status", b.status)}
                    {b.featured && ` · ${t("fair.featured")}`}
                  </p>
                  <p className="text-sm text-slate-600" data-testid="review-fee">
                    {b.feeAmount > 0
                      ? t("review.fee", {
                          amount: money(b.feeAmount, b.currency),
                          status: label("pay.status", b.paymentStatus),
                        })
                      : t("review.feeFree")}
                    {b.submittedAt &&
                      ` · ${t("review.submittedAt", { date: date(b.submittedAt, fair.timeZone, true) })}`}
                  </p>
                  {b.reviewNote && <p className="text-sm text-amber-800">{b.reviewNote}</p>}
                </div>
                {canAct && (
                  <div className="flex flex-wrap gap-2">
                    <Form method="post">
                      {hidden(b.id, "feature")}
                      <input type="hidden" name="featured" value={b.featured ? "off" : "on"} />
                      <Button tone="secondary">{b.featured ? t("review.unfeature") : t("review.feature")}</Button>
                    </Form>
                    <Form method="post">
                      {hidden(b.id, "move")}
                      <input type="hidden" name="direction" value="up" />
                      <Button tone="secondary" aria-label={t("review.up")}>
                        <ArrowUp aria-hidden="true" className="inline-block h-4 w-4" />
                      </Button>
                    </Form>
                    <Form method="post">
                      {hidden(b.id, "move")}
                      <input type="hidden" name="direction" value="down" />
                      <Button tone="secondary" aria-label={t("review.down")}>
                        <ArrowDown aria-hidden="true" className="inline-block h-4 w-4" />
                      </Button>
                    </Form>
                    {(b.paymentStatus === "UNPAID" || b.paymentStatus === "PENDING") && (
                      <Form method="post">
                        {hidden(b.id, "waive")}
                        <Button tone="secondary">{t("review.waive")}</Button>
                      </Form>
                    )}
                  </div>
                )}
              </div>
              {canAct && b.status !== "DRAFT" && (
                <Form method="post" className="mt-3 flex flex-wrap items-end gap-2" data-testid="review-form">
                  {hidden(b.id, "review")}
                  <label className="min-w-[16rem] flex-1 text-sm">
                    {t("review.reason")}
                    <input
                      name="reason"
                      maxLength={1000}
                      className="mt-1 w-full rounded border border-slate-300 px-2 py-1"
                      defaultValue={
                        typedText(state?.values, "boothId") === b.id ? typedText(state?.values, "reason") : ""
                      }
                    />
                    {state?.intent === "review" && typedText(state.values, "boothId") === b.id && (
                      <FieldErrorList errors={state.errors} />
                    )}
                  </label>
                  <Button name="decision" value="approve">
                    {t("review.approve")}
                  </Button>
                  <Button name="decision" value="changes" tone="secondary">
                    {t("review.changes")}
                  </Button>
                  <Button name="decision" value="reject" tone="danger">
                    {t("review.reject")}
                  </Button>
                </Form>
              )}
            </Card>
          </li>
        ))}
      </ul>
      <Pagination page={q.page} pages={pages} />
    </div>
  );
}
