import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { ALargeSmall, Menu } from "lucide-react";
import type { ReactNode } from "react";
import { useI18n } from "~/i18n/use-i18n";
import { NotificationBell } from "~/components/notifications/notification-bell";
import { OfflineSupport } from "./offline";
import { TEXT_SIZES, type TextSize } from "~/lib/text-size";
import { AnnouncerProvider } from "./announcer";
import { FocusOnNavigation } from "./focus";

export interface ShellUser {
  name: string;
  roles: string[];
  unread?: number;
  /** The address is not confirmed yet: a banner offers the confirmation mail again (ADR 026). */
  unconfirmed?: boolean;
}

/**
 * Signed in with an unconfirmed address: a strip under the header with a resend button (posted to the
 * mail settings, which rate-limit it and say what happened). Not on the mail settings page itself,
 * which shows the same offer. Wraps on a 360 px phone instead of overflowing.
 */
function AddressBanner() {
  const { t } = useI18n();
  const location = useLocation();
  if (location.pathname === "/account/notifications") return null;
  return (
    <section
      aria-label={t("addressBanner.label")}
      className="border-b border-amber-300 bg-amber-50"
      data-testid="address-banner"
    >
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2 text-sm text-amber-950">
        <p className="min-w-0 flex-1 basis-64 break-words">{t("addressBanner.text")}</p>
        <Form method="post" action="/account/notifications" className="shrink-0">
          <input type="hidden" name="intent" value="resend" />
          <button
            type="submit"
            className="touch-target rounded border border-amber-500 bg-white px-3 py-1 text-amber-950 hover:bg-amber-100"
          >
            {t("addressBanner.resend")}
          </button>
        </Form>
      </div>
    </section>
  );
}

function LanguageSwitch() {
  const { locale, t } = useI18n();
  const location = useLocation();
  const other = locale === "en" ? "zh-CN" : "en";
  return (
    <Form method="post" action="/locale" className="inline">
      <input type="hidden" name="locale" value={other} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {/* Named by what it shows (the other language, in that language), never by a hidden label. */}
      <button
        type="submit"
        lang={other}
        className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100"
        data-testid="lang-switch"
      >
        <span lang={other}>{t("lang.switchTo")}</span>
      </button>
    </Form>
  );
}

/** 标准 / 大字 / 特大 (ADR 024): a small menu of three buttons; the chosen one is pressed. */
function TextSizeMenu({ textSize }: { textSize: TextSize }) {
  const { t } = useI18n();
  const location = useLocation();
  return (
    <details className="relative" data-testid="text-size">
      <summary className="flex cursor-pointer list-none items-center gap-1 rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100">
        <ALargeSmall aria-hidden="true" className="h-4 w-4" />
        {t("textSize.label")}
      </summary>
      <Form
        method="post"
        action="/text-size"
        className="absolute right-0 z-20 mt-1 flex flex-col gap-1 rounded border border-slate-200 bg-white p-1 shadow"
        aria-label={t("textSize.label")}
      >
        <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
        {TEXT_SIZES.map((size) => (
          <button
            key={size}
            type="submit"
            name="size"
            value={size}
            aria-pressed={size === textSize}
            className={`whitespace-nowrap rounded px-3 py-1 text-left ${size === textSize ? "bg-brand-600 text-white" : "text-slate-800 hover:bg-slate-100"}`}
          >
            {t(`textSize.${size}`)}
          </button>
        ))}
      </Form>
    </details>
  );
}

function HeaderSearch() {
  const { t } = useI18n();
  return (
    <Form method="get" action="/search" role="search" className="min-w-0 flex-1 md:max-w-xs">
      <input
        type="search"
        name="q"
        placeholder={t("search.title")}
        aria-label={t("search.title")}
        maxLength={200}
        className="w-full rounded border border-slate-300 px-2 py-1 text-sm"
        data-testid="header-search"
      />
    </Form>
  );
}

