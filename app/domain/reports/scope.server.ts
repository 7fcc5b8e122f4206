// The rows a fair report counts, as SQL: every number of the dashboard, every list behind a number
// and every export read from these same scoped sources, so they cannot disagree.
//
// Attribution rules (docs/decisions/015), the same for every stage of the funnel:
// - Hall: every row belongs to the exhibitor's booth in the fair — a visit or bookmark to the booth
//   itself; a request, meeting or outcome to the booth of the exhibitor side (the party that is not
//   the investor organization, as when a meeting is booked).
// - Sector: the booth's hall sector; rows about a project (requests, meetings, outcomes naming one)
//   take the project's sector. Region = project's, else the exhibitor organization's; country = the
//   investor organization's.
// - Dates (days in the fair's time zone): each row counts on the day of the event it stands for —
//   visits and bookmarks when they happened; meetings, and their outcomes, on the meeting's day; a
//   request on the day of the meeting it asks for: the meeting booked from it (directly or through
//   counter-proposals), else its earliest proposed time. So "held on these days" and "asked for on
//   these days" describe the same meetings, and a day's funnel is not emptied of its requests
//   because they were sent before the fair.
// - Requests that only answer another request with other times (counter-proposals) are not counted.
import { Prisma } from "~/generated/prisma/client";
import { consentWithdrawn } from "~/domain/privacy/consents.server";
import { dayRange, type ReportFilters } from "./filters";

export { parseReportFilters, readReportFilters } from "./filters";

export interface Scope {
  fairId: string;
  timeZone: string;
  filters: ReportFilters;
}

const { sql, empty } = Prisma;

/** ` AND column >= from AND column < to+1` for the scope's date range (fair zone). */
export function inRange(column: Prisma.Sql, s: Scope): Prisma.Sql {
  const { gte, lt } = dayRange(s.filters, s.timeZone);
  return sql`${gte ? sql` AND ${column} >= ${gte}` : empty}${lt ? sql` AND ${column} < ${lt}` : empty}`;
}

const hallIs = (s: Scope) => (s.filters.hall ? sql` AND h.slug = ${s.filters.hall}` : empty);
const sectorIs = (column: Prisma.Sql, s: Scope) =>
  s.filters.sector ? sql` AND ${column} = ${s.filters.sector}` : empty;

/** The fair's booths passing the hall/sector filters (sector = the hall's sector). */
export function scopedBooths(s: Scope): Prisma.Sql {
  return sql`
    SELECT b.id, b."fairId", b."organizationId", b."hallId", b.status::text AS status, b."isPublic", h.sector
    FROM "Booth" b JOIN "Hall" h ON h.id = b."hallId"
    WHERE b."fairId" = ${s.fairId}${hallIs(s)}${sectorIs(sql`h.sector`, s)}`;
}

/**
 * The fair's roadshows (ADR 031) with the presenting booth's organization; with a hall or sector
 * filter only those presented by a booth passing it (the bureau's own have no hall).
 */
export function scopedRoadshows(s: Scope): Prisma.Sql {
  const filtered = Boolean(s.filters.hall || s.filters.sector);
  return sql`
    SELECT rs.id, rs."boothId", b."organizationId" AS "exhibitorOrgId"
    FROM "Roadshow" rs LEFT JOIN "Booth" b ON b.id = rs."boothId"
    WHERE rs."fairId" = ${s.fairId} AND rs.status::text NOT IN ('PROPOSED', 'REJECTED')${
      filtered ? sql` AND rs."boothId" IN (SELECT sb.id FROM (${scopedBooths(s)}) sb)` : empty
    }`;
}

/**
 * Roadshow funnel: registrations, viewers (distinct users with an attendance row, i.e. from LiveKit
 * webhooks) and meeting requests a viewer sent to the presenting exhibitor after first joining it.
 * The date range applies to when each happened.
 */
