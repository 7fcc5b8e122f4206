// The storage contract (media/storage.ts): local disk and a real S3 server (Versity's gateway,
// started here) behave the same for everything the app asks of them (ADR 029).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3MediaStorage } from "../../media/s3-storage.ts";
import { LocalMediaStorage, type MediaStorage } from "../../media/storage.ts";
import { startS3 } from "../harness/s3.ts";

type Backend = { storage: MediaStorage; stop(): Promise<void> };

const backends: Record<string, () => Promise<Backend>> = {
  "local disk": async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cf-storage-"));
    return { storage: new LocalMediaStorage(dir), stop: async () => rmSync(dir, { recursive: true, force: true }) };
  },
  S3: async () => {
    const s3 = await startS3("contract");
    return { storage: s3.storage, stop: () => s3.stop() };
  },
};

describe.each(Object.keys(backends))("media storage contract (%s)", (name) => {
  let backend: Backend;
  let storage: MediaStorage;
  beforeAll(async () => {
    backend = await backends[name]();
    storage = backend.storage;
  });
  afterAll(() => backend?.stop());

  it("stores bytes and gives back exactly the same bytes", async () => {
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256));
    await storage.put("booths/b1/gallery.webp", bytes);
    expect(await storage.exists("booths/b1/gallery.webp")).toBe(true);
    const back = await storage.get("booths/b1/gallery.webp");
    expect(back).toBeInstanceOf(Buffer);
    expect(back!.equals(bytes)).toBe(true);
  });

  it("stores strings as UTF-8, including Chinese text", async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>云展洽</text></svg>';
    await storage.put("booths/b1/logo.svg", svg);
    expect((await storage.get("booths/b1/logo.svg"))!.toString("utf8")).toBe(svg);
  });

  it("replaces an object written twice under one key", async () => {
    await storage.put("orgs/o1/logo.png", Buffer.from("first"));
    await storage.put("orgs/o1/logo.png", Buffer.from("second, longer"));
    expect((await storage.get("orgs/o1/logo.png"))!.toString()).toBe("second, longer");
  });

  it("keeps an empty file", async () => {
    await storage.put("booths/b1/empty.pdf", Buffer.alloc(0));
    expect(await storage.exists("booths/b1/empty.pdf")).toBe(true);
    expect((await storage.get("booths/b1/empty.pdf"))!.length).toBe(0);
  });

  it("answers null / false for a key never stored, and for a prefix of a stored key", async () => {
    expect(await storage.get("booths/none/x.webp")).toBeNull();
    expect(await storage.exists("booths/none/x.webp")).toBe(false);
    expect(await storage.get("booths/b1")).toBeNull();
    expect(await storage.exists("booths/b1")).toBe(false);
  });

  it("refuses unsafe keys on every operation, before touching the store", async () => {
    for (const key of ["../etc/passwd", "booths/../../x", "/abs/path", "", "booths/ü.webp", "a\0b", "x".repeat(300)]) {
      await expect(storage.put(key, "x"), key.slice(0, 20)).rejects.toThrow(/unsafe media key/);
      await expect(Promise.resolve().then(() => storage.get(key))).rejects.toThrow(/unsafe media key/);
      await expect(Promise.resolve().then(() => storage.exists(key))).rejects.toThrow(/unsafe media key/);
    }
  });

  it("keeps keys apart that differ only in case or suffix", async () => {
    await storage.put("booths/b2/A.webp", "upper");
    await storage.put("booths/b2/a.webp", "lower");
    await storage.put("booths/b2/a.webp.bak", "suffix");
    expect((await storage.get("booths/b2/A.webp"))!.toString()).toBe("upper");
    expect((await storage.get("booths/b2/a.webp"))!.toString()).toBe("lower");
  });

  it("serves many concurrent writes and reads", async () => {
    const keys = Array.from({ length: 24 }, (_, i) => `booths/b3/${i}.webp`);
    await Promise.all(keys.map((k, i) => storage.put(k, `n${i}`)));
    const back = await Promise.all(keys.map((k) => storage.get(k)));
    expect(back.map((b) => b!.toString())).toEqual(keys.map((_, i) => `n${i}`));
  });
});

describe("S3 storage failures", () => {
  it("throws (rather than answering 'missing') when the server is unreachable or refuses the keys", async () => {
    const s3 = await startS3("failures");
    try {
      const wrong = new S3MediaStorage({ ...s3.settings, secretAccessKey: "not-the-secret" });
      await expect(wrong.get("booths/x/y.webp")).rejects.toThrow();
      await expect(wrong.put("booths/x/y.webp", "x")).rejects.toThrow();
      wrong.client.destroy();
    } finally {
      await s3.stop();
    }
    const gone = new S3MediaStorage({ ...s3.settings });
    await expect(gone.get("booths/x/y.webp")).rejects.toThrow();
    gone.client.destroy();
  });

  it("keeps the bucket private: an anonymous GET of an object is refused", async () => {
    const s3 = await startS3("private");
    try {
      await s3.storage.put("booths/p/logo.png", "secret draft");
      const res = await fetch(`${s3.url}/private/booths/p/logo.png`);
      expect(res.status).toBe(403);
    } finally {
      await s3.stop();
    }
  });
});
