// A bare livekit-client page in real Chromium (fake camera and microphone): used by integration
// tests to produce real join/leave webhooks without the app, and by bench:video as the baseline
// ("the SDK alone") that the CloudFair room page is compared with. The same small HTTP server
// also receives LiveKit's webhooks and hands them to a callback.
import { createServer, type Server } from "node:http";
import { readFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";
import { freePort } from "../../server/lib/ports.ts";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./chromium.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
export type WebhookHandler = (body: string, authorization: string | null) => Promise<number>;

export interface LiveKitPageServer {
  url: string;
  webhookUrl: string;
  stop(): Promise<void>;
}

/** Serves the livekit-client UMD bundle and a blank page; forwards POST /webhook to `onWebhook`. */
export async function startLiveKitPageServer(onWebhook: WebhookHandler = async () => 200): Promise<LiveKitPageServer> {
  const bundle = readFileSync(path.join(ROOT, "node_modules/livekit-client/dist/livekit-client.umd.js"));
  const port = await freePort();
  const server: Server = createServer((req, res) => {
    if (req.method === "POST" && req.url === "/webhook") {
      let body = "";
      req.on("data", (d: Buffer) => (body += d.toString()));
      req.on("end", () => {
        onWebhook(body, req.headers.authorization ?? null).then(
          (status) => res.writeHead(status).end(),
          () => res.writeHead(500).end(),
        );
      });
      return;
    }
    if (req.url === "/lk.js") return void res.writeHead(200, { "Content-Type": "text/javascript" }).end(bundle);
    res
      .writeHead(200, { "Content-Type": "text/html" })
      .end('<!doctype html><html><body><script src="/lk.js"></script></body></html>');
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}/`,
    webhookUrl: `http://127.0.0.1:${port}/webhook`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const launchVideoChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, "--autoplay-policy=no-user-gesture-required"],
  });

/**
 * Joins a room from a bare page; publishes the fake camera and microphone unless `publish` is false.
 * Resolves once connected. `window.__firstRemoteFrameMs` is set when a remote video frame is shown.
 */
export async function joinBare(
  page: Page,
  pageUrl: string,
  wsUrl: string,
  token: string,
  publish = true,
): Promise<void> {
  await page.goto(pageUrl);
  await page.evaluate(
    async ({ wsUrl, token, publish }) => {
      const LK = (window as unknown as { LivekitClient: typeof import("livekit-client") }).LivekitClient;
      const w = window as unknown as Record<string, unknown>;
      const started = performance.now();
      // The same room options as the CloudFair room page, so a comparison isolates the app's own cost.
      const room = new LK.Room({ adaptiveStream: true, dynacast: true });
      w.__room = room;
      room.on(LK.RoomEvent.TrackSubscribed, (track) => {
        if (track.kind !== "video") return;
        const el = track.attach() as HTMLVideoElement;
        el.muted = true;
        document.body.appendChild(el);
        el.requestVideoFrameCallback(() => (w.__firstRemoteFrameMs ??= Math.round(performance.now() - started)));
      });
      await room.connect(wsUrl, token);
      if (publish) await room.localParticipant.enableCameraAndMicrophone();
    },
    { wsUrl, token, publish },
  );
}

export async function leaveBare(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await (window as unknown as { __room: { disconnect(): Promise<void> } }).__room.disconnect();
  });
}
