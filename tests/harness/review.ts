// A staff decision on a booth through the real review action, as the review queue posts it.
import * as review from "../../app/routes/staff.fairs.$id_.review.tsx";
import { call, req } from "./factories.ts";

export const reviewBooth = (
  fairId: string,
  staffCookie: string,
  boothId: string,
  decision: "approve" | "reject" | "changes",
  extra: Record<string, string> = {},
) =>
  call(
    review.action,
    req(`/staff/fairs/${fairId}/review`, {
      cookie: staffCookie,
      form: { intent: "review", boothId, decision, ...extra },
    }),
    { id: fairId },
  );
