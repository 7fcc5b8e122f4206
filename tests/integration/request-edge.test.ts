// The request edge (docs/decisions/020-request-edge.md), through the real Express app and the
// production build: one redirect guard, absolute URLs from APP_URL, one body-limit policy, one
// Origin check, one input check, localized refusals without stack traces, HSTS and Secure cookies.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configure } from "../../app/config.server.ts";
import { db } from "../../app/db/client.server.ts";
import * as forgotPassword from "../../app/routes/forgot-password.tsx";
import { send, form, multipart, startTestApp, type RawResponse, type TestApp } from "../harness/app-server.ts";
import { useTestDatabase } from "../harness/db.ts";
import { call, makeBooth, makeFair, makeUser, TEST_PASSWORD } from "../harness/factories.ts";

const APP_URL = "https://fair.example.cn";
const MiB = 1024 * 1024;
let app: TestApp;
let uploadRoot: string;
let mediaDir: string;
let savedTmp: string | undefined;

beforeAll(async () => {
  await useTestDatabase();
  mediaDir = mkdtempSync(path.join(tmpdir(), "cf-edge-media-"));
  // Upload scopes create their directories under the OS temp directory: give this file its own.
  uploadRoot = mkdtempSync(path.join(tmpdir(), "cf-edge-tmp-"));
  savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = uploadRoot;
  configure({ APP_URL, MEDIA_DIR: mediaDir, COOKIE_SECURE: false });
  app = await startTestApp();
});

afterAll(async () => {
  await app?.close();
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  configure({ APP_URL: undefined, MEDIA_DIR: undefined, COOKIE_SECURE: undefined });
  rmSync(uploadRoot, { recursive: true, force: true });
  rmSync(mediaDir, { recursive: true, force: true });
});

const same = () => ({ origin: app.url, "sec-fetch-site": "same-origin" });
const urlencoded = { "content-type": "application/x-www-form-urlencoded" };
const sessionCookie = (r: RawResponse) =>
  (r.headers["set-cookie"] ?? []).find((c) => c.startsWith("cf_session="))?.split(";")[0];

/** A refusal a person can read: localized, no stack trace, no internals. */
function expectRefusal(r: RawResponse, status: number, text: string) {
  expect(r.status).toBe(status);
  expect(r.text).toContain(text);
  expect(r.text).not.toMatch(/\n\s+at |node_modules|Error:/);
}

const LOGIN_DATA = "/login?_data=routes%2Flogin";

describe("one redirect guard", () => {
  it("keeps a login with next=%2F%09%2Fevil.example on the site", async () => {
    const { email } = await makeUser("INVESTOR");
    const r = await send(app, {
      method: "POST",
      path: "/login?next=%2F%09%2Fevil.example",
      headers: { ...urlencoded, ...same() },
      body: `email=${encodeURIComponent(email)}&password=${TEST_PASSWORD}&next=%2F%09%2Fevil.example`,
    });
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe("/dashboard");
    expect(sessionCookie(r)).toBeTruthy();
  });

  it.each([
    ["%2F%09%2Fevil.example", "/"],
    ["%2F%0D%0Aevil", "/"],
    ["%2F%5Cevil.example", "/"],
    ["%2F%2Fevil.example", "/"],
    ["https%3A%2F%2Fevil.example", "/"],
    ["%2F.%2F%2Fevil.example", "/"],
    ["%2F%E6%90%9C%E7%B4%A2%3Fq%3D%E8%8A%AF%E7%89%87", "/%E6%90%9C%E7%B4%A2?q=%E8%8A%AF%E7%89%87"],
    ["%2Fsearch%3Fq%3Da%20b%23top", "/search?q=a%20b#top"],
  ])("/locale with redirectTo=%s answers 302 to %s, never a 500", async (to, location) => {
    const r = await send(app, {
      method: "POST",
      path: "/locale",
      headers: { ...urlencoded, ...same() },
      body: `locale=en&redirectTo=${to}`,
    });
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe(location);
  });
});

