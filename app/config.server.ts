// The one typed configuration (docs/decisions/019-configuration.md). Every environment variable
// the app, the server and the scripts use is declared here, validated once, and read through
// `config()`; nothing else reads `process.env` (an ESLint rule holds it). Values the server works
// out at start (the embedded database's URL, the local LiveKit / stripe-mock) are set with
// `configure()`, never written back into `process.env`.
//
// The state lives on globalThis because the server entry and the Remix build each load their own
// copy of this module; both must see the same values.
import { z } from "zod";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** "0" / "1" in the environment, a boolean in code. */
const flag = () =>
  z.preprocess(
    (v) => (v === "1" ? true : v === "0" ? false : v),
    z.boolean({ invalid_type_error: 'must be "0" or "1"' }),
  );

const int = (min: number, max: number) => {
  const message = `must be an integer from ${min} to ${max}`;
  return z.coerce.number({ invalid_type_error: message }).int(message).min(min, message).max(max, message);
};

const url = (...protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(" or ")}` },
  );

/** An http(s) origin such as `https://fair.example.cn` (a trailing `/` is dropped; no path, query or credentials). */
const origin = () =>
  z
    .string()
    .refine(
      (v) => {
        try {
          const u = new URL(v);
          return (
            (u.protocol === "http:" || u.protocol === "https:") &&
            u.pathname === "/" &&
            !u.search &&
            !u.hash &&
            !u.username &&
            !u.password
          );
        } catch {
          return false;
        }
      },
      { message: "must be an origin such as https://fair.example.cn (http:// or https://, no path)" },
    )
    .transform((v) => new URL(v).origin);

const nonEmpty = () => z.string().min(1, "must not be empty");

