// GET /healthz: database, search, video and payments, each ok / down / not-configured (video also
// "starting" while a fresh machine obtains livekit-server, server/services/local-video.ts).
import type { RequestHandler } from "express";
import { db } from "../app/db/client.server.ts";
import type { Config } from "../app/config.server.ts";
import { usesLocalTestCheckout } from "../app/domain/payments/stripe-mock.ts";
import { listRoomNames, liveKitSettings } from "../media/video/livekit.ts";
import { localVideoState } from "./services/local-video.ts";

type Status = { status: "ok" | "down" | "starting" | "not-configured"; detail?: string; ms?: number };

async function timed(check: () => Promise<string | void>, timeoutMs = 2_000): Promise<Status> {
  const t0 = performance.now();
  try {
    const detail = await Promise.race([
      check(),
      new Promise<never>((_, rej) => setTimeout(() => rej(new Error("timeout")), timeoutMs)),
    ]);
    return { status: "ok", ...(detail ? { detail } : {}), ms: Math.round(performance.now() - t0) };
  } catch (err) {
    return { status: "down", detail: (err as Error).message, ms: Math.round(performance.now() - t0) };
  }
}

async function httpOk(url: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(url, { headers });
  if (res.status === 401 || res.status === 403) throw new Error(`credentials refused (HTTP ${res.status})`);
  if (res.status >= 400) throw new Error(`HTTP ${res.status}`);
  return `HTTP ${res.status}`;
}

/** A shared index being backfilled through the outbox (ADR 030): its state and what is left. */
export interface BackfillStatus {
  state: string;
  reason?: string;
  queued: number;
  remaining: number;
}

export type SearchProbe = () => Promise<{
  engine: string;
  healthy: boolean;
  pending: number;
  backfill?: BackfillStatus | null;
}>;

/** "index backfill (empty): 120 of 500 booths indexed" and the like. */
export function backfillText(b: BackfillStatus): string {
  if (b.state === "done") return `index backfill (${b.reason ?? "?"}) done`;
  if (b.state === "indexing")
    return `index backfill (${b.reason ?? "?"}): ${Math.max(0, b.queued - b.remaining)} of ${b.queued} booths indexed`;
  return `index backfill (${b.reason ?? "?"}) ${b.state}`;
}

export function healthHandler(
  config: () => Config & { embeddedDb: boolean },
  searchProbe: SearchProbe,
): RequestHandler {
  return async (_req, res) => {
    const c = config();
    let backfill: BackfillStatus | undefined;
    const [database, search, video, payments] = await Promise.all([
      // Through the app's own pool: on PGlite a second connection would share its single session
      // and could interleave with an open transaction (docs/decisions/001).
      timed(async () => {
        await db().$queryRaw`SELECT 1`;
        return c.embeddedDb ? "embedded PGlite" : "postgres";
      }),
      timed(async () => {
        const s = await searchProbe();
        if (!s.healthy) throw new Error(`${s.engine} not answering; ${s.pending} changes queued`);
        backfill = s.backfill ?? undefined;
        return `${s.engine}; ${s.pending} changes queued${backfill ? `; ${backfillText(backfill)}` : ""}`;
      }),
      // An authenticated call, so wrong keys show as down rather than a reachable port as ok.
      liveKitSettings(c)
        ? timed(async () => `${(await listRoomNames(liveKitSettings(c)!)).length} rooms open`)
        : Promise.resolve<Status>(localVideoState() ?? { status: "not-configured", detail: "LIVEKIT_URL unset" }),
      c.STRIPE_API_BASE
        ? timed(async () => {
            const answer = await httpOk(new URL("/v1/balance", c.STRIPE_API_BASE).toString(), {
              Authorization: `Bearer ${c.STRIPE_SECRET_KEY ?? ""}`,
            });
            return usesLocalTestCheckout(c) ? `${answer}; local stripe-mock, test checkout (no real money)` : answer;
          })
        : c.STRIPE_SECRET_KEY
          ? Promise.resolve<Status>({ status: "ok", detail: "Stripe API key configured" })
          : Promise.resolve<Status>({ status: "not-configured", detail: "fees can be waived" }),
    ]);
    const ok = database.status === "ok";
    res.status(ok ? 200 : 503).json({
      status: ok ? "ok" : "degraded",
      database,
      search: backfill ? { ...search, backfill } : search,
      video,
      payments,
    });
  };
}