describe("absolute URLs come from APP_URL", () => {
  it("builds the calendar feed URL on APP_URL whatever Host and X-Forwarded-Host say", async () => {
    const { cookie } = await makeUser("INVESTOR");
    const r = await send(app, {
      method: "POST",
      path: `/meetings?_data=${encodeURIComponent("routes/meetings")}`,
      headers: { ...urlencoded, cookie, host: "evil.example", "x-forwarded-host": "evil.example", origin: APP_URL },
      body: "intent=feed",
    });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text).feedUrl).toMatch(/^https:\/\/fair\.example\.cn\/calendar\/[\w-]+\.ics$/);
  });

  it("puts APP_URL in a password-reset link requested with Host and X-Forwarded-Host evil.example", async () => {
    const { email } = await makeUser("INVESTOR");
    const request = new Request("http://evil.example/forgot-password", {
      method: "POST",
      headers: { ...urlencoded, host: "evil.example", "x-forwarded-host": "evil.example" },
      body: form({ email }),
    });
    expect((await call(forgotPassword.action, request)).status).toBe(200);
    // The link travels in the queued mail (ADR 026), never in the log.
    const mails = await db().mailOutbox.findMany({ where: { toEmail: email, kind: "password-reset" } });
    expect(mails).toHaveLength(1);
    expect((mails[0].data as { link?: string }).link).toMatch(/^https:\/\/fair\.example\.cn\/reset-password\/[\w-]+$/);
  });
});

describe("one body-limit policy", () => {
  it("refuses a 60 MB form to /login by its Content-Length before reading it (413, localized)", async () => {
    const before = process.memoryUsage().rss;
    const r = await send(app, {
      method: "POST",
      path: "/login",
      headers: { ...urlencoded, "content-length": String(60 * MiB) },
      body: (function* () {
        const chunk = Buffer.alloc(MiB, "a");
        for (let i = 0; i < 60; i++) yield chunk;
      })(),
    });
    expectRefusal(r, 413, "提交的内容过大：最多 1 MB。");
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * MiB);
  });

  it("stops a chunked form body at 1 MB while it streams (413)", async () => {
    const r = await send(app, {
      method: "POST",
      path: LOGIN_DATA,
      headers: { ...urlencoded, "accept-language": "en" },
      body: (function* () {
        yield Buffer.from("email=a%40b.cn&password=x&pad=");
        const chunk = Buffer.alloc(256 * 1024, "a");
        for (let i = 0; i < 20; i++) yield chunk;
      })(),
    });
    expect(r.status).toBe(413);
    expect(r.headers["x-remix-catch"]).toBe("yes");
    expect(JSON.parse(r.text)).toEqual({ error: "The submission is too large: at most 1 MB." });
  });

  it("accepts a form just under the limit", async () => {
    const r = await send(app, {
      method: "POST",
      path: LOGIN_DATA,
      headers: urlencoded,
      body: `email=nobody%40test.cloudfair.cn&password=x&pad=${"a".repeat(MiB - 200)}`,
    });
    expect(r.status).toBe(401);
  });

  describe("uploads", () => {
    let cookie: string;
    let boothId: string;
    let projectId: string;
    const pdf = Buffer.from(
      "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj " +
        "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
    );
    const upload = (parts: Parameters<typeof multipart>[0], headers: Record<string, string> = {}) => {
      const { body, contentType } = multipart(parts);
      return send(app, {
        method: "POST",
        path: `/booths/${boothId}/edit?_data=${encodeURIComponent("routes/booths.$id_.edit")}`,
        headers: { cookie, "content-type": contentType, ...headers },
        body,
      });
    };
    const attachment = (filename: string, data: Buffer) => [
      { name: "intent", value: "attachment-add" },
      { name: "id", value: projectId },
      { name: "file", filename, type: "application/pdf", data },
    ];
    const leftovers = () => readdirSync(uploadRoot).filter((d) => d.startsWith("cloudfair-upload-"));
    /** After a refusal the app may still be unwinding; its upload directory goes when it is done. */
    const noLeftoversSoon = async () => {
      for (let i = 0; i < 50 && leftovers().length; i++) await new Promise((r) => setTimeout(r, 100));
      expect(leftovers()).toEqual([]);
    };

    beforeAll(async () => {
      const fair = await makeFair();
      const exhibitor = await makeUser("EXHIBITOR");
      cookie = exhibitor.cookie;
      const booth = await makeBooth(fair, exhibitor.organizationId!, "DRAFT");
      boothId = booth.id;
      projectId = (await db().project.findFirstOrThrow({ where: { boothId } })).id;
    });

    it("stores a PDF whose name holds '=' and ';' (was a 500), keeping the name, and leaves no temp file", async () => {
      const r = await upload(attachment("plan=v2;final 招商.pdf", pdf));
      expect(r.status).toBe(204); // Remix's redirect for a _data request
      const stored = await db().projectAttachment.findFirst({ where: { projectId }, orderBy: { createdAt: "desc" } });
      expect(stored?.originalName).toBe("plan=v2;final 招商.pdf");
      expect(leftovers()).toEqual([]);
    });

    it("refuses a multipart body above 21 MB by Content-Length with the upload message (413 JSON for _data)", async () => {
      const r = await upload(attachment("big.pdf", Buffer.alloc(25 * MiB, "0")));
      expect(r.status).toBe(413);
      expect(JSON.parse(r.text)).toEqual({ error: "文件过大：最大 20 MB。" });
      expect(leftovers()).toEqual([]);
    });

    it("stops a chunked multipart body at its limit and removes what was written", async () => {
      const { body, contentType } = multipart(attachment("big.pdf", Buffer.alloc(25 * MiB, "0")));
      const r = await send(app, {
        method: "POST",
        path: `/booths/${boothId}/edit`,
        headers: { cookie, "content-type": contentType },
        body: (function* () {
          for (let i = 0; i < body.length; i += MiB) yield body.subarray(i, i + MiB);
        })(),
      });
      expectRefusal(r, 413, "文件过大：最大 20 MB。");
      expect(r.headers["content-type"]).toMatch(/^text\/html/);
      await noLeftoversSoon();
    });

    it("refuses a file part above 20 MB inside the limit next to the form (the app's 413)", async () => {
      const r = await upload(attachment("big.pdf", Buffer.alloc(20 * MiB + 1000, "0")));
      expect(r.status).toBe(413);
      expect(JSON.parse(r.text)).toMatchObject({
        errors: { file: "文件过大：最大 20 MB。" },
        formError: "文件过大：最大 20 MB。",
      });
      // The form's other fields still arrive, so the page shows it at that project's file field.
      expect(JSON.parse(r.text)).toMatchObject({ intent: "attachment-add", values: { id: projectId } });
      expect(leftovers()).toEqual([]);
    });

    it.each([
      ["a NUL in a text field", [{ name: "intent", value: "attachment-add\0" }], "不允许的控制字符"],
      ["invalid UTF-8 in a text field", [{ name: "intent", value: Buffer.from([0x61, 0xff, 0x62]) }], "无效的字符编码"],
      [
        "a NUL in a file name",
        [{ name: "file", filename: "a\0.pdf", type: "application/pdf", data: pdf }],
        "不允许的控制字符",
      ],
    ])("refuses %s with a localized 400 and stores nothing", async (_what, parts, message) => {
      const count = await db().projectAttachment.count();
      const r = await upload(parts as Parameters<typeof multipart>[0]);
      expect(r.status).toBe(400);
      expect(r.text).toContain(message);
      expect(await db().projectAttachment.count()).toBe(count);
    });
  });
});

