// e2e: the built app (npm run build) served by server/index.ts on a temporary Postgres seeded
// with the demo fair, driven in Debian's Chromium. tests/e2e/global-setup.ts starts it all.
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./tests/harness/chromium.ts";

// Chosen once in the main process; workers inherit it through the environment.
process.env.E2E_PORT ??= String(41000 + (process.pid % 2000));

export default defineConfig({
  testDir: "tests/e2e",
  globalSetup: "./tests/e2e/global-setup.ts",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${process.env.E2E_PORT}`,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  projects: [{ name: "chromium" }],
});
