// Values computed once per request and shared by all its loaders (docs/decisions/025-throughput.md):
// a document request runs the root loader and the route's loaders, and each of them asks who is
// signed in. The server runs every GET/HEAD request inside a memo scope (server/edge/remix.ts);
// requests that run an action get none, so an action that changes the user is always seen by the
// loaders after it. Outside a scope (tests calling a loader, scripts) nothing is memoized.
// The storage lives on globalThis because the server entry and the Remix build each load their
// own copy of this module.
import { AsyncLocalStorage } from "node:async_hooks";

type Memo = Map<string, Promise<unknown>>;

declare global {
  var __cloudfairRequestMemo: AsyncLocalStorage<Memo> | undefined;
}

const storage = () => (globalThis.__cloudfairRequestMemo ??= new AsyncLocalStorage<Memo>());

/** Runs `fn` with a fresh memo for one request. */
export function runWithRequestMemo<T>(fn: () => T): T {
  return storage().run(new Map(), fn);
}

/**
 * `compute()` once per key within the current request (a rejected promise is not kept); outside
 * a request scope, every call computes.
 */
export function memoized<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const memo = storage().getStore();
  if (!memo) return compute();
  const found = memo.get(key) as Promise<T> | undefined;
  if (found) return found;
  const made = compute();
  memo.set(key, made);
  made.catch(() => memo.delete(key));
  return made;
}
