// The web app manifest, in the visitor's language (cf_lang cookie, else zh-CN). ADR 023.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLocale } from "~/i18n/locale.server";
import { webAppManifest } from "~/pwa/manifest";

export async function loader({ request }: LoaderFunctionArgs) {
  return new Response(JSON.stringify(webAppManifest(await getLocale(request))), {
    headers: {
      "Content-Type": "application/manifest+json; charset=utf-8",
      "Cache-Control": "no-cache",
      Vary: "Cookie",
    },
  });
}
