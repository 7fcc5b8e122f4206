// The web app manifest (installable app, issue 21): names in the visitor's language, the brand's
// icons (scripts/pwa-icons.ts) and colour. Served by app/routes/manifest[.webmanifest].ts.
import { pick, type Locale } from "~/i18n";

export const THEME_COLOR = "#1d5fd1"; // brand-600 (app/tailwind.css)

export function webAppManifest(locale: Locale) {
  return {
    id: "/",
    name: "云展洽 CloudFair",
    short_name: pick(locale, "云展洽", "CloudFair"),
    description: pick(locale, "在线展会与投资洽谈", "Online fairs and investment negotiations"),
    lang: locale,
    dir: "ltr",
    // The dashboard: upcoming meetings and bookmarked booths, readable offline (the login page when signed out).
    start_url: "/dashboard",
    scope: "/",
    display: "standalone",
    orientation: "any",
    theme_color: THEME_COLOR,
    background_color: "#ffffff",
    categories: ["business"],
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
