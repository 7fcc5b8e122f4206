import { expect, type Locator, type Page } from "@playwright/test";
import pg from "pg";
import Stripe from "stripe";

export const DEMO_PASSWORD = "cloudfair-demo";

export async function login(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(password);
  // Wait for the action's answer (which sets the session cookie) before moving on.
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === "/login" && r.request().method() === "POST"),
    page.getByRole("button", { name: "登录" }).click(),
  ]);
  return response;
}

export async function loginOk(page: Page, email: string, password = DEMO_PASSWORD) {
  const response = await login(page, email, password);
  // A refused sign-in says why (wrong password, throttled, a 4xx/5xx) instead of a bare URL timeout.
  const refused = page.getByRole("alert").filter({ hasText: /\S/ });
  await expect
    .poll(
      async () =>
        /\/dashboard$/.test(new URL(page.url()).pathname)
          ? "signed in"
          : (await refused.count())
            ? `refused (${response.status()}): ${await refused.first().textContent()}`
            : "waiting",
      // The dashboard's first render after a sign-in can take long on a loaded 2-core machine.
      { message: `sign-in of ${email}`, timeout: 30_000 },
    )
    .toBe("signed in");
}

/** Signs up a new exhibitor of a new organization `org`; returns the email. */
export async function signUpExhibitor(page: Page, org: string) {
  const email = `exhibitor-${Date.now()}-${Math.round(Math.random() * 1e6)}@e2e.cloudfair.cn`;
  await page.goto("/signup");
  await page.getByLabel(/展商/).check();
  await page.getByLabel("姓名").fill("林展商");
  await page.getByLabel("机构名称").fill(org);
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill("e2e-password-1");
  await page.getByRole("button", { name: "创建账户" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  return email;
}

/** The element shows an SVG icon and no emoji or other pictograph (those are boxes without an emoji font). */
export async function expectSvgIcon(el: Locator) {
  await expect(el.locator("svg")).toBeVisible();
  expect(await el.textContent()).not.toMatch(/[\p{Extended_Pictographic}\u{2190}-\u{2BFF}]/u);
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
  const payload = JSON.stringify({
    id: `evt_e2e_${Date.now()}`,
    object: "event",
    type,
    created: Math.floor(Date.now() / 1000),
    data: { object },
  });
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: process.env.E2E_WEBHOOK_SECRET! });
  return fetch(`${baseURL}/webhooks/stripe`, {
    method: "POST",
    headers: { "Stripe-Signature": signature, "Content-Type": "application/json" },
    body: payload,
  });
}

/**
 * A meeting between two demo users in the demo fair, starting `startOffsetMs` from now and lasting
 * `durationMs` (inserted directly: the booking flow has its own tests). Returns ids for assertions.
 * Throws (inserting nothing) when either of them is already booked then (`hw_participant_no_overlap`).
 */
export async function createMeetingNow(
  investorEmail: string,
  exhibitorEmail: string,
  startOffsetMs: number,
  durationMs: number,
  databaseUrl = process.env.E2E_DATABASE_URL,
) {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const member = async (email: string, role: string) =>
      (
        await c.query(
          `SELECT u.id AS "userId", m."organizationId" FROM "User" u JOIN "Membership" m ON m."userId" = u.id WHERE u.email = $1 AND m.role = $2`,
          [email, role],
        )
      ).rows[0] as { userId: string; organizationId: string };
    const inv = await member(investorEmail, "INVESTOR");
    const exh = await member(exhibitorEmail, "EXHIBITOR");
    const fair = (await c.query(`SELECT id, "organizerId" FROM "Fair" WHERE slug = 'jiangsu-2026'`)).rows[0] as {
      id: string;
      organizerId: string;
    };
    const id = `e2e${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    const startsAt = new Date(Date.now() + startOffsetMs);
    const endsAt = new Date(startsAt.getTime() + durationMs);
    // All or nothing: a participant already booked then leaves no meeting without participants.
    await c.query("BEGIN");
    await c.query(
      `INSERT INTO "Meeting" (id, "fairId", "investorOrgId", "exhibitorOrgId", "startsAt", "endsAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, $6, now())`,
      [id, fair.id, inv.organizationId, exh.organizationId, startsAt, endsAt],
    );
    for (const u of [inv.userId, exh.userId]) {
      await c.query(
        `INSERT INTO "MeetingParticipant" (id, "meetingId", "userId", "startsAt", "endsAt") VALUES ($1, $2, $3, $4, $5)`,
        [`${id}_${u}`, id, u, startsAt, endsAt],
      );
    }
    await c.query("COMMIT");
    return { id, fairId: fair.id, startsAt, endsAt };
  } catch (err) {
    await c.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    await c.end();
  }
}

/** Waits until `video` is visible with decoded, non-empty frames that advance (`wait` ms each, half for advancing). */
export async function expectPlaying(video: Locator, wait = 20_000) {
  await expect(video).toBeVisible({ timeout: wait });
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth * v.videoHeight), { timeout: wait })
    .toBeGreaterThan(0);
  const t0 = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: wait / 2 })
    .toBeGreaterThan(t0 + 0.5);
}

/** Waits until the page shows a remote video whose frames advance (decoded, playing, non-empty). */
export const expectRemoteVideoPlaying = (page: Page) => expectPlaying(page.getByTestId("remote-video").first());

/** Logs the demo staff member in on `staff` and opens the demo fair's review queue from the staff home. */
export async function openReviewQueue(staff: Page) {
  await loginOk(staff, "staff@demo.cloudfair.cn");
  await staff.goto("/staff");
  await staff
    .getByRole("link", { name: /个展位待审核/ })
    .first()
    .click();
}

/** A mail as the e2e Mailpit received it (global-setup.ts points the app's SMTP_URL at it). */
export interface ReceivedMail {
  subject: string;
  text: string;
  html: string;
}

/** Waits until a mail to `address` whose subject matches `subject` arrives in Mailpit; returns it. */
export async function receivedMail(address: string, subject: RegExp, timeout = 20_000): Promise<ReceivedMail> {
  const api = process.env.E2E_MAILPIT_API;
  if (!api) throw new Error("E2E_MAILPIT_API is not set: Mailpit is started by tests/e2e/global-setup.ts");
  const get = async <T>(p: string): Promise<T> => {
    const res = await fetch(api + p);
    if (!res.ok) throw new Error(`mailpit ${p}: ${res.status}`);
    return (await res.json()) as T;
  };
  let id = "";
  await expect
    .poll(
      async () => {
        const found = await get<{ messages: { ID: string; Subject: string }[] }>(
          `/api/v1/search?query=${encodeURIComponent(`to:"${address}"`)}&limit=50`,
        );
        id = found.messages.find((m) => subject.test(m.Subject))?.ID ?? "";
        return id;
      },
      { message: `a mail to ${address} with the subject ${subject}`, timeout },
    )
    .not.toBe("");
  const m = await get<{ Subject: string; Text: string; HTML: string }>(`/api/v1/message/${id}`);
  return { subject: m.Subject, text: m.Text, html: m.HTML };
}
