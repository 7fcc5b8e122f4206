// How Chromium runs in tests and benchmarks on this machine (Debian's build, headless, no GPU),
// with Chromium's fake camera (a test pattern) and microphone for video rooms, permission granted.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-dev-shm-usage",
  "--use-fake-device-for-media-stream",
  "--use-fake-ui-for-media-stream",
];
