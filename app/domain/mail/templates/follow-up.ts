// After the meeting and after the fair: record the outcome, answer the post-fair survey; and the
// booth review decisions. Each links to the page where the user acts.
import { pick } from "~/i18n";
import { serverTranslator } from "~/i18n/all-catalogs.server";
import { renderBody, str } from "../compose";
import type { MailTemplate } from "../template";

export const meetingOutcome: MailTemplate = (data, ctx) => {
  const t = serverTranslator(ctx.locale);
  const org = pick(ctx.locale, str(data.orgZh), str(data.orgEn));
  return {
    subject: t("mail.outcome.subject", { org }),
    ...renderBody({
      locale: ctx.locale,
      greeting: t("mail.greeting", { name: str(data.name) }),
      paragraphs: [t("mail.outcome.body", { org })],
      action: { label: t("mail.outcome.action"), url: ctx.appUrl + str(data.path, "/meetings") },
      signature: t("mail.signature"),
    }),
  };
};

export const fairSurvey: MailTemplate = (data, ctx) => {
  const t = serverTranslator(ctx.locale);
  const fair = pick(ctx.locale, str(data.orgZh), str(data.orgEn));
  return {
    subject: t("mail.survey.subject", { fair }),
    ...renderBody({
      locale: ctx.locale,
      greeting: t("mail.greeting", { name: str(data.name) }),
      paragraphs: [t("mail.survey.body", { fair })],
      action: { label: t("mail.survey.action"), url: ctx.appUrl + str(data.path, "/") },
      signature: t("mail.signature"),
    }),
  };
};

const BOOTH_SUBJECT = {
  "booth.approved": "mail.booth.approved.subject",
  "booth.changes": "mail.booth.changes.subject",
  "booth.rejected": "mail.booth.rejected.subject",
} as const;

export const boothReview = (kind: keyof typeof BOOTH_SUBJECT): MailTemplate => {
  return (data, ctx) => {
    const t = serverTranslator(ctx.locale);
    const reason = str(data.reason);
    return {
      subject: t(BOOTH_SUBJECT[kind]),
      ...renderBody({
        locale: ctx.locale,
        greeting: t("mail.greeting", { name: str(data.name) }),
        paragraphs: [t("mail.booth.body"), ...(reason ? [t("mail.reason", { reason })] : [])],
        action: { label: t("mail.booth.action"), url: ctx.appUrl + str(data.path, "/") },
        signature: t("mail.signature"),
      }),
    };
  };
};
