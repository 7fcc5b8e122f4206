import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { Shell, type ShellUser } from "~/components/ui/layout";
import { useNonce } from "~/components/ui/nonce";
import { requestContext } from "~/i18n/request.server";
import { unreadCount } from "~/domain/notifications/notifications.server";
import { edgeCatalog } from "~/i18n/catalog/edge";
import { useI18n } from "~/i18n/use-i18n";
import { THEME_COLOR } from "~/pwa/manifest";
import type { TextSize } from "~/lib/text-size";
import { getTextSize } from "~/lib/text-size.server";
import stylesheet from "~/tailwind.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  // Installable app (docs/decisions/023-phones-and-offline.md)
  { rel: "manifest", href: "/manifest.webmanifest" },
  { rel: "apple-touch-icon", href: "/icons/apple-touch-icon.png" },
];

export const meta: MetaFunction = () => [{ title: "云展洽 CloudFair" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { locale, user } = await requestContext(request);
  // getUser reads the unread count with the session; a user from elsewhere (none today) is counted here.
  const unread = user ? (user.unread ?? (await unreadCount(user.id))) : 0;
  const shellUser: ShellUser | null = user
    ? { name: user.name, roles: user.roles, unread, ...(user.emailConfirmed ? {} : { unconfirmed: true }) }
    : null;
  return json({ locale, user: shellUser, textSize: await getTextSize(request) });
}

function Document({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const { locale } = useI18n();
  const textSize: TextSize = useRouteLoaderData<typeof loader>("root")?.textSize ?? "standard";
  return (
    <html lang={locale} data-text-size={textSize}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content={THEME_COLOR} />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <Document>
      <Shell user={data?.user ?? null} textSize={data?.textSize}>
        <Outlet />
      </Shell>
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  const { t } = useI18n(edgeCatalog);
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kind = status === 403 ? "403" : status === 404 ? "404" : status >= 400 && status < 500 ? "4xx" : "500";
  // The request edge (server/edge) refuses with 400/403/413/415 and a localized `{ error }`; a
  // refused `_data` request lands here, so show its message instead of "something went wrong".
  const edge = isRouteErrorResponse(error) && [400, 403, 413, 415].includes(status) ? edgeMessage(error.data) : null;
  return (
    <Document>
      <Shell user={data?.user ?? null} textSize={data?.textSize}>
        <div className="mx-auto max-w-lg py-16 text-center" data-testid={`error-${edge ? status : kind}`}>
          <p className="text-5xl font-bold text-slate-500">{status}</p>
          <h1 className="mt-4 text-2xl font-semibold">
            {edge ? t(`edge.${status as 400 | 403 | 413 | 415}.title`) : t(`errorPage.${kind}.title`)}
          </h1>
          <p className="mt-2 text-slate-600">{edge ?? t(`errorPage.${kind}.body`)}</p>
          {edge && <p className="mt-2 text-slate-600">{t("edge.goBack")}</p>}
          <Link
            to="/"
            className="touch-target mt-6 inline-flex items-center rounded bg-brand-600 px-4 py-2 text-white no-underline"
          >
            {t("errorPage.back")}
          </Link>
        </div>
      </Shell>
    </Document>
  );
}

function edgeMessage(data: unknown): string | null {
  const message = (data as { error?: unknown } | null)?.error;
  return typeof message === "string" && message ? message : null;
}
