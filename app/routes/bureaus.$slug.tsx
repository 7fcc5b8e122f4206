// A bureau's public page (ADR 028): who it is, where it sits in the province → city → district tree,
// and the fairs it organizes or co-organizes (published or live, as on the home page). Unknown: 404.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Card } from "~/components/ui/form";
import { publicBureau } from "~/domain/bureaus/bureaus.server";
import { bureausCatalog } from "~/i18n/catalog/bureaus";
import { useI18n } from "~/i18n/use-i18n";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.bureau.nameZh} ${data.bureau.nameEn} · 云展洽` : "云展洽" },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const found = slug.length <= 60 ? await publicBureau(slug) : null;
  if (!found) throw new Response(null, { status: 404 });
  return json(found);
}

export default function BureauPage() {
  const { bureau, fairs } = useLoaderData<typeof loader>();
  const { t, pick, date } = useI18n(bureausCatalog);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-bold" data-testid="bureau-title">
          {pick(bureau.nameZh, bureau.nameEn)}
        </h1>
        {bureau.level && <p className="text-sm text-slate-600">{t(`bureau.level.${bureau.level}`)}</p>}
        {(bureau.descriptionZh || bureau.descriptionEn) && (
          <p className="mt-2 text-slate-700">{pick(bureau.descriptionZh, bureau.descriptionEn)}</p>
        )}
        {bureau.parent?.slug && (
          <p className="mt-2 text-sm">
            {t("public.bureau.parent")}
            <Link to={`/bureaus/${bureau.parent.slug}`}>{pick(bureau.parent.nameZh, bureau.parent.nameEn)}</Link>
          </p>
        )}
        {bureau.children.some((c) => c.slug) && (
          <p className="mt-1 text-sm">
            {t("public.bureau.children")}
            {bureau.children
              .filter((c) => c.slug)
              .map((c, i) => (
                <span key={c.slug}>
                  {i > 0 && "、"}
                  <Link to={`/bureaus/${c.slug}`}>{pick(c.nameZh, c.nameEn)}</Link>
                </span>
              ))}
          </p>
        )}
      </div>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("public.bureau.fairs")}</h2>
        {fairs.length === 0 && <p className="text-slate-600">{t("public.bureau.noFairs")}</p>}
        <ul className="divide-y divide-slate-100" data-testid="bureau-fairs">
          {fairs.map((f) => (
            <li key={f.slug} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <Link to={`/fairs/${f.slug}`} className="font-medium">
                {pick(f.titleZh, f.titleEn)}
              </Link>
              <span className="text-sm text-slate-600">
                {t(`fair.status.${f.status}`)} · {date(f.startsAt, f.timeZone)}
                {f.coOrganized && ` · ${t("public.bureau.coOrganized")}`}
              </span>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
