import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { Card } from "~/components/ui/form";
import { Highlighted } from "~/components/search/highlight";
import { mediaUrl } from "~/components/booths/media";
import { Pagination } from "~/components/ui/pagination";
import { StatusBadge } from "~/components/roadshows/status-badge";
import { useI18n } from "~/i18n/use-i18n";
import type { CatalogDoc } from "~/search/port";
import { parseSearchParams, searchCatalog } from "~/search/service.server";
import { searchCatalog as searchMessages } from "~/i18n/catalog/search";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.params.q ? `${data.params.q} · ` : ""}搜索 Search · 云展洽` },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const search = await searchCatalog(parseSearchParams(new URL(request.url)));
  return json(
    search.ok
      ? { ...search, pages: Math.max(1, Math.ceil(search.result.total / search.result.perPage)) }
      : { ...search, pages: 1 },
  );
}

/** Where a result leads: a roadshow's page, a fair's programme, or the booth (for its projects and products too). */
function hrefOf(doc: Pick<CatalogDoc, "type" | "fairSlug" | "entityId" | "boothId">): string {
  if (doc.type === "roadshow") return `/fairs/${doc.fairSlug}/roadshows/${doc.entityId}`;
  if (doc.type === "programme") return `/fairs/${doc.fairSlug}/roadshows`;
  return `/booths/${doc.boothId}`;
}

const FACET_LABEL: Record<"type" | "sector" | "region" | "stage", "search.type" | "sector" | "region" | "stage"> = {
  type: "search.type",
  sector: "sector",
  region: "region",
  stage: "stage",
};

export default function SearchPage() {
  const data = useLoaderData<typeof loader>();
  const { t, pick, money, label, date } = useI18n(searchMessages);
  const [params] = useSearchParams();
  const submit = useSubmit();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const busy = useNavigation().state === "loading";
  useEffect(() => () => clearTimeout(timer.current), []);

  // Toggling a facet value keeps every other parameter (the URL is the whole state: shareable).
  const toggled = (facet: string, value: string) => {
    const next = new URLSearchParams(params);
    const values = next.getAll(facet);
    next.delete(facet);
    for (const v of values) if (v !== value) next.append(facet, v);
    if (!values.includes(value)) next.append(facet, value);
    next.delete("page");
    return `?${next}`;
  };
  const hasFilters = ["type", "sector", "region", "stage", "hall", "tier", "fair"].some((k) => params.has(k));

  return (
    <div className="space-y-4">
      <h1 className="sr-only">{t("search.title")}</h1>
      <Form
        ref={formRef}
        method="get"
        role="search"
        className="flex flex-wrap gap-2"
        onChange={(e) => {
          const target = e.target as HTMLInputElement;
          clearTimeout(timer.current);
          timer.current = setTimeout(
            () => submit(formRef.current, { replace: true, preventScrollReset: true }),
            target.name === "q" ? 250 : 0,
          );
        }}
      >
        <input
          type="search"
          name="q"
          defaultValue={data.params.q}
          placeholder={t("search.placeholder")}
          aria-label={t("search.title")}
          maxLength={200}
          className="min-w-0 flex-1 rounded border border-slate-300 px-3 py-2"
          autoFocus
        />
        {(["type", "sector", "region", "stage", "hall", "tier", "fair"] as const).flatMap((k) =>
          data.params[k].map((v) => <input key={`${k}-${v}`} type="hidden" name={k} value={v} />),
        )}
        <select
          name="sort"
          defaultValue={data.params.sort}
          aria-label={t("search.sort")}
          className="rounded border border-slate-300 bg-white px-2 py-2"
        >
          {(["relevance", "amount:desc", "amount:asc", "newest"] as const).map((s) => (
            <option key={s} value={s}>
              {t(`search.sort.${s}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="rounded bg-brand-600 px-4 py-2 text-white">
          {t("search.submit")}
        </button>
      </Form>

      {!data.ok ? (
        <Card>
          <p className="text-slate-700" role="status" data-testid="search-unavailable">
            {t("search.unavailable")}
          </p>
          <Link to="/" className="mt-2 inline-block">
            {t("search.browse")} →
          </Link>
        </Card>
      ) : (
        <div className="grid gap-6 md:grid-cols-4" aria-busy={busy}>
          <aside className="space-y-4 md:col-span-1" aria-label={t("search.facet.type")}>
            {(Object.keys(FACET_LABEL) as (keyof typeof FACET_LABEL)[]).map((facet) => {
              const counts = data.result.facets[facet] ?? {};
              const entries = Object.entries(counts)
                .filter(([, n]) => n > 0)
                .sort((a, b) => b[1] - a[1]);
              if (entries.length === 0) return null;
              return (
                <section key={facet}>
                  <h2 className="mb-1 text-sm font-semibold text-slate-700">{t(`search.facet.${facet}`)}</h2>
                  <ul className="space-y-0.5 text-sm" data-testid={`facet-${facet}`}>
                    {entries.map(([value, n]) => {
                      const active = data.params[facet].includes(value);
                      return (
                        <li key={value}>
                          <Link
                            to={toggled(facet, value)}
                            preventScrollReset
                            className={`flex justify-between rounded px-2 py-0.5 no-underline ${active ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100"}`}
                            aria-current={active ? "true" : undefined}
                          >
                            <span>{label(FACET_LABEL[facet], value)}</span>
                            <span data-testid="facet-count">{n}</span>
                          </Link>
                        </li>
                      );
                    })}
                  </ul>
                </section>
              );
            })}
            {hasFilters && (
              <Link to={`?q=${encodeURIComponent(data.params.q)}`} className="text-sm">
                {t("search.clear")}
              </Link>
            )}
          </aside>
          <section className="space-y-3 md:col-span-3">
            <p className="text-sm text-slate-600" data-testid="search-total">
              {t("search.results", { total: data.result.total })}
            </p>
            {data.result.hits.length === 0 && (
              <Card>
                <p className="text-slate-600">{t("search.none")}</p>
              </Card>
            )}
            <ul className="space-y-3">
              {data.result.hits.map(({ doc, highlight }) => (
                <li key={doc.id} data-testid="search-hit">
                  <Link
                    to={hrefOf(doc)}
                    className="flex gap-3 rounded-lg border border-slate-200 bg-white p-4 text-slate-900 no-underline shadow-sm hover:border-brand-600"
                  >
                    {doc.logoKey && (
                      <img
                        src={mediaUrl(doc.logoKey)}
                        alt={t("img.logo", {
                          name: doc.type === "booth" ? pick(doc.titleZh, doc.titleEn) : pick(doc.orgZh, doc.orgEn),
                        })}
                        className="h-12 w-12 shrink-0 rounded"
                        loading="lazy"
                      />
                    )}
                    <div className="min-w-0">
                      <p className="font-semibold">
                        <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-normal">
                          {label("search.type", doc.type)}
                        </span>
                        {(doc.type === "roadshow" || (doc.type === "programme" && doc.status === "LIVE")) &&
                          doc.status && (
                            <span className="mr-2 inline-block align-middle">
                              <StatusBadge status={doc.status} />
                            </span>
                          )}
                        <Highlighted text={pick(highlight.titleZh ?? doc.titleZh, highlight.titleEn ?? doc.titleEn)} />
                      </p>
                      {doc.startsAt != null && doc.endsAt != null && doc.timeZone && (
                        <p className="text-sm text-slate-700" data-testid="search-hit-time">
                          {doc.type === "roadshow"
                            ? t("search.roadshow.time", {
                                start: date(new Date(doc.startsAt), doc.timeZone, true),
                                end: date(new Date(doc.endsAt), doc.timeZone, true),
                                zone: doc.timeZone,
                              })
                            : t("search.programme.dates", {
                                start: date(new Date(doc.startsAt), doc.timeZone),
                                end: date(new Date(doc.endsAt), doc.timeZone),
                                zone: doc.timeZone,
                              })}
                        </p>
                      )}
                      {doc.type !== "booth" && (
                        <p className="text-sm text-slate-600">
                          <Highlighted text={pick(highlight.orgZh ?? doc.orgZh, highlight.orgEn ?? doc.orgEn)} />
                        </p>
                      )}
                      <p className="mt-1 line-clamp-2 text-sm text-slate-700">
                        <Highlighted text={pick(highlight.textZh ?? doc.textZh, highlight.textEn ?? doc.textEn)} />
                      </p>
                      <p className="mt-1 text-xs text-slate-500">
                        {[
                          label("sector", doc.sector),
                          label("region", doc.region),
                          doc.stage ? label("stage", doc.stage) : "",
                          doc.amount !== null && doc.currency ? money(doc.amount, doc.currency) : "",
                        ]
                          .filter(Boolean)
                          .join(" · ")}
                      </p>
                    </div>
                  </Link>
                </li>
              ))}
            </ul>
            <Pagination page={data.result.page} pages={data.pages} />
          </section>
        </div>
      )}
    </div>
  );
}
