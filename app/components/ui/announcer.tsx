// One polite live region for the whole page (ADR 024): components announce short messages here
// (a new notification) instead of each owning a region, so a message is read once even when a
// component is rendered twice (desktop header and phone menu).
import { createContext, useCallback, useContext, useState, type ReactNode } from "react";

const AnnounceContext = createContext<(message: string) => void>(() => {});

export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState("");
  // The same words twice in a row would not change the region: clear it first so both are read.
  const announce = useCallback((m: string) => {
    setMessage("");
    setTimeout(() => setMessage(m), 50);
  }, []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <p role="status" aria-live="polite" className="sr-only" data-testid="live-announcer">
        {message}
      </p>
    </AnnounceContext.Provider>
  );
}

export const useAnnounce = () => useContext(AnnounceContext);
