// Confirm your address, sent at sign-up (and again from the mail settings page).
import { serverTranslator } from "~/i18n/all-catalogs.server";
import { renderBody, str } from "../compose";
import type { MailTemplate } from "../template";

export const verifyEmail: MailTemplate = (data, ctx) => {
  const t = serverTranslator(ctx.locale);
  return {
    subject: t("mail.verify.subject"),
    ...renderBody({
      locale: ctx.locale,
      greeting: t("mail.greeting", { name: str(data.name) }),
      paragraphs: [t("mail.verify.body")],
      action: { label: t("mail.verify.action"), url: str(data.link) },
      signature: t("mail.signature"),
    }),
  };
};
