import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { hasRole, requireUser } from "~/auth/guards.server";
import { Card, FormAlert } from "~/components/ui/form";
import { exhibitorDashboard, investorDashboardReads, openFairsFor } from "~/domain/accounts/personal-dashboard.server";
import { pendingSurveys } from "~/domain/reports/surveys.server";
import { recommendationsForExhibitor } from "~/domain/recommendations/recommendations.server";
import { Reasons } from "~/components/recommendations/reasons";
import { mediaUrl } from "~/components/booths/media";
import { useI18n } from "~/i18n/use-i18n";
import { agendaCatalog } from "~/i18n/catalog/agenda";
import { boothsCatalog } from "~/i18n/catalog/booths";
import { chatCatalog } from "~/i18n/catalog/chat";
import { dashboardCatalog } from "~/i18n/catalog/dashboard";
import { matchingCatalog } from "~/i18n/catalog/matching";

/** An empty list of what `read` returns, for a role that does not see that part. */
const none = <T,>(_read: (...args: never[]) => Promise<T[]>): T[] => [];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const isExhibitor = hasRole(user, "EXHIBITOR");
  const isInvestor = hasRole(user, "INVESTOR");
  // Independent reads, in parallel; an investor's own four (surveys among them) are one statement.
  const [booths, openFairs, matches, investor, exhibitorSurveys] = await Promise.all([
    isExhibitor ? exhibitorDashboard(user) : null,
    isExhibitor ? openFairsFor(user) : none(openFairsFor),
    isExhibitor ? recommendationsForExhibitor(user) : none(recommendationsForExhibitor),
    isInvestor ? investorDashboardReads(user) : null,
    isExhibitor && !isInvestor ? pendingSurveys(user) : none(pendingSurveys),
  ]);
  return json({
    name: user.name,
    isStaff: hasRole(user, "STAFF"),
    booths,
    openFairs,
    surveys: investor ? investor.surveys : exhibitorSurveys,
    matches,
    investor: investor
      ? { profile: investor.profile, bookmarks: investor.bookmarks, recommended: investor.recommended }
      : null,
  });
}

