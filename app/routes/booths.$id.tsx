import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getUser } from "~/auth/session.server";
import { Card } from "~/components/form";
import { mediaUrl } from "~/components/media";
import { getBoothForViewer } from "~/domain/booths.server";
import { useI18n } from "~/i18n/use-i18n";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const booth = await getBoothForViewer(params.id ?? "", await getUser(request));
  if (!booth) throw new Response(null, { status: 404 });
  return json({ booth });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.booth.organization.nameZh} · 云展洽` : "云展洽" }];

export default function BoothPage() {
  const { booth } = useLoaderData<typeof loader>();
  const { t, pick, money, label } = useI18n();
  const org = booth.organization;
  return (
    <article className="space-y-6">
      <Link to={`/fairs/${booth.fair.slug}?hall=${booth.hall.slug}`} className="text-sm">← {t("booth.backToFair")} · {pick(booth.hall.nameZh, booth.hall.nameEn)}</Link>
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
        <img src={mediaUrl(booth.bannerKey)} alt="" width={1200} height={300} className="aspect-[4/1] w-full object-cover" />
        <div className="flex flex-wrap items-center gap-4 p-5">
          <img src={mediaUrl(booth.logoKey)} alt="" width={72} height={72} className="h-18 w-18 rounded" />
          <div className="min-w-0 flex-1">
            <h1 className="text-2xl font-bold" data-testid="booth-name">{pick(org.nameZh, org.nameEn)}</h1>
            <p className="text-slate-600">{[label("sector", org.sector), label("region", org.region), label("booth.tier", booth.tier)].filter(Boolean).join(" · ")}</p>
          </div>
          {booth.status !== "APPROVED" && <span className="rounded bg-amber-100 px-2 py-1 text-sm text-amber-900">{label("booth.status", booth.status)}</span>}
          {booth.canEdit && <Link to={`/booths/${booth.id}/edit`} className="rounded border border-slate-300 px-3 py-1 no-underline">{t("booth.edit")}</Link>}
        </div>
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card>
            <h2 className="mb-2 text-lg font-semibold">{t("booth.about")}</h2>
            <p className="whitespace-pre-line text-slate-700">{pick(booth.descriptionZh, booth.descriptionEn) || pick(org.descriptionZh, org.descriptionEn)}</p>
            {org.website && <p className="mt-2 text-sm">{t("booth.website")}: <a href={org.website} rel="noopener noreferrer nofollow" target="_blank">{org.website}</a></p>}
          </Card>
          <section>
            <h2 className="mb-3 text-lg font-semibold">{t("booth.projects")}</h2>
            {booth.projects.length === 0 && <p className="text-slate-600">{t("booth.noProjects")}</p>}
            <ul className="space-y-3">
              {booth.projects.map((p) => (
                <li key={p.id}>
                  <Card>
                    <h3 className="font-semibold" data-testid="project-title">{pick(p.titleZh, p.titleEn)}</h3>
                    <dl className="mt-1 grid grid-cols-2 gap-x-4 text-sm text-slate-600 sm:grid-cols-4">
                      <div><dt className="text-slate-400">{t("booth.sector")}</dt><dd>{label("sector", p.sector)}</dd></div>
                      <div><dt className="text-slate-400">{t("booth.stage")}</dt><dd>{label("stage", p.stage)}</dd></div>
                      <div><dt className="text-slate-400">{t("booth.amountSought")}</dt><dd data-testid="project-amount">{money(p.amountSought, p.currency)}</dd></div>
                      <div><dt className="text-slate-400">{t("booth.region")}</dt><dd>{label("region", p.region)}</dd></div>
                    </dl>
                    <p className="mt-2 text-sm text-slate-700">{pick(p.descriptionZh, p.descriptionEn)}</p>
                  </Card>
                </li>
              ))}
            </ul>
          </section>
        </div>
        <aside>
          <Card className="border-dashed">
            <p className="text-sm text-slate-600" data-testid="meeting-placeholder">{t("booth.meetingSoon")}</p>
          </Card>
        </aside>
      </div>
    </article>
  );
}
