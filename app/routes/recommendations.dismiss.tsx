// "Not interested" on a recommendation (investor about a project, or exhibitor about an investor).
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { requireUser } from "~/auth/guards.server";
import { markNotInterested } from "~/domain/recommendations/recommendations.server";
import { safeRedirect } from "~/lib/redirects";
import { orErrorPage } from "~/lib/responses.server";

const schema = z.object({
  projectId: z.string().min(1).max(64),
  investorOrgId: z
    .string()
    .max(64)
    .optional()
    .transform((v) => v || undefined),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const parsed = schema.safeParse(Object.fromEntries(form));
  if (!parsed.success) throw new Response(null, { status: 400 });
  await orErrorPage(markNotInterested(user, parsed.data));
  return redirect(safeRedirect(form.get("redirectTo"), "/dashboard"));
}

export const loader = () => redirect("/dashboard");
