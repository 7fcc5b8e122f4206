// The local patches to the router (patches/, docs/decisions/035-route-matching-cache.md): they are
// applied (a fresh `npm ci` runs patch-package), a cache never returns another tree's or another
// location's matches, and a tree changed in place is flattened again.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type * as Router from "@remix-run/router";
import type { AgnosticRouteObject as RouteObject } from "@remix-run/router";
import type * as StaticRouter from "react-router-dom/server";
import { describe, expect, it } from "vitest";

// Loaded as Node loads them under the server build (CommonJS `main`), not through Vite's resolver,
// which would pick the unpatched ESM files.
const require = createRequire(import.meta.url);
const { matchPath, matchRoutes } = require("@remix-run/router") as typeof Router;
const { createStaticRouter } = require("react-router-dom/server") as typeof StaticRouter;
const ids = (routes: RouteObject[], path: string) => matchRoutes(routes, path)?.map((m) => m.route.id) ?? null;

describe("route matching cache (patched @remix-run/router)", () => {
  it("is applied to the files Node loads on the server", () => {
    const patched: [string, string][] = [
      ["@remix-run/router", "copyMatches"],
      ["@remix-run/react/dist/server.js", "serverRoutesFor"],
      ["react-router-dom/server", "dataRoutesFor"],
    ];
    for (const [specifier, marker] of patched)
      expect(readFileSync(require.resolve(specifier), "utf8"), specifier).toContain(marker);
  });

  it("matches each location with its own params on a reused tree", () => {
    const routes: RouteObject[] = [
      {
        id: "root",
        path: "/",
        children: [
          { id: "booth", path: "booths/:id" },
          { id: "home", index: true },
        ],
      },
    ];
    expect(matchRoutes(routes, "/booths/a")?.at(-1)?.params).toEqual({ id: "a" });
    expect(matchRoutes(routes, "/booths/b")?.at(-1)?.params).toEqual({ id: "b" });
    expect(ids(routes, "/")).toEqual(["root", "home"]);
    expect(ids(routes, "/nowhere")).toBeNull();
  });

  it("remembers a pathname's matches but hands every call its own copies", () => {
    const routes: RouteObject[] = [{ id: "root", path: "/", children: [{ id: "booth", path: "booths/:id" }] }];
    const first = matchRoutes(routes, "/booths/a")!;
    (first[1].params as Record<string, string>).id = "changed by a caller";
    first.pop();
    const second = matchRoutes(routes, "/booths/a")!;
    expect(second.map((m) => [m.route.id, m.pathname, m.params])).toEqual([
      ["root", "/", { id: "a" }],
      ["booth", "/booths/a", { id: "a" }],
    ]);
    expect(second).not.toBe(first);
    expect(second[0].params).toBe(second[1].params); // one params object per match, as the router makes it
    expect(matchRoutes(routes, "/booths/a")![0].params).not.toBe(second[0].params);
    // Encoded and decoded spellings of one path match the same route with the same decoded params.
    expect(matchRoutes(routes, "/booths/%E5%B1%95")?.at(-1)?.params).toEqual({ id: "展" });
    expect(matchRoutes(routes, "/booths/展")?.at(-1)?.params).toEqual({ id: "展" });
    // Thousands of distinct paths stay correct (the memo is bounded and emptied when full).
    for (let i = 0; i < 2500; i++)
      expect(matchRoutes(routes, `/booths/b${i}`)?.at(-1)?.params).toEqual({ id: `b${i}` });
  });

  it("flattens again when the tree changes in place", () => {
    const children: RouteObject[] = [{ id: "a", path: "a" }];
    const routes: RouteObject[] = [{ id: "root", path: "/", children }];
    expect(ids(routes, "/b")).toBeNull();
    children.push({ id: "b", path: "b" }); // as lazy route discovery does on the client
    expect(ids(routes, "/b")).toEqual(["root", "b"]);
    children[0].path = "c";
    expect(ids(routes, "/a")).toBeNull();
    expect(ids(routes, "/c")).toEqual(["root", "a"]);
    routes[0].children = [{ id: "d", path: ":slug", caseSensitive: true }];
    expect(ids(routes, "/c")).toEqual(["root", "d"]);
    routes.push({ id: "x", path: "/x" });
    expect(ids(routes, "/x")).toEqual(["x"]);
  });

  it("compiles a pattern once per (path, caseSensitive, end) without mixing them", () => {
    expect(matchPath({ path: "/Fair", caseSensitive: true, end: true }, "/fair")).toBeNull();
    expect(matchPath({ path: "/Fair", caseSensitive: false, end: true }, "/fair")?.pathname).toBe("/fair");
    expect(matchPath({ path: "/Fair", caseSensitive: false, end: true }, "/fair/x")).toBeNull();
    expect(matchPath({ path: "/Fair", caseSensitive: false, end: false }, "/fair/x")?.pathname).toBe("/fair");
    expect(matchPath("/f/:id", "/f/1")?.params).toEqual({ id: "1" });
    expect(matchPath("/f/:id", "/f/2")?.params).toEqual({ id: "2" });
  });

  it("reuses data routes only for a frozen routes array", () => {
    const context = { matches: [], location: { pathname: "/" } } as unknown as Parameters<typeof createStaticRouter>[1];
    const open: RouteObject[] = [{ id: "root", path: "/" }];
    expect(createStaticRouter(open, context).routes).not.toBe(createStaticRouter(open, context).routes);
    const frozen = Object.freeze([Object.freeze({ id: "root", path: "/" })]) as RouteObject[];
    const first = createStaticRouter(frozen, context).routes;
    expect(createStaticRouter(frozen, context).routes).toBe(first);
    expect(Object.isFrozen(first[0])).toBe(true);
  });
});
