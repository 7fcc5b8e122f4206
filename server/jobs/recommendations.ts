// Background refresh of recommendations: off the request path, coalescing bursts of changes.
import {
  recommendationsStale,
  refreshRecommendations,
} from "../../app/domain/recommendations/recommendations.server.ts";
import { logger } from "../../app/lib/logger.server.ts";
import type { PeriodicJob } from "./queue.ts";

export function recommendationJob(everyMs = 3000): PeriodicJob {
  return {
    name: "recommendations-refresh",
    everyMs,
    firstDelayMs: 500,
    run: async () => {
      if (await recommendationsStale()) logger.info(await refreshRecommendations(), "recommendations refreshed");
    },
  };
}
