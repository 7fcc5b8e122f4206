// Where a request's uploaded files are written while its action runs (docs/decisions/020-request-edge.md).
// The server's Remix handler runs every request inside a scope; the first multipart read creates a
// temporary directory for it, and the handler removes that directory when the response is done, so
// no upload outlives its request. The storage lives on globalThis because the server entry and the
// Remix build each load their own copy of this module.
import { AsyncLocalStorage } from "node:async_hooks";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export interface UploadScope {
  /** This request's temporary directory, created on first use. */
  dir(): Promise<string>;
  /** Removes the directory and everything in it (idempotent). */
  cleanup(): Promise<void>;
}

declare global {
  var __cloudfairUploadScopes: AsyncLocalStorage<UploadScope> | undefined;
}

const storage = () => (globalThis.__cloudfairUploadScopes ??= new AsyncLocalStorage<UploadScope>());

/** A scope whose directory is created under `root` (default: the OS temp directory) when first asked for. */
export function createUploadScope(root = tmpdir()): UploadScope {
  let made: Promise<string> | null = null;
  return {
    dir: () => (made ??= mkdtemp(path.join(root, "cloudfair-upload-"))),
    async cleanup() {
      if (!made) return;
      const dir = await made.catch(() => null);
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `fn` with `scope` as the current request's upload scope. */
export function runInUploadScope<T>(scope: UploadScope, fn: () => T): T {
  return storage().run(scope, fn);
}

/** The current request's upload scope, if the code runs inside one (it does under the server). */
export function currentUploadScope(): UploadScope | undefined {
  return storage().getStore();
}