export function roadshowFunnel(s: Scope): Prisma.Sql {
  return sql`
    WITH rs AS (${scopedRoadshows(s)}),
    seen AS (
      SELECT a."roadshowId", a."userId", min(a."joinedAt") AS first FROM "RoadshowAttendance" a
      JOIN rs ON rs.id = a."roadshowId" GROUP BY a."roadshowId", a."userId"
    )
    SELECT
      (SELECT count(*)::int FROM "RoadshowRegistration" g JOIN rs ON rs.id = g."roadshowId"
        WHERE true${inRange(sql`g."createdAt"`, s)}) AS registrations,
      (SELECT count(DISTINCT a."userId")::int FROM "RoadshowAttendance" a JOIN rs ON rs.id = a."roadshowId"
        WHERE true${inRange(sql`a."joinedAt"`, s)}) AS viewers,
      (SELECT count(DISTINCT r.id)::int FROM seen JOIN rs ON rs.id = seen."roadshowId"
        JOIN "MeetingRequest" r ON r."fairId" = ${s.fairId} AND r."fromUserId" = seen."userId"
          AND r."toOrgId" = rs."exhibitorOrgId" AND r."createdAt" > seen.first
        WHERE true${inRange(sql`r."createdAt"`, s)}) AS "meetingRequests"`;
}

export function scopedVisits(s: Scope): Prisma.Sql {
  return sql`
    SELECT v.id, v."boothId", v."visitorId", v."createdAt"
    FROM "BoothVisit" v JOIN "Booth" b ON b.id = v."boothId" JOIN "Hall" h ON h.id = b."hallId"
    WHERE b."fairId" = ${s.fairId}${hallIs(s)}${sectorIs(sql`h.sector`, s)}${inRange(sql`v."createdAt"`, s)}`;
}

export function scopedBookmarks(s: Scope): Prisma.Sql {
  return sql`
    SELECT k."userId", k."boothId", k."createdAt"
    FROM "Bookmark" k JOIN "Booth" b ON b.id = k."boothId" JOIN "Hall" h ON h.id = b."hallId"
    WHERE b."fairId" = ${s.fairId}${hallIs(s)}${sectorIs(sql`h.sector`, s)}${inRange(sql`k."createdAt"`, s)}`;
}

/**
 * Meeting requests (not counter-proposals) with the exhibitor's booth, sector, and `meetingAt`: the
 * time the request is dated by — the start of the meeting booked from it or from a counter-proposal
 * down its chain, else its earliest proposed slot (else, for a request without slots, when it was sent).
 */
export function scopedRequests(s: Scope): Prisma.Sql {
  // `booked`: when each request's meeting starts. Most are booked directly (Meeting.requestId); only
  // a countered request needs its chain walked, its meeting hanging off a counter-proposal.
  // MATERIALIZED keeps it one hash join: inlined, a misestimate turned it into 100k index probes.
  return sql`
    WITH RECURSIVE chain AS (
      SELECT q.id AS root, q.id FROM "MeetingRequest" q
      WHERE q."fairId" = ${s.fairId} AND q."counterOfId" IS NULL AND q.status = 'COUNTERED'
      UNION ALL
      SELECT c.root, q.id FROM chain c JOIN "MeetingRequest" q ON q."counterOfId" = c.id
    ),
    booked AS MATERIALIZED (
      SELECT m."requestId" AS root, m."startsAt" AS at FROM "Meeting" m WHERE m."fairId" = ${s.fairId} AND m."requestId" IS NOT NULL
      UNION ALL
      SELECT c.root, min(m."startsAt") FROM chain c JOIN "Meeting" m ON m."requestId" = c.id GROUP BY c.root
    )
    SELECT r.id, r."createdAt", r.status::text AS status, r."fromUserId", r."fromOrgId", r."toOrgId", r."projectId",
           b.id AS "boothId", b."organizationId" AS "exhibitorOrgId", h.slug AS "hallSlug",
           COALESCE(p.sector, h.sector) AS sector, t.at AS "meetingAt"
    FROM "MeetingRequest" r
    JOIN "Organization" fo ON fo.id = r."fromOrgId"
    LEFT JOIN "Booth" b ON b."fairId" = r."fairId"
      AND b."organizationId" = CASE WHEN fo.kind::text = 'INVESTOR' THEN r."toOrgId" ELSE r."fromOrgId" END
    LEFT JOIN "Hall" h ON h.id = b."hallId"
    LEFT JOIN "Project" p ON p.id = r."projectId"
    LEFT JOIN booked k ON k.root = r.id
    CROSS JOIN LATERAL (SELECT COALESCE(k.at, (SELECT min(ps."startsAt") FROM "ProposedSlot" ps WHERE ps."requestId" = r.id),
                                        r."createdAt") AS at) t
    WHERE r."fairId" = ${s.fairId} AND r."counterOfId" IS NULL${hallIs(s)}${sectorIs(sql`COALESCE(p.sector, h.sector)`, s)}${inRange(sql`t.at`, s)}`;
}

