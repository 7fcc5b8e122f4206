// A meeting as the .ics writers read it (calendar.server.ts), for the calendar unit tests.
export const icsMeeting = (
  startsAt: string,
  endsAt: string,
  timeZone: string,
  { id = "m1", status = "SCHEDULED", sequence = 0 }: { id?: string; status?: string; sequence?: number } = {},
) =>
  ({
    id,
    status,
    sequence,
    startsAt: new Date(startsAt),
    endsAt: new Date(endsAt),
    counterpartZh: "金陵资本",
    counterpartEn: "Jinling Capital",
    fair: { timeZone, titleZh: "洽谈会", titleEn: "Fair" },
  }) as never;
