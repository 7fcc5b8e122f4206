// Background refresh of recommendations: off the request path, coalescing bursts of changes.
import { recommendationsStale, refreshRecommendations } from "../../app/domain/recommendations.server.ts";
import { logger } from "../../app/lib/logger.server.ts";

export function startRecommendationJob(intervalMs = 3000) {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  const tick = async () => {
    running = (async () => {
      try {
        if (await recommendationsStale()) {
          const r = await refreshRecommendations();
          logger.info(r, "recommendations refreshed");
        }
      } catch (err) {
        logger.warn({ err: (err as Error).message }, "recommendation refresh failed; will retry");
      }
    })();
    await running;
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  timer = setTimeout(tick, 500);
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}
