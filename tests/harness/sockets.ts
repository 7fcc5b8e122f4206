// socket.io clients for the realtime tests: websocket only, no reconnection, the session cookie as
// a header; every client is kept in `sockets` so the test can close them all.
import { io as connect, type Socket } from "socket.io-client";

export function connectClient(url: string, sockets: Socket[], cookie?: string): Socket {
  const s = connect(url, {
    transports: ["websocket"],
    extraHeaders: cookie ? { Cookie: cookie } : {},
    reconnection: false,
  });
  sockets.push(s);
  return s;
}

/** A connected client, or the connection error. */
export const openSocket = (url: string, sockets: Socket[], cookie?: string) =>
  new Promise<Socket>((resolve, reject) => {
    const s = connectClient(url, sockets, cookie);
    s.once("connect_error", reject);
    s.once("connect", () => resolve(s));
  });
