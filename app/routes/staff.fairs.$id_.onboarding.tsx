// Bulk onboarding of a fair's exhibitors and investors (docs/decisions/027-bulk-onboarding.md), for
// the organizing bureau's staff: upload → check (dry run, nothing imported) → import in the background
// with a progress bar (polled with JavaScript; a meta refresh without it) → who was invited, opened
// the link, claimed, submitted their booth; resend.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { canActOnFair, requireFairStaff } from "~/auth/guards.server";
import { ReadOnlyNote } from "~/components/bureaus/read-only";
import { DataTable } from "~/components/reports/report-table";
import { Card, FormAlert, type IntentState } from "~/components/ui/form";
import { Pagination } from "~/components/ui/pagination";
import { getFairTitle } from "~/domain/onboarding/fair.server";
import { checkUpload, getJob, startImport } from "~/domain/onboarding/import.server";
import { listInvitations, resendInvitation } from "~/domain/onboarding/invitations.server";
import { MAX_FILE_BYTES, MAX_ROWS } from "~/domain/onboarding/limits";
import type { RowError } from "~/domain/onboarding/rows";
import { onboardingCatalog } from "~/i18n/catalog/onboarding";
import { requestContext } from "~/i18n/request.server";
import { useI18n } from "~/i18n/use-i18n";
import { DomainError } from "~/lib/errors";
import { dispatchIntent, validate } from "~/lib/forms.server";
import { fileField, readForm } from "~/lib/multipart.server";
import { orErrorPage } from "~/lib/responses.server";

export const meta: MetaFunction = () => [{ title: "批量导入 Bulk import · 云展洽" }];

const query = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  job: z
    .string()
    .max(64)
    .regex(/^[a-z0-9]*$/)
    .catch(""),
});
/** Errors listed on the page (all of them are counted). */
const SHOWN_ERRORS = 200;