describe("one Origin check for every non-GET request", () => {
  it("refuses a cross-site login through _data (login CSRF) with 403 and no session", async () => {
    const { email } = await makeUser("INVESTOR");
    const body = form({ email, password: TEST_PASSWORD });
    const r = await send(app, {
      method: "POST",
      path: LOGIN_DATA,
      headers: { ...urlencoded, origin: "http://evil.example", "sec-fetch-site": "cross-site" },
      body,
    });
    expect(r.status).toBe(403);
    expect(r.headers["x-remix-catch"]).toBe("yes");
    expect(JSON.parse(r.text).error).toContain("此请求来自其他网站");
    expect(r.headers["set-cookie"]).toBeUndefined();
    // The same form from the site itself logs in.
    const ok = await send(app, { method: "POST", path: LOGIN_DATA, headers: { ...urlencoded, ...same() }, body });
    expect(ok.status).toBe(204);
    expect(sessionCookie(ok)).toBeTruthy();
  });

  it("answers a cross-origin document POST with a localized 403 page (was a 500)", async () => {
    const r = await send(app, {
      method: "POST",
      path: "/login",
      headers: { ...urlencoded, origin: "http://evil.example", cookie: "cf_lang=ImVuIg%3D%3D" },
      body: form({ email: "a@b.cn", password: "x" }),
    });
    expectRefusal(r, 403, "This request came from another website");
    expect(r.headers["content-type"]).toMatch(/^text\/html/);
  });

  it.each([
    ["the instance's own address (behind a proxy that keeps Host)", { host: "10.0.0.7:3000" }],
    ["X-Forwarded-Host from the client", { "x-forwarded-host": "evil.example" }],
  ])(
    "lets a document POST from the public site through whatever Host says: %s (was Remix's CSRF 500)",
    async (_what, headers) => {
      const { email } = await makeUser("INVESTOR");
      const r = await send(app, {
        method: "POST",
        path: "/login",
        headers: { ...urlencoded, origin: APP_URL, "sec-fetch-site": "same-origin", ...headers },
        body: form({ email, password: TEST_PASSWORD }),
      });
      expect(r.status).toBe(302);
      expect(r.headers.location).toBe("/dashboard");
      expect(sessionCookie(r)).toBeTruthy();
    },
  );

  it.each([
    ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
    ["Sec-Fetch-Site: same-site", { "sec-fetch-site": "same-site", origin: "https://sub.fair.example.cn" }],
    ["Origin: null", { origin: "null" }],
    ["a Referer from another site and no Origin", { referer: "http://evil.example/page" }],
  ])("refuses %s and changes nothing", async (_what, headers) => {
    const { cookie } = await makeUser("INVESTOR");
    const r = await send(app, {
      method: "POST",
      path: "/logout",
      headers: { ...urlencoded, cookie, ...headers },
      body: "",
    });
    expect(r.status).toBe(403);
    const still = await send(app, { path: "/dashboard", headers: { cookie } });
    expect(still.status).toBe(200); // the session was not ended
  });

  it("accepts the configured origin and the host the request came to", async () => {
    for (const origin of [APP_URL, app.url]) {
      const r = await send(app, {
        method: "POST",
        path: "/locale",
        headers: { ...urlencoded, origin },
        body: "locale=en",
      });
      expect(r.status).toBe(302);
    }
  });

  it("checks resource routes too, and lets webhooks and the open data API through", async () => {
    const { cookie } = await makeUser("INVESTOR");
    const evil = { origin: "http://evil.example", "sec-fetch-site": "cross-site" };
    const dismiss = await send(app, {
      method: "POST",
      path: "/recommendations/dismiss",
      headers: { ...urlencoded, cookie, ...evil },
      body: "projectId=x",
    });
    expect(dismiss.status).toBe(403);
    const stripe = await send(app, {
      method: "POST",
      path: "/webhooks/stripe",
      headers: { "content-type": "application/json", ...evil },
      body: "{}",
    });
    expect(stripe.status).toBe(400); // reached the handler: bad signature, not a cross-site refusal
    const livekit = await send(app, {
      method: "POST",
      path: "/webhooks/livekit",
      headers: { "content-type": "application/webhook+json", ...evil },
      body: "{}",
    });
    expect([401, 503]).toContain(livekit.status); // reached the handler (503: LiveKit not configured here)
    const api = await send(app, { method: "POST", path: "/api/v1/fairs", headers: evil, body: "" });
    expect(api.status).not.toBe(403);
    expect(api.status).toBeLessThan(500);
  });
});

