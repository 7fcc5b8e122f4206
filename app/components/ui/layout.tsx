import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { Menu } from "lucide-react";
import type { ReactNode } from "react";
import { useI18n } from "~/i18n/use-i18n";
import { NotificationBell } from "~/components/notifications/notification-bell";

export interface ShellUser {
  name: string;
  roles: string[];
  unread?: number;
}

function LanguageSwitch() {
  const { locale, t } = useI18n();
  const location = useLocation();
  return (
    <Form method="post" action="/locale" className="inline">
      <input type="hidden" name="locale" value={locale === "en" ? "zh-CN" : "en"} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button
        type="submit"
        className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100"
        aria-label={t("nav.language")}
        data-testid="lang-switch"
      >
        {t("lang.switchTo")}
      </button>
    </Form>
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
    `block px-2 py-1 rounded ${isActive ? "bg-brand-50 text-brand-900" : "text-slate-700 hover:bg-slate-100"}`;
  const staff = user?.roles.some((r) => r === "STAFF" || r === "ADMIN");
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
        <Link to="/login" className="px-2 py-1 text-slate-700">
          {t("nav.login")}
        </Link>
        <Link to="/signup" className="rounded bg-brand-600 px-3 py-1 text-white hover:bg-brand-700">
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

export function Shell({ user, children }: { user: ShellUser | null; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="flex min-h-screen flex-col">
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
                <LanguageSwitch />
                <Account user={user} />
              </div>
            </div>
          </details>
        </div>
      </header>
      <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">{children}</main>
      <footer className="border-t border-slate-200 bg-white px-4 py-4 text-center text-sm text-slate-500">
        <p>{t("footer.note")}</p>
        <p className="mt-1">
          <Link to="/privacy" data-testid="footer-privacy">
            {t("nav.privacy")}
          </Link>
        </p>
      </footer>
    </div>
  );
}
