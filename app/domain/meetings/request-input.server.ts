// The meeting-request input, defined and parsed once (ADR 018): what a person fills in on a booth
// page or when inviting an investor — up to 3 of the fair's slots, an optional project, a message —
// and the same slots and message when answering a request with other times. The counterpart comes
// from the page (who the booth or the investor belongs to), never from the form.
import { z } from "zod";
import type { Translate } from "~/i18n";
import { instant } from "~/lib/form-fields";
import { parseForm, type FormResult } from "~/lib/forms.server";

export const MAX_PROPOSED_SLOTS = 3;

/** A slot as the page sends it: its start instant (a real day; the fair's grid is checked by the domain). */
export const slotStart = instant("meetings.error.badSlot");

export const proposedSlots = z
  .array(slotStart)
  .min(1, "meetings.error.pickSlot")
  .max(MAX_PROPOSED_SLOTS, "meetings.error.tooManySlots");

export const meetingMessage = z.string().trim().max(1000, "error.tooLong").default("");

/** The form on a booth page and on "invite investor". */
export const meetingRequestForm = z.object({
  projectId: z
    .string()
    .max(64)
    .optional()
    .transform((v) => v || undefined),
  message: meetingMessage,
  slots: proposedSlots,
});

/** What requestMeeting takes: the form plus the counterpart organization. */
export type MeetingRequestInput = z.infer<typeof meetingRequestForm> & { toOrgId: string };

/** Parses a meeting-request form for the counterpart the page stands for. */
export function parseMeetingRequest(form: FormData, toOrgId: string, t: Translate): FormResult<MeetingRequestInput> {
  const r = parseForm(meetingRequestForm, form, t);
  return r.ok ? { ...r, data: { ...r.data, toOrgId } } : r;
}
