// Background refresh of recommendations: off the request path, coalescing bursts of changes; the
// matching itself runs in a worker thread (ADR 039).
import {
  recommendationsStale,
  refreshRecommendations,
} from "../../app/domain/recommendations/recommendations.server.ts";
import { logger } from "../../app/lib/logger.server.ts";
import { allocateInWorkerThread } from "./matching-thread.ts";
import type { PeriodicJob } from "./queue.ts";

export function recommendationJob(everyMs = 3000): PeriodicJob {
  return {
    name: "recommendations-refresh",
    everyMs,
    firstDelayMs: 500,
    run: async () => {
      if (await recommendationsStale())
        logger.info(await refreshRecommendations(allocateInWorkerThread), "recommendations refreshed");
    },
  };
}