function NavLinks({ user }: { user: ShellUser | null }) {
  const { t } = useI18n();
  const cls = ({ isActive }: { isActive: boolean }) =>
    `flex min-h-11 items-center px-2 py-1 rounded md:block md:min-h-0 ${isActive ? "bg-brand-50 text-brand-900" : "text-slate-700 hover:bg-slate-100"}`;
  const staff = user?.roles.some((r) => r === "STAFF" || r === "ADMIN" || r === "BUREAU_ADMIN" || r === "VIEWER");
  return (
    <>
      <NavLink to="/" end className={cls}>
        {t("nav.fairs")}
      </NavLink>
      {user && (
        <NavLink to="/dashboard" className={cls}>
          {t("nav.dashboard")}
        </NavLink>
      )}
      {user?.roles.some((r) => r === "INVESTOR" || r === "EXHIBITOR") && (
        <NavLink to="/meetings" className={cls}>
          {t("nav.agenda")}
        </NavLink>
      )}
      {staff && (
        <NavLink to="/staff" className={cls}>
          {t("nav.staff")}
        </NavLink>
      )}
      {user?.roles.includes("ADMIN") && (
        <NavLink to="/admin" className={cls}>
          {t("nav.admin")}
        </NavLink>
      )}
    </>
  );
}

function Account({ user }: { user: ShellUser | null }) {
  const { t } = useI18n();
  if (!user) {
    return (
      <>
        <Link to="/login" className="touch-target px-2 py-1 text-slate-700">
          {t("nav.login")}
        </Link>
        <Link to="/signup" className="touch-target rounded bg-brand-600 px-3 py-1 text-white hover:bg-brand-700">
          {t("nav.signup")}
        </Link>
      </>
    );
  }
  return (
    <>
      <NotificationBell initial={user.unread ?? 0} />
      <Link
        to="/account"
        className="max-w-[10rem] truncate text-sm text-slate-600"
        data-testid="current-user"
        title={t("nav.account")}
      >
        {user.name}
      </Link>
      <Form method="post" action="/logout">
        <button type="submit" className="px-2 py-1 text-sm text-slate-700 hover:underline">
          {t("nav.logout")}
        </button>
      </Form>
    </>
  );
}

export function Shell({
  user,
  textSize = "standard",
  children,
}: {
  user: ShellUser | null;
  textSize?: TextSize;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <AnnouncerProvider>
      <FocusOnNavigation />
      <div className="flex min-h-screen flex-col">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          {t("nav.skip")}
        </a>
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-6xl items-center gap-3 px-4 py-3">
            <Link to="/" className="text-lg font-bold text-brand-900 no-underline">
              {t("app.name")}
            </Link>
            <nav className="hidden gap-1 md:flex" aria-label={t("nav.menu")}>
              <NavLinks user={user} />
            </nav>
            <HeaderSearch />
            <div className="ml-auto hidden items-center gap-2 md:flex">
              <TextSizeMenu textSize={textSize} />
              <LanguageSwitch />
              <Account user={user} />
            </div>
            <details className="relative md:hidden">
              <summary
                className="cursor-pointer list-none rounded border border-slate-300 px-3 py-1"
                aria-label={t("nav.menu")}
              >
                <Menu aria-hidden="true" className="inline-block h-5 w-5" />
              </summary>
              <div className="absolute right-0 z-10 mt-2 flex w-56 flex-col gap-1 rounded border border-slate-200 bg-white p-2 shadow">
                <NavLinks user={user} />
                <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-2">
                  <TextSizeMenu textSize={textSize} />
                  <LanguageSwitch />
                  <Account user={user} />
                </div>
              </div>
            </details>
          </div>
        </header>
        {user?.unconfirmed && <AddressBanner />}
        <OfflineSupport signedIn={!!user} />
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
          {children}
        </main>
        <footer className="border-t border-slate-200 bg-white px-4 py-4 text-center text-sm text-slate-500">
          <p>{t("footer.note")}</p>
          <p className="mt-1">
            <Link to="/privacy" data-testid="footer-privacy">
              {t("nav.privacy")}
            </Link>
          </p>
        </footer>
      </div>
    </AnnouncerProvider>
  );
}
