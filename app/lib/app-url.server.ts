// The one place absolute URLs come from (docs/decisions/020-request-edge.md): the configured public
// origin APP_URL, never the request's Host or X-Forwarded-Host (which anyone can set).
import { config } from "~/config.server";

/** The app's public origin, e.g. `https://fair.example.cn` (APP_URL; unset: `http://localhost:<PORT>`). */
export function appOrigin(): string {
  return config().APP_URL ?? `http://localhost:${config().PORT}`;
}

/** An absolute URL on the app's public origin; `path` starts with `/`. */
export function appUrl(path: string): string {
  if (!path.startsWith("/") || path.startsWith("//")) throw new Error(`appUrl needs a path starting with one "/"`);
  return appOrigin() + path;
}
