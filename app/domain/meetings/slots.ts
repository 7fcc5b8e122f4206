// A fair's meeting slot grid: days × session hours cut into slots, in the fair's own time zone.
import { wallTimeToUtc } from "~/lib/time";

export interface SlotGrid {
  meetingDays: string[];
  sessionStart: string;
  sessionEnd: string;
  slotMinutes: number;
  timeZone: string;
}
export interface Slot {
  startsAt: Date;
  endsAt: Date;
}

export function fairSlots(g: SlotGrid): Slot[] {
  const slots: Slot[] = [];
  for (const day of [...g.meetingDays].sort()) {
    const start = wallTimeToUtc(`${day}T${g.sessionStart}`, g.timeZone);
    const end = wallTimeToUtc(`${day}T${g.sessionEnd}`, g.timeZone);
    if (!start || !end) continue;
    for (let t = start.getTime(); t + g.slotMinutes * 60_000 <= end.getTime(); t += g.slotMinutes * 60_000) {
      slots.push({ startsAt: new Date(t), endsAt: new Date(t + g.slotMinutes * 60_000) });
    }
  }
  return slots;
}

/** The grid's slots that have not started yet. */
export function futureSlots(g: SlotGrid, now = Date.now()): Slot[] {
  return fairSlots(g).filter((s) => s.startsAt.getTime() > now);
}

export const slotKey = (s: { startsAt: Date | string }) => new Date(s.startsAt).toISOString();
