// e2e: the built app (npm run build) served by server/index.ts on a temporary Postgres seeded
// with the demo fair, driven in Debian's Chromium. tests/e2e/global-setup.ts starts it all.
import { defineConfig } from "@playwright/test";

// Chosen once in the main process; workers inherit it through the environment.
process.env.E2E_PORT ??= String(41000 + (process.pid % 2000));

export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
  // Video rooms: Chromium's fake camera (a test pattern) and microphone, permission granted.
  "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"];

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
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS },
  },
  projects: [{ name: "chromium" }],
});
