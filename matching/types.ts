/**
 * Public input/output types of the CloudFair matching library.
 *
 * Codes (sectors, stages, regions, currencies) are opaque strings compared
 * case-insensitively; the app owns their translation. Dates may be ISO strings,
 * epoch milliseconds or Date objects.
 */

export type Locale = "zh-CN" | "en";

export type DateInput = string | number | Date;

/** A place, coarse to fine. Any part may be missing. */
export interface Location {
  country?: string;
  region?: string;
  city?: string;
}

/** A deal in an investor's track record (on or off the platform). */
export interface PastDeal {
  /** Id of the company if it is (or later becomes) a project on the platform. */
  projectId?: string;
  name?: string;
  sectors?: string[];
  stage?: string;
  location?: Location;
  amount?: number;
  currency?: string;
  description?: string;
  date?: DateInput;
  /** Ids of investors who co-invested in the same deal. */
  coInvestorIds?: string[];
}

export interface TicketRange {
  min?: number;
  max?: number;
  /** ISO 4217 code, e.g. "CNY". Amounts in other currencies are not compared. */
  currency?: string;
}

export interface Investor {
  id: string;
  name?: string;
  /** Declared focus sectors (soft). */
  sectors?: string[];
  /** Accepted stages (hard constraint). Empty or missing: any stage. */
  stages?: string[];
  /** Ticket range (hard constraint on the project's amount sought). Missing: any amount. */
  ticket?: TicketRange;
  /** Preferred regions (soft): codes matched against any level of a project's location. */
  regions?: string[];
  /** Where the investor is based (soft). */
  location?: Location;
  /** Investment thesis, Chinese or English free text. */
  thesis?: string;
  history?: PastDeal[];
  /** Meetings the investor can take during the fair (default: MatchingOptions.defaultCapacity). */
  capacity?: number;
}

export interface Project {
  id: string;
  name?: string;
  sectors?: string[];
  stage?: string;
  amountSought?: number;
  currency?: string;
  location?: Location;
  /** Free text, Chinese or English. */
  description?: string;
}

export type InteractionKind =
  | "booth-visit"
  | "bookmark"
  | "meeting-request"
  | "meeting-accepted"
  | "meeting-declined"
  | "meeting-outcome"
  | "not-interested";

/**
 * Something that happened between an investor and a project.
 * `by` says which side acted (default "investor"): a meeting request sent by the
 * project, a decline by the investor, "not interested" from either side, etc.
 * "not-interested" from either side removes the pair from both directions.
 */
export interface Interaction {
  investorId: string;
  projectId: string;
  kind: InteractionKind;
  at: DateInput;
  by?: "investor" | "project";
  /** For kind "meeting-outcome". */
  outcome?: "positive" | "neutral" | "negative";
}

export interface MatchingInput {
  investors: Investor[];
  projects: Project[];
  interactions?: Interaction[];
}

export type ReasonParamValue = string | number | string[];

/**
 * A structured, localizable reason. The app translates `code` with `params`;
 * {@link formatReason} is a fallback renderer. Codes:
 * - "same-sector" { sector }: the project's sector is one the investor declared.
 * - "similar-deals" { count, sector? }: investor's past deals like this project.
 * - "ticket-fits" { min?, max?, currency? }: amount sought is within the ticket range.
 * - "stage-fits" { stage }: the investor invests at this stage.
 * - "preferred-region" { region }: project location is a region the investor prefers.
 * - "home-region" { region }: project is where the investor is based.
 * - "invested-in-region" { region, count }: investor has past deals in this place.
 * - "keywords" { keywords }: thesis / description terms in common.
 * - "portfolio-company" {}: the investor already invested in this company.
 * - "co-investors" { count }: investors who co-invest with this one engaged with the project.
 * - "showed-interest" { kind }: the investor bookmarked / visited / asked to meet.
 * - "project-requested-meeting" {}: the project asked this investor for a meeting.
 */
export type ReasonCode =
  | "same-sector"
  | "similar-deals"
  | "ticket-fits"
  | "stage-fits"
  | "preferred-region"
  | "home-region"
  | "invested-in-region"
  | "keywords"
  | "portfolio-company"
  | "co-investors"
  | "showed-interest"
  | "project-requested-meeting";

export interface Reason {
  code: ReasonCode;
  params: Record<string, ReasonParamValue>;
}

export interface Recommendation {
  /** The recommended project id (for an investor) or investor id (for a project). */
  id: string;
  /** Reciprocal score in [0, 1]. */
  score: number;
  /** Investor→project fit in [0, 1] (relative to the investor's best option). */
  investorFit: number;
  /** Project→investor fit in [0, 1] (percentile of the investor among all investors for the project, etc.). */
  projectFit: number;
  reasons: Reason[];
}

export interface MatchingOptions {
  /** "Now" for time decay. Default: the latest date found in the input (deterministic). */
  now?: DateInput;
  /** Half-life of past deals in the investor profile, days (default 730). */
  dealHalfLifeDays?: number;
  /** Half-life of interactions, days (default 180). */
  interactionHalfLifeDays?: number;
  /** Capacity assumed when an investor has none (default 10). */
  defaultCapacity?: number;
  /** Size of the deterministic reference sample used for percentiles (default 1000). */
  referenceSampleSize?: number;
  /** BM25 parameters (default k1 = 1.2, b = 0.75). */
  bm25?: { k1?: number; b?: number };
  /** Weight of the viewer's own side in the weighted harmonic mean (default 0.5 = plain harmonic mean). */
  viewerWeight?: number;
}