const fields = z.object({
  /** `production` (default), `development` or `test` (Vitest sets it); only the default log level depends on it. */
  NODE_ENV: z
    .enum(["production", "development", "test"], {
      errorMap: () => ({ message: "must be production, development or test" }),
    })
    .default("production"),
  /** TCP port the server listens on (0 = any free port). */
  PORT: int(0, 65535).default(3000),
  /** Address the server listens on. */
  HOST: nonEmpty().default("0.0.0.0"),
  /**
   * Public base URL of the app, e.g. `https://fair.example.cn`: every absolute link (password-reset
   * links, calendar feeds, payment return pages) is built on it, never on the request's Host or
   * X-Forwarded-Host. Unset: `http://localhost:<PORT>`. The server refuses to start without it when
   * NODE_ENV is `production` and DATABASE_URL is set (a real deployment).
   */
  APP_URL: origin().optional(),
  /** Postgres connection string. Unset: the server starts the embedded PGlite in DATA_DIR. */
  DATABASE_URL: url("postgres:", "postgresql:").optional(),
  /** Connections in the app's database pool. The embedded PGlite always uses 1 (ADR 001). */
  DB_POOL_MAX: int(1, 100).default(10),
  /** `1` prepares each statement by name on each connection (ADR 038); `0` for the embedded PGlite or a
   * pooler in transaction mode without prepared-statement support. */
  DB_PREPARED_STATEMENTS: flag().default(true),
  /** Directory of the embedded database (`<DATA_DIR>/pglite`). */
  DATA_DIR: nonEmpty().default(".data"),
  /** Directory of booth media (uploads and the demo's generated art), served under /media. */
  MEDIA_DIR: nonEmpty().default(".data/media"),
  /** `1` seeds the demo fair into DATABASE_URL at start, `0` never seeds. Unset: seeds the embedded database only. */
  SEED_DEMO: flag().optional(),
  /** Meilisearch URL for catalog search. Unset: the embedded in-process engine. */
  MEILI_URL: url("http:", "https:").optional(),
  /** Meilisearch API key. */
  MEILI_MASTER_KEY: z.string().optional(),
  /** Meilisearch index uid (letters, digits, `-`, `_`). */
  MEILI_INDEX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,100}$/, "must be 1–100 letters, digits, '-' or '_'")
    .default("catalog"),
  /** LiveKit URL browsers connect to (ws:// or wss://). Unset: a local livekit-server if installed, else no video. */
  LIVEKIT_URL: url("ws:", "wss:", "http:", "https:").optional(),
  /** LiveKit API key (also signs its webhooks). */
  LIVEKIT_API_KEY: z.string().optional(),
  /** LiveKit API secret. */
  LIVEKIT_API_SECRET: z.string().optional(),
  /** S3-compatible endpoint for booth media, e.g. `http://127.0.0.1:7070`. Unset with S3_BUCKET set: AWS S3 itself. */
  S3_ENDPOINT: url("http:", "https:").optional(),
  /** S3 region (any value for most self-hosted servers). */
  S3_REGION: nonEmpty().default("us-east-1"),
  /** Bucket for booth media. Set: media live in this (private) bucket instead of MEDIA_DIR (docs/decisions/029). */
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be a bucket name: 3–63 lowercase letters, digits, '.' or '-'")
    .optional(),
  /** S3 access key id. */
  S3_ACCESS_KEY_ID: z.string().optional(),
  /** S3 secret access key. */
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** `1` uses path-style URLs (`http://host/bucket/key`), as most self-hosted servers need. Default: `1` when S3_ENDPOINT is set. */
  S3_FORCE_PATH_STYLE: flag().optional(),
  /** Bearer token that reads `GET /metrics` (Prometheus). Unset: /metrics answers 404. */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  /** `1` when a LiveKit Egress service is attached: participants can agree to record. */
  LIVEKIT_EGRESS: flag().default(false),
  /** How often (ms) the job opens video rooms and settles attendance. */
  VIDEO_JOB_MS: int(1_000, 3_600_000).default(15_000),
  /** How often (ms) the job sends "starting soon" meeting and roadshow reminders and queues reminder mails. */
  REMINDER_JOB_MS: int(1_000, 3_600_000).default(30_000),
  /** Stripe secret key for booth fees. Unset: fees cannot be paid online (staff can waive them). */
  STRIPE_SECRET_KEY: z.string().optional(),
  /** Secret that signs Stripe's webhook deliveries to /webhooks/stripe. */
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  /** Another Stripe API host, e.g. stripe-mock. */
  STRIPE_API_BASE: url("http:", "https:").optional(),
  /**
   * Outgoing mail server, e.g. `smtp://user:pass@smtp.example.cn:587` (`smtps://` for implicit TLS).
   * Unset: mails are composed and kept in the local outbox admins read at /admin/mail (ADR 026).
   */
  SMTP_URL: url("smtp:", "smtps:").optional(),
  /** Sender of every mail, e.g. `云展洽 CloudFair <noreply@fair.example.cn>`. */
  MAIL_FROM: nonEmpty().default("云展洽 CloudFair <noreply@cloudfair.localhost>"),
  /** How often (ms) the mail worker looks for due mails. */
  MAIL_JOB_MS: int(200, 3_600_000).default(5_000),
  /** Local hour (0–23, in each recipient's own time zone) at which the daily digest goes out (ADR 026). */
  MAIL_DIGEST_HOUR: int(0, 23).default(8),
  /** How often (ms) the digest job looks for recipients whose digest hour has come. */
  MAIL_DIGEST_JOB_MS: int(1_000, 3_600_000).default(300_000),
  /** Redis for the socket.io adapter (several instances). Unset: in memory, one instance. */
  REDIS_URL: url("redis:", "rediss:").optional(),
  /** `0` never starts the local livekit-server / stripe-mock from .tools/bin. */
  DEV_SERVICES: flag().default(true),
  /** How many app instances run; above 1 the server warns about single-instance embedded defaults. */
  INSTANCES: int(1, 1000).default(1),
  /**
   * HTTP processes of this instance (node:cluster, docs/decisions/025-throughput.md). Unset: the CPU
   * count on PostgreSQL in production, otherwise 1; always 1 on the embedded database.
   */
  WEB_CONCURRENCY: int(1, 64).optional(),
  /**
   * V8's young generation per HTTP worker (`--max-semi-space-size`, MB). Under load a request's
   * objects outlive V8's default 16 MB nursery, are promoted and pile up in the old generation until
   * a full collection: a worker's heap saw-toothed to ~700 MB. 64 keeps them young (ADR 036).
   */
  WORKER_SEMI_SPACE_MB: int(1, 1024).default(64),
  /** `0`: this process runs no background jobs (set by the cluster primary on all workers but one). */
  RUN_JOBS: flag().default(true),
  /** `1` marks cookies `Secure` (serve behind HTTPS). */
  COOKIE_SECURE: flag().default(false),
  /** pino log level. Default `info` (`warn` when NODE_ENV is `test`). */
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { errorMap: () => ({ message: `must be one of ${LOG_LEVELS.join(", ")}` }) })
    .optional(),
  /** Password for `npm run user:create` when `--password` is not given. */
  NEW_USER_PASSWORD: z.string().optional(),
});

/** Secrets published in LiveKit's docs and its `--dev` mode: anyone could sign webhooks with them. */
export const PUBLIC_LIVEKIT_SECRETS = ["secret", "devkey"];

const schema = fields
  .superRefine((c, ctx) => {
    // (Refinements also run when a field failed; only a well-formed endpoint counts here.)
    const s3Named = (["S3_ENDPOINT", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const).filter(
      (v) => c[v] && (v !== "S3_ENDPOINT" || url("http:", "https:").safeParse(c[v]).success),
    );
    if (!c.S3_BUCKET && s3Named.length)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["S3_BUCKET"],
        message: `must be set when ${s3Named.join(", ")} ${s3Named.length === 1 ? "is" : "are"} set (media would silently stay on local disk)`,
      });
    if (!!c.S3_ACCESS_KEY_ID !== !!c.S3_SECRET_ACCESS_KEY)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [c.S3_ACCESS_KEY_ID ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID"],
        message: "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are set together",
      });
    if (c.NODE_ENV !== "production" || c.LIVEKIT_API_SECRET === undefined) return;
    if (PUBLIC_LIVEKIT_SECRETS.includes(c.LIVEKIT_API_SECRET) || c.LIVEKIT_API_SECRET.length < 32)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["LIVEKIT_API_SECRET"],
        message:
          "is a public development secret or shorter than 32 characters; in production use a random secret (webhooks signed with it are trusted)",
      });
  })
  .transform((c) => ({
    ...c,
    S3_FORCE_PATH_STYLE: c.S3_FORCE_PATH_STYLE ?? !!c.S3_ENDPOINT,
    LOG_LEVEL: c.LOG_LEVEL ?? (c.NODE_ENV === "test" ? "warn" : "info"),
  }));

