// What server/ passes to every loader and action (see server/app.ts getLoadContext).
declare module "@remix-run/node" {
  interface AppLoadContext {
    nonce?: string;
    clientIp?: string;
  }
}
export {};
