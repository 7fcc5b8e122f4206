/**
 * Maps deals (train period only) to the library's inputs: every investor seen in
 * the train period becomes an Investor whose history is its train deals and
 * whose declared profile is its own categories and location; every candidate
 * company becomes a Project described only by static company attributes
 * (name, categories, location). Nothing from the test deals themselves
 * (round type, amount, date, counterparty) is used.
 */
import type { Investor, MatchingInput, PastDeal, Project } from "../types";
import { formatDay, type Deal, type DealParty } from "./deals-csv";

const loc = (p: DealParty) => ({
  country: p.country || undefined,
  region: p.region || undefined,
  city: p.city || undefined,
});

export function companyAsProject(c: DealParty): Project {
  return { id: c.id, name: c.name, sectors: c.categories, location: loc(c) };
}

export function dealsToMatchingInput(train: readonly Deal[], candidates: readonly DealParty[]): MatchingInput {
  const byInvestor = new Map<string, { party: DealParty; lastDay: number; history: PastDeal[] }>();
  for (const d of train) {
    let e = byInvestor.get(d.investor.id);
    if (!e) byInvestor.set(d.investor.id, (e = { party: d.investor, lastDay: d.day, history: [] }));
    if (d.day >= e.lastDay) {
      e.party = d.investor;
      e.lastDay = d.day;
    }
    e.history.push({
      projectId: d.company.id,
      name: d.company.name,
      sectors: d.company.categories,
      location: loc(d.company),
      stage: d.stage,
      amount: d.amount,
      date: formatDay(d.day),
    });
  }
  const investors: Investor[] = [...byInvestor.values()].map((e) => ({
    id: e.party.id,
    name: e.party.name,
    sectors: e.party.categories,
    location: loc(e.party),
    history: e.history,
  }));
  return { investors, projects: candidates.map(companyAsProject), interactions: [] };
}

/** Static attributes of each candidate company, from any of its test-period rows. */
export function candidateParties(test: readonly Deal[], ids: readonly string[]): DealParty[] {
  const m = new Map<string, DealParty>();
  for (const d of test) if (!m.has(d.company.id)) m.set(d.company.id, d.company);
  return ids.map((id) => m.get(id)!);
}
