/**
 * Hard constraints: a project the investor cannot invest in is excluded, not
 * down-ranked. Missing data on either side means "no constraint": no stages, no
 * ticket bounds (non-positive or non-finite bounds count as missing), no project
 * stage or amount, or amounts in different currencies.
 */
import { normCode } from "./text/tokenize";
import type { Investor, Project } from "./types";

export type ExclusionReason = "stage" | "ticket";

/** An investor's constraints, normalized once. null: the investor has none. */
export interface CompiledConstraint {
  stages: Set<string> | null;
  min: number | null;
  max: number | null;
  currency: string;
}

/** A project's constrained attributes, normalized once. */
export interface CompiledProject {
  stage: string;
  amount: number | null;
  currency: string;
}

const bound = (x: number | null | undefined): number | null =>
  typeof x === "number" && Number.isFinite(x) && x > 0 ? x : null;

export function compileConstraint(investor: Investor): CompiledConstraint | null {
  const stages = new Set((investor.stages ?? []).map(normCode).filter(Boolean));
  const min = bound(investor.ticket?.min);
  const max = bound(investor.ticket?.max);
  if (stages.size === 0 && min === null && max === null) return null;
  return { stages: stages.size > 0 ? stages : null, min, max, currency: normCode(investor.ticket?.currency) };
}

export function compileProject(project: Project): CompiledProject {
  const a = project.amountSought;
  return {
    stage: normCode(project.stage),
    amount: typeof a === "number" && Number.isFinite(a) ? a : null,
    currency: normCode(project.currency),
  };
}

/** Whether the ticket bounds apply to this project (both known, same or unknown currency). */
function ticketComparable(c: CompiledConstraint, p: CompiledProject): boolean {
  if (p.amount === null || (c.min === null && c.max === null)) return false;
  return !(c.currency && p.currency && c.currency !== p.currency);
}

/** First hard constraint the (compiled) pair violates, or null. */
export function violation(c: CompiledConstraint | null, p: CompiledProject): ExclusionReason | null {
  if (!c) return null;
  if (c.stages && p.stage && !c.stages.has(p.stage)) return "stage";
  if (ticketComparable(c, p)) {
    if (c.min !== null && p.amount! < c.min) return "ticket";
    if (c.max !== null && p.amount! > c.max) return "ticket";
  }
  return null;
}

/** First hard constraint the pair violates, or null. */
export function hardExclusion(investor: Investor, project: Project): ExclusionReason | null {
  return violation(compileConstraint(investor), compileProject(project));
}

/** Stage: if the investor lists stages and the project has one, it must be listed. */
export function stageAllowed(investor: Investor, project: Project): boolean {
  return hardExclusion({ id: investor.id, stages: investor.stages }, project) === null;
}

/** Ticket: if both a range and an amount (same currency) are known, the amount must lie within it. */
export function ticketAllowed(investor: Investor, project: Project): boolean {
  return hardExclusion({ id: investor.id, ticket: investor.ticket }, project) === null;
}

/** True when the ticket range is known, was actually compared with the amount, and fits. */
export function ticketFits(investor: Investor, project: Project): boolean {
  const c = compileConstraint({ id: investor.id, ticket: investor.ticket });
  const p = compileProject(project);
  return !!c && ticketComparable(c, p) && violation(c, p) === null;
}
