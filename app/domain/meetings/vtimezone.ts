// VTIMEZONE blocks (RFC 5545 §3.6.5) for the fair zones our .ics files name in TZID, generated
// from the runtime's own time zone data (Intl) — the same data that turned the meetings' instants
// into the wall-clock times written under that TZID, so the two can never disagree.
//
// No rules (RRULE) are guessed: every offset change inside the span the calendar covers is written
// as its own observance with the exact DTSTART, which strict parsers (ical.js, Outlook) accept. A
// zone without changes in the span (Asia/Shanghai since 1991) gets one STANDARD observance.
import { zoneOffsetMinutes } from "~/lib/time";

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

/** "+0800", "-0330" */
function offsetText(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}${String(abs % 60).padStart(2, "0")}`;
}

/** The local (floating) date-time of `at` at `offset` minutes, as 20261209T120000. */
function localText(at: number, offset: number): string {
  return new Date(at + offset * MIN).toISOString().slice(0, 19).replace(/[-:]/g, "");
}

export interface OffsetChange {
  /** The first instant at the new offset. */
  at: number;
  from: number;
  to: number;
}

/** The zone's offset changes in [from, to], found day by day and pinned to the minute. */
export function offsetChanges(timeZone: string, from: Date, to: Date): OffsetChange[] {
  const off = (t: number) => zoneOffsetMinutes(new Date(t), timeZone);
  const changes: OffsetChange[] = [];
  let t = from.getTime();
  let o = off(t);
  while (t < to.getTime()) {
    const next = Math.min(t + DAY, to.getTime());
    const on = off(next);
    if (on !== o) {
      // Binary search for the first minute at the new offset.
      let lo = t;
      let hi = next;
      while (hi - lo > MIN) {
        const mid = lo + Math.floor((hi - lo) / 2 / MIN) * MIN;
        if (off(mid) === o) lo = mid;
        else hi = mid;
      }
      changes.push({ at: hi, from: o, to: off(hi) });
      o = off(hi);
      t = hi;
      continue;
    }
    t = next;
  }
  return changes;
}

/**
 * The VTIMEZONE component for `timeZone`, valid for instants in [from, to] (the calendar's events;
 * widen by a year each side so edits and reschedules nearby stay covered). Lines end in CRLF.
 */
export function vtimezone(timeZone: string, from: Date, to: Date): string {
  const start = from.getTime() - 366 * DAY;
  const end = to.getTime() + 366 * DAY;
  const first = zoneOffsetMinutes(new Date(start), timeZone);
  const changes = offsetChanges(timeZone, new Date(start), new Date(end));
  const lines = ["BEGIN:VTIMEZONE", `TZID:${timeZone}`];
  // The offset in force at the start of the span (from = to: no change happens at this DTSTART).
  const observance = (kind: "STANDARD" | "DAYLIGHT", at: number, fromOff: number, toOff: number) =>
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${localText(at, fromOff)}`,
      `TZOFFSETFROM:${offsetText(fromOff)}`,
      `TZOFFSETTO:${offsetText(toOff)}`,
      `END:${kind}`,
    );
  // Which offsets are "daylight": the larger of the span's two offsets in a zone that switches.
  const standard = Math.min(first, ...changes.map((c) => c.to));
  observance(first > standard ? "DAYLIGHT" : "STANDARD", start, first, first);
  for (const c of changes) observance(c.to > standard ? "DAYLIGHT" : "STANDARD", c.at, c.from, c.to);
  lines.push("END:VTIMEZONE");
  return lines.join("\r\n") + "\r\n";
}
