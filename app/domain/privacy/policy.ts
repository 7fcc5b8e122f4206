// The numbers the privacy notice states and the code enforces (docs/decisions/022-personal-data.md).
// Pure: the notice page renders them, the privacy job and the account functions apply them, and
// tests check that the two agree with what the rest of the code does.

export const PRIVACY = {
  /** A session (login) lasts this long unless you log out first (app/auth/session.server.ts). */
  sessionDays: 30,
  /** Login attempts (email, network address, time, success) are deleted after this long. */
  loginAttemptDays: 30,
  /** Password-reset links work for an hour; used or expired ones are deleted a day later. */
  resetLinkHours: 1,
  resetTokenKeptDays: 1,
  /** Visits from unknown browsers carry a hash of IP + user agent under a daily salt; the salt and the hash go after two days. */
  visitSaltDays: 2,
  /** "Delete my account": erased this long after the request unless cancelled by logging in. */
  deletionGraceDays: 14,
  /** The one-time link a login during the grace period gets to cancel the deletion. */
  restoreLinkMinutes: 15,
  /** "Download my data" at most once per this many minutes. */
  exportEveryMinutes: 10,
} as const;

/** What an erased account's name becomes: the other side of every meeting and chat sees this. */
export const FORMER_PARTICIPANT = "前参与者 / former participant";

export const CONSENT_KINDS = ["LEAD_SHARING", "CONTACT_SHARING", "RECORDING"] as const;
export type ConsentKindCode = (typeof CONSENT_KINDS)[number];

/**
 * The wording a consent was given under. Changing a text means a new version (and a new key), so a
 * stored consent always names the words that were shown; the text itself is stored with it too.
 */
export const CONSENT_WORDING = {
  lead: { kind: "LEAD_SHARING", version: "lead-sharing/1", key: "consent.text.leadSharing" },
  contact: { kind: "CONTACT_SHARING", version: "contact-sharing/1", key: "consent.text.contactSharing" },
  contactAccept: {
    kind: "CONTACT_SHARING",
    version: "contact-sharing-accept/1",
    key: "consent.text.contactSharingAccept",
  },
  recording: { kind: "RECORDING", version: "recording/1", key: "consent.text.recording" },
  /** Recorded when someone withdraws a consent that was implied by what they did before consents were recorded. */
  implied: { kind: null, version: "implied/1", key: "consent.text.implied" },
} as const;
export type ConsentWording = keyof typeof CONSENT_WORDING;
