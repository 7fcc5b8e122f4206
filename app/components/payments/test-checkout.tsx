// The local test checkout (docs/decisions/007): what Stripe's hosted page would show, clearly marked
// as a test. Plain forms: it works without JavaScript.
import { Form, Link } from "@remix-run/react";
import { Button, Card, FormAlert, type IntentState } from "~/components/ui/form";
import { useI18n } from "~/i18n/use-i18n";
import { boothsCatalog } from "~/i18n/catalog/booths";

export interface TestCheckoutView {
  boothId: string;
  amount: number;
  currency: string;
  state: "open" | "done" | "closed";
  organization: { nameZh: string; nameEn: string };
  fair: { titleZh: string; titleEn: string };
  hall: { nameZh: string; nameEn: string };
  tier: { nameZh: string; nameEn: string };
}

export function TestCheckout({ checkout: c, state }: { checkout: TestCheckoutView; state?: IntentState }) {
  const { t, pick, money } = useI18n(boothsCatalog);
  const rows: [string, string][] = [
    [t("pay.test.booth"), pick(c.organization.nameZh, c.organization.nameEn)],
    [t("pay.test.fair"), `${pick(c.fair.titleZh, c.fair.titleEn)} · ${pick(c.hall.nameZh, c.hall.nameEn)}`],
    [t("pay.test.tier"), pick(c.tier.nameZh, c.tier.nameEn)],
  ];
  return (
    <div className="mx-auto max-w-lg" data-testid="test-checkout">
      <Card className="space-y-4">
        <h1 className="flex items-center gap-2 text-xl font-semibold">
          <span className="rounded bg-amber-100 px-2 py-0.5 text-sm font-bold text-amber-900">TEST</span>
          {t("pay.test.title")}
        </h1>
        <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="note">
          {t("pay.test.banner")}
        </p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          {rows.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-500">{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
          <dt className="text-slate-500">{t("pay.test.amount")}</dt>
          <dd className="text-lg font-semibold" data-testid="test-checkout-amount">
            {money(c.amount, c.currency)}
          </dd>
        </dl>
        {state?.formError && <FormAlert>{state.formError}</FormAlert>}
        {c.state === "open" ? (
          <div className="flex flex-wrap gap-2">
            <Form method="post">
              <input type="hidden" name="intent" value="pay" />
              <Button>{t("pay.test.pay")}</Button>
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="cancel" />
              <Button tone="secondary">{t("pay.test.cancel")}</Button>
            </Form>
          </div>
        ) : (
          <>
            <FormAlert tone={c.state === "done" ? "success" : "error"}>
              {c.state === "done" ? t("pay.test.done") : t("pay.test.closed")}
            </FormAlert>
            <Link to={`/booths/${c.boothId}/edit`}>{t("pay.test.back")}</Link>
          </>
        )}
      </Card>
    </div>
  );
}