export default function Dashboard() {
  const { name, isStaff, booths, investor, openFairs, matches, surveys } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t, pick, money, label, list } = useI18n(
    agendaCatalog,
    boothsCatalog,
    chatCatalog,
    dashboardCatalog,
    matchingCatalog,
  );
  const visitorOnly = !booths && !investor && !isStaff;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("dash.welcome", { name })}</h1>
      {visitorOnly && (
        <Card>
          <p className="text-slate-700">{t("dash.visitor.body")}</p>
          <Link to="/" className="mt-3 inline-block">
            {t("dash.visitor.cta")} →
          </Link>
        </Card>
      )}
      {isStaff && (
        <Card>
          <Link to="/staff">{t("nav.staff")} →</Link>
        </Card>
      )}
      {surveys.map((f) => (
        <Card key={f.slug}>
          <Link to={`/fairs/${f.slug}/survey`} data-testid="survey-link">
            {t("survey.dashboardLink", { fair: pick(f.titleZh, f.titleEn) })} →
          </Link>
        </Card>
      ))}
      {booths && (
        <Card>
          <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
            <h2 className="text-lg font-semibold">{t("dash.exhibitor.booths")}</h2>
            <span className="flex gap-3 text-sm">
              <Link to="/exhibitor/inbox">{t("chat.inbox")} →</Link>
              <Link to="/exhibitor/leads">{t("leads.link")} →</Link>
              <Link to="/exhibitor/organization">{t("dash.exhibitor.org")} →</Link>
            </span>
          </div>
          {booths.length === 0 ? (
            <p className="text-slate-600">{t("dash.exhibitor.empty")}</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {booths.map((b) => (
                <li key={b.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <div>
                    <Link to={`/booths/${b.id}`} className="font-medium">
                      {pick(b.orgZh, b.orgEn)}
                    </Link>
                    <p className="text-sm text-slate-600">
                      {pick(b.fair.titleZh, b.fair.titleEn)} · {pick(b.hall.nameZh, b.hall.nameEn)} ·{" "}
                      {t("dash.exhibitor.projects", { count: b.projects })}
                    </p>
                  </div>
                  <div className="flex items-center gap-2">
                    <span className="rounded bg-slate-100 px-2 py-0.5 text-xs" data-testid="dash-booth-status">
                      {label("booth.status", b.status)} · {label("pay.status", b.paymentStatus)}
                    </span>
                    <Link to={`/booths/${b.id}/edit`} className="text-sm">
                      {t("booth.edit")}
                    </Link>
                  </div>
                </li>
              ))}
            </ul>
          )}
          <div className="mt-4 border-t border-slate-100 pt-3">
            <h3 className="mb-2 font-medium">{t("match.matchingInvestors")}</h3>
            {matches.length === 0 ? (
              <p className="text-sm text-slate-600">{t("match.matchingInvestorsEmpty")}</p>
            ) : (
              <ul className="space-y-3" data-testid="matching-investors">
                {matches.map((m) => (
                  <li key={m.projectId}>
                    <p className="text-sm font-medium">{pick(m.titleZh, m.titleEn)}</p>
                    <ul className="ml-3 divide-y divide-slate-100">
                      {m.investors.map((inv) => (
                        <li key={inv.investorOrgId} className="flex flex-wrap items-start justify-between gap-2 py-1.5">
                          <div>
                            <p className="text-sm">
                              {pick(inv.nameZh, inv.nameEn)} ·{" "}
                              {t("match.score", { score: Math.round(inv.score * 100) })} ·{" "}
                              <Link to={`/meetings/invite/${inv.investorOrgId}`} data-testid="invite-investor">
                                {t("request.title")}
                              </Link>
                            </p>
                            <Reasons reasons={inv.reasons} />
                          </div>
                          <Form method="post" action="/recommendations/dismiss">
                            <input type="hidden" name="projectId" value={m.projectId} />
                            <input type="hidden" name="investorOrgId" value={inv.investorOrgId} />
                            <input type="hidden" name="redirectTo" value="/dashboard" />
                            <button type="submit" className="text-xs text-slate-500 hover:text-red-700">
                              {t("match.notInterested")}
                            </button>
                          </Form>
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            )}
          </div>
          {openFairs.length > 0 && (
            <div className="mt-4 border-t border-slate-100 pt-3">
              <h3 className="mb-2 text-sm font-medium text-slate-700">{t("dash.exhibitor.apply")}</h3>
              <ul className="space-y-1 text-sm">
                {openFairs.map((f) => (
                  <li key={f.slug}>
                    {pick(f.titleZh, f.titleEn)} ·{" "}
                    <Link to={`/fairs/${f.slug}/apply`} className="underline">
                      {t("apply.cta")} →
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </Card>
      )}
      {params.get("profileSaved") && <FormAlert tone="success">{t("profile.saved")}</FormAlert>}
      {investor && (
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("match.forYou")}</h2>
          {investor.recommended.length === 0 ? (
            <p className="text-sm text-slate-600">{t("match.forYouEmpty")}</p>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="recommended">
              {investor.recommended.map((r) => (
                <li
                  key={r.projectId}
                  className="flex flex-wrap items-start justify-between gap-2 py-2"
                  data-testid="recommendation"
                >
                  <div className="min-w-0">
                    <Link to={`/booths/${r.boothId}`} className="font-medium">
                      {pick(r.titleZh, r.titleEn)}
                    </Link>
                    <p className="text-sm text-slate-600">
                      {pick(r.orgZh, r.orgEn)} · {label("stage", r.stage)} · {money(r.amountSought, r.currency)} ·{" "}
                      {t("match.score", { score: Math.round(r.score * 100) })}
                    </p>
                    <Reasons reasons={r.reasons} />
                  </div>
                  <Form method="post" action="/recommendations/dismiss">
                    <input type="hidden" name="projectId" value={r.projectId} />
                    <input type="hidden" name="redirectTo" value="/dashboard" />
                    <button type="submit" className="text-sm text-slate-500 hover:text-red-700">
                      {t("match.notInterested")}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          )}
        </Card>
      )}
      {investor && (
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("dash.investor.bookmarks")}</h2>
          {investor.bookmarks.length === 0 ? (
            <p className="text-sm text-slate-600">{t("dash.investor.noBookmarks")}</p>
          ) : (
            <ul className="grid gap-2 sm:grid-cols-2" data-testid="bookmarks">
              {investor.bookmarks.map((b) => (
                <li key={b.id}>
                  {b.onShow ? (
                    <Link to={`/booths/${b.id}`} className="flex items-center gap-2">
                      {b.logoKey && (
                        <img
                          src={mediaUrl(b.logoKey)}
                          alt={t("img.logo", { name: pick(b.nameZh, b.nameEn) })}
                          className="h-8 w-8 rounded"
                        />
                      )}
                      {pick(b.nameZh, b.nameEn)}
                    </Link>
                  ) : (
                    // the fair has ended: its booth pages are gone, so no link to a 404
                    <div className="flex items-center gap-2 text-slate-600" data-testid="bookmark-ended">
                      {b.logoKey && (
                        <img
                          src={mediaUrl(b.logoKey)}
                          alt={t("img.logo", { name: pick(b.nameZh, b.nameEn) })}
                          className="h-8 w-8 rounded opacity-60"
                        />
                      )}
                      <span>
                        {pick(b.nameZh, b.nameEn)}
                        <span className="block text-xs">
                          {t("dash.investor.bookmarkClosed", { fair: pick(b.fairZh, b.fairEn) })}
                        </span>
                      </span>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Card>
      )}
      {investor && (
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("dash.investor.profile")}</h2>
          {!investor.profile ? (
            <p className="text-slate-600">{t("dash.investor.noProfile")}</p>
          ) : (
            <dl className="grid gap-3 text-sm sm:grid-cols-2" data-testid="investor-profile">
              <div>
                <dt className="text-slate-500">{t("dash.investor.sectors")}</dt>
                <dd>{list(investor.profile.sectors.map((s) => label("sector", s)))}</dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("dash.investor.stages")}</dt>
                <dd>{list(investor.profile.stages.map((s) => label("stage", s)))}</dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("dash.investor.ticket")}</dt>
                <dd>
                  {t("money.range", {
                    min: money(investor.profile.ticketMin, investor.profile.currency),
                    max: money(investor.profile.ticketMax, investor.profile.currency),
                  })}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("dash.investor.regions")}</dt>
                <dd>{list(investor.profile.regions.map((r) => label("region", r)))}</dd>
              </div>
              <div className="sm:col-span-2">
                <dt className="sr-only">{t("dash.investor.thesis")}</dt>
                <dd className="text-slate-700">{pick(investor.profile.thesisZh, investor.profile.thesisEn)}</dd>
              </div>
            </dl>
          )}
          <p className="mt-3 text-sm text-slate-600">
            <Link to="/investor/profile">{t("profile.edit")} →</Link> · {t("dash.investor.next")}{" "}
            <Link to="/">{t("dash.visitor.cta")} →</Link>
          </p>
        </Card>
      )}
    </div>
  );
}
