// /api/v1/*: read-only JSON, CORS for GET, anonymous or partner-key rate limits.
import { json } from "@remix-run/node";
import { z } from "zod";
import { identifyCaller, rateLimit } from "./keys.server";
import { openApiDocument } from "./openapi";
import {
  getBooth,
  getBureau,
  getFair,
  listBooths,
  listBureaus,
  listFairs,
  listProjects,
  MAX_PER_PAGE,
} from "./public-data.server";
import { parsePage } from "~/lib/paging";

const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, OPTIONS",
  "Access-Control-Allow-Headers": "Authorization, X-API-Key",
  "Access-Control-Max-Age": "86400",
};
const code = z
  .string()
  .max(64)
  .regex(/^[\w-]+$/)
  .nullable()
  .catch(null);
const paging = z.object({
  page: z.unknown().transform((v) => parsePage(v, 100_000)),
  perPage: z.coerce.number().int().min(1).max(MAX_PER_PAGE).catch(20),
});

const reply = (body: unknown, status = 200, extra: Record<string, string> = {}) =>
  json(body, { status, headers: { ...CORS, "Cache-Control": "public, max-age=60", ...extra } });
const error = (status: number, error: string, message: string, extra: Record<string, string> = {}) =>
  json({ error, message }, { status, headers: { ...CORS, ...extra } });

export async function handleApi(request: Request, path: string, ip: string): Promise<Response> {
  if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: CORS });
  if (request.method !== "GET")
    return error(405, "method_not_allowed", "The open data API is read-only.", { Allow: "GET, OPTIONS" });
  const caller = await identifyCaller(request, ip);
  if (!caller) return error(401, "invalid_api_key", "The API key is invalid or has been revoked.");
  const wait = await rateLimit(caller);
  if (wait > 0)
    return error(429, "rate_limited", `Too many requests; retry in ${wait} s.`, { "Retry-After": String(wait) });

  const url = new URL(request.url);
  const q = (k: string) => url.searchParams.get(k);
  const { page, perPage } = paging.parse({ page: q("page") ?? undefined, perPage: q("perPage") ?? undefined });
  const seg = path.split("/").filter(Boolean);
  const notFound = () => error(404, "not_found", "No such public resource.");

  if (seg.length === 1 && seg[0] === "openapi.json") return reply(openApiDocument);
  if (seg.length === 1 && seg[0] === "bureaus") return reply(await listBureaus(page, perPage));
  if (seg.length === 2 && seg[0] === "bureaus")
    return ((b) => (b ? reply(b) : notFound()))(await getBureau(seg[1].slice(0, 60)));
  if (seg.length === 1 && seg[0] === "fairs") return reply(await listFairs(page, perPage));
  if (seg.length === 2 && seg[0] === "fairs") return ((f) => (f ? reply(f) : notFound()))(await getFair(seg[1]));
  if (seg.length === 3 && seg[0] === "fairs" && seg[2] === "booths")
    return reply(await listBooths(seg[1], code.parse(q("hall")), page, perPage));
  if (seg.length === 2 && seg[0] === "booths") return ((b) => (b ? reply(b) : notFound()))(await getBooth(seg[1]));
  if (seg.length === 1 && seg[0] === "projects")
    return reply(
      await listProjects(
        { fair: code.parse(q("fair")), sector: code.parse(q("sector")), stage: code.parse(q("stage")) },
        page,
        perPage,
      ),
    );
  return notFound();
}
