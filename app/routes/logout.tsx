import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { logout } from "~/auth/session.server";
import { Card, SubmitButton } from "~/components/ui/form";
import { useI18n } from "~/i18n/use-i18n";

export async function action({ request }: ActionFunctionArgs) {
  return logout(request);
}

// A GET shows a confirmation: logging out is a state change and only happens on POST.
export async function loader(_: LoaderFunctionArgs) {
  return null;
}

export default function Logout() {
  const { t } = useI18n();
  return (
    <Card className="mx-auto max-w-sm">
      <h1 className="mb-4 text-xl font-semibold">{t("auth.logout.title")}</h1>
      <Form method="post">
        <SubmitButton>{t("auth.logout.submit")}</SubmitButton>
      </Form>
    </Card>
  );
}
