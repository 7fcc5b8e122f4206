// Runs in the matching worker thread (server/jobs/matching-thread.ts): matching is pure, so the
// thread needs nothing but the request. Only the lists the refresh stores are sent back.
import type { AllocationLists, AllocationRequest } from "../../app/domain/recommendations/recommendations.server.ts";
import { createMatcher } from "../../matching/index.ts";

export function allocateLists({ input, now, options }: AllocationRequest): AllocationLists {
  const { projectsForInvestor, investorsForProject, coverage } = createMatcher(input, { now }).allocate(options);
  return { projectsForInvestor, investorsForProject, coverage };
}
