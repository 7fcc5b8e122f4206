// Every mail template by kind (the `kind` of a MailOutbox row). One file per template.
import type { MailTemplate } from "../template";

export const templates: Record<string, MailTemplate> = {};
