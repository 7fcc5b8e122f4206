// The open data API: public fields only, keys and limits, CORS, and responses that match the
// OpenAPI document they are described by.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { getUser } from "../../app/auth/session.server.ts";
import { createApiKey, revokeApiKey } from "../../app/api/keys.server.ts";
import { createDb, db } from "../../app/db/client.server.ts";
import * as api from "../../app/routes/api.v1.$.tsx";
import { LocalMediaStorage } from "../../media/storage.ts";
import { seedDemo } from "../../server/seed/demo-fair.ts";
import { useTestDatabase } from "../harness/db.ts";
import { makeUser, req } from "../harness/factories.ts";

let ipCounter = 0;
const get = async (path: string, headers: Record<string, string> = {}, ip = `10.9.0.${++ipCounter % 250}`) => {
  const request = new Request(`http://localhost/api/v1/${path}`, { headers });
  const url = new URL(request.url);
  return api.loader({
    request,
    params: { "*": url.pathname.replace("/api/v1/", "") },
    context: { clientIp: ip },
  } as never);
};

describe("open data API", () => {
  let doc: { components: { schemas: Record<string, object> }; paths: Record<string, unknown> };
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = (schema: string, body: unknown) => {
    const v =
      ajv.getSchema(`#/components/schemas/${schema}`) ?? ajv.compile({ $ref: `openapi#/components/schemas/${schema}` });
    const ok = v(body);
    if (!ok) console.error(schema, JSON.stringify(v.errors?.slice(0, 3)));
    return ok;
  };

  beforeAll(async () => {
    const url = await useTestDatabase();
    const seedDb = createDb(url);
    await seedDemo(seedDb, new LocalMediaStorage(mkdtempSync(path.join(tmpdir(), "cf-api-"))));
    await seedDb.$disconnect();
    doc = await (await get("openapi.json")).json();
    ajv.addSchema({ $id: "openapi", components: doc.components });
  });

  it("publishes a structurally valid OpenAPI 3.1 document", () => {
    expect(doc).toMatchObject({ openapi: "3.1.0", info: { title: expect.any(String), version: "1.0.0" } });
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/booths/{id}",
      "/bureaus",
      "/bureaus/{slug}",
      "/fairs",
      "/fairs/{slug}",
      "/fairs/{slug}/booths",
      "/projects",
    ]);
    for (const name of Object.keys(doc.components.schemas))
      expect(() => ajv.compile({ $ref: `openapi#/components/schemas/${name}` }), name).not.toThrow();
  });

  it("returns the bureaus and each fair's bureau (ADR 028)", async () => {
    const bureaus = await (await get("bureaus")).json();
    expect(validate("BureauPage", bureaus)).toBe(true);
    expect(bureaus.data.map((b: { slug: string }) => b.slug)).toEqual(["jiangsu", "nanjing", "suzhou"]);
    const nanjing = await (await get("bureaus/nanjing")).json();
    expect(validate("BureauDetail", nanjing)).toBe(true);
    expect(nanjing).toMatchObject({ parent: "jiangsu", level: "CITY", fairs: ["jiangsu-2026"] });
    expect((await get("bureaus/no-such-bureau")).status).toBe(404);
    const fair = await (await get("fairs/suzhou-2026")).json();
    expect(fair.bureau).toEqual({
      slug: "suzhou",
      nameZh: "苏州市商务局",
      nameEn: "Suzhou Municipal Bureau of Commerce",
    });
  });

  it("returns fairs, halls, booths and projects that match their schemas, paginated, with CORS", async () => {
    const fairs = await get("fairs");
    expect(fairs.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const fairsBody = await fairs.json();
    expect(validate("FairPage", fairsBody)).toBe(true);
    const fair = await (await get(`fairs/${fairsBody.data[0].slug}`)).json();
    expect(validate("FairDetail", fair)).toBe(true);
    expect(fair.halls).toHaveLength(5);
    const booths = await (await get(`fairs/${fair.slug}/booths?perPage=10&page=2`)).json();
    expect(validate("BoothPage", booths)).toBe(true);
    expect(booths).toMatchObject({ page: 2, perPage: 10, total: 35, pages: 4 });
    expect(booths.data).toHaveLength(10);
    const booth = await (await get(`booths/${booths.data[0].id}`)).json();
    expect(validate("Booth", booth)).toBe(true);
    const projects = await (await get(`projects?fair=${fair.slug}&sector=biomedicine&perPage=100`)).json();
    expect(validate("ProjectPage", projects)).toBe(true);
    expect(projects.total).toBe(
      await db().project.count({
        where: { sector: "biomedicine", booth: { isPublic: true, fair: { status: { in: ["PUBLISHED", "LIVE"] } } } },
      }),
    );
  });

  it("never returns private fields or non-public booths", async () => {
    const booths = await (await get("fairs/jiangsu-2026/booths?perPage=100")).json();
    const text = JSON.stringify(booths);
    const contacts = await db().teamContact.findMany({ select: { email: true } });
    const orgs = await db().organization.findMany({
      where: { contactEmail: { not: null } },
      select: { contactEmail: true },
    });
    for (const c of contacts) expect(text).not.toContain(c.email!);
    for (const o of orgs) expect(text).not.toContain(o.contactEmail!);
    for (const word of ["paymentStatus", "reviewNote", "contacts", "feeAmount", "passwordHash"])
      expect(text).not.toContain(word);
    const pending = await db().booth.findFirstOrThrow({ where: { status: "SUBMITTED" } });
    expect((await get(`booths/${pending.id}`)).status).toBe(404);
    expect(booths.data.map((b: { id: string }) => b.id)).not.toContain(pending.id);
  });

  it("refuses invalid and revoked keys (401), accepts valid ones with a higher limit", async () => {
    expect((await get("fairs", { Authorization: "Bearer cf_not_a_real_key" })).status).toBe(401);
    const admin = (await getUser(req("/", { cookie: (await makeUser("ADMIN")).cookie })))!;
    const key = await createApiKey(admin, "Partner A", 100);
    expect((await get("fairs", { Authorization: `Bearer ${key}` })).status).toBe(200);
    expect((await get("fairs", { "X-API-Key": key })).status).toBe(200);
    const row = await db().apiKey.findFirstOrThrow({ where: { name: "Partner A" } });
    expect(row.keyHash).not.toContain(key);
    await revokeApiKey(admin, row.id);
    const revoked = await get("fairs", { Authorization: `Bearer ${key}` });
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toMatchObject({ error: "invalid_api_key" });
  });

  it("rate-limits anonymous callers per IP (60/min) with Retry-After, and is read-only", async () => {
    const statuses = [];
    for (let i = 0; i < 61; i++) statuses.push((await get("fairs", {}, "10.77.0.1")).status);
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    const limited = await get("fairs", {}, "10.77.0.1");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await get("fairs", {}, "10.77.0.2")).status).toBe(200); // another caller is unaffected
    const post = await api.action({
      request: new Request("http://localhost/api/v1/fairs", { method: "POST" }),
      params: { "*": "fairs" },
      context: { clientIp: "10.78.0.1" },
    } as never);
    expect(post.status).toBe(405);
    const preflight = await api.action({
      request: new Request("http://localhost/api/v1/fairs", { method: "OPTIONS" }),
      params: { "*": "fairs" },
      context: { clientIp: "10.78.0.1" },
    } as never);
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("Access-Control-Allow-Methods")).toContain("GET");
  });
});
