// The local test checkout (docs/decisions/007): only while the payment provider is the local
// stripe-mock (404 otherwise), only for the booth's own exhibitors (404 for anyone else).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireRole } from "~/auth/guards.server";
import { TestCheckout } from "~/components/payments/test-checkout";
import type { IntentState } from "~/components/ui/form";
import {
  cancelTestCheckout,
  getTestCheckout,
  payTestCheckout,
  testCheckoutAvailable,
} from "~/domain/payments/test-checkout.server";
import { requestContext } from "~/i18n/request.server";
import { dispatchIntent } from "~/lib/forms.server";
import { orErrorPage } from "~/lib/responses.server";

export const meta: MetaFunction = () => [{ title: "测试支付 Test payment · 云展洽" }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  if (!testCheckoutAvailable()) throw notFound();
  const user = await requireRole(request, "EXHIBITOR");
  return json({ checkout: await orErrorPage(getTestCheckout(user, params.id ?? "", params.session ?? "")) });
}

export async function action({ params, request }: ActionFunctionArgs) {
  if (!testCheckoutAvailable()) throw notFound();
  const user = await requireRole(request, "EXHIBITOR");
  const { t } = await requestContext(request, user);
  const boothId = params.id ?? "";
  const session = params.session ?? "";
  return dispatchIntent(
    await request.formData(),
    {
      pay: async () => redirect(await payTestCheckout(user, boothId, session)),
      cancel: async () => redirect(await cancelTestCheckout(user, boothId, session)),
    },
    t,
    `/booths/${boothId}/edit`,
  );
}

export default function TestCheckoutPage() {
  const { checkout } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as IntentState | undefined;
  return <TestCheckout checkout={checkout} state={state} />;
}
