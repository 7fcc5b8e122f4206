// Per-request context for loaders and actions: who is asking and in which language.
import { getUser, type SessionUser } from "~/auth/session.server";
import { serverTranslator } from "./all-catalogs.server";
import type { Locale, Translate } from "./index";
import { getLocale } from "./locale.server";

export async function requestContext(
  request: Request,
  user?: SessionUser | null,
): Promise<{ locale: Locale; t: Translate; user: SessionUser | null }> {
  const u = user === undefined ? await getUser(request) : user;
  const locale = await getLocale(request, u?.locale);
  return { locale, t: serverTranslator(locale), user: u };
}
