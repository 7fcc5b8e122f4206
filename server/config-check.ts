// Imported first by the server entry and the scripts: validates the configuration before any other
// module loads (the logger and the session cookie read it as they load), so a bad value stops the
// process with one message naming every variable at fault, not with a stack trace.
import { applyNodeEnv, config, ConfigError, serverConfigProblems } from "../app/config.server.ts";

function stop(err: ConfigError): never {
  console.error(`CloudFair cannot start: ${err.message}`);
  process.exit(1);
}

try {
  config();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  stop(err);
}

/** The server's own requirements on top of the schema (APP_URL in production); the scripts do without. */
export function checkServerConfig(): void {
  const problems = serverConfigProblems(config());
  if (problems.length) stop(new ConfigError(problems));
  applyNodeEnv(); // before the build (and React) loads: production unless configured otherwise
}
