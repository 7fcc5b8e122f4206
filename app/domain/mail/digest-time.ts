// When a daily digest is due (ADR 026): at a fixed local hour in the recipient's own time zone, once
// per local calendar day. Pure: the hour comes from MAIL_DIGEST_HOUR through the caller.
import { addDays } from "~/lib/dates";
import { isTimeZone, utcToWallTime, wallTimeToUtc } from "~/lib/time";

const zoneOr = (timeZone: string) => (isTimeZone(timeZone) ? timeZone : "Asia/Shanghai");

/** The recipient's local calendar day ("2026-12-08") and hour (0–23) at `now`. */
export function localDay(now: Date, timeZone: string): { day: string; hour: number } {
  const wall = utcToWallTime(now, zoneOr(timeZone));
  return { day: wall.slice(0, 10), hour: Number(wall.slice(11, 13)) };
}

/** The next instant at which this recipient's digest goes out (today's hour if still ahead, else tomorrow's). */
export function nextDigestAt(now: Date, timeZone: string, hour: number): Date {
  const zone = zoneOr(timeZone);
  const { day } = localDay(now, zone);
  const hh = String(hour).padStart(2, "0");
  const today = wallTimeToUtc(`${day}T${hh}:00`, zone)!;
  return today.getTime() > now.getTime() ? today : wallTimeToUtc(`${addDays(day, 1)}T${hh}:00`, zone)!;
}
