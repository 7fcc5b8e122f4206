// The daily digest (ADR 026): the mails held for a recipient who chose one mail a day, each listed
// with its time, its own subject and its link; the newest calendar invitation of each meeting is
// attached, so calendars still update. Built from the held mails' own templates (the registry is
// handed in: this file is part of it).
import { formatDate } from "~/i18n";
import { serverTranslator } from "~/i18n/all-catalogs.server";
import { esc, str } from "../compose";
import type { ComposedMail, MailAttachment, MailTemplate } from "../template";

interface Item {
  kind: string;
  at: string;
  data: Record<string, unknown>;
}

function itemsOf(data: Record<string, unknown>): Item[] {
  if (!Array.isArray(data.items)) return [];
  return data.items.filter(
    (i): i is Item =>
      !!i && typeof i === "object" && typeof (i as Item).kind === "string" && typeof (i as Item).at === "string",
  );
}

export function dailyDigest(templates: Record<string, MailTemplate>): MailTemplate {
  return async (data, ctx): Promise<ComposedMail> => {
    const t = serverTranslator(ctx.locale);
    const zone = str(data.timeZone, "Asia/Shanghai");
    const lines: { when: string; subject: string; url: string }[] = [];
    // Per meeting the newest invitation only (a later one carries a higher SEQUENCE and replaces it).
    const invitations = new Map<string, MailAttachment>();
    for (const item of itemsOf(data)) {
      const template = templates[item.kind];
      if (!template || item.kind === "digest") continue;
      const data = item.data && typeof item.data === "object" ? item.data : {};
      const mail = await template(data, ctx);
      const path = str(data.path, "/notifications");
      lines.push({
        when: formatDate(ctx.locale, item.at, zone, true),
        subject: mail.subject,
        url: ctx.appUrl + (path.startsWith("/") ? path : "/notifications"),
      });
      const meetingId = str((data.meeting as { id?: unknown } | undefined)?.id, item.kind);
      for (const a of mail.attachments ?? []) invitations.set(meetingId, a);
    }
    const attachments = [...invitations.values()].map((a, i) => ({
      ...a,
      filename: a.filename.replace(/\.ics$/, `-${i + 1}.ics`),
    }));
    const greeting = t("mail.greeting", { name: str(data.name) });
    const intro = t("mail.digest.intro", { count: lines.length });
    const why = t("mail.digest.why");
    const attached = attachments.length ? t("mail.digest.attachments", { count: attachments.length }) : "";
    const open = t("mail.digest.open");
    const p = (s: string) => `<p style="margin:0 0 12px;line-height:1.6">${esc(s)}</p>`;
    const html = [
      `<!doctype html><html lang="${ctx.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>`,
      `<body style="margin:0;padding:24px;background:#f1f5f9;font-family:-apple-system,'PingFang SC','Microsoft YaHei',Arial,sans-serif;color:#0f172a">`,
      `<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">`,
      p(greeting),
      p(intro),
      `<ul style="margin:0 0 12px;padding:0;list-style:none">`,
      ...lines.map(
        (l) =>
          `<li style="margin:0 0 12px;padding:0 0 12px;border-bottom:1px solid #e2e8f0">` +
          `<div style="font-size:12px;color:#475569">${esc(l.when)}</div>` +
          `<div style="margin:2px 0 4px;font-weight:600">${esc(l.subject)}</div>` +
          `<a href="${esc(l.url)}" style="color:#1d4ed8">${esc(open)}</a></li>`,
      ),
      `</ul>`,
      attached ? p(attached) : "",
      `<p style="margin:0 0 12px;font-size:12px;color:#475569">${esc(why)}</p>`,
      `<p style="margin:16px 0 0;color:#475569">${esc(t("mail.signature"))}</p>`,
      `</div></body></html>`,
    ].join("");
    const text = [
      greeting,
      intro,
      ...lines.map((l) => `• ${l.when}\n  ${l.subject}\n  ${open}: ${l.url}`),
      attached,
      why,
      `-- \n${t("mail.signature")}`,
    ]
      .filter(Boolean)
      .join("\n\n");
    return {
      subject: t("mail.digest.subject", { count: lines.length }),
      html,
      text: text + "\n",
      ...(attachments.length ? { attachments } : {}),
    };
  };
}