describe("one input check before anything reaches the database", () => {
  it.each([
    ["/fairs/%00", "不允许的控制字符"],
    ["/booths/a%0Db/edit", "不允许的控制字符"],
    ["/search?q=%00", "不允许的控制字符"],
    ["/search?q=%C3%28", "无效的字符编码"],
    ["/search?q=%FF", "无效的字符编码"],
    ["/fairs/%FF", "无效的字符编码"],
  ])("GET %s → 400", async (target, message) => {
    expectRefusal(await send(app, { path: target }), 400, message);
  });

  it("keeps a stray % in a query as typed", async () => {
    expect((await send(app, { path: "/search?q=100%" })).status).toBe(200);
  });

  it("refuses a NUL in a cookie (400), in English when cf_lang says so", async () => {
    const r = await send(app, { path: "/dashboard", headers: { cookie: "cf_lang=ImVuIg%3D%3D; cf_session=%00" } });
    expectRefusal(r, 400, "control character that is not allowed");
  });

  it("refuses a NUL or invalid UTF-8 in a form field (400) and stores nothing", async () => {
    for (const [name, message] of [
      ["A%00B", "不允许的控制字符"],
      ["A%FFB", "无效的字符编码"],
    ]) {
      const email = `nul-${Date.now()}@test.cloudfair.cn`;
      const r = await send(app, {
        method: "POST",
        path: "/signup",
        headers: { ...urlencoded, ...same() },
        body: `name=${name}&email=${encodeURIComponent(email)}&password=long-enough-9&accountType=visitor`,
      });
      expectRefusal(r, 400, message);
      expect(await db().user.count({ where: { email } })).toBe(0);
    }
  });

  it("refuses a POST that is not a form with 415, on every route that has an action", async () => {
    const routes = readdirSync(path.resolve(import.meta.dirname, "../../app/routes")).filter((f) =>
      /export (async function|const) action\b/.test(
        readFileSync(path.resolve(import.meta.dirname, "../../app/routes", f), "utf8"),
      ),
    );
    const exempt = routes.filter((f) => /^(webhooks|api)\./.test(f));
    expect(routes.length - exempt.length).toBeGreaterThanOrEqual(20);
    for (const file of routes) {
      if (exempt.includes(file)) continue;
      const target = routePath(file);
      const kinds: Record<string, string>[] = [
        {},
        { "content-type": "application/json" },
        { "content-type": "text/plain" },
      ];
      for (const headers of kinds) {
        const r = await send(app, { method: "POST", path: target, headers, body: "{}" });
        expect([r.status, file]).toEqual([415, file]);
        expect(r.text).toContain("不支持这种提交格式");
      }
    }
  });
});

