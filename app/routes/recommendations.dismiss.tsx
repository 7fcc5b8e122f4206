// "Not interested" on a recommendation (investor about a project, or exhibitor about an investor).
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { requireUser } from "~/auth/guards.server";
import { markNotInterested } from "~/domain/recommendations/recommendations.server";
import { requestContext } from "~/i18n/request.server";
import { parseForm } from "~/lib/forms.server";
import { safeRedirect } from "~/lib/redirects";
import { orErrorPage } from "~/lib/responses.server";

const schema = z.object({
  projectId: z.string().min(1).max(64),
  investorOrgId: z
    .string()
    .max(64)
    .optional()
    .transform((v) => v || undefined),
  redirectTo: z.string().max(2048).optional().catch(undefined),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { t } = await requestContext(request, user);
  const form = parseForm(schema, await request.formData(), t);
  if (!form.ok) throw new Response(null, { status: 400 });
  const { redirectTo, ...choice } = form.data;
  await orErrorPage(markNotInterested(user, choice));
  return redirect(safeRedirect(redirectTo, "/dashboard"));
}

export const loader = () => redirect("/dashboard");
