import { createCookie } from "@remix-run/node";
import { DEFAULT_TEXT_SIZE, isTextSize, type TextSize } from "./text-size";

/**
 * The visitor's text size, remembered for a year like the language (cf_lang). Not httpOnly-sensitive
 * but kept httpOnly anyway: only the server reads it. With COOKIE_SECURE=1 the server adds `Secure`
 * to it as to every cookie (server/security.ts).
 */
export const textSizeCookie = createCookie("cf_text", {
  path: "/",
  sameSite: "lax",
  maxAge: 365 * 24 * 3600,
  httpOnly: true,
});

export async function getTextSize(request: Request): Promise<TextSize> {
  const value = await textSizeCookie.parse(request.headers.get("Cookie")).catch(() => null);
  return isTextSize(value) ? value : DEFAULT_TEXT_SIZE;
}