describe("transport", () => {
  afterAll(() => void configure({ COOKIE_SECURE: false }));

  it("restricts connect-src to this origin, its WebSocket and LiveKit", async () => {
    const csp = String((await send(app, { path: "/login" })).headers["content-security-policy"]);
    const connect = csp.split("; ").find((d) => d.startsWith("connect-src"))!;
    expect(connect.split(" ")).not.toContain("ws:");
    expect(connect.split(" ")).not.toContain("wss:");
    expect(connect).toContain("'self'");
    expect(connect).toContain("wss://fair.example.cn");
  });

  it("sends HSTS and marks every cookie Secure with COOKIE_SECURE=1", async () => {
    configure({ COOKIE_SECURE: true });
    const fair = await makeFair();
    const exhibitor = await makeUser("EXHIBITOR");
    const booth = await makeBooth(fair, exhibitor.organizationId!, "APPROVED");
    const { email } = await makeUser("INVESTOR");
    const responses = [
      await send(app, { path: `/booths/${booth.id}` }), // cf_vid
      await send(app, { method: "POST", path: "/locale", headers: { ...urlencoded, ...same() }, body: "locale=en" }), // cf_lang
      await send(app, {
        method: "POST",
        path: "/login",
        headers: { ...urlencoded, ...same() },
        body: form({ email, password: TEST_PASSWORD }),
      }), // cf_session
    ];
    const cookies = responses.flatMap((r) => r.headers["set-cookie"] ?? []);
    expect(cookies.map((c) => c.split("=")[0]).sort()).toEqual(["cf_lang", "cf_session", "cf_vid"]);
    for (const c of cookies) expect(c).toMatch(/;\s*Secure(;|$)/i);
    for (const r of responses) {
      const hsts = String(r.headers["strict-transport-security"]);
      expect(Number(/max-age=(\d+)/.exec(hsts)?.[1])).toBeGreaterThanOrEqual(180 * 24 * 3600);
      expect(hsts).toContain("includeSubDomains");
    }
  });

  it("sends no HSTS without COOKIE_SECURE", async () => {
    configure({ COOKIE_SECURE: false });
    expect((await send(app, { path: "/login" })).headers["strict-transport-security"]).toBeUndefined();
  });
});

describe("errors of the edge itself", () => {
  it("answers a missing media file with a localized 404 page, no stack trace", async () => {
    const r = await send(app, { path: "/media/none/such.png", headers: { "accept-language": "en-US,en;q=0.9" } });
    expectRefusal(r, 404, "Page not found");
  });
});

/** A concrete URL for a flat-routes file name (`booths.$id_.edit.tsx` → `/booths/x/edit`). */
function routePath(file: string): string {
  const segments = file
    .replace(/\.tsx?$/, "")
    .split(/\.(?![^[]*\])/)
    .map((s) =>
      s
        .replace(/_$/, "")
        .replace(/^\$.*$/, "x")
        .replace(/\[(.*?)\]/g, "$1"),
    )
    .filter((s) => s !== "_index" && !s.startsWith("_"));
  const p = `/${segments.join("/")}`;
  return file.startsWith("_index") ? "/?index" : p;
}