/** Meetings with their booth, day (fair zone), sector, region and investor country. */
export function scopedMeetings(s: Scope): Prisma.Sql {
  return sql`
    SELECT m.id, m."startsAt", m."endsAt", m.status::text AS status, m."investorOrgId", m."exhibitorOrgId", m."projectId",
           m."noShowUserIds", b.id AS "boothId", h.slug AS "hallSlug",
           COALESCE(p.sector, h.sector) AS sector, COALESCE(p.region, eo.region) AS region, io.country AS country,
           to_char(m."startsAt" AT TIME ZONE ${s.timeZone}, 'YYYY-MM-DD') AS day
    FROM "Meeting" m
    LEFT JOIN "Booth" b ON b."fairId" = m."fairId" AND b."organizationId" = m."exhibitorOrgId"
    LEFT JOIN "Hall" h ON h.id = b."hallId"
    LEFT JOIN "Project" p ON p.id = m."projectId"
    LEFT JOIN "Organization" eo ON eo.id = m."exhibitorOrgId"
    LEFT JOIN "Organization" io ON io.id = m."investorOrgId"
    WHERE m."fairId" = ${s.fairId}${hallIs(s)}${sectorIs(sql`COALESCE(p.sector, h.sector)`, s)}${inRange(sql`m."startsAt"`, s)}`;
}

/** Results that state an intention to invest: only these carry an amount into the totals. */
export const INTENT_RESULTS = ["INTENT_TO_INVEST", "LETTER_OF_INTENT"] as const;

/**
 * Outcomes of scoped meetings. `counted` marks the one outcome per meeting whose amount enters the
 * intended-investment totals: the investor side's record when there is one (the investor decides),
 * else the exhibitor side's — and only when it states an intent and has an amount. Both sides
 * recording the same deal therefore never counts it twice.
 */
export function scopedOutcomes(s: Scope): Prisma.Sql {
  return sql`
    SELECT o.id, o."meetingId", o."authorId", o.side::text AS side, o.result::text AS result, o.amount::text AS amount,
           o.currency, o."nextStep", o."nextStepDate", o.notes, o.rating, o."createdAt",
           m."startsAt", m.day, m.status AS "meetingStatus", m.sector, m.region, m.country, m."boothId",
           m."investorOrgId", m."exhibitorOrgId", m."projectId",
           (o.amount IS NOT NULL AND o.result::text IN (${Prisma.join([...INTENT_RESULTS])})
            AND o.id = (SELECT o2.id FROM "MeetingOutcome" o2 WHERE o2."meetingId" = o."meetingId"
                        ORDER BY (o2.side = 'INVESTOR') DESC, o2."createdAt", o2.id LIMIT 1)) AS counted
    FROM "MeetingOutcome" o JOIN (${scopedMeetings(s)}) m ON m.id = o."meetingId"`;
}

