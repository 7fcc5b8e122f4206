// The app's routes as Remix itself sees them: the `routes` manifest of the production build
// (build/server/index.js), which is generated from app/routes/* with Remix's flat-routes naming.
// The authorization matrix and the hostile-input suite are generated from this list, so a route
// added to app/routes appears here without anyone remembering to list it.
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { BUILD, ensureBuild } from "./app-server.ts";

export interface AppRoute {
  /** Remix's route id, e.g. `routes/booths.$id_.edit` */
  id: string;
  /** The URL pattern, e.g. `/booths/:id/edit`, `/api/v1/*` */
  pattern: string;
  /** The dynamic segments it needs, e.g. `["id"]`; the splat is `*` */
  params: string[];
  /** Answers GET (has a loader) */
  loader: boolean;
  /** Answers POST (has an action) */
  action: boolean;
  /** Renders a page (has a default export); otherwise a resource route */
  page: boolean;
  /** An index route: a POST to it carries `?index`, as Remix's <Form> does */
  index: boolean;
}

let cached: Promise<AppRoute[]> | null = null;

/** Every route of the production build, sorted by pattern (the root layout excluded). */
export function appRoutes(): Promise<AppRoute[]> {
  cached ??= (async () => {
    await ensureBuild();
    const build = (await import(pathToFileURL(BUILD).href)) as ServerBuild;
    const manifest = build.routes;
    const fullPath = (id: string): string => {
      const r = manifest[id];
      const parent = r.parentId ? fullPath(r.parentId) : "";
      const own = r.path ?? "";
      return own ? `${parent.replace(/\/$/, "")}/${own}` : parent || "/";
    };
    return Object.values(manifest)
      .filter((r) => r.id !== "root")
      .map((r) => {
        const pattern = fullPath(r.id);
        const mod = r.module as { loader?: unknown; action?: unknown; default?: unknown };
        return {
          id: r.id,
          pattern,
          params: [...pattern.matchAll(/:(\w+)|(\*)/g)].map((m) => m[1] ?? "*"),
          loader: typeof mod.loader === "function",
          action: typeof mod.action === "function",
          page: typeof mod.default === "function",
          index: r.index === true,
        };
      })
      .sort((a, b) => a.pattern.localeCompare(b.pattern));
  })();
  return cached;
}

/** The URL path of a route for these params (each percent-encoded; the splat as given). */
export function fillPattern(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/:(\w+)|\*/g, (whole, name: string | undefined) => {
    const key = name ?? "*";
    if (!(key in params)) throw new Error(`no value for ${whole} in ${pattern}`);
    return name ? encodeURIComponent(params[key]) : params[key];
  });
}

/** The route a URL path belongs to (static segments beat dynamic ones, the splat comes last), or null. */
export function routeForPath(routes: AppRoute[], pathname: string): AppRoute | null {
  const score = (r: AppRoute) =>
    r.pattern.includes("*") ? -1 : r.pattern.split("/").filter((s) => s && !s.includes(":")).length;
  const matching = routes.filter((r) => patternRegex(r.pattern).test(pathname));
  return matching.sort((a, b) => score(b) - score(a))[0] ?? null;
}

function patternRegex(pattern: string): RegExp {
  const body = pattern
    .split(/(:\w+|\*)/)
    .map((part) =>
      part === "*" ? ".*" : part.startsWith(":") ? "[^/]+?" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
    )
    .join("");
  return new RegExp(`^${body}/?$`);
}

/**
 * The route ids the files of app/routes stand for (`routes/<file name without extension>`, Remix's
 * flat routes), so a suite can check the build it reads is the app as it is now.
 */
export function routeFileIds(): string[] {
  const dir = path.resolve(import.meta.dirname, "../../app/routes");
  return readdirSync(dir)
    .filter((f) => /\.(tsx?|jsx?)$/.test(f))
    .map((f) => `routes/${f.replace(/\.(tsx?|jsx?)$/, "")}`)
    .sort();
}
