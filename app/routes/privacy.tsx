// The privacy notice: what is collected, why, for how long, who sees it, and how to use your rights
// (docs/decisions/022-personal-data.md). Public; the numbers are the ones the code enforces.
import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { Card } from "~/components/ui/form";
import { PRIVACY } from "~/domain/privacy/policy";
import { privacyNoticeCatalog } from "~/i18n/catalog/privacy-notice";
import { useI18n } from "~/i18n/use-i18n";

export const meta: MetaFunction = () => [{ title: "隐私声明 Privacy notice · 云展洽" }];

export const loader = () => null;

const NUMBERS = {
  sessionDays: PRIVACY.sessionDays,
  loginDays: PRIVACY.loginAttemptDays,
  resetHours: PRIVACY.resetLinkHours,
  resetKeptDays: PRIVACY.resetTokenKeptDays,
  saltDays: PRIVACY.visitSaltDays,
  graceDays: PRIVACY.deletionGraceDays,
  exportMinutes: PRIVACY.exportEveryMinutes,
  restoreMinutes: PRIVACY.restoreLinkMinutes,
};

const SECTIONS = [
  { id: "who", title: "notice.who.title", items: ["notice.who.body"] },
  {
    id: "collect",
    title: "notice.collect.title",
    items: [
      "notice.collect.account",
      "notice.collect.org",
      "notice.collect.prefs",
      "notice.collect.boothContacts",
      "notice.collect.activity",
      "notice.collect.meetings",
      "notice.collect.chat",
      "notice.collect.notifications",
      "notice.collect.surveys",
      "notice.collect.consents",
      "notice.collect.uploads",
      "notice.collect.logs",
    ],
  },
  {
    id: "why",
    title: "notice.why.title",
    items: ["notice.why.run", "notice.why.match", "notice.why.leads", "notice.why.security", "notice.why.stats"],
  },
  {
    id: "retention",
    title: "notice.keep.title",
    items: [
      "notice.keep.sessions",
      "notice.keep.login",
      "notice.keep.reset",
      "notice.keep.visits",
      "notice.keep.account",
      "notice.keep.deletion",
      "notice.keep.audit",
      "notice.keep.files",
      "notice.keep.serverLogs",
    ],
  },
  {
    id: "recipients",
    title: "notice.see.title",
    items: [
      "notice.see.public",
      "notice.see.counterpart",
      "notice.see.exhibitors",
      "notice.see.boothContacts",
      "notice.see.bureau",
      "notice.see.admins",
      "notice.see.processors",
      "notice.see.never",
    ],
  },
  {
    id: "consents",
    title: "notice.consents.title",
    items: [
      "notice.consents.lead",
      "notice.consents.contact",
      "notice.consents.recording",
      "notice.consents.records",
      "notice.consents.withdraw",
    ],
  },
  {
    id: "rights",
    title: "notice.rights.title",
    items: [
      "notice.rights.access",
      "notice.rights.correct",
      "notice.rights.delete",
      "notice.rights.withdraw",
      "notice.rights.ask",
    ],
  },
  { id: "cookies", title: "notice.cookies.title", items: ["notice.cookies.body"] },
] as const;

export default function PrivacyNotice() {
  const { t } = useI18n(privacyNoticeCatalog);
  return (
    <article className="mx-auto max-w-3xl space-y-4" data-testid="privacy-notice">
      <h1 className="text-2xl font-bold">{t("notice.title")}</h1>
      <p className="text-slate-700">{t("notice.updated")}</p>
      {SECTIONS.map((s) => (
        <Card key={s.id}>
          <h2 id={s.id} className="mb-2 text-lg font-semibold">
            {t(s.title)}
          </h2>
          {s.items.length === 1 ? (
            <p className="break-words text-slate-800">{t(s.items[0], NUMBERS)}</p>
          ) : (
            <ul className="list-disc space-y-2 pl-5 text-slate-800">
              {s.items.map((k) => (
                <li key={k} className="break-words">
                  {t(k, NUMBERS)}
                </li>
              ))}
            </ul>
          )}
          {s.id === "rights" && (
            <p className="mt-3">
              <Link to="/account">{t("notice.accountLink")} →</Link>
            </p>
          )}
        </Card>
      ))}
    </article>
  );
}
