// The allocation a recommendation refresh asks of matching/, in a module that imports nothing else:
// the refresh runs it in its own thread or hands it to the matching worker thread (ADR 039).
import { createMatcher, type AllocateOptions, type Allocation, type MatchingInput } from "../../../matching";

/** What a refresh asks of matching: every list at once (`Matcher.allocate`). */
export interface AllocationRequest {
  input: MatchingInput;
  now: Date;
  options: AllocateOptions;
}
/** Only the lists the refresh stores (what the worker thread sends back). */
export type AllocationLists = Pick<Allocation, "projectsForInvestor" | "investorsForProject" | "coverage">;

export function allocateLists({ input, now, options }: AllocationRequest): AllocationLists {
  const { projectsForInvestor, investorsForProject, coverage } = createMatcher(input, { now }).allocate(options);
  return { projectsForInvestor, investorsForProject, coverage };
}
