// The onboarding template for download (?kind=exhibitor|investor&format=xlsx|csv).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireFairStaff } from "~/auth/guards.server";
import { onboardingTemplate } from "~/domain/onboarding/template.server";
import { orErrorPage } from "~/lib/responses.server";

const query = z.object({
  kind: z.enum(["exhibitor", "investor"]).catch("exhibitor"),
  format: z.enum(["xlsx", "csv"]).catch("xlsx"),
});

export async function loader({ params, request }: LoaderFunctionArgs) {
  const fairId = params.id ?? "";
  await requireFairStaff(request, fairId, "read");
  const url = new URL(request.url);
  const q = query.parse({ kind: url.searchParams.get("kind") ?? "", format: url.searchParams.get("format") ?? "" });
  const file = await orErrorPage(onboardingTemplate(fairId, q.kind, q.format));
  return new Response(typeof file.body === "string" ? file.body : Buffer.from(file.body), {
    headers: {
      "Content-Type": file.type,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
