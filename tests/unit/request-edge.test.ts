// The pure pieces of the request edge (docs/decisions/020-request-edge.md): the redirect guard, the
// input check, the Origin verdict, the body-limit policy, locale choice, cookies and CSP sources.
import { describe, expect, it } from "vitest";
import { loadConfig, serverConfigProblems } from "../../app/config.server.ts";
import { decodeComponent, decodeUtf8, pathProblem, textProblem, urlencodedProblem } from "../../app/lib/input.ts";
import { safeRedirect } from "../../app/lib/redirects.ts";
import {
  BODY_LIMITS,
  bodyLimitFor,
  cookieProblem,
  isCrossSiteEndpoint,
  isSameOrigin,
  targetProblem,
  tooLarge,
} from "../../server/edge/checks.ts";
import { localeFromAcceptLanguage } from "../../server/edge/refuse.ts";
import { connectSources, HSTS, withSecure } from "../../server/security.ts";

describe("safeRedirect: the one redirect guard", () => {
  it.each([
    "/\t/evil.example", // what login received for next=%2F%09%2Fevil.example
    "/\n/evil.example",
    "/\r\nSet-Cookie: x=1",
    "/\0/evil.example",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "/./\\evil.example",
    "/.//evil.example",
    "/%2e%2e//evil.example",
    "https://evil.example",
    "http:/evil.example",
    "javascript:alert(1)",
    " /dashboard",
    "dashboard",
    "",
    `/${"a".repeat(3000)}`,
  ])("refuses %j", (to) => {
    expect(safeRedirect(to, "/fallback")).toBe("/fallback");
  });

  it("refuses what is not a string", () => {
    expect(safeRedirect(null)).toBe("/dashboard");
    expect(safeRedirect(undefined, "/")).toBe("/");
    expect(safeRedirect(new File(["x"], "/x"), "/")).toBe("/");
  });

  it.each([
    ["/dashboard", "/dashboard"],
    ["/search?q=a b&sector=x#top", "/search?q=a%20b&sector=x#top"],
    ["/搜索?q=芯片", "/%E6%90%9C%E7%B4%A2?q=%E8%8A%AF%E7%89%87"],
    ["/booths/x?next=//evil.example", "/booths/x?next=//evil.example"],
    ["/a/../b", "/b"],
  ])("keeps %j as the same-origin path %j", (to, path) => {
    expect(safeRedirect(to)).toBe(path);
  });

  it("only ever returns header-safe text (visible ASCII), so Location never throws", () => {
    for (const to of ["/é", "/\u2028", "/\uD800", "/a\u00A0b", "/💼?q=✓#§"]) {
      const out = safeRedirect(to, "/f");
      expect(out).toMatch(/^\/(?!\/)[\x21-\x7E]*$/);
      expect(() => new Headers({ Location: out })).not.toThrow();
    }
  });
});

describe("the input check", () => {
  it("percent-decodes strictly: invalid UTF-8 is null, a stray % stays", () => {
    expect(decodeComponent("%E8%8A%AF%E7%89%87")).toBe("芯片");
    expect(decodeComponent("a+b", true)).toBe("a b");
    expect(decodeComponent("a+b")).toBe("a+b");
    expect(decodeComponent("100%")).toBe("100%");
    expect(decodeComponent("%zz")).toBe("%zz");
    expect(decodeComponent("%C3%28")).toBeNull();
    expect(decodeComponent("%FF")).toBeNull();
    expect(decodeComponent("%ED%A0%80")).toBeNull(); // an encoded surrogate
    expect(decodeComponent("%E8%8A")).toBeNull(); // a cut character
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe("\uFEFFa");
  });

  it("finds NUL and broken text", () => {
    expect(textProblem("正常 text\n\t")).toBeNull();
    expect(textProblem("a\0b")).toBe("control");
    expect(textProblem("a\uD800b")).toBe("encoding");
    expect(textProblem("😀")).toBeNull();
  });

  it("checks query strings and form bodies field by field", () => {
    expect(urlencodedProblem("q=%E8%8A%AF&page=2&&flag")).toBeNull();
    expect(urlencodedProblem("q=a%00")).toBe("control");
    expect(urlencodedProblem("a%00=1")).toBe("control");
    expect(urlencodedProblem("q=%FF")).toBe("encoding");
    expect(urlencodedProblem("q=100%")).toBeNull();
  });

  it("refuses any control character in a path, keeps Chinese and %2F", () => {
    expect(pathProblem("/fairs/%E6%B1%9F%E8%8B%8F/a%2Fb")).toBeNull();
    expect(pathProblem("/fairs/%00")).toBe("control");
    expect(pathProblem("/fairs/a%0D%0Ab")).toBe("control");
    expect(pathProblem("/fairs/%09")).toBe("control");
    expect(pathProblem("/fairs/%FF")).toBe("encoding");
    expect(targetProblem("/search?q=%C3%28")).toBe("encoding");
    expect(targetProblem("/search?q=%E8%8A%AF%E7%89%87")).toBeNull();
  });

  it("finds NUL in cookies, raw or percent-encoded, and ignores other oddities", () => {
    expect(cookieProblem("cf_lang=ImVuIg%3D%3D; other=%FF%FE")).toBeNull();
    expect(cookieProblem(undefined)).toBeNull();
    expect(cookieProblem("cf_session=%00")).toBe("control");
    expect(cookieProblem("a=1; b=x%00y")).toBe("control");
  });
});

