// The invitation of a bulk-imported exhibitor or investor (ADR 027): who invites them, for which
// organization, and the single-use claim link, built on APP_URL (ctx.appUrl), never a request's Host.
import { onboardingCatalog } from "~/i18n/catalog/onboarding";
import { formatMessage } from "~/i18n/format-message";
import type { ComposedMail, MailContext, MailTemplate } from "../template";

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const str = (v: unknown) => (typeof v === "string" ? v : "");

function invitation(kind: "exhibitor" | "investor"): MailTemplate {
  return (data, ctx: MailContext): ComposedMail => {
    const messages = onboardingCatalog[ctx.locale] as Record<string, string>;
    const t = (key: string, params: Record<string, string> = {}) => formatMessage(ctx.locale, messages[key], params);
    const zh = ctx.locale === "zh-CN";
    const fair = (zh ? str(data.fairZh) : str(data.fairEn)) || str(data.fairZh);
    const org = (zh ? str(data.orgZh) : str(data.orgEn)) || str(data.orgZh);
    const path = str(data.claimPath);
    const link = ctx.appUrl.replace(/\/$/, "") + (path.startsWith("/claim/") ? path : "/");
    const expires = new Date(str(data.expiresAt));
    const date = Number.isNaN(expires.getTime())
      ? ""
      : new Intl.DateTimeFormat(ctx.locale, { dateStyle: "long", timeZone: "Asia/Shanghai" }).format(expires);
    const lines = [
      t("mail.invite.greeting", { name: str(data.name) }),
      t(`mail.invite.${kind}`, { fair, org }),
      t("mail.invite.expires", { date }),
      t("mail.invite.ignore"),
    ];
    const subject = t("mail.invite.subject", { fair });
    const text = `${lines[0]}\n\n${lines[1]}\n\n${t("mail.invite.cta")}: ${link}\n\n${lines[2]}\n${lines[3]}\n`;
    const html = `<!doctype html><html lang="${ctx.locale}"><body style="font-family:sans-serif;line-height:1.6">
<p>${esc(lines[0])}</p>
<p>${esc(lines[1])}</p>
<p><a href="${esc(link)}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#fff;text-decoration:none;border-radius:6px">${esc(t("mail.invite.cta"))}</a></p>
<p style="word-break:break-all;font-size:13px">${esc(link)}</p>
<p style="color:#555;font-size:13px">${esc(lines[2])}<br>${esc(lines[3])}</p>
</body></html>`;
    return { subject, html, text };
  };
}

export const exhibitorInvite = invitation("exhibitor");
export const investorInvite = invitation("investor");
