// Every mail template by kind (the `kind` of a MailOutbox row). One file per template.
import type { MailTemplate } from "../template";
import { exhibitorInvite, investorInvite } from "./invitation";
import { dailyDigest } from "./digest";
import { boothReview, fairSurvey, meetingOutcome } from "./follow-up";
import { meetingTemplates } from "./meeting";
import { passwordReset } from "./password-reset";
import { roadshowStarting } from "./roadshow";
import { verifyEmail } from "./verify-email";

export const templates: Record<string, MailTemplate> = {
  "exhibitor-invite": exhibitorInvite,
  "investor-invite": investorInvite,
  "password-reset": passwordReset,
  "verify-email": verifyEmail,
  ...meetingTemplates,
  "meeting.outcome": meetingOutcome,
  "fair.survey": fairSurvey,
  "booth.approved": boothReview("booth.approved"),
  "booth.changes": boothReview("booth.changes"),
  "booth.rejected": boothReview("booth.rejected"),
  "roadshow.starting": roadshowStarting,
};
// The digest composes the mails it holds with the templates above.
templates.digest = dailyDigest(templates);
