// The service worker's choices (app/pwa/policy.ts), the manifest and the icons (ADR 023).
import { readFileSync } from "node:fs";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { webAppManifest } from "../../app/pwa/manifest.ts";
import { cacheable, endsSession, PERSONAL_CACHE, STATIC_CACHE, strategyFor } from "../../app/pwa/policy.ts";

const O = "https://fair.example.cn";
const get = (path: string) => strategyFor({ method: "GET", url: O + path }, O).kind;
const headers = (h: Record<string, string> = {}) => new Headers(h);

describe("service worker policy", () => {
  it("keeps the agenda, the dashboard (bookmarks) and booth pages, with their loader data, network-first", () => {
    for (const p of [
      "/meetings",
      "/dashboard",
      "/booths/abc123",
      "/meetings?_data=routes%2Fmeetings",
      "/dashboard?_data=root",
    ])
      expect(strategyFor({ method: "GET", url: O + p }, O)).toEqual({ kind: "network-first", cache: PERSONAL_CACHE });
  });

  it("serves hashed build files cache-first and leaves every other page to the network", () => {
    expect(strategyFor({ method: "GET", url: `${O}/assets/root-abc.js` }, O)).toEqual({
      kind: "cache-first",
      cache: STATIC_CACHE,
    });
    for (const p of ["/", "/search?q=x", "/booths/x/edit", "/meetings/x/room", "/staff/fairs/x", "/account", "/sw.js"])
      expect(get(p)).toBe("network-only");
    expect(strategyFor({ method: "GET", url: "https://cdn.example.com/meetings" }, O).kind).toBe("network-only");
  });

  it("empties the personal cache when the signed-in person may change", () => {
    for (const p of ["/logout", "/login", "/signup", "/logout?_data=routes%2Flogout"])
      expect(strategyFor({ method: "POST", url: O + p }, O).kind).toBe("clear-personal");
    expect(strategyFor({ method: "POST", url: `${O}/meetings` }, O).kind).toBe("network-only");
  });

  it("saves only complete 200 answers, never redirects, errors or no-store", () => {
    const base = { status: 200, type: "basic", redirected: false, headers: headers() };
    expect(cacheable(base)).toBe(true);
    expect(cacheable({ ...base, status: 404 })).toBe(false);
    expect(cacheable({ ...base, status: 204, headers: headers({ "X-Remix-Redirect": "/login" }) })).toBe(false);
    expect(cacheable({ ...base, type: "opaqueredirect", status: 0 })).toBe(false);
    expect(cacheable({ ...base, redirected: true })).toBe(false);
    expect(cacheable({ ...base, headers: headers({ "Cache-Control": "private, no-store" }) })).toBe(false);
  });

  it("sees a session end when a personal page sends the visitor to the login page", () => {
    expect(endsSession({ url: `${O}/login?next=%2Fmeetings`, redirected: true, headers: headers() })).toBe(true);
    expect(
      endsSession({
        url: `${O}/meetings`,
        redirected: false,
        headers: headers({ "X-Remix-Redirect": "/login?next=/meetings" }),
      }),
    ).toBe(true);
    expect(endsSession({ url: `${O}/meetings`, redirected: false, headers: headers() })).toBe(false);
    expect(endsSession({ url: `${O}/dashboard`, redirected: true, headers: headers() })).toBe(false);
  });
});

describe("web app manifest", () => {
  it("is installable: names in both languages, standalone, start URL, theme colour, 192/512/maskable icons", () => {
    const zh = webAppManifest("zh-CN");
    const en = webAppManifest("en");
    expect(zh.name).toBe("云展洽 CloudFair");
    expect(en.name).toBe("云展洽 CloudFair");
    expect(zh.short_name).toBe("云展洽");
    expect(en.short_name).toBe("CloudFair");
    expect(zh).toMatchObject({ display: "standalone", start_url: "/dashboard", scope: "/", theme_color: "#1d5fd1" });
    expect(zh.icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual(["192x192 any", "512x512 any", "512x512 maskable"]);
  });

  it("points at committed PNGs of the stated size", async () => {
    for (const icon of webAppManifest("en").icons) {
      const meta = await sharp(readFileSync(`public${icon.src}`)).metadata();
      expect(meta.format).toBe("png");
      expect(`${meta.width}x${meta.height}`).toBe(icon.sizes);
    }
  });
});
