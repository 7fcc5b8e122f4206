// Installable app and offline reading (docs/decisions/023-phones-and-offline.md): registers the
// service worker, hands it the page's build files, empties the saved personal pages when nobody is
// signed in, and says so when the page shown is a saved copy because the device is offline.
import { useEffect, useState } from "react";
import { useI18n } from "~/i18n/use-i18n";
import { PERSONAL_CACHE, SAVED_AT_HEADER } from "~/pwa/policy";

export function OfflineSupport({ signedIn }: { signedIn: boolean }) {
  const { t, locale } = useI18n();
  const [offline, setOffline] = useState<{ savedAt: Date } | null>(null);

  useEffect(() => {
    if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
    navigator.serviceWorker
      .register("/sw.js", { scope: "/" })
      .then(() => navigator.serviceWorker.ready)
      .then((reg) => {
        // Loaded while the worker was activating (e.g. the first page after signing in): be claimed.
        if (!navigator.serviceWorker.controller) reg.active?.postMessage({ type: "claim" });
        const assets = new Set<string>();
        for (const e of performance.getEntriesByType("resource")) assets.add(e.name);
        document.querySelectorAll<HTMLScriptElement | HTMLLinkElement>("script[src], link[href]").forEach((el) => {
          assets.add("src" in el && el.src ? el.src : (el as HTMLLinkElement).href);
        });
        const urls = [...assets].filter((u) => u.startsWith(`${location.origin}/assets/`));
        reg.active?.postMessage({ type: "keep-assets", urls });
      })
      .catch(() => undefined); // no worker (private mode, old browser): the site works as before
  }, []);

  useEffect(() => {
    // Signed out (logged out here or elsewhere, session expired, account deleted): nothing personal stays.
    if (signedIn || typeof caches === "undefined") return;
    void caches.delete(PERSONAL_CACHE).catch(() => undefined);
    navigator.serviceWorker?.controller?.postMessage({ type: "clear-personal" });
  }, [signedIn]);

  useEffect(() => {
    const loadedAt = new Date();
    const update = async () => {
      if (navigator.onLine) return setOffline(null);
      // The saved copy's time; without one (no Cache API, a page not kept) the time the page was loaded.
      const at = await caches
        .open(PERSONAL_CACHE)
        .then((c) => c.match(location.href, { ignoreVary: true }))
        .then((r) => r?.headers.get(SAVED_AT_HEADER) ?? null)
        .catch(() => null);
      const savedAt = at ? new Date(at) : null;
      setOffline({ savedAt: savedAt && !Number.isNaN(savedAt.getTime()) ? savedAt : loadedAt });
    };
    // Offline, a link loads the whole page (the worker answers with the saved copy) instead of asking
    // for loader data and route modules that were never saved.
    const onClick = (e: MouseEvent) => {
      if (navigator.onLine || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
      const a = (e.target as Element | null)?.closest?.("a[href]") as HTMLAnchorElement | null;
      if (!a || a.origin !== location.origin || a.hasAttribute("download") || (a.target && a.target !== "_self"))
        return;
      e.preventDefault();
      e.stopPropagation();
      location.assign(a.href);
    };
    void update();
    const onChange = () => void update();
    window.addEventListener("online", onChange);
    window.addEventListener("offline", onChange);
    window.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("online", onChange);
      window.removeEventListener("offline", onChange);
      window.removeEventListener("click", onClick, true);
    };
  }, []);

  if (!offline) return null;
  const time = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(offline.savedAt);
  return (
    <div
      role="status"
      data-testid="offline-notice"
      className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-center text-sm font-medium text-amber-900"
    >
      {t("offline.savedCopy", { time })}
    </div>
  );
}
