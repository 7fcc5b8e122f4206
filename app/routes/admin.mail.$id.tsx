// One mail of the outbox, composed as it was (or would be) sent; a failed one can be sent again.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { Button, Card, FormAlert } from "~/components/ui/form";
import { outboxMail } from "~/domain/mail/admin.server";
import { retryMail } from "~/domain/mail/delivery.server";
import { mailCatalog } from "~/i18n/catalog/mail";
import { requestContext } from "~/i18n/request.server";
import { useI18n } from "~/i18n/use-i18n";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  const mail = await outboxMail(params.id ?? "");
  if (!mail) throw new Response(null, { status: 404 });
  return json({ mail });
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireRole(request, "ADMIN");
  const { t } = await requestContext(request, null);
  const mail = await outboxMail(params.id ?? "");
  if (!mail) throw new Response(null, { status: 404 });
  if (!(await retryMail(mail.id))) return json({ ok: false, message: t("mailAdmin.notFailed") }, { status: 409 });
  return json({ ok: true, message: t("mailAdmin.retried") });
}

export default function OutboxMail() {
  const { mail } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { ok: boolean; message: string } | undefined;
  const { t, date } = useI18n(mailCatalog);
  return (
    <Card>
      <p className="mb-2 text-sm">
        <Link to="/admin/mail">{t("mailAdmin.back")}</Link>
      </p>
      <h1 className="mb-2 text-xl font-semibold break-words">{mail.subject || mail.kind}</h1>
      {result && <FormAlert tone={result.ok ? "success" : "error"}>{result.message}</FormAlert>}
      <dl className="mb-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-slate-600">{t("mailAdmin.col.kind")}</dt>
        <dd>{mail.kind}</dd>
        <dt className="text-slate-600">{t("mailAdmin.col.to")}</dt>
        <dd className="break-all">{mail.toEmail}</dd>
        <dt className="text-slate-600">{t("mailAdmin.col.status")}</dt>
        <dd data-testid="mail-status">{t(`mailAdmin.status.${mail.status}`)}</dd>
        <dt className="text-slate-600">{t("mailAdmin.col.attempts")}</dt>
        <dd>{mail.attempts}</dd>
        <dt className="text-slate-600">{t("mailAdmin.col.created")}</dt>
        <dd>{date(mail.createdAt, "Asia/Shanghai", true)}</dd>
        {mail.lastError && (
          <>
            <dt className="text-slate-600">{t("mailAdmin.col.error")}</dt>
            <dd className="break-all text-red-700">{mail.lastError}</dd>
          </>
        )}
      </dl>
      {mail.status === "FAILED" && (
        <Form method="post" className="mb-3">
          <Button>{t("mailAdmin.retry")}</Button>
        </Form>
      )}
      {mail.error && <FormAlert>{t("mailAdmin.renderFailed", { error: mail.error })}</FormAlert>}
      {mail.redacted && <p className="text-sm text-slate-600">{t("mailAdmin.redacted")}</p>}
      <h2 className="mt-4 mb-1 font-semibold">{t("mailAdmin.text")}</h2>
      <pre className="overflow-x-auto rounded bg-slate-50 p-3 text-sm whitespace-pre-wrap" data-testid="mail-text">
        {mail.text}
      </pre>
      <h2 className="mt-4 mb-1 font-semibold">{t("mailAdmin.html")}</h2>
      <iframe
        title={t("mailAdmin.html")}
        sandbox=""
        srcDoc={mail.html}
        className="h-96 w-full rounded border border-slate-200"
      />
      {mail.attachments.length > 0 && (
        <>
          <h2 className="mt-4 mb-1 font-semibold">{t("mailAdmin.attachments")}</h2>
          {mail.attachments.map((a) => (
            <details key={a.filename} className="mb-2">
              <summary className="cursor-pointer text-sm">
                {a.filename} ({a.contentType})
              </summary>
              <pre className="overflow-x-auto rounded bg-slate-50 p-3 text-xs">{a.content}</pre>
            </details>
          ))}
        </>
      )}
    </Card>
  );
}
