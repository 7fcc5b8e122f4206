import { describe, expect, it } from "vitest";
import { meetingIcs } from "../../app/domain/meetings/calendar.server.ts";
import { icsMeeting } from "./calendar-fixture.ts";

const meeting = (startsAt: string, endsAt: string, timeZone: string, status = "SCHEDULED", sequence = 0) =>
  icsMeeting(startsAt, endsAt, timeZone, { status, sequence });

describe("meeting .ics", () => {
  it("writes the wall-clock time of the fair's zone under its TZID", () => {
    const ics = meetingIcs(meeting("2026-12-09T04:00:00Z", "2026-12-09T04:20:00Z", "Asia/Shanghai"), "https://x");
    expect(ics).toContain("DTSTART;TZID=Asia/Shanghai:20261209T120000");
    expect(ics).toContain("DTEND;TZID=Asia/Shanghai:20261209T122000");
    expect(ics).toContain("METHOD:PUBLISH");
    expect(ics).toContain("UID:meeting-m1@cloudfair");
  });

  it("handles a second zone across daylight saving time", () => {
    const winter = meetingIcs(meeting("2026-12-09T09:00:00Z", "2026-12-09T09:20:00Z", "Europe/Berlin"), "https://x");
    expect(winter).toContain("DTSTART;TZID=Europe/Berlin:20261209T100000"); // UTC+1
    const summer = meetingIcs(meeting("2026-07-01T09:00:00Z", "2026-07-01T09:20:00Z", "Europe/Berlin"), "https://x");
    expect(summer).toContain("DTSTART;TZID=Europe/Berlin:20260701T110000"); // UTC+2
  });

  it("announces cancellations with METHOD:CANCEL, STATUS:CANCELLED and a higher SEQUENCE", () => {
    const ics = meetingIcs(
      meeting("2026-12-09T04:00:00Z", "2026-12-09T04:20:00Z", "Asia/Shanghai", "CANCELLED", 2),
      "https://x",
    );
    expect(ics).toContain("METHOD:CANCEL");
    expect(ics).toContain("STATUS:CANCELLED");
    expect(ics).toContain("SEQUENCE:2");
  });
});
