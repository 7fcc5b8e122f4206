// The text-size setting (ADR 024): a valid choice is kept in the cf_text cookie for a year; anything
// else (unknown, duplicated, NUL-laden, an off-site redirect) changes nothing and never fails.
import { beforeAll, describe, expect, it } from "vitest";
import { getTextSize } from "../../app/lib/text-size.server.ts";
import * as textSize from "../../app/routes/text-size.tsx";
import { useTestDatabase } from "../harness/db.ts";
import { call } from "../harness/factories.ts";

const post = (entries: [string, string][]) =>
  new Request("http://localhost/text-size", { method: "POST", body: new URLSearchParams(entries) });

describe("text size", () => {
  beforeAll(async () => {
    await useTestDatabase();
  });

  it("keeps a valid choice for a year and reads it back", async () => {
    const res = await call(
      textSize.action,
      post([
        ["size", "xl"],
        ["redirectTo", "/fairs/x?hall=y"],
      ]),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/fairs/x?hall=y");
    const cookie = res.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^cf_text=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Max-Age=31536000/);
    const back = new Request("http://localhost/", { headers: { Cookie: cookie.split(";")[0] } });
    expect(await getTextSize(back)).toBe("xl");
  });

  it("ignores bad values and off-site redirects instead of failing", async () => {
    for (const entries of [
      [["size", "huge"]],
      [
        ["size", "large"],
        ["size", "xl"],
      ],
      [["size", "x\u0000l"]],
      [["size", "a".repeat(100_000)]],
      [],
    ] as [string, string][][]) {
      const res = await call(textSize.action, post([...entries, ["redirectTo", "https://evil.example/"]]));
      expect(res.status).toBe(302);
      expect(res.headers.get("Location")).toBe("/");
      expect(res.headers.get("Set-Cookie")).toBeNull();
    }
    // A well-formed cookie with an unknown size ("nope", as Remix writes it), and a mangled one.
    const nope = new Request("http://localhost/", { headers: { Cookie: "cf_text=Im5vcGUi" } });
    expect(await getTextSize(nope)).toBe("standard");
    expect(await getTextSize(new Request("http://localhost/", { headers: { Cookie: "cf_text=%%%" } }))).toBe(
      "standard",
    );
  });
});
