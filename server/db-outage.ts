// Whether the database is away (docs/decisions/037-faults.md). A page that fails (a 500, or an error
// out of the app) while the database does not answer a probe is an outage, not a bug: the edge
// then answers 503 with Retry-After (anonymous public pages from the page cache, however old), and
// every request after it gets the same at once, without trying the database, until a probe
// answers again. Probes run every `probeEveryMs` while the database is away, so the app is back
// within about that long of the database; nothing is probed while it is up.
// A probe that takes longer than `timeoutMs` counts as no answer (a database that accepts
// connections but never answers is as away as one that refuses them).
import { logger } from "../app/lib/logger.server.ts";

export interface DatabaseOutageOptions {
  /** One round trip to the database (e.g. `SELECT 1`); throws when it cannot be made. */
  probe: () => Promise<unknown>;
  probeEveryMs?: number;
  timeoutMs?: number;
  /** Seconds a client is asked to wait (Retry-After). */
  retryAfterS?: number;
}

export class DatabaseOutage {
  readonly retryAfterS: number;
  private readonly probe: () => Promise<unknown>;
  private readonly probeEveryMs: number;
  private readonly timeoutMs: number;
  private since: number | null = null;
  private checking: Promise<boolean> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(opts: DatabaseOutageOptions) {
    this.probe = opts.probe;
    this.probeEveryMs = opts.probeEveryMs ?? 500;
    this.timeoutMs = opts.timeoutMs ?? 1_000;
    this.retryAfterS = opts.retryAfterS ?? 5;
  }

  /** True while the database is known to be away. */
  get down(): boolean {
    return this.since !== null;
  }

  /**
   * After a failure: is the database away? Probes it (one probe for all concurrent callers) unless
   * it is already known to be away; an outage found here starts the probes that end it.
   */
  confirm(): Promise<boolean> {
    if (this.since !== null) return Promise.resolve(true);
    this.checking ??= this.answers().then((ok) => {
      this.checking = null;
      if (!ok && this.since === null) {
        this.since = Date.now();
        logger.error("database not answering: pages answer 503 (public ones from the page cache) until it is back");
        this.schedule();
      }
      return !ok;
    });
    return this.checking;
  }

  /** Stops the probes (the server is closing). */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      void this.answers().then((ok) => {
        if (!ok) return this.schedule();
        logger.info({ awayMs: Date.now() - (this.since ?? Date.now()) }, "database answering again");
        this.since = null;
        this.timer = null;
      });
    }, this.probeEveryMs);
    this.timer.unref();
  }

  private async answers(): Promise<boolean> {
    let timeout: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.probe(),
        new Promise((_, reject) => (timeout = setTimeout(() => reject(new Error("timeout")), this.timeoutMs))),
      ]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timeout);
    }
  }
}
