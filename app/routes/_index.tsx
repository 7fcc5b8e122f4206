import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Card } from "~/components/ui/form";
import { listPublicFairs } from "~/domain/fairs/fairs.server";
import { useI18n } from "~/i18n/use-i18n";
import { bureausCatalog } from "~/i18n/catalog/bureaus";

export async function loader(_: LoaderFunctionArgs) {
  return json({ fairs: await listPublicFairs() });
}

export default function Home() {
  const { fairs } = useLoaderData<typeof loader>();
  const { t, pick, date } = useI18n(bureausCatalog);
  // Grouped by organizer (ADR 028), organizers in the order of their first fair.
  const groups: { organizer: (typeof fairs)[number]["organizer"]; fairs: typeof fairs }[] = [];
  for (const f of fairs) {
    const g = groups.find((x) => x.organizer.id === f.organizer.id);
    if (g) g.fairs.push(f);
    else groups.push({ organizer: f.organizer, fairs: [f] });
  }
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("home.title")}</h1>
        <p className="text-slate-600">{t("app.tagline")}</p>
      </div>
      {fairs.length === 0 && (
        <Card>
          <p className="text-slate-600">{t("home.empty")}</p>
        </Card>
      )}
      {groups.map((g) => (
        <section key={g.organizer.id} className="space-y-3" data-testid="organizer-group">
          <h2 className="text-lg font-semibold text-slate-800">
            <span className="sr-only">{t("public.home.byOrganizer")}: </span>
            {g.organizer.slug ? (
              <Link to={`/bureaus/${g.organizer.slug}`}>{pick(g.organizer.nameZh, g.organizer.nameEn)}</Link>
            ) : (
              pick(g.organizer.nameZh, g.organizer.nameEn)
            )}
          </h2>
          <ul className="grid gap-4 md:grid-cols-2">
            {g.fairs.map((f) => (
              <li key={f.slug}>
                <Card className="h-full">
                  <div className="flex items-start justify-between gap-2">
                    <h3 className="text-lg font-semibold">{pick(f.titleZh, f.titleEn)}</h3>
                    <span className="shrink-0 rounded bg-brand-50 px-2 py-0.5 text-xs text-brand-900">
                      {t(`fair.status.${f.status}`)}
                    </span>
                  </div>
                  <p className="mt-1 text-sm text-slate-600">
                    {t("fair.dates", { start: date(f.startsAt, f.timeZone), end: date(f.endsAt, f.timeZone) })}
                  </p>
                  <p className="mt-2 line-clamp-3 text-sm text-slate-700">{pick(f.descriptionZh, f.descriptionEn)}</p>
                  <p className="mt-2 text-sm text-slate-500">
                    {t("home.stats", { halls: f.halls, booths: f.booths, projects: f.projects })}
                  </p>
                  <Link
                    to={`/fairs/${f.slug}`}
                    className="touch-target mt-4 inline-flex items-center rounded bg-brand-600 px-4 py-2 text-white no-underline hover:bg-brand-700"
                  >
                    {t("home.enter")}
                  </Link>
                </Card>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
