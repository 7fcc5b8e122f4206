import type { MessageKey } from "~/i18n";

/** An error the user caused (bad input, conflict, missing rights): becomes a 4xx with a localized message. */
export class DomainError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly status = 400,
    readonly params?: Record<string, string | number>,
    readonly field?: string,
  ) {
    super(key);
    this.name = "DomainError";
  }
}
