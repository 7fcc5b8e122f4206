// The one typed configuration (ADR 019): defaults, a clear error for every variable, overrides that
// never leak into process.env, and a README that documents every variable the schema holds.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  childProcessEnv,
  config,
  CONFIG_VARIABLES,
  ConfigError,
  configure,
  loadConfig,
  resetConfig,
  type ConfigVariable,
} from "../../app/config.server.ts";

function problemsOf(env: Record<string, unknown>) {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("gives every variable its documented default", () => {
    expect(loadConfig({})).toEqual({
      NODE_ENV: "production",
      PORT: 3000,
      HOST: "0.0.0.0",
      DB_POOL_MAX: 10,
      DB_PREPARED_STATEMENTS: true,
      DATA_DIR: ".data",
      MEDIA_DIR: ".data/media",
      S3_REGION: "us-east-1",
      S3_FORCE_PATH_STYLE: false,
      MEILI_INDEX: "catalog",
      LIVEKIT_EGRESS: false,
      VIDEO_JOB_MS: 15_000,
      REMINDER_JOB_MS: 30_000,
      WORKER_SEMI_SPACE_MB: 64,
      MAIL_FROM: "云展洽 CloudFair <noreply@cloudfair.localhost>",
      MAIL_JOB_MS: 5_000,
      MAIL_DIGEST_HOUR: 8,
      MAIL_DIGEST_JOB_MS: 300_000,
      DEV_SERVICES: true,
      INSTANCES: 1,
      RUN_JOBS: true,
      COOKIE_SECURE: false,
      LOG_LEVEL: "info",
    });
  });

  it("reads the environment's strings as typed values; empty means unset", () => {
    const c = loadConfig({
      PORT: "8080",
      DATABASE_URL: "postgres://u:p@db:5432/cloudfair",
      DB_POOL_MAX: "25",
      SEED_DEMO: "0",
      LIVEKIT_EGRESS: "1",
      DEV_SERVICES: "0",
      COOKIE_SECURE: "1",
      VIDEO_JOB_MS: "1000",
      INSTANCES: "3",
      REDIS_URL: "redis://127.0.0.1:6379",
      MEILI_URL: " ",
      MEILI_MASTER_KEY: "",
      LOG_LEVEL: "debug",
    });
    expect(c).toMatchObject({
      PORT: 8080,
      DB_POOL_MAX: 25,
      SEED_DEMO: false,
      LIVEKIT_EGRESS: true,
      DEV_SERVICES: false,
      COOKIE_SECURE: true,
      VIDEO_JOB_MS: 1000,
      INSTANCES: 3,
      LOG_LEVEL: "debug",
    });
    expect(c.MEILI_URL).toBeUndefined();
    expect(c.MEILI_MASTER_KEY).toBeUndefined();
    expect(loadConfig({ SEED_DEMO: "1" }).SEED_DEMO).toBe(true);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it("logs at warn under tests unless LOG_LEVEL says otherwise", () => {
    expect(loadConfig({ NODE_ENV: "test" }).LOG_LEVEL).toBe("warn");
    expect(loadConfig({ NODE_ENV: "test", LOG_LEVEL: "error" }).LOG_LEVEL).toBe("error");
    expect(loadConfig({ NODE_ENV: "development" }).LOG_LEVEL).toBe("info");
  });

  // One bad value per variable and the message that names what is expected. Free-form strings can
  // only be wrong in type, which is how an override in code could get them wrong.
  const invalid: Record<ConfigVariable, [unknown, string]> = {
    NODE_ENV: ["staging", "must be production, development or test"],
    PORT: ["http", "must be an integer from 0 to 65535"],
    HOST: [42, "Expected string"],
    APP_URL: ["https://fair.example.cn/app", "must be an origin such as https://fair.example.cn"],
    DATABASE_URL: ["not-a-url", "must be a URL starting with postgres:// or postgresql://"],
    DB_POOL_MAX: ["0", "must be an integer from 1 to 100"],
    DB_PREPARED_STATEMENTS: ["on", 'must be "0" or "1"'],
    DATA_DIR: [false, "Expected string"],
    MEDIA_DIR: [false, "Expected string"],
    SEED_DEMO: ["yes", 'must be "0" or "1"'],
    MEILI_URL: ["127.0.0.1:7700", "must be a URL starting with http:// or https://"],
    MEILI_MASTER_KEY: [1, "Expected string"],
    MEILI_INDEX: ["catalog; drop", "must be 1–100 letters, digits, '-' or '_'"],
    LIVEKIT_URL: ["ftp://lk", "must be a URL starting with ws:// or wss:// or http:// or https://"],
    LIVEKIT_API_KEY: [1, "Expected string"],
    LIVEKIT_API_SECRET: [1, "Expected string"],
    LIVEKIT_EGRESS: ["true", 'must be "0" or "1"'],
    VIDEO_JOB_MS: ["500", "must be an integer from 1000 to 3600000"],
    REMINDER_JOB_MS: ["500", "must be an integer from 1000 to 3600000"],
    STRIPE_SECRET_KEY: [1, "Expected string"],
    STRIPE_WEBHOOK_SECRET: [1, "Expected string"],
    STRIPE_API_BASE: ["localhost:12111", "must be a URL starting with http:// or https://"],
    SMTP_URL: ["mail.example.cn:587", "must be a URL starting with smtp:// or smtps://"],
    MAIL_FROM: [false, "Expected string"],
    MAIL_JOB_MS: ["50", "must be an integer from 200 to 3600000"],
    MAIL_DIGEST_HOUR: ["24", "must be an integer from 0 to 23"],
    MAIL_DIGEST_JOB_MS: ["500", "must be an integer from 1000 to 3600000"],
    REDIS_URL: ["http://127.0.0.1:6379", "must be a URL starting with redis:// or rediss://"],
    DEV_SERVICES: ["off", 'must be "0" or "1"'],
    INSTANCES: ["1.5", "must be an integer from 1 to 1000"],
    WEB_CONCURRENCY: ["0", "must be an integer from 1 to 64"],
    WORKER_SEMI_SPACE_MB: ["0", "must be an integer from 1 to 1024"],
    RUN_JOBS: ["yes", 'must be "0" or "1"'],
    COOKIE_SECURE: ["on", 'must be "0" or "1"'],
    LOG_LEVEL: ["loud", "must be one of fatal, error, warn, info, debug, trace, silent"],
    NEW_USER_PASSWORD: [1, "Expected string"],
    S3_ENDPOINT: ["s3.example.cn", "must be a URL starting with http:// or https://"],
    S3_REGION: [1, "Expected string"],
    S3_BUCKET: ["Booth_Media", "must be a bucket name"],
    S3_ACCESS_KEY_ID: [1, "Expected string"],
    S3_SECRET_ACCESS_KEY: [1, "Expected string"],
    S3_FORCE_PATH_STYLE: ["yes", 'must be "0" or "1"'],
    METRICS_TOKEN: ["short", "must be at least 16 characters"],
  };

  it.each(Object.entries(invalid))("rejects a bad %s with a message naming it", (variable, [value, message]) => {
    const problems = problemsOf({ [variable]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0].variable).toBe(variable);
    expect(problems[0].message).toContain(message);
  });

  it("covers every variable in the table above", () => {
    expect(Object.keys(invalid).sort()).toEqual([...CONFIG_VARIABLES].sort());
  });

  it("refuses LiveKit's public development secret, or a short one, in production only", () => {
    const lk = { LIVEKIT_URL: "wss://lk.example", LIVEKIT_API_KEY: "devkey" };
    for (const secret of ["secret", "devkey", "x".repeat(31)]) {
      const problems = problemsOf({ ...lk, LIVEKIT_API_SECRET: secret });
      expect(problems.map((p) => p.variable)).toEqual(["LIVEKIT_API_SECRET"]);
      expect(problems[0].message).toContain("public development secret");
      expect(problems[0].message).not.toContain(secret.slice(0, 6) + '"');
    }
    expect(loadConfig({ ...lk, LIVEKIT_API_SECRET: "x".repeat(32) }).LIVEKIT_API_SECRET).toHaveLength(32);
    expect(loadConfig({ ...lk, LIVEKIT_API_SECRET: "secret", NODE_ENV: "test" }).LIVEKIT_API_SECRET).toBe("secret");
  });

  it("takes S3 settings together: a bucket for any S3 variable, both keys or neither", () => {
    expect(problemsOf({ S3_ENDPOINT: "http://127.0.0.1:7070" }).map((p) => p.variable)).toEqual(["S3_BUCKET"]);
    expect(problemsOf({ S3_BUCKET: "media", S3_ACCESS_KEY_ID: "id" }).map((p) => p.variable)).toEqual([
      "S3_SECRET_ACCESS_KEY",
    ]);
    const c = loadConfig({ S3_BUCKET: "media", S3_ENDPOINT: "http://127.0.0.1:7070" });
    expect(c.S3_FORCE_PATH_STYLE).toBe(true); // self-hosted servers want path-style URLs
    expect(loadConfig({ S3_BUCKET: "media" }).S3_FORCE_PATH_STYLE).toBe(false); // AWS itself
    expect(
      loadConfig({ S3_BUCKET: "media", S3_ENDPOINT: "http://x", S3_FORCE_PATH_STYLE: "0" }).S3_FORCE_PATH_STYLE,
    ).toBe(false);
  });

  it("bounds numbers on both sides and refuses non-integers", () => {
    for (const [variable, value] of [
      ["DB_POOL_MAX", "101"],
      ["DB_POOL_MAX", "2.5"],
      ["VIDEO_JOB_MS", "999999999999"],
      ["PORT", "65536"],
      ["PORT", "-1"],
      ["INSTANCES", "0"],
    ])
      expect(problemsOf({ [variable]: value }).map((p) => p.variable)).toEqual([variable]);
  });

  it("lists every problem at once, echoing values but never secrets", () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({
        DATABASE_URL: "mysql://root:hunter2@db/x",
        LOG_LEVEL: "loud",
        DB_POOL_MAX: "lots",
        STRIPE_API_BASE: "nope",
      });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems.map((p) => p.variable).sort()).toEqual([
      "DATABASE_URL",
      "DB_POOL_MAX",
      "LOG_LEVEL",
      "STRIPE_API_BASE",
    ]);
    expect(error!.message).toMatch(/^invalid configuration \(4 problems\):\n/);
    expect(error!.message).toContain(
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
    );
    expect(error!.message).toContain('DB_POOL_MAX: must be an integer from 1 to 100 (got "lots")');
    expect(error!.message).toContain("DATABASE_URL: must be a URL starting with postgres:// or postgresql://\n");
    expect(error!.message).not.toContain("hunter2");
  });
});

