// Every mail template by kind (the `kind` of a MailOutbox row). One file per template.
import type { MailTemplate } from "../template";
import { exhibitorInvite, investorInvite } from "./invitation";

export const templates: Record<string, MailTemplate> = {
  "exhibitor-invite": exhibitorInvite,
  "investor-invite": investorInvite,
};