/** Each scoped booth with its organization, hall and counts (visits, bookmarks, requests, meetings held). */
export function boothStats(s: Scope): Prisma.Sql {
  return sql`
    WITH v AS (SELECT "boothId", count(*)::int AS n FROM (${scopedVisits(s)}) x GROUP BY 1),
         k AS (SELECT "boothId", count(*)::int AS n FROM (${scopedBookmarks(s)}) x GROUP BY 1),
         r AS (SELECT "boothId", count(*)::int AS n FROM (${scopedRequests(s)}) x GROUP BY 1),
         m AS (SELECT "boothId", count(*) FILTER (WHERE status = 'COMPLETED')::int AS n FROM (${scopedMeetings(s)}) x GROUP BY 1)
    SELECT b.id, b.status, b."isPublic", b.sector, o."nameZh" AS "orgZh", o."nameEn" AS "orgEn", o.region,
           h."nameZh" AS "hallZh", h."nameEn" AS "hallEn",
           COALESCE(v.n, 0) AS visits, COALESCE(k.n, 0) AS bookmarks, COALESCE(r.n, 0) AS requests, COALESCE(m.n, 0) AS held
    FROM (${scopedBooths(s)}) b
    JOIN "Organization" o ON o.id = b."organizationId" JOIN "Hall" h ON h.id = b."hallId"
    LEFT JOIN v ON v."boothId" = b.id LEFT JOIN k ON k."boothId" = b.id
    LEFT JOIN r ON r."boothId" = b.id LEFT JOIN m ON m."boothId" = b.id`;
}

/** Survey answers of the fair (the survey is about the whole fair: hall, sector and dates do not apply). */
export function fairSurveys(s: Scope): Prisma.Sql {
  return sql`SELECT f.id, f.role::text AS role, f.nps, f.satisfaction, f.comment, f."createdAt" FROM "FairSurvey" f WHERE f."fairId" = ${s.fairId}`;
}

// Leads: the people who bookmarked a booth, chatted with it, asked it for a meeting or met it.
// Consent: contact details (email, phone) only of people who chose to contact the exhibitor — who
// sent a meeting request or took part in a meeting; bookmark- or chat-only visitors are shown by
// name and organization only. The rule is applied here in SQL, so no page or export can leak it.
// A person who withdrew lead sharing with the exhibitor organization is not listed at all, one who
// withdrew contact sharing is listed without contacts (ADR 022), and erased accounts are not leads.

/**
 * One row per (booth, person) with when they last bookmarked, chatted, requested and met, and the
 * contact fields only where consented. `booths` yields (id, fairId, organizationId); `at` filters
 * the activity times (e.g. a dashboard date range).
 */
