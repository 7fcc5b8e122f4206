import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { mediaUrl } from "~/components/booths/media";
import { Pagination } from "~/components/ui/pagination";
import { getFairHall } from "~/domain/fairs/fairs.server";
import { useI18n } from "~/i18n/use-i18n";
import { zoneName } from "~/i18n";
import { metaLocale, pageTitle } from "~/i18n/meta";
import { boothsCatalog } from "~/i18n/catalog/booths";
import { roadshowsCatalog } from "~/i18n/catalog/roadshows";
import { parsePage } from "~/lib/paging";
import { FilterButton, FilterSelect } from "~/components/ui/filter-form";

const code = z
  .string()
  .max(64)
  .regex(/^[a-z0-9-]*$/)
  .optional()
  .catch(undefined);
const query = z.object({
  hall: code,
  sector: code,
  region: code,
  page: z.unknown().transform((v) => parsePage(v, 10_000)),
});

export async function loader({ params, request }: LoaderFunctionArgs) {
  const q = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const data = await getFairHall(params.slug ?? "", {
    hall: q.hall || null,
    sector: q.sector || null,
    region: q.region || null,
    page: q.page,
  });
  if (!data) throw new Response(null, { status: 404 });
  return json(data);
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(metaLocale(matches), data?.fair.titleZh, data?.fair.titleEn) },
];

export default function FairHall() {
  const { fair, halls, activeHall, booths, page, pages, sectors, regions, filters } = useLoaderData<typeof loader>();
  const { t, pick, date, locale, label } = useI18n(boothsCatalog, roadshowsCatalog);
  const hallLink = (slug: string | null) => {
    const q = new URLSearchParams({
      ...(slug ? { hall: slug } : {}),
      ...(filters.sector ? { sector: filters.sector } : {}),
      ...(filters.region ? { region: filters.region } : {}),
    });
    return `?${q}`;
  };
  const chip = (active: boolean) =>
    `touch-target whitespace-nowrap rounded-full border px-3 py-1 text-sm no-underline ${active ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white text-slate-700"}`;
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold" data-testid="fair-title">
          {pick(fair.titleZh, fair.titleEn)}
        </h1>
        <p className="text-sm text-slate-600">
          {t("fair.dates", { start: date(fair.startsAt, fair.timeZone), end: date(fair.endsAt, fair.timeZone) })} ·{" "}
          {t("time.zone", { zone: zoneName(locale, fair.timeZone) })}
        </p>
        <p className="mt-2 max-w-3xl text-slate-700">{pick(fair.descriptionZh, fair.descriptionEn)}</p>
        <p className="mt-2">
          <Link to={`/fairs/${fair.slug}/roadshows`} data-testid="roadshows-link">
            {t("roadshow.nav")} →
          </Link>
        </p>
      </header>
      <nav aria-label={t("fair.halls")} className="flex gap-2 overflow-x-auto pb-1">
        <Link to={hallLink(null)} className={chip(activeHall === null)}>
          {t("fair.allHalls")}
        </Link>
        {halls.map((h) => (
          <Link key={h.slug} to={hallLink(h.slug)} className={chip(activeHall === h.slug)} data-testid="hall-link">
            {pick(h.nameZh, h.nameEn)} <span>({h.booths})</span>
          </Link>
        ))}
      </nav>
      <Form method="get" className="flex flex-wrap items-end gap-3 text-sm" aria-label={t("fair.filter.apply")}>
        {activeHall && <input type="hidden" name="hall" value={activeHall} />}
        {(
          [
            ["sector", sectors],
            ["region", regions],
          ] as const
        ).map(([name, codes]) => (
          <FilterSelect
            key={name}
            name={name}
            label={t(`fair.filter.${name}`)}
            defaultValue={filters[name]}
            allLabel={t("fair.filter.all")}
            options={codes.map((c) => ({ value: c, label: label(name, c) }))}
          />
        ))}
        <FilterButton>{t("fair.filter.apply")}</FilterButton>
      </Form>
      {booths.length === 0 ? (
        <p className="text-slate-600">{t("fair.noBooths")}</p>
      ) : (
        <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {booths.map((b) => (
            <li key={b.id}>
              <Link
                to={`/booths/${b.id}`}
                className="flex h-full gap-3 rounded-lg border border-slate-200 bg-white p-4 text-slate-900 no-underline shadow-sm hover:border-brand-600"
                data-testid="booth-card"
              >
                <img
                  src={mediaUrl(b.logoKey)}
                  alt={t("img.logo", { name: pick(b.nameZh, b.nameEn) })}
                  width={56}
                  height={56}
                  className="h-14 w-14 shrink-0 rounded"
                  loading="lazy"
                />
                <div className="min-w-0">
                  <p className="font-semibold">{pick(b.nameZh, b.nameEn)}</p>
                  <p className="text-sm text-slate-600">
                    {[label("sector", b.sector), label("region", b.region)].filter(Boolean).join(" · ")}
                  </p>
                  <p className="mt-1 flex flex-wrap gap-1 text-xs">
                    <span className="rounded bg-slate-100 px-1.5 py-0.5">{pick(b.tier.nameZh, b.tier.nameEn)}</span>
                    {b.featured && (
                      <span className="rounded bg-amber-100 px-1.5 py-0.5 text-amber-900">{t("fair.featured")}</span>
                    )}
                    <span className="rounded bg-brand-50 px-1.5 py-0.5 text-brand-900">
                      {t("fair.projectsCount", { count: b.projects })}
                    </span>
                  </p>
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} />
    </div>
  );
}
