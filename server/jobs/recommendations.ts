// Background refresh of recommendations: off the request path, coalescing bursts of changes.
import {
  recommendationsStale,
  refreshRecommendations,
} from "../../app/domain/recommendations/recommendations.server.ts";
import { logger } from "../../app/lib/logger.server.ts";
import { runEvery } from "./loop.ts";

export function startRecommendationJob(intervalMs = 3000) {
  return runEvery(
    "recommendation refresh",
    intervalMs,
    async () => {
      if (await recommendationsStale()) logger.info(await refreshRecommendations(), "recommendations refreshed");
    },
    500,
  );
}
