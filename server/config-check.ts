// Imported first by the server entry and the scripts: validates the configuration before any other
// module loads (the logger and the session cookie read it as they load), so a bad value stops the
// process with one message naming every variable at fault, not with a stack trace.
import { config, ConfigError } from "../app/config.server.ts";

try {
  config();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`CloudFair cannot start: ${err.message}`);
  process.exit(1);
}
