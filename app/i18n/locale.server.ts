import { createCookie } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./index";

export const localeCookie = createCookie("cf_lang", {
  path: "/",
  sameSite: "lax",
  maxAge: 365 * 24 * 3600,
  httpOnly: true,
});

/** zh-CN unless the visitor chose otherwise (cookie, then their account's saved choice). */
export async function getLocale(request: Request, userLocale?: string | null): Promise<Locale> {
  const fromCookie = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLocale(fromCookie)) return fromCookie;
  if (isLocale(userLocale)) return userLocale;
  return DEFAULT_LOCALE;
}
