// My account: your details (correction), "download my data", consents (see and withdraw) and
// "delete my account" (docs/decisions/022-personal-data.md).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/guards.server";
import { sessionCookie } from "~/auth/session.server";
import { Button, Card, Field, FormAlert, scoped, type IntentState } from "~/components/ui/form";
import { myAccount, nameSchema, updateMyName } from "~/domain/accounts/profile.server";
import { consentOverview, withdrawLeadConsent, type SharingState } from "~/domain/privacy/consents.server";
import { requestDeletion } from "~/domain/privacy/deletion.server";
import { CONSENT_KINDS, PRIVACY } from "~/domain/privacy/policy";
import { withdrawRecordingConsent } from "~/domain/video/rooms.server";
import { privacyCatalog } from "~/i18n/catalog/privacy";
import { requestContext } from "~/i18n/request.server";
import { useI18n } from "~/i18n/use-i18n";
import { dispatchIntent, validate } from "~/lib/forms.server";

export const meta: MetaFunction = () => [{ title: "我的账户 My account · 云展洽" }];

const withdrawForm = z.object({
  kind: z.enum(CONSENT_KINDS, { errorMap: () => ({ message: "error.invalidChoice" }) }),
  scope: z.string().min(1, "error.required").max(64, "error.invalidValue"),
});
const deleteForm = z.object({
  password: z.string().min(1, "error.required").max(1000, "error.tooLong"),
  confirm: z.literal("on", { errorMap: () => ({ message: "privacy.delete.error.confirm" }) }),
});
const waitMinutes = z.coerce.number().int().min(1).max(PRIVACY.exportEveryMinutes).catch(0);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const [account, consents] = await Promise.all([myAccount(user), consentOverview(user)]);
  return json(
    {
      account,
      consents,
      timeZone: user.timeZone,
      exportWait: waitMinutes.parse(url.searchParams.get("exportWait") ?? 0),
      exportUnavailable: url.searchParams.get("exportUnavailable") === "1",
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { t, locale } = await requestContext(request, user);
  return dispatchIntent(
    await request.formData(),
    {
      name: (f) => updateMyName(user, validate(nameSchema, f)),
      withdraw: async (f) => {
        const { kind, scope } = validate(withdrawForm, f);
        if (kind === "RECORDING") await withdrawRecordingConsent(user, scope);
        else await withdrawLeadConsent(user, kind, scope, locale);
      },
      delete: async (f) => {
        const { password } = validate(deleteForm, f);
        const dueAt = await requestDeletion(user, password);
        // Every session ended (this one too): clear the cookie and say when the account goes.
        return redirect(`/account/deleted?on=${encodeURIComponent(dueAt.toISOString())}`, {
          headers: { "Set-Cookie": await sessionCookie.serialize("", { maxAge: 0 }) },
        });
      },
    },
    t,
    "/account",
  );
}

function StateBadge({ state }: { state: SharingState }) {
  const { t } = useI18n(privacyCatalog);
  const cls =
    state === "shared" ? "bg-green-50 text-green-800" : state === "withdrawn" ? "bg-slate-100 text-slate-700" : "";
  return <span className={`rounded px-1.5 py-0.5 text-xs ${cls}`}>{t(`consents.state.${state}`)}</span>;
}

function WithdrawButton({ kind, scope, text, label }: { kind: string; scope: string; text: string; label: string }) {
  return (
    <Form method="post" className="inline">
      <input type="hidden" name="intent" value="withdraw" />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="scope" value={scope} />
      <Button tone="secondary" aria-label={label} data-testid={`withdraw-${kind}-${scope}`}>
        {text}
      </Button>
    </Form>
  );
}

export default function Account() {
  const { account, consents, timeZone, exportWait, exportUnavailable } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as IntentState | undefined;
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const { t, pick, date, label } = useI18n(privacyCatalog);
  const saved = params.get("saved");
  const day = (iso: string) => date(iso, timeZone);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold" data-testid="account-title">
        {t("account.title")}
      </h1>
      {params.get("restored") && <FormAlert tone="success">{t("account.restored")}</FormAlert>}
      {saved === "name" && !state && <FormAlert tone="success">{t("account.saved.name")}</FormAlert>}
      {saved === "withdraw" && !state && <FormAlert tone="success">{t("account.saved.withdraw")}</FormAlert>}
      {state?.formError && !["name", "delete"].includes(state.intent ?? "") && <FormAlert>{state.formError}</FormAlert>}
      <p>
        <Link to="/privacy">{t("account.noticeLink")} →</Link>
      </p>

      <Card className="space-y-3">
        <h2 className="text-lg font-semibold">{t("account.profile")}</h2>
        <div>
          <p className="text-sm font-medium text-slate-700">{t("account.email")}</p>
          <p className="break-all" data-testid="account-email">
            {account.email}
          </p>
          <p className="text-xs text-slate-500">{t("account.emailHint")}</p>
        </div>
        <Form method="post" className="space-y-2" noValidate>
          <input type="hidden" name="intent" value="name" />
          {scoped(state, "name")?.formError && <FormAlert>{state?.formError}</FormAlert>}
          <Field
            name="name"
            label={t("account.name")}
            autoComplete="name"
            maxLength={80}
            defaultValue={account.name}
            state={scoped(state, "name")}
            required
          />
          <Button tone="secondary" disabled={busy}>
            {t("account.nameSave")}
          </Button>
        </Form>
        <p className="text-sm text-slate-600">{t("account.since", { date: day(account.createdAt) })}</p>
        <div>
          <h3 className="text-sm font-medium text-slate-700">{t("account.orgs")}</h3>
          {account.memberships.length === 0 ? (
            <p className="text-sm text-slate-600">{t("account.noOrgs")}</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {account.memberships.map((m) => (
                <li key={m.id} className="flex flex-wrap items-center gap-2">
                  <span className="break-all">{pick(m.nameZh, m.nameEn)}</span>
                  <span className="text-slate-500">{label("role", m.role)}</span>
                  {m.role === "EXHIBITOR" && <Link to="/exhibitor/organization">{t("account.editOrg")}</Link>}
                  {m.role === "INVESTOR" && <Link to="/investor/profile">{t("account.editInvestor")}</Link>}
                </li>
              ))}
            </ul>
          )}
        </div>
      </Card>

      <Card className="space-y-2">
        <h2 className="text-lg font-semibold">{t("export.title")}</h2>
        <p className="text-sm text-slate-700">{t("export.intro")}</p>
        <p className="text-xs text-slate-500">{t("export.limit", { minutes: PRIVACY.exportEveryMinutes })}</p>
        {exportWait > 0 && <FormAlert>{t("privacy.export.error.tooSoon", { minutes: exportWait })}</FormAlert>}
        {exportUnavailable && <FormAlert>{t("privacy.export.error.unavailable")}</FormAlert>}
        {/* A document POST: the browser saves the streamed ZIP; the page stays. */}
        <Form method="post" action="/account/export" reloadDocument>
          <Button data-testid="export-button">{t("export.submit")}</Button>
        </Form>
      </Card>

      <Card className="space-y-3" data-testid="consents">
        <h2 className="text-lg font-semibold">{t("consents.title")}</h2>
        <p className="text-sm text-slate-700">{t("consents.intro")}</p>
        {consents.leads.length === 0 ? (
          <p className="text-sm text-slate-600">{t("consents.noLeads")}</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="consent-leads">
            {consents.leads.map((l) => {
              const org = pick(l.nameZh, l.nameEn);
              return (
                <li key={l.orgId} className="space-y-1 py-2 text-sm">
                  <p>
                    <span className="break-all font-medium">{org}</span>{" "}
                    <span className="text-slate-500">{t("consents.since", { date: day(l.since) })}</span>
                  </p>
                  <p className="flex flex-wrap items-center gap-2">
                    {t("consents.listed")} <StateBadge state={l.listed} />
                    {l.listed === "shared" && (
                      <WithdrawButton
                        kind="LEAD_SHARING"
                        scope={l.orgId}
                        text={t("consents.withdraw")}
                        label={`${t("consents.withdraw")} · ${t("consents.listed")} · ${org}`}
                      />
                    )}
                  </p>
                  <p className="flex flex-wrap items-center gap-2">
                    {t("consents.contacts")} <StateBadge state={l.contacts} />
                    {l.contacts === "shared" && (
                      <WithdrawButton
                        kind="CONTACT_SHARING"
                        scope={l.orgId}
                        text={t("consents.withdraw")}
                        label={`${t("consents.withdraw")} · ${t("consents.contacts")} · ${org}`}
                      />
                    )}
                  </p>
                </li>
              );
            })}
          </ul>
        )}
        <h3 className="font-medium">{t("consents.recordings")}</h3>
        <p className="text-sm text-slate-700">{t("consents.recordingsIntro")}</p>
        {consents.recordings.length === 0 ? (
          <p className="text-sm text-slate-600">{t("consents.noRecordings")}</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="consent-recordings">
            {consents.recordings.map((r) => {
              const org = pick(r.counterpart.nameZh, r.counterpart.nameEn);
              return (
                <li key={r.meetingId} className="flex flex-wrap items-center gap-2 py-2 text-sm">
                  <span className="break-all">
                    {org} · {date(r.startsAt, r.timeZone, true)}
                  </span>
                  <StateBadge state={r.state} />
                  {r.state === "shared" && r.participant && (
                    <WithdrawButton
                      kind="RECORDING"
                      scope={r.meetingId}
                      text={t("consents.withdraw")}
                      label={`${t("consents.withdraw")} · ${t("consents.recordings")} · ${org}`}
                    />
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {consents.records.length > 0 && (
          <details>
            <summary className="cursor-pointer text-sm text-brand-700">
              {t("consents.history", { count: consents.records.length })}
            </summary>
            <ul className="mt-2 space-y-2" data-testid="consent-records">
              {consents.records.map((r) => (
                <li key={r.id} className="rounded border border-slate-200 p-2 text-sm">
                  <p className="font-medium">
                    {t(`consents.kind.${r.kind}`)} ·{" "}
                    <span className="break-all">{pick(r.scope.nameZh, r.scope.nameEn)}</span>
                  </p>
                  <p className="text-xs text-slate-500">
                    {t("consents.given", { date: date(r.grantedAt, timeZone, true) })}
                    {r.withdrawnAt && ` · ${t("consents.withdrawnAt", { date: date(r.withdrawnAt, timeZone, true) })}`}
                    {` · ${t("consents.version", { version: r.version })}`}
                  </p>
                  <blockquote lang={r.locale} className="mt-1 border-l-2 border-slate-200 pl-2 text-slate-700">
                    {r.wording}
                  </blockquote>
                </li>
              ))}
            </ul>
          </details>
        )}
      </Card>

      <Card className="space-y-3 border-red-200">
        <h2 className="text-lg font-semibold text-red-800">{t("delete.title")}</h2>
        <p className="text-sm text-slate-700">{t("delete.intro", { days: PRIVACY.deletionGraceDays })}</p>
        <p className="text-sm text-slate-700">{t("delete.what")}</p>
        <Form method="post" className="space-y-3" noValidate data-testid="delete-form">
          <input type="hidden" name="intent" value="delete" />
          {scoped(state, "delete")?.formError && !scoped(state, "delete")?.errors?.password && (
            <FormAlert>{state?.formError}</FormAlert>
          )}
          <Field
            name="password"
            type="password"
            autoComplete="current-password"
            label={t("delete.password")}
            state={scoped(state, "delete")}
            required
          />
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" name="confirm" className="mt-1 h-5 w-5" aria-describedby="confirm-error" />
            <span>{t("delete.confirm")}</span>
          </label>
          {scoped(state, "delete")?.errors?.confirm && (
            <p id="confirm-error" className="text-sm text-red-600" role="alert">
              {scoped(state, "delete")?.errors?.confirm}
            </p>
          )}
          <Button tone="danger" disabled={busy} data-testid="delete-button">
            {t("delete.submit")}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
