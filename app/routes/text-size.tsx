import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { requestContext } from "~/i18n/request.server";
import { parseForm } from "~/lib/forms.server";
import { safeRedirect } from "~/lib/redirects";
import { TEXT_SIZES } from "~/lib/text-size";
import { textSizeCookie } from "~/lib/text-size.server";

// Nothing here can be wrong enough for an error page: a bad value just changes nothing.
const textSizeForm = z.object({
  size: z.enum(TEXT_SIZES).optional().catch(undefined),
  redirectTo: z.string().max(2048).optional().catch(undefined),
});

/** Sets the text size (标准 / 大字 / 特大, ADR 024); remembered in a cookie for a year. */
export async function action({ request }: ActionFunctionArgs) {
  const { t } = await requestContext(request);
  const form = parseForm(textSizeForm, await request.formData(), t);
  const { size, redirectTo } = form.ok ? form.data : {};
  const to = safeRedirect(redirectTo, "/");
  if (!size) return redirect(to);
  return redirect(to, { headers: { "Set-Cookie": await textSizeCookie.serialize(size) } });
}

export const loader = () => redirect("/");
