// "Starting soon" for a roadshow someone registered for (sent with the in-app reminder by
// sendRoadshowReminders): the time in the recipient's zone with the fair's zone named, and the room's link.
import { pick } from "~/i18n";
import { serverTranslator } from "~/i18n/all-catalogs.server";
import { renderBody, str } from "../compose";
import type { MailTemplate } from "../template";
import { whenText } from "./meeting";

export const roadshowStarting: MailTemplate = (data, ctx) => {
  const t = serverTranslator(ctx.locale);
  const title = pick(ctx.locale, str(data.orgZh), str(data.orgEn));
  const start = str(data.startsAt);
  const fairZone = str(data.eventTimeZone, "Asia/Shanghai");
  const recipientZone = str(data.recipientTimeZone, fairZone);
  const paragraphs = [t("mail.roadshow.starting.body", { title })];
  if (start)
    paragraphs.push(
      t("mail.times", {
        local: whenText(ctx.locale, start, recipientZone),
        fair: whenText(ctx.locale, start, fairZone),
      }),
    );
  return {
    subject: t("mail.roadshow.starting.subject", { title }),
    ...renderBody({
      locale: ctx.locale,
      greeting: t("mail.greeting", { name: str(data.name) }),
      paragraphs,
      action: { label: t("mail.roadshow.starting.action"), url: ctx.appUrl + str(data.path, "/") },
      signature: t("mail.signature"),
    }),
  };
};
