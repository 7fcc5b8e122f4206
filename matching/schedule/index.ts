/**
 * Meeting auto-scheduler (pure, deterministic). See
 * docs/decisions/011-meeting-scheduler.md.
 *
 *   const result = scheduleMeetings({ requests, availability, slots });
 *   const check = validateSchedule(input, result); // check.ok
 */
export { scheduleMeetings, DEFAULT_OPTIONS } from "./schedule.ts";
export { validateSchedule, type ValidateOptions } from "./validate.ts";
export { buildScheduleLp, solveScheduleIlp, type IlpOptions, type IlpResult, type ScheduleLp } from "./ilp.ts";
export type {
  MeetingRequest,
  PartyAvailability,
  PartyId,
  ScheduledMeeting,
  ScheduleInput,
  ScheduleOptions,
  ScheduleResult,
  ScheduleStats,
  SlotId,
  SlotSpec,
  UnscheduledPair,
  UnscheduledReason,
  ValidationResult,
} from "./types.ts";
