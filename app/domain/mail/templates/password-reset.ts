// Password reset: the one-hour link (built on APP_URL by the caller; data.link).
import { serverTranslator } from "~/i18n/all-catalogs.server";
import { renderBody, str } from "../compose";
import type { MailTemplate } from "../template";

export const passwordReset: MailTemplate = (data, ctx) => {
  const t = serverTranslator(ctx.locale);
  const link = str(data.link);
  return {
    subject: t("mail.reset.subject"),
    ...renderBody({
      locale: ctx.locale,
      greeting: t("mail.greeting", { name: str(data.name) }),
      paragraphs: [t("mail.reset.body")],
      action: { label: t("mail.reset.action"), url: link },
      after: [t("mail.reset.ignore")],
      signature: t("mail.signature"),
    }),
  };
};
