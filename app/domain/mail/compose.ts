// The shape every mail shares: a greeting, paragraphs, one button, a footer; HTML (escaped, inline
// styles only: mail clients drop <style>) and the same words as plain text.
import type { MailLocale } from "./outbox.server";

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface MailBody {
  locale: MailLocale;
  greeting?: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  after?: string[];
  footer?: string[];
  signature: string;
}

export function renderBody(b: MailBody): { html: string; text: string } {
  const p = (s: string) => `<p style="margin:0 0 12px;line-height:1.6">${esc(s)}</p>`;
  const html = [
    `<!doctype html><html lang="${b.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>`,
    `<body style="margin:0;padding:24px;background:#f1f5f9;font-family:-apple-system,'PingFang SC','Microsoft YaHei',Arial,sans-serif;color:#0f172a">`,
    `<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">`,
    b.greeting ? p(b.greeting) : "",
    ...b.paragraphs.map(p),
    b.action
      ? `<p style="margin:20px 0"><a href="${esc(b.action.url)}" style="display:inline-block;background:#1d4ed8;color:#fff;text-decoration:none;padding:10px 18px;border-radius:6px">${esc(b.action.label)}</a></p>` +
        `<p style="margin:0 0 12px;font-size:12px;color:#475569;word-break:break-all">${esc(b.action.url)}</p>`
      : "",
    ...(b.after ?? []).map(p),
    `<p style="margin:16px 0 0;color:#475569">${esc(b.signature)}</p>`,
    `</div>`,
    b.footer?.length
      ? `<div style="max-width:560px;margin:12px auto 0;font-size:12px;color:#64748b">${b.footer.map((f) => `<p style="margin:0 0 4px">${linkify(f)}</p>`).join("")}</div>`
      : "",
    `</body></html>`,
  ].join("");
  const text = [
    b.greeting,
    ...b.paragraphs,
    b.action ? `${b.action.label}: ${b.action.url}` : undefined,
    ...(b.after ?? []),
    `-- \n${b.signature}`,
    ...(b.footer ?? []),
  ]
    .filter((x): x is string => !!x)
    .join("\n\n");
  return { html, text: text + "\n" };
}

/** Escapes a footer line and makes its one URL a link. */
function linkify(s: string): string {
  return esc(s).replace(/https?:\/\/[^\s<]+/g, (u) => `<a href="${u}" style="color:#475569">${u}</a>`);
}

export const str = (v: unknown, fallback = ""): string => (typeof v === "string" ? v : fallback);