export async function loader({ params, request }: LoaderFunctionArgs) {
  const fairId = params.id ?? "";
  const staff = await requireFairStaff(request, fairId, "read");
  const url = new URL(request.url);
  const q = query.parse({ page: url.searchParams.get("page") ?? 1, job: url.searchParams.get("job") ?? "" });
  const [fair, job, invitees] = await Promise.all([
    orErrorPage(getFairTitle(fairId)),
    q.job ? getJob(fairId, q.job) : null,
    listInvitations(fairId, q.page),
  ]);
  return json(
    {
      fair,
      job: job && {
        ...job,
        errorCount: job.errors.length,
        errors: job.errors.slice(0, SHOWN_ERRORS),
      },
      invitees,
      canAct: canActOnFair(staff),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

const kindField = z.object({ kind: z.enum(["exhibitor", "investor"], { message: "error.invalidChoice" }) });
const idField = (name: string) => z.object({ [name]: z.string().min(1).max(64) });

export async function action({ params, request }: ActionFunctionArgs) {
  const fairId = params.id ?? "";
  const staff = await requireFairStaff(request, fairId);
  const { t } = await requestContext(request, staff);
  const base = `/staff/fairs/${fairId}/onboarding`;
  let form: FormData;
  try {
    form = await readForm(request);
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return json({ intent: "check", errors: {}, values: {}, formError: t(err.key, err.params) }, { status: err.status });
  }
  return dispatchIntent(
    form,
    {
      check: async (f) => {
        const { kind } = validate(kindField, f);
        const file = fileField(f, "file");
        if (!file) throw new DomainError("onboarding.file.required", 400, undefined, "file");
        if (file.size > MAX_FILE_BYTES)
          throw new DomainError("onboarding.file.tooLarge", 413, { maxMb: MAX_FILE_BYTES / 1024 / 1024 });
        const summary = await checkUpload(staff, fairId, kind, file.name, new Uint8Array(await file.arrayBuffer()));
        return redirect(`${base}?job=${summary.jobId}`);
      },
      import: async (f) => {
        const { jobId } = validate(idField("jobId"), f) as { jobId: string };
        await startImport(staff, fairId, jobId);
        return redirect(`${base}?job=${jobId}`);
      },
      resend: async (f) => {
        const { invitationId } = validate(idField("invitationId"), f) as { invitationId: string };
        await resendInvitation(staff, fairId, invitationId);
      },
    },
    t,
    base,
  );
}

export default function Onboarding() {
  const { fair, job, invitees, canAct } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as IntentState | undefined;
  const busy = useNavigation().state === "submitting";
  const { t, pick, date } = useI18n(onboardingCatalog);
  const revalidator = useRevalidator();
  const running = job?.status === "RUNNING";
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1000);
    return () => clearInterval(timer);
  }, [running, revalidator]);
  const base = `/staff/fairs/${fair.id}/onboarding`;
  const rowError = (e: RowError) => {
    const message = t(`onboarding.err.${e.key}`, e.params);
    return e.column
      ? t("onboarding.rowError", { row: e.row, column: t(`onboarding.col.${e.column}`), message })
      : t("onboarding.rowErrorRow", { row: e.row, message });
  };
  const yesNo = (at: string | null) => (at ? date(at, "Asia/Shanghai", true) : t("onboarding.no"));
  return (
    <div className="space-y-4">
      {running && (
        <noscript>
          <meta httpEquiv="refresh" content="2" />
        </noscript>
      )}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">{t("onboarding.title", { fair: pick(fair.titleZh, fair.titleEn) })}</h1>
        <Link to={`/staff/fairs/${fair.id}`}>{t("onboarding.backToFair")}</Link>
      </div>
      <Card className="space-y-3">
        <p className="text-sm text-slate-700">{t("onboarding.intro")}</p>
        <p className="flex flex-wrap gap-x-4 gap-y-2 text-sm">
          <span>{t("onboarding.template")}:</span>
          {(["exhibitor", "investor"] as const).map((kind) =>
            (["xlsx", "csv"] as const).map((format) => (
              <a key={`${kind}-${format}`} href={`${base}/template?kind=${kind}&format=${format}`} download>
                {t(format === "xlsx" ? "onboarding.templateXlsx" : "onboarding.templateCsv", {
                  kind: t(`onboarding.kind.${kind}`),
                })}
              </a>
            )),
          )}
        </p>
        {state?.formError && <FormAlert>{state.formError}</FormAlert>}
        {state?.errors?.file && <FormAlert>{state.errors.file}</FormAlert>}
        <ReadOnlyNote canAct={canAct} />
        {canAct && (
          <Form method="post" encType="multipart/form-data" className="space-y-3" data-testid="onboarding-upload">
            <input type="hidden" name="intent" value="check" />
            <fieldset className="flex flex-wrap gap-4">
              <legend className="mb-1 text-sm font-medium">{t("onboarding.kind")}</legend>
              {(["exhibitor", "investor"] as const).map((kind) => (
                <label key={kind} className="flex min-h-11 items-center gap-2">
                  <input type="radio" name="kind" value={kind} defaultChecked={kind === "exhibitor"} />
                  {t(`onboarding.kind.${kind}`)}
                </label>
              ))}
            </fieldset>
            <label className="block text-sm font-medium" htmlFor="onboarding-file">
              {t("onboarding.file", { maxMb: MAX_FILE_BYTES / 1024 / 1024, max: MAX_ROWS })}
            </label>
            <input
              id="onboarding-file"
              name="file"
              type="file"
              required
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              className="block w-full max-w-full text-sm"
            />
            <button
              type="submit"
              disabled={busy}
              className="min-h-11 rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
            >
              {t("onboarding.check")}
            </button>
          </Form>
        )}
      </Card>

      {job && (
        <Card className="space-y-3" data-testid="onboarding-job">
          <p className="font-medium" data-testid="onboarding-status">
            {t(`onboarding.status.${job.status as "DONE"}`)}
          </p>
          <p className="text-sm">
            {t("onboarding.checked", {
              fileName: job.fileName,
              total: job.total + job.errorCount,
              valid: job.total,
              invalid: new Set(job.errors.map((e) => e.row)).size,
            })}
          </p>
          {job.status !== "CHECKED" && (
            <div>
              <label htmlFor="onboarding-progress" className="text-sm">
                {t("onboarding.progress")}:{" "}
                {t("onboarding.progressText", { processed: job.processed, total: job.total })}
              </label>
              <progress
                id="onboarding-progress"
                className="block h-3 w-full"
                max={Math.max(1, job.total)}
                value={job.processed}
                data-testid="onboarding-progress"
              />
              {job.status === "DONE" && (
                <p className="text-sm" data-testid="onboarding-result">
                  {t("onboarding.result", { created: job.created, updated: job.updated, unchanged: job.unchanged })}
                </p>
              )}
              {running && (
                <noscript>
                  <a href={`${base}?job=${job.id}`}>{t("onboarding.refresh")}</a>
                </noscript>
              )}
            </div>
          )}
          {job.errorCount === 0 ? (
            <p className="text-sm text-green-800">{t("onboarding.noErrors")}</p>
          ) : (
            <div>
              <h2 className="font-medium">{t("onboarding.errorsTitle", { count: job.errorCount })}</h2>
              <ul className="list-disc pl-5 text-sm text-red-800" data-testid="onboarding-errors">
                {job.errors.map((e, i) => (
                  <li key={i}>{rowError(e)}</li>
                ))}
              </ul>
              {job.errorCount > job.errors.length && (
                <p className="text-sm">{t("onboarding.errorsMore", { shown: job.errors.length })}</p>
              )}
            </div>
          )}
          {canAct && (job.status === "CHECKED" || job.status === "FAILED") && job.total > 0 && (
            <Form method="post" className="space-y-2">
              <input type="hidden" name="intent" value="import" />
              <input type="hidden" name="jobId" value={job.id} />
              {job.errorCount > 0 && (
                <p className="text-sm">
                  {t("onboarding.importSkipping", { count: new Set(job.errors.map((e) => e.row)).size })}
                </p>
              )}
              <button
                type="submit"
                disabled={busy}
                data-testid="onboarding-import"
                className="min-h-11 rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
              >
                {t("onboarding.import", { count: job.total })}
              </button>
            </Form>
          )}
        </Card>
      )}

      <Card className="space-y-2">
        <h2 className="font-medium">{t("onboarding.invitees")}</h2>
        {invitees.invitations.length === 0 ? (
          <p className="text-slate-600">{t("onboarding.inviteesEmpty")}</p>
        ) : (
          <DataTable
            testId="onboarding-invitees"
            caption={t("onboarding.caption", { page: invitees.page, pages: invitees.pages })}
            columns={[
              { label: t("onboarding.col.org") },
              { label: t("onboarding.col.kind") },
              { label: t("onboarding.col.invited") },
              { label: t("onboarding.col.opened") },
              { label: t("onboarding.col.claimed") },
              { label: t("onboarding.col.submitted") },
              { label: t("onboarding.col.actions") },
            ]}
            rows={invitees.invitations.map((i) => [
              <span key="o" className="break-all">
                {pick(i.orgZh, i.orgEn)} · {i.email}
              </span>,
              t(i.kind === "EXHIBITOR" ? "onboarding.kind.exhibitor" : "onboarding.kind.investor"),
              yesNo(i.invitedAt),
              yesNo(i.openedAt),
              yesNo(i.claimedAt),
              i.submitted === null ? "—" : i.submitted ? t("onboarding.yes") : t("onboarding.no"),
              i.claimedAt || !canAct ? (
                "—"
              ) : (
                <Form key="r" method="post">
                  <input type="hidden" name="intent" value="resend" />
                  <input type="hidden" name="invitationId" value={i.id} />
                  <button type="submit" className="min-h-11 underline" disabled={busy}>
                    {t("onboarding.resend")}
                  </button>
                </Form>
              ),
            ])}
          />
        )}
        <Pagination page={invitees.page} pages={invitees.pages} />
      </Card>
    </div>
  );
}