export function leadRows(booths: Prisma.Sql, at: (column: Prisma.Sql) => Prisma.Sql = () => empty): Prisma.Sql {
  return sql`
    WITH bs AS (${booths}),
    acts AS (
      SELECT k."boothId", k."userId", 'B' AS kind, k."createdAt" AS at FROM "Bookmark" k JOIN bs ON bs.id = k."boothId"
      UNION ALL
      SELECT t."boothId", t."visitorUserId", 'C', t."lastMessageAt" FROM "ChatThread" t JOIN bs ON bs.id = t."boothId"
      UNION ALL
      SELECT bs.id, r."fromUserId", 'R', r."createdAt" FROM "MeetingRequest" r
        JOIN bs ON bs."fairId" = r."fairId" AND bs."organizationId" = r."toOrgId" WHERE r.status <> 'CANCELLED'
      UNION ALL
      SELECT bs.id, p."userId", 'M', m."startsAt" FROM "Meeting" m
        JOIN bs ON bs."fairId" = m."fairId" AND bs."organizationId" = m."exhibitorOrgId"
        JOIN "MeetingParticipant" p ON p."meetingId" = m.id WHERE m.status <> 'CANCELLED'
      UNION ALL
      -- Roadshow viewers of the booth's roadshows, only those who agreed (shareContact) when registering
      SELECT bs.id, rg."userId", 'W', a."joinedAt" FROM "RoadshowRegistration" rg
        JOIN "Roadshow" rs ON rs.id = rg."roadshowId" JOIN bs ON bs.id = rs."boothId"
        JOIN "RoadshowAttendance" a ON a."roadshowId" = rs.id AND a."userId" = rg."userId"
        WHERE rg."shareContact"
    ),
    g AS (
      SELECT a."boothId", a."userId",
             max(a.at) FILTER (WHERE a.kind = 'B') AS "bookmarkedAt", max(a.at) FILTER (WHERE a.kind = 'C') AS "chattedAt",
             max(a.at) FILTER (WHERE a.kind = 'R') AS "requestedAt", max(a.at) FILTER (WHERE a.kind = 'M') AS "meetingAt",
             max(a.at) FILTER (WHERE a.kind = 'W') AS "watchedAt",
             max(a.at) AS "lastAt", bool_or(a.kind IN ('R', 'M')) AS acted
      FROM acts a WHERE true${at(sql`a.at`)} GROUP BY a."boothId", a."userId"
    ),
    gb AS (
      SELECT g.*, g.acted AND NOT ${consentWithdrawn("CONTACT_SHARING", sql`g."userId"`, sql`b."organizationId"`)} AS consented
      FROM g JOIN "Booth" b ON b.id = g."boothId"
      WHERE NOT ${consentWithdrawn("LEAD_SHARING", sql`g."userId"`, sql`b."organizationId"`)}
    )
    SELECT g."boothId", g."userId", g."bookmarkedAt", g."chattedAt", g."requestedAt", g."meetingAt", g."lastAt", g.consented,
           rw."watchSeconds", rw.questions,
           g."lastAt" AS _k1, g."boothId" || ':' || g."userId" AS _id,
           u.name, CASE WHEN g.consented THEN u.email END AS email,
           po."nameZh" AS "orgZh", po."nameEn" AS "orgEn", CASE WHEN g.consented THEN po."contactPhone" END AS phone,
           bo."nameZh" AS "boothZh", bo."nameEn" AS "boothEn", f."titleZh" AS "fairZh", f."titleEn" AS "fairEn", f."timeZone"
    FROM gb g
    JOIN "User" u ON u.id = g."userId" AND u."erasedAt" IS NULL
    JOIN "Booth" b ON b.id = g."boothId"
    JOIN "Organization" bo ON bo.id = b."organizationId"
    JOIN "Fair" f ON f.id = b."fairId"
    LEFT JOIN LATERAL (SELECT o."nameZh", o."nameEn", o."contactPhone" FROM "Membership" ms JOIN "Organization" o ON o.id = ms."organizationId"
                       WHERE ms."userId" = u.id ORDER BY ms."createdAt" LIMIT 1) po ON true
    -- Watch time from attendance rows (LiveKit webhooks, never the client; an open connection counts
    -- until now, like watchSeconds()) and the questions asked, over the booth's roadshows the person
    -- agreed to share; hidden (moderated) questions are left out.
    LEFT JOIN LATERAL (
      SELECT (SELECT round(sum(greatest(0, extract(epoch FROM coalesce(a."leftAt", now()) - a."joinedAt"))))::int
               FROM "RoadshowAttendance" a WHERE a."userId" = g."userId" AND a."roadshowId" = ANY(rsx.ids)) AS "watchSeconds",
             (SELECT string_agg(q.text, ' | ' ORDER BY q."createdAt") FROM "RoadshowQuestion" q
               WHERE q."userId" = g."userId" AND q."roadshowId" = ANY(rsx.ids) AND q.status <> 'hidden') AS questions
      FROM (SELECT array_agg(rs.id) AS ids FROM "Roadshow" rs
              JOIN "RoadshowRegistration" rg ON rg."roadshowId" = rs.id AND rg."userId" = g."userId" AND rg."shareContact"
             WHERE rs."boothId" = g."boothId") rsx
      WHERE g."watchedAt" IS NOT NULL
    ) rw ON true
    WHERE NOT EXISTS (SELECT 1 FROM "Membership" tm WHERE tm."userId" = g."userId" AND tm."organizationId" = b."organizationId")`;
}
