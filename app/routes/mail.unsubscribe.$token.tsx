// One-click unsubscribe (RFC 8058, ADR 026): mail clients POST here (List-Unsubscribe-Post); a person
// following the link gets a confirm page first. The signed token is the only authorization.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Card, FormAlert } from "~/components/ui/form";
import { unsubscribe, unsubscribeTarget } from "~/domain/mail/unsubscribe.server";
import { mailCatalog } from "~/i18n/catalog/mail";
import { useI18n } from "~/i18n/use-i18n";

export async function loader({ params }: LoaderFunctionArgs) {
  const target = await unsubscribeTarget(params.token);
  if (!target) return json({ target: null }, { status: 400 });
  return json({ target: { category: target.category } });
}

export async function action({ params }: ActionFunctionArgs) {
  const done = await unsubscribe(params.token);
  if (!done) return json({ done: null }, { status: 400 });
  return json({ done: { category: done.category } });
}

export default function Unsubscribe() {
  const { target } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n(mailCatalog);
  const kind = (c: string) => t(`mailSettings.kind.${c as "meeting.request"}`);
  return (
    <Card className="mx-auto max-w-md">
      <h1 className="mb-3 text-xl font-semibold">{t("unsubscribe.title")}</h1>
      {result?.done ? (
        <FormAlert tone="success">{t("unsubscribe.done", { kind: kind(result.done.category) })}</FormAlert>
      ) : !target || (result && !result.done) ? (
        <FormAlert>{t("unsubscribe.invalid")}</FormAlert>
      ) : (
        <Form method="post" className="space-y-3">
          <p className="text-sm">{t("unsubscribe.confirm", { kind: kind(target.category) })}</p>
          <Button>{t("unsubscribe.submit")}</Button>
        </Form>
      )}
    </Card>
  );
}