describe("the Origin check", () => {
  const app = "https://fair.example.cn";
  it.each([
    [{ secFetchSite: "same-origin", origin: app }, true],
    [{ origin: app, host: "127.0.0.1:3000" }, true], // behind a proxy that rewrites Host
    [{ origin: "http://192.168.1.5:3000", host: "192.168.1.5:3000" }, true], // npm start on a LAN address
    [{ referer: `${app}/login`, host: "127.0.0.1:3000" }, true],
    [{ host: "fair.example.cn" }, true], // no browser signal: curl, a server
    [{ secFetchSite: "none" }, true], // typed or bookmarked by the user
    [{ secFetchSite: "cross-site", origin: app }, false],
    [{ secFetchSite: "same-site", origin: "https://x.fair.example.cn" }, false],
    [{ origin: "http://evil.example", host: "fair.example.cn" }, false],
    [{ origin: "https://fair.example.cn.evil.example", host: "fair.example.cn" }, false],
    [{ origin: "null", host: "fair.example.cn" }, false],
    [{ origin: "garbage", host: "fair.example.cn" }, false],
    [{ referer: "http://evil.example/a", host: "fair.example.cn" }, false],
  ])("%j → same origin: %s", (headers, same) => {
    expect(isSameOrigin(headers, app)).toBe(same);
  });

  it("exempts only the signed webhooks and the open data API", () => {
    for (const p of ["/webhooks/stripe", "/webhooks/livekit", "/api/v1", "/api/v1/fairs"])
      expect(isCrossSiteEndpoint(p)).toBe(true);
    for (const p of ["/login", "/webhooks/other", "/api/v2/x", "/api/v1x", "/locale"])
      expect(isCrossSiteEndpoint(p)).toBe(false);
  });
});

describe("the body-limit policy", () => {
  it("allows 1 MB of form or text, and multipart up to the largest file (20 MB) + 1 MB", () => {
    expect(bodyLimitFor("application/x-www-form-urlencoded")).toBe(1024 * 1024);
    expect(bodyLimitFor(undefined)).toBe(BODY_LIMITS.text);
    expect(bodyLimitFor("application/json")).toBe(BODY_LIMITS.text);
    expect(bodyLimitFor("multipart/form-data; boundary=x")).toBe(21 * 1024 * 1024);
    expect(tooLarge("multipart/form-data; boundary=x")).toMatchObject({
      message: "upload.too-large",
      params: { maxMb: 20 },
    });
    expect(tooLarge("application/x-www-form-urlencoded")).toMatchObject({
      message: "edge.tooLarge",
      params: { maxMb: 1 },
    });
  });
});

describe("refusals speak the visitor's language", () => {
  it.each([
    [undefined, "zh-CN"],
    ["", "zh-CN"],
    ["fr-FR,fr;q=0.9", "zh-CN"],
    ["en-US,en;q=0.9", "en"],
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["en;q=0.5,zh-TW;q=0.8", "zh-CN"],
    ["de,en-GB;q=0.7", "en"],
    ["en;q=0", "zh-CN"],
  ] as const)("Accept-Language %j → %s", (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale);
  });
});

describe("transport", () => {
  it("HSTS lasts a year with subdomains", () => {
    expect(Number(/max-age=(\d+)/.exec(HSTS)![1])).toBeGreaterThanOrEqual(180 * 24 * 3600);
    expect(HSTS).toContain("includeSubDomains");
  });

  it("adds Secure to a cookie once", () => {
    expect(withSecure("cf_vid=abc; Path=/; HttpOnly")).toBe("cf_vid=abc; Path=/; HttpOnly; Secure");
    expect(withSecure("cf_session=x; Secure; HttpOnly")).toBe("cf_session=x; Secure; HttpOnly");
    expect(withSecure("a=b; secure")).toBe("a=b; secure");
  });

  it("lets the page connect to itself and LiveKit only", () => {
    expect(connectSources("https://fair.example.cn")).toEqual(["'self'", "wss://fair.example.cn"]);
    expect(connectSources("http://localhost:3000", "ws://127.0.0.1:7880")).toEqual([
      "'self'",
      "ws://localhost:3000",
      "ws://127.0.0.1:7880",
      "http://127.0.0.1:7880",
    ]);
    expect(connectSources("https://fair.example.cn", "https://lk.example.cn")).toEqual([
      "'self'",
      "wss://fair.example.cn",
      "wss://lk.example.cn",
      "https://lk.example.cn",
    ]);
  });
});

describe("APP_URL", () => {
  it("is an origin, kept without a trailing slash", () => {
    expect(loadConfig({ APP_URL: "https://fair.example.cn/" }).APP_URL).toBe("https://fair.example.cn");
    expect(loadConfig({ APP_URL: "http://localhost:3000" }).APP_URL).toBe("http://localhost:3000");
    for (const bad of [
      "fair.example.cn",
      "ftp://fair.example.cn",
      "https://fair.example.cn/app",
      "https://u:p@x.cn",
      "https://x.cn/?a=1",
    ])
      expect(() => loadConfig({ APP_URL: bad }), bad).toThrow(/APP_URL: must be an origin/);
  });

  it("is required by the server in production with a real database, not elsewhere", () => {
    const db = "postgres://u:p@db:5432/cloudfair";
    expect(serverConfigProblems(loadConfig({ DATABASE_URL: db })).map((p) => p.variable)).toEqual(["APP_URL"]);
    expect(serverConfigProblems(loadConfig({ DATABASE_URL: db, APP_URL: "https://fair.example.cn" }))).toEqual([]);
    expect(serverConfigProblems(loadConfig({}))).toEqual([]); // embedded default
    expect(serverConfigProblems(loadConfig({ DATABASE_URL: db, NODE_ENV: "development" }))).toEqual([]);
  });
});
