// What server/ passes to every loader and action (see server/app.ts getLoadContext).
declare module "@remix-run/node" {
  interface AppLoadContext {
    nonce?: string;
    clientIp?: string;
    /**
     * Set for requests the public page cache may store (server/page-cache.ts): an anonymous booth
     * page hands its visit here instead of counting it, and the cache counts it on every request.
     */
    deferBoothVisit?: (booth: { id: string; timeZone: string }) => void;
  }
}
export {};
