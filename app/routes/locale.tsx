import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { saveUserLocale } from "~/auth/accounts.server";
import { z } from "zod";
import { LOCALES } from "~/i18n";
import { localeCookie } from "~/i18n/locale.server";
import { requestContext } from "~/i18n/request.server";
import { parseForm } from "~/lib/forms.server";
import { safeRedirect } from "~/lib/redirects";

// Nothing here can be wrong enough for an error page: a bad value just changes nothing.
const localeForm = z.object({
  locale: z.enum(LOCALES).optional().catch(undefined),
  redirectTo: z.string().max(2048).optional().catch(undefined),
});

/** Switches the UI language; remembered in a cookie and, when signed in, on the account. */
export async function action({ request }: ActionFunctionArgs) {
  const { t, user } = await requestContext(request);
  const form = parseForm(localeForm, await request.formData(), t);
  const { locale, redirectTo } = form.ok ? form.data : {};
  const to = safeRedirect(redirectTo, "/");
  if (!locale) return redirect(to);
  if (user) await saveUserLocale(user.id, locale);
  return redirect(to, { headers: { "Set-Cookie": await localeCookie.serialize(locale) } });
}

export const loader = () => redirect("/");
