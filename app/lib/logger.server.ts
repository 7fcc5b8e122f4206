import pino from "pino";
import { config } from "~/config.server";

/** Structured JSON logs (one line each) for the server and domain modules. */
export const logger = pino({
  level: config().LOG_LEVEL,
  base: { service: "cloudfair" },
  redact: { paths: ["req.headers.cookie", "password", "*.password", "token"], remove: true },
});
