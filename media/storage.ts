// Booth media storage behind a small interface with two implementations: local disk (the embedded
// default, here) and an S3-compatible bucket (media/s3-storage.ts, when S3_BUCKET is set; ADR 029).
// Keys are opaque paths like "booths/<id>/logo.svg". tests/integration/media-storage.test.ts is the
// contract both keep.
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";

export interface MediaStorage {
  put(key: string, body: Buffer | string): Promise<void>;
  get(key: string): Promise<Buffer | null>;
  exists(key: string): Promise<boolean>;
}

/**
 * The store did not answer (an object server down, refused, reset, timed out or failing with a
 * 5xx): the app answers 503 with Retry-After, not 500 (docs/decisions/037).
 */
export class MediaStoreUnavailableError extends Error {
  override readonly name = "MediaStoreUnavailableError";
}

/** By name: the Remix build bundles its own copy of this module, so `instanceof` fails across the two. */
export const isMediaStoreUnavailable = (err: unknown): boolean =>
  err instanceof Error && err.name === "MediaStoreUnavailableError";

const SAFE_KEY = /^[a-z0-9][a-z0-9/_.-]{0,200}$/i;

export function assertSafeKey(key: string): void {
  if (!SAFE_KEY.test(key) || key.includes("..")) throw new Error(`unsafe media key: ${key}`);
}

export class LocalMediaStorage implements MediaStorage {
  constructor(readonly root: string) {}

  private file(key: string): string {
    assertSafeKey(key);
    return path.join(this.root, key);
  }

  async put(key: string, body: Buffer | string): Promise<void> {
    const file = this.file(key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, body);
  }

  /** The file's bytes; null when there is no such file. An unsafe key throws, as in every implementation. */
  async get(key: string): Promise<Buffer | null> {
    const file = this.file(key);
    try {
      return await readFile(file);
    } catch {
      return null;
    }
  }

  async exists(key: string): Promise<boolean> {
    const file = this.file(key);
    // A directory ("booths/<id>") is a prefix of keys, not a stored object (as on S3).
    return stat(file).then(
      (s) => s.isFile(),
      () => false,
    );
  }
}

/** Local storage in `dir` (the app passes its MEDIA_DIR; media/ never reads the environment). */
export const localMedia = (dir: string) => new LocalMediaStorage(path.resolve(dir));
