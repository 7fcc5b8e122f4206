// Runs `work` again `intervalMs` after each run finishes (never two at once); stop waits for the
// current run. Failures are logged and retried on the next tick.
import { logger } from "../../app/lib/logger.server.ts";

export function runEvery(
  name: string,
  intervalMs: number,
  work: () => Promise<void>,
  firstDelayMs = intervalMs,
): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  const tick = async () => {
    running = work().catch((err) => logger.warn({ err: (err as Error).message }, `${name} failed; will retry`));
    await running;
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  timer = setTimeout(tick, firstDelayMs);
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}
