// The .ics files read by a strict parser (ical.js resolves a TZID only through a VTIMEZONE in the
// file, as Outlook does): every event lands on the right instant, in a zone without DST and across
// a DST change in one with it.
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { feedIcs, meetingIcs } from "../../app/domain/meetings/calendar.server.ts";
import { offsetChanges, vtimezone } from "../../app/domain/meetings/vtimezone.ts";
import { icsMeeting } from "./calendar-fixture.ts";

const meeting = (id: string, startsAt: string, endsAt: string, timeZone: string) =>
  icsMeeting(startsAt, endsAt, timeZone, { id });

/** Strict reading: zones come only from the file's VTIMEZONE blocks; returns each event's instants. */
function strictlyRead(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  const zones = cal.getAllSubcomponents("vtimezone").map((z) => new ICAL.Timezone(z));
  return cal.getAllSubcomponents("vevent").map((e) => {
    const instant = (name: string) => {
      const t = e.getFirstPropertyValue(name) as ICAL.Time;
      const tzid = e.getFirstProperty(name)!.getParameter("tzid");
      const zone = zones.find((z) => z.tzid === tzid);
      // A TZID without its VTIMEZONE is unresolvable for a strict client.
      if (!zone) throw new Error(`no VTIMEZONE for ${String(tzid)}`);
      t.zone = zone;
      return t.toJSDate();
    };
    return { uid: e.getFirstPropertyValue("uid"), start: instant("dtstart"), end: instant("dtend") };
  });
}

describe("VTIMEZONE in .ics files", () => {
  it("a meeting in Asia/Shanghai carries its VTIMEZONE and reads back at the right instant", () => {
    const ics = meetingIcs(meeting("m1", "2026-12-09T04:00:00Z", "2026-12-09T04:20:00Z", "Asia/Shanghai"), "https://x");
    expect(ics).toContain("DTSTART;TZID=Asia/Shanghai:20261209T120000");
    expect(ics).toMatch(/BEGIN:VTIMEZONE\r\nTZID:Asia\/Shanghai\r\nBEGIN:STANDARD\r\n/);
    expect(ics).toContain("TZOFFSETTO:+0800");
    expect(ics).not.toContain("BEGIN:DAYLIGHT"); // no DST in China since 1991
    const [e] = strictlyRead(ics);
    expect(e.start.toISOString()).toBe("2026-12-09T04:00:00.000Z");
    expect(e.end.toISOString()).toBe("2026-12-09T04:20:00.000Z");
  });

  it("a feed across Berlin's DST change and a second zone reads back at the right instants", () => {
    const ics = feedIcs(
      [
        meeting("winter", "2026-03-28T09:00:00Z", "2026-03-28T09:20:00Z", "Europe/Berlin"), // 10:00 CET
        meeting("summer", "2026-03-30T09:00:00Z", "2026-03-30T09:20:00Z", "Europe/Berlin"), // 11:00 CEST
        meeting("nyc", "2026-11-02T15:00:00Z", "2026-11-02T15:20:00Z", "America/New_York"), // 10:00 EST
        meeting("sh", "2026-12-09T04:00:00Z", "2026-12-09T04:20:00Z", "Asia/Shanghai"),
      ],
      "https://x",
    );
    expect(ics.match(/BEGIN:VTIMEZONE/g)).toHaveLength(3); // one per zone
    expect(ics).toContain("DTSTART;TZID=Europe/Berlin:20260330T110000");
    const read = Object.fromEntries(strictlyRead(ics).map((e) => [e.uid, e.start.toISOString()]));
    expect(read).toEqual({
      "meeting-winter@cloudfair": "2026-03-28T09:00:00.000Z",
      "meeting-summer@cloudfair": "2026-03-30T09:00:00.000Z",
      "meeting-nyc@cloudfair": "2026-11-02T15:00:00.000Z",
      "meeting-sh@cloudfair": "2026-12-09T04:00:00.000Z",
    });
  });

  it("pins offset changes to the minute and writes DTSTART in the offset before the change", () => {
    const changes = offsetChanges("Europe/Berlin", new Date("2026-01-01T00:00:00Z"), new Date("2027-01-01T00:00:00Z"));
    expect(changes.map((c) => [new Date(c.at).toISOString(), c.from, c.to])).toEqual([
      ["2026-03-29T01:00:00.000Z", 60, 120],
      ["2026-10-25T01:00:00.000Z", 120, 60],
    ]);
    const block = vtimezone("Europe/Berlin", new Date("2026-06-01T00:00:00Z"), new Date("2026-06-02T00:00:00Z"));
    expect(block).toContain(
      "BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT",
    );
    expect(block).toContain(
      "BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD",
    );
  });
});
