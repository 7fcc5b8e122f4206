// socket.io authenticates with the same session cookie as pages.
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Socket } from "socket.io-client";
import { connectClient } from "../harness/sockets.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachRealtime } from "../../server/realtime.ts";
import { useTestDatabase } from "../harness/db.ts";
import { makeUser } from "../harness/factories.ts";

describe("realtime", () => {
  let http: HttpServer;
  let url: string;
  const sockets: Socket[] = [];
  let closeRealtime = async () => {};
  beforeAll(async () => {
    await useTestDatabase();
    http = createServer();
    const rt = await attachRealtime(http);
    await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    closeRealtime = () => rt.close();
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await closeRealtime();
  });

  const whoami = (cookie?: string) =>
    new Promise<{ userId: string | null }>((resolve, reject) => {
      const s = connectClient(url, sockets, cookie);
      s.on("connect_error", reject);
      s.on("connect", () => s.emit("whoami", resolve));
    });

  it("knows the signed-in user from the session cookie", async () => {
    const investor = await makeUser("INVESTOR");
    expect(await whoami(investor.cookie)).toEqual({ userId: investor.user.id });
  });

  it("treats missing or forged cookies as anonymous", async () => {
    expect(await whoami()).toEqual({ userId: null });
    expect(await whoami("cf_session=forged")).toEqual({ userId: null });
  });
});
