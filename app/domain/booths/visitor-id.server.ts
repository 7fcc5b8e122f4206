// A stable anonymous id for counting booth visits without an account (httpOnly cookie, 1 year).
import { randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";

export const visitorCookie = createCookie("cf_vid", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 365 * 24 * 3600,
});

export async function visitorId(request: Pick<Request, "headers">): Promise<{ id: string; setCookie: string | null }> {
  const existing = await visitorCookie.parse(request.headers.get("Cookie"));
  if (typeof existing === "string" && /^[\w-]{16,64}$/.test(existing)) return { id: existing, setCookie: null };
  const id = randomBytes(16).toString("base64url");
  return { id, setCookie: await visitorCookie.serialize(id) };
}