export type Config = Readonly<z.output<typeof schema>>;
export type ConfigVariable = keyof z.output<typeof fields>;
/** Every variable the schema holds (the README's configuration table lists them all). */
export const CONFIG_VARIABLES = Object.keys(fields.shape) as ConfigVariable[];

/** Values never echoed in error messages. */
const SECRET = new Set<string>([
  "DATABASE_URL",
  "REDIS_URL",
  "MEILI_MASTER_KEY",
  "LIVEKIT_API_KEY",
  "LIVEKIT_API_SECRET",
  "STRIPE_SECRET_KEY",
  "STRIPE_WEBHOOK_SECRET",
  "NEW_USER_PASSWORD",
  "S3_ACCESS_KEY_ID",
  "S3_SECRET_ACCESS_KEY",
  "METRICS_TOKEN",
  "SMTP_URL",
]);

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `invalid configuration (${problems.length} ${problems.length === 1 ? "problem" : "problems"}):\n` +
        problems.map((p) => `  ${p.variable}: ${p.message}`).join("\n") +
        "\nSee the configuration table in README.md.",
    );
    this.name = "ConfigError";
  }
}

/**
 * Validates an environment (strings, as in `process.env`) or overrides (typed values) and returns
 * the configuration; throws a ConfigError naming every variable at fault. Empty values count as unset.
 */
export function loadConfig(env: Readonly<Record<string, unknown>>): Config {
  const input: Record<string, unknown> = {};
  for (const name of CONFIG_VARIABLES) {
    const v = env[name];
    input[name] = typeof v === "string" && v.trim() === "" ? undefined : v;
  }
  const parsed = schema.safeParse(input);
  if (parsed.success) return Object.freeze(parsed.data);
  throw new ConfigError(
    parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? "?");
      const got = input[variable];
      const shown =
        typeof got === "string" && !SECRET.has(variable) ? ` (got ${JSON.stringify(got.slice(0, 100))})` : "";
      return { variable, message: issue.message + shown };
    }),
  );
}

declare global {
  var __cloudfairConfig: { overrides: Partial<Config>; current?: Config } | undefined;
}

const state = () => (globalThis.__cloudfairConfig ??= { overrides: {} });

function fromProcessEnv(): Record<string, string | undefined> {
  return Object.fromEntries(CONFIG_VARIABLES.map((name) => [name, process.env[name]]));
}

/** The configuration: the environment, validated on first use, with the overrides set by `configure`. */
export function config(): Config {
  const s = state();
  return (s.current ??= loadConfig({ ...fromProcessEnv(), ...s.overrides }));
}

/**
 * Sets values worked out at run time (the embedded database, local dev services) or by tests.
 * They are validated like the environment (a ConfigError leaves everything unchanged), take
 * precedence over it, and never touch `process.env`. `undefined` makes a variable unset.
 */
export function configure(overrides: Partial<Config>): Config {
  const s = state();
  const merged = { ...s.overrides, ...overrides };
  const next = loadConfig({ ...fromProcessEnv(), ...merged });
  s.overrides = merged;
  s.current = next;
  return next;
}

/** Tests only: forgets every override and re-reads `process.env` on the next `config()`. */
export function resetConfig(): void {
  globalThis.__cloudfairConfig = undefined;
}

/**
 * Problems that stop the server (not the scripts) on top of the schema: a real deployment
 * (NODE_ENV=production with DATABASE_URL from the environment) must say where it is served.
 */
export function serverConfigProblems(c: Config): { variable: string; message: string }[] {
  if (c.NODE_ENV === "production" && c.DATABASE_URL && !c.APP_URL)
    return [
      {
        variable: "APP_URL",
        message:
          "must be set when NODE_ENV is production and DATABASE_URL is set: the public base URL, e.g. https://fair.example.cn",
      },
    ];
  return [];
}

/**
 * The environment for a child process (livekit-server, stripe-mock, the Prisma CLI): this
 * process's own environment with `changes` applied (`undefined` removes a variable).
 */
export function childProcessEnv(changes: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/**
 * React (and other libraries) read `process.env.NODE_ENV` themselves, not config(): without this an
 * `npm start` with NODE_ENV unset rendered every page with React's development build, several times
 * slower (docs/decisions/025-throughput.md). The server calls it before it loads the build.
 */
export function applyNodeEnv(c: Config = config()): void {
  process.env.NODE_ENV = c.NODE_ENV;
}
