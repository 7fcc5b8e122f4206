/**
 * Human-readable reasons for a recommended pair, as structured data the app
 * can translate ({ code, params }), plus a fallback renderer in zh-CN and en.
 * Sector and region codes are passed through unchanged.
 */
import { stageAllowed, ticketFits } from "./constraints";
import { pairKey } from "./interactions";
import { locationTokens } from "./profile";
import type { MatchingModel } from "./score";
import { normCode, surfaceForms, tokenize } from "./text/tokenize";
import { valueAt } from "./text/sparse";
import type { Locale, Location, Reason, ReasonParamValue } from "./types";

const INTEREST_ORDER = ["meeting-outcome", "meeting-accepted", "meeting-request", "bookmark", "booth-visit"];

/**
 * Finest shared level of two locations below the country (same region or city),
 * returned as the original code of that level; null if they share at most a country.
 */
function sharedPlace(a: Location | undefined, b: Location | undefined): string | null {
  if (!a || !b) return null;
  const ta = new Set(locationTokens(a));
  const tb = locationTokens(b);
  for (let k = tb.length - 1; k >= 0; k--) {
    if (ta.has(tb[k]) && tb[k].includes("/")) return placeName(b, tb[k]);
  }
  return null;
}

function placeName(loc: Location, token: string): string {
  const depth = (token.match(/\//g) ?? []).length;
  if (depth >= 2 && loc.city) return loc.city;
  if (depth === 1 && loc.region) return loc.region;
  return loc.country ?? token.slice(2);
}

/** Reasons why project p suits investor i, most important first. */
export function explainPair(model: MatchingModel, i: number, p: number, maxReasons = 5): Reason[] {
  const inv = model.investors[i];
  const pr = model.projects[p];
  const out: Reason[] = [];
  const key = pairKey(inv.id, pr.id);

  if (model.portfolio[i].has(pr.id)) out.push({ code: "portfolio-company", params: {} });
  const ps = model.interactions.projectSide.get(key);
  if (ps && (ps.kinds.has("meeting-request") || ps.kinds.has("meeting-accepted")))
    out.push({ code: "project-requested-meeting", params: {} });
  const is = model.interactions.investorSide.get(key);
  if (is && is.pos > is.neg) {
    const kind = INTEREST_ORDER.find((k) => is.kinds.has(k));
    if (kind) out.push({ code: "showed-interest", params: { kind } });
  }

  // Sectors the investor declared.
  const declared = new Set((inv.sectors ?? []).map(normCode));
  const projectSectors = (pr.sectors ?? []).filter((s, k, a) => a.findIndex((x) => normCode(x) === normCode(s)) === k);
  let sameSector = 0;
  for (const s of projectSectors) {
    if (declared.has(normCode(s)) && sameSector < 2) {
      out.push({ code: "same-sector", params: { sector: s } });
      sameSector++;
    }
  }

  // Past deals sharing a sector with the project.
  const pset = new Set(projectSectors.map(normCode));
  const counts = new Map<string, number>();
  let similar = 0;
  for (const d of model.history[i]) {
    const shared = (d.sectors ?? []).filter((s) => pset.has(normCode(s)));
    if (shared.length === 0) continue;
    similar++;
    for (const s of new Set(shared.map(normCode))) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  if (similar > 0) {
    const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
    const sector = projectSectors.find((s) => normCode(s) === top) ?? top;
    out.push({ code: "similar-deals", params: { count: similar, sector } });
  }

  const cf = model.cfFor(i).neighbours.get(p);
  if (cf) out.push({ code: "co-investors", params: { count: cf } });

  if (ticketFits(inv, pr)) {
    const params: Record<string, ReasonParamValue> = {};
    const { min, max } = inv.ticket ?? {};
    if (typeof min === "number" && min > 0) params.min = min;
    if (typeof max === "number" && max > 0) params.max = max;
    const currency = inv.ticket?.currency ?? pr.currency;
    if (currency) params.currency = currency;
    out.push({ code: "ticket-fits", params });
  }
  if ((inv.stages ?? []).length > 0 && pr.stage && stageAllowed(inv, pr))
    out.push({ code: "stage-fits", params: { stage: pr.stage } });

  // Places.
  const projectPlaces = locationTokens(pr.location);
  const prefs = new Set((inv.regions ?? []).map(normCode));
  const locParts = [pr.location?.city, pr.location?.region, pr.location?.country].filter((x): x is string => !!x);
  const preferred = locParts.find((x) => prefs.has(normCode(x)));
  if (preferred) out.push({ code: "preferred-region", params: { region: preferred } });
  const home = sharedPlace(inv.location, pr.location);
  if (home && home !== preferred) out.push({ code: "home-region", params: { region: home } });
  if (!preferred && !home && projectPlaces.length > 0) {
    // Finest level at which the investor has past deals in the project's place.
    for (let k = projectPlaces.length - 1; k >= 0; k--) {
      let count = 0;
      for (const d of model.history[i]) if (locationTokens(d.location).includes(projectPlaces[k])) count++;
      if (count > 0) {
        out.push({ code: "invested-in-region", params: { region: placeName(pr.location!, projectPlaces[k]), count } });
        break;
      }
    }
  }

  // Words in common, by contribution to the BM25 score (sector words only if no sector reason);
  // single Chinese characters (化, 省) and short Latin fragments score but explain nothing.
  const q = model.investorQueries[i];
  const doc = model.projectDocs[p];
  const sectorWords = new Set(projectSectors.flatMap((s) => tokenize(s)));
  const skipSectorWords = sameSector > 0 || similar > 0;
  const words: { w: string; c: number }[] = [];
  for (let k = 0; k < doc.ids.length; k++) {
    const t = model.vocab.tokens[doc.ids[k]];
    if (/^(s|g|st):/.test(t) || (skipSectorWords && sectorWords.has(t)) || !readableKeyword(t)) continue;
    const c = valueAt(q, doc.ids[k]) * doc.vals[k];
    if (c > 0) words.push({ w: t, c });
  }
  const surface = surfaceForms([pr.name, pr.description, ...(pr.sectors ?? [])].filter(Boolean).join("\n"));
  const kw = words
    .sort((a, b) => b.c - a.c || (a.w < b.w ? -1 : 1))
    .slice(0, 3)
    .map((x) => surface.get(x.w) ?? x.w);
  if (kw.length > 0) out.push({ code: "keywords", params: { keywords: kw } });

  return out.slice(0, maxReasons);
}

// ---------------------------------------------------------------------------
// Rendering

const SYMBOLS: Record<string, string> = {
  cny: "¥",
  rmb: "¥",
  usd: "$",
  eur: "€",
  gbp: "£",
  jpy: "JP¥",
  hkd: "HK$",
};

function trimNum(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Math.round(x * 100) / 100);
}

function scaleEn(x: number): [number, string] {
  if (Math.abs(x) >= 1e9) return [x / 1e9, "B"];
  if (Math.abs(x) >= 1e6) return [x / 1e6, "M"];
  if (Math.abs(x) >= 1e3) return [x / 1e3, "K"];
  return [x, ""];
}

function scaleZh(x: number): [number, string] {
  if (Math.abs(x) >= 1e8) return [x / 1e8, "亿"];
  if (Math.abs(x) >= 1e4) return [x / 1e4, "万"];
  return [x, ""];
}

/** Formats an amount range: en "¥5–20M", zh "¥500万–2000万". */
export function formatMoneyRange(
  min: number | undefined,
  max: number | undefined,
  currency: string | undefined,
  locale: Locale,
): string {
  const code = normCode(currency);
  const sym = code ? (SYMBOLS[code] ?? `${currency!.toUpperCase()} `) : "";
  const scale = locale === "zh-CN" ? scaleZh : scaleEn;
  const one = (x: number) => {
    const [v, u] = scale(x);
    return `${trimNum(v)}${u}`;
  };
  if (min !== undefined && max !== undefined) {
    const [a, ua] = scale(min);
    const [b, ub] = scale(max);
    if (ua === ub && locale === "en") return `${sym}${trimNum(a)}–${trimNum(b)}${ub}`;
    return `${sym}${one(min)}–${one(max)}`;
  }
  if (min !== undefined) return locale === "zh-CN" ? `${sym}${one(min)}以上` : `≥ ${sym}${one(min)}`;
  if (max !== undefined) return locale === "zh-CN" ? `${sym}${one(max)}以内` : `≤ ${sym}${one(max)}`;
  return locale === "zh-CN" ? "不限" : "any amount";
}

const num = (v: ReasonParamValue | undefined) => (typeof v === "number" ? v : Number(v ?? 0));
const str = (v: ReasonParamValue | undefined) => (Array.isArray(v) ? v.join(", ") : String(v ?? ""));
const list = (v: ReasonParamValue | undefined, sep: string) => (Array.isArray(v) ? v.join(sep) : String(v ?? ""));

const INTEREST_TEXT: Record<string, [string, string]> = {
  "booth-visit": ["访问过展台", "Visited the booth"],
  bookmark: ["已收藏", "Bookmarked"],
  "meeting-request": ["已申请会面", "Requested a meeting"],
  "meeting-accepted": ["已接受会面", "Accepted a meeting"],
  "meeting-outcome": ["会面反馈积极", "Positive meeting"],
};

/** Renders a reason as a sentence in zh-CN or English. */
export function formatReason(reason: Reason, locale: Locale): string {
  const zh = locale === "zh-CN";
  const p = reason.params;
  switch (reason.code) {
    case "same-sector":
      return zh ? `同一赛道: ${str(p.sector)}` : `Same sector: ${str(p.sector)}`;
    case "similar-deals": {
      const n = num(p.count);
      return zh ? `投过 ${n} 家同类企业` : `Invested in ${n} similar ${n === 1 ? "company" : "companies"}`;
    }
    case "ticket-fits": {
      const money = formatMoneyRange(
        p.min === undefined ? undefined : num(p.min),
        p.max === undefined ? undefined : num(p.max),
        p.currency === undefined ? undefined : str(p.currency),
        locale,
      );
      return zh ? `单笔金额匹配: ${money}` : `Ticket fits ${money}`;
    }
    case "stage-fits":
      return zh ? `投资阶段匹配: ${str(p.stage)}` : `Invests at this stage: ${str(p.stage)}`;
    case "preferred-region":
      return zh ? `偏好地区: ${str(p.region)}` : `Prefers ${str(p.region)}`;
    case "home-region":
      return zh ? `同在 ${str(p.region)}` : `Also based in ${str(p.region)}`;
    case "invested-in-region": {
      const n = num(p.count);
      return zh
        ? `在 ${str(p.region)} 投过 ${n} 个项目`
        : `${n} past ${n === 1 ? "deal" : "deals"} in ${str(p.region)}`;
    }
    case "keywords":
      return zh ? `关键词匹配: ${list(p.keywords, "、")}` : `Keywords in common: ${list(p.keywords, ", ")}`;
    case "portfolio-company":
      return zh ? "已投企业" : "Already in the portfolio";
    case "co-investors": {
      const n = num(p.count);
      return zh ? `${n} 位常合投的投资人也感兴趣` : `${n} frequent co-${n === 1 ? "investor" : "investors"} engaged`;
    }
    case "showed-interest": {
      const t = INTEREST_TEXT[str(p.kind)];
      return t ? (zh ? t[0] : t[1]) : zh ? "表示过兴趣" : "Showed interest";
    }
    case "project-requested-meeting":
      return zh ? "项目方申请了会面" : "The project asked to meet";
    default: {
      const code: string = (reason as Reason).code;
      return code;
    }
  }
}

/** A token worth showing as a reason: Chinese words of 2+ characters, other words of 3+ letters. */
function readableKeyword(token: string): boolean {
  return /\p{Script=Han}/u.test(token) ? [...token].length >= 2 : token.length >= 3;
}
