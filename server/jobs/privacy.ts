// Personal data (docs/decisions/022-personal-data.md): erase accounts whose grace period is over,
// and about once an hour delete what is kept only for a while (sessions, login attempts, reset links,
// visit IP hashes and salts). A scheduled job decides, never a page load.
import { eraseDueAccounts } from "../../app/domain/privacy/deletion.server.ts";
import { pruneExpired } from "../../app/domain/privacy/retention.server.ts";
import { logger } from "../../app/lib/logger.server.ts";
import type { PeriodicJob } from "./queue.ts";

const HOUR = 3600_000;

export function privacyJob(everyMs = 10 * 60_000): PeriodicJob {
  // Per instance: with several instances the pruning may run a little more often than hourly
  // (whichever instance takes the run); it is idempotent.
  let prunedAt = 0;
  return {
    name: "privacy-retention",
    everyMs,
    firstDelayMs: 60_000,
    run: async () => {
      const erased = await eraseDueAccounts();
      if (erased) logger.info({ erased }, "accounts erased after their grace period");
      if (Date.now() - prunedAt >= HOUR) {
        prunedAt = Date.now();
        const pruned = await pruneExpired();
        if (Object.values(pruned).some((n) => n > 0)) logger.info(pruned, "expired personal data deleted");
      }
    },
  };
}