describe("config() and configure()", () => {
  const env = process.env as Record<string, string | undefined>;
  const saved = { ...env };
  afterEach(() => {
    for (const name of CONFIG_VARIABLES) {
      if (saved[name] === undefined) delete env[name];
      else env[name] = saved[name];
    }
    resetConfig();
  });

  it("reads process.env once and keeps the result", () => {
    resetConfig();
    process.env.VIDEO_JOB_MS = "2000";
    const first = config();
    expect(first.VIDEO_JOB_MS).toBe(2000);
    process.env.VIDEO_JOB_MS = "3000";
    expect(config()).toBe(first);
    resetConfig();
    expect(config().VIDEO_JOB_MS).toBe(3000);
  });

  it("applies overrides over the environment without writing them into process.env", () => {
    resetConfig();
    process.env.STRIPE_SECRET_KEY = "sk_from_env";
    delete process.env.DATABASE_URL;
    delete process.env.LIVEKIT_URL;
    const before = { ...process.env };
    const c = configure({
      DATABASE_URL: "postgresql://postgres:postgres@127.0.0.1:5999/postgres?sslmode=disable",
      DB_POOL_MAX: 1,
      LIVEKIT_URL: "ws://127.0.0.1:7880",
      STRIPE_SECRET_KEY: "sk_test_stripe_mock",
      LIVEKIT_EGRESS: true,
    });
    expect(config()).toBe(c);
    expect(c).toMatchObject({ DB_POOL_MAX: 1, LIVEKIT_URL: "ws://127.0.0.1:7880", LIVEKIT_EGRESS: true });
    expect(c.STRIPE_SECRET_KEY).toBe("sk_test_stripe_mock");
    expect(process.env).toEqual(before);
    expect(process.env.DATABASE_URL).toBeUndefined();
    expect(process.env.STRIPE_SECRET_KEY).toBe("sk_from_env");

    // Later overrides add to earlier ones; undefined unsets a variable.
    configure({ LIVEKIT_EGRESS: false, LIVEKIT_URL: undefined });
    expect(config()).toMatchObject({ DB_POOL_MAX: 1, LIVEKIT_EGRESS: false });
    expect(config().LIVEKIT_URL).toBeUndefined();

    resetConfig();
    expect(config().DATABASE_URL).toBeUndefined();
    expect(config().STRIPE_SECRET_KEY).toBe("sk_from_env");
  });

  it("validates overrides and leaves the configuration unchanged when they are wrong", () => {
    resetConfig();
    const c = configure({ DB_POOL_MAX: 5 });
    expect(() => configure({ DB_POOL_MAX: 0, DATABASE_URL: "nope" })).toThrow(ConfigError);
    expect(config()).toBe(c);
    expect(config().DB_POOL_MAX).toBe(5);
  });

  it("an invalid environment fails on first use with every problem named", () => {
    resetConfig();
    process.env.LOG_LEVEL = "verbose";
    process.env.COOKIE_SECURE = "true";
    expect(() => config()).toThrow(/LOG_LEVEL: .*\n {2}COOKIE_SECURE: |COOKIE_SECURE: .*\n {2}LOG_LEVEL: /);
  });

  it("is shared by every copy of the module (the server entry and the Remix build load their own)", async () => {
    resetConfig();
    configure({ MEDIA_DIR: "/srv/media" });
    vi.resetModules();
    const other = await import("../../app/config.server.ts");
    expect(other.config).not.toBe(config); // a second module instance
    expect(other.config().MEDIA_DIR).toBe("/srv/media");
  });
});

describe("childProcessEnv", () => {
  it("copies the environment with changes and leaves process.env alone", () => {
    const before = { ...process.env };
    const env = childProcessEnv({ PORT: undefined, DATABASE_URL: "postgresql://x@127.0.0.1/y" });
    expect(env.PORT).toBeUndefined();
    expect(env.DATABASE_URL).toBe("postgresql://x@127.0.0.1/y");
    expect(env.PATH).toBe(process.env.PATH);
    expect(process.env).toEqual(before);
  });
});

describe("README", () => {
  it("documents every variable the schema holds in its configuration table", () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");
    const table = readme.split("## Configuration")[1].split("\n## ")[0];
    const documented = new Set(
      [...table.matchAll(/^\| ([^|]+) \|/gm)].flatMap((m) => m[1].match(/[A-Z][A-Z0-9_]*/g) ?? []),
    );
    expect(CONFIG_VARIABLES.filter((v) => !documented.has(v))).toEqual([]);
  });
});
