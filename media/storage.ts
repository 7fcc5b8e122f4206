// Booth media storage behind a small interface, so an S3-compatible store can replace the
// local one. Keys are opaque paths like "booths/<id>/logo.svg".
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";

export interface MediaStorage {
  put(key: string, body: Buffer | string): Promise<void>;
  get(key: string): Promise<Buffer | null>;
  exists(key: string): Promise<boolean>;
}

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

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.file(key));
    } catch {
      return null;
    }
  }

  async exists(key: string): Promise<boolean> {
    return stat(this.file(key)).then(
      () => true,
      () => false,
    );
  }
}

/** Local storage in `dir` (the app passes its MEDIA_DIR; media/ never reads the environment). */
export const localMedia = (dir: string) => new LocalMediaStorage(path.resolve(dir));
