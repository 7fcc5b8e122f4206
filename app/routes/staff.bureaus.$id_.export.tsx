// GET /staff/bureaus/:id/export?format=csv|xlsx&from&to: the rollup as a download (ADR 028). The
// same people as the rollup page; a wrong date is refused with a 400 (a file cannot show a note).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireBureauMember } from "~/auth/guards.server";
import { audit } from "~/domain/audit/audit.server";
import { rollupBureau } from "~/domain/bureaus/bureaus.server";
import { contentDisposition, csvStream, isExportFormat, xlsxStream } from "~/domain/reports/exports.server";
import { bureauRollup, readPeriod, rollupTable, ROLLUP_COLUMNS } from "~/domain/reports/rollup.server";
import { labelOf } from "~/domain/reports/lists.server";
import { requestContext } from "~/i18n/request.server";
import { pick } from "~/i18n";
import type { Cell } from "~/lib/csv";
import { orErrorPage } from "~/lib/responses.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireBureauMember(request);
  const bureau = await orErrorPage(rollupBureau(user, params.id ?? ""));
  const url = new URL(request.url);
  const format = url.searchParams.get("format") ?? "csv";
  if (!isExportFormat(format)) throw new Response(null, { status: 404 });
  const { t, locale } = await requestContext(request, user);
  const { period, problems } = readPeriod(url.searchParams);
  if (problems.length)
    return new Response(
      problems
        .map((p) => (p.kind === "date" ? t("rollup.badDate", { value: p.value }) : t("rollup.swapped")))
        .join(" "),
      { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } },
    );
  const rollup = await bureauRollup(bureau.id, period);
  const cityName = (id: string) => {
    const c = rollup.cities.find((x) => x.bureauId === id);
    return c ? pick(locale, c.nameZh, c.nameEn) : id;
  };
  const rows = rollupTable(rollup, {
    section: (s) => t(`rollup.section.${s}` as "rollup.section.city"),
    city: (c) => pick(locale, c.nameZh, c.nameEn),
    key: (dim, key) =>
      key === "none"
        ? t("rollup.none")
        : dim === "city"
          ? cityName(key)
          : dim === "sector"
            ? (labelOf(t, "sector", key) ?? key)
            : key,
  });
  await audit({
    actorId: user.id,
    action: "report.rollup.export",
    entityType: "Organization",
    entityId: bureau.id,
    after: { format, period },
  });
  const headers = ROLLUP_COLUMNS.map((k) => t(k));
  async function* batches(): AsyncGenerator<Cell[][]> {
    yield rows;
  }
  const name = `${bureau.slug ?? bureau.id}-rollup-${new Date().toISOString().slice(0, 10)}`;
  const body = format === "csv" ? csvStream(headers, batches()) : xlsxStream(headers, batches(), name);
  return new Response(body, {
    headers: {
      "Content-Type":
        format === "csv"
          ? "text/csv; charset=utf-8"
          : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": contentDisposition(`${name}.${format}`),
      "Cache-Control": "no-store",
    },
  });
}
