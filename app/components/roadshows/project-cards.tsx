// The projects a roadshow presents, beside the video: each with "request a meeting" straight into
// the booth's meeting-request form (the existing meeting flow), the project chosen.
import { Link } from "@remix-run/react";
import { Card } from "~/components/ui/form";
import { useI18n } from "~/i18n/use-i18n";
import { roadshowsCatalog } from "~/i18n/catalog/roadshows";

export interface ProjectCard {
  id: string;
  titleZh: string;
  titleEn: string;
  descriptionZh: string;
  descriptionEn: string;
  stage: string;
  sector: string;
  amountSought: string;
  currency: string;
  boothId: string;
  organization: { nameZh: string; nameEn: string };
}

export function ProjectCards({
  projects,
  presenter,
}: {
  projects: ProjectCard[];
  fairSlug: string;
  presenter: { boothId: string; nameZh: string; nameEn: string } | null;
  signedIn: boolean;
}) {
  const { t, pick } = useI18n(roadshowsCatalog);
  return (
    <Card>
      <h2 className="mb-2 font-semibold">{t("roadshow.projects")}</h2>
      {presenter && (
        <p className="mb-2 text-sm">
          <Link to={`/booths/${presenter.boothId}#request-meeting`} data-testid="roadshow-request-presenter">
            {t("roadshow.requestMeeting")} · {pick(presenter.nameZh, presenter.nameEn)}
          </Link>
        </p>
      )}
      <ul className="space-y-3" data-testid="roadshow-projects">
        {projects.map((p) => (
          <li key={p.id} className="rounded border border-slate-200 p-2">
            <p className="break-words text-sm font-medium">{pick(p.titleZh, p.titleEn)}</p>
            <p className="break-words text-xs text-slate-600">{pick(p.organization.nameZh, p.organization.nameEn)}</p>
            <p className="line-clamp-3 break-words text-xs text-slate-700">{pick(p.descriptionZh, p.descriptionEn)}</p>
            <div className="mt-1 flex flex-wrap gap-3 text-xs">
              <Link to={`/booths/${p.boothId}?project=${p.id}#request-meeting`} data-testid="roadshow-request-meeting">
                {t("roadshow.requestMeeting")}
              </Link>
              <Link to={`/booths/${p.boothId}`}>{t("roadshow.viewBooth")}</Link>
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}
