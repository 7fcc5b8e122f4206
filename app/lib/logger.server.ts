import pino from "pino";

/** Structured JSON logs (one line each) for the server and domain modules. */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
  base: { service: "cloudfair" },
  redact: { paths: ["req.headers.cookie", "password", "*.password", "token"], remove: true },
});
