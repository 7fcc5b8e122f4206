import { expect, type Page } from "@playwright/test";
import pg from "pg";
import Stripe from "stripe";

export const DEMO_PASSWORD = "cloudfair-demo";

export async function login(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(password);
  // Wait for the action's answer (which sets the session cookie) before moving on.
  await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === "/login" && r.request().method() === "POST"),
    page.getByRole("button", { name: "登录" }).click(),
  ]);
}

export async function loginOk(page: Page, email: string, password = DEMO_PASSWORD) {
  await login(page, email, password);
  await expect(page).toHaveURL(/\/dashboard$/);
}

/** Reads one value from the e2e database (to find what Stripe would know, e.g. a session id). */
export async function queryOne<T>(sql: string, params: unknown[]): Promise<T | undefined> {
  const c = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows[0] as T | undefined;
  } finally {
    await c.end();
  }
}

/** Delivers a correctly signed Stripe webhook to the app, as Stripe would. */
export async function deliverStripeEvent(baseURL: string, type: string, object: Record<string, unknown>) {
  const payload = JSON.stringify({ id: `evt_e2e_${Date.now()}`, object: "event", type, created: Math.floor(Date.now() / 1000), data: { object } });
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: process.env.E2E_WEBHOOK_SECRET! });
  return fetch(`${baseURL}/webhooks/stripe`, { method: "POST", headers: { "Stripe-Signature": signature, "Content-Type": "application/json" }, body: payload });
}
