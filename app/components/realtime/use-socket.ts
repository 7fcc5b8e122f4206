// A socket.io connection for as long as a component is on the page (ADR 013). The client library
// is loaded only when a page needs it; when the server closes the connection (the session ended or
// the account's rights changed), it reconnects after a second as the cookie says now.
import { useEffect } from "react";
import type { Socket } from "socket.io-client";

/** Connects, lets `listen` register its handlers, and closes when `deps` change or on unmount. */
export function useSocket(listen: (socket: Socket) => void, deps: readonly unknown[]) {
  useEffect(() => {
    let socket: Socket | null = null;
    let cancelled = false;
    void import("socket.io-client").then(({ io }) => {
      if (cancelled) return;
      const s = io({ transports: ["websocket", "polling"] });
      s.on("disconnect", (reason) => {
        if (reason === "io server disconnect") setTimeout(() => !cancelled && s.connect(), 1000);
      });
      listen(s);
      socket = s;
    });
    return () => {
      cancelled = true;
      socket?.close();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
}
