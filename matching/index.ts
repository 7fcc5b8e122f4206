/**
 * CloudFair matching: reciprocal, capacity-aware investor ↔ project
 * recommendations with structured, localizable reasons. Pure TypeScript,
 * deterministic, no I/O.
 */
export type {
  DateInput,
  Interaction,
  InteractionKind,
  Investor,
  Locale,
  Location,
  MatchingInput,
  MatchingOptions,
  PastDeal,
  Project,
  Reason,
  ReasonCode,
  ReasonParamValue,
  Recommendation,
  TicketRange,
} from "./types";
export {
  Matcher,
  createMatcher,
  recommendInvestors,
  recommendProjects,
  type Allocation,
  type AllocateOptions,
  type RecommendOptions,
} from "./recommend";
export { formatReason, formatMoneyRange } from "./reasons";
export { capacityRerank, exposureCoverage, type RerankOptions, type RerankResult, type Scored } from "./rerank";
export { hardExclusion, stageAllowed, ticketAllowed, type ExclusionReason } from "./constraints";
export { tokenize } from "./text/tokenize";
