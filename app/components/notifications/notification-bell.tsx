// The header bell: unread count from the server, kept live over socket.io while the page is open.
import { Link, useRevalidator, useRouteLoaderData } from "@remix-run/react";
import { Bell } from "lucide-react";
import { useEffect, useState } from "react";
import { useI18n } from "~/i18n/use-i18n";
import { agendaCatalog } from "~/i18n/catalog/agenda";
import { useAnnounce } from "~/components/ui/announcer";
import { useSocket } from "~/components/realtime/use-socket";

export function NotificationBell({ initial }: { initial: number }) {
  const { t } = useI18n(agendaCatalog);
  const [unread, setUnread] = useState(initial);
  const revalidator = useRevalidator();
  const announce = useAnnounce();
  // Every answer of the root loader (a navigation, a revalidation) is the server's count, even when
  // it equals the last one: a push that arrived after a revalidation had already counted its
  // notification would otherwise stay counted twice (the badge said 2 for one notification).
  const rootData = useRouteLoaderData("root");
  useEffect(() => setUnread(initial), [initial, rootData]);
  useSocket((s) => {
    s.on("notification", () => {
      setUnread((n) => {
        announce(t("notify.live", { count: n + 1 }));
        return n + 1;
      });
      if (window.location.pathname === "/meetings" || window.location.pathname === "/notifications")
        revalidator.revalidate();
    });
  }, []);
  return (
    <Link
      to="/notifications"
      className="touch-target relative rounded px-2 py-1 text-slate-700 no-underline hover:bg-slate-100"
      data-testid="bell"
    >
      {/* Named by text, not aria-label: the visible unread count must be part of the name (WCAG 2.5.3). */}
      <Bell aria-hidden="true" className="inline-block h-5 w-5" />
      <span className="sr-only">{t("notify.title")} </span>
      {unread > 0 && (
        <span
          className="absolute -right-1 -top-1 rounded-full bg-red-600 px-1.5 text-xs text-white"
          data-testid="unread"
        >
          {unread}
        </span>
      )}
    </Link>
  );
}
