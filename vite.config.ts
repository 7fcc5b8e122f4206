import path from "node:path";
import { fileURLToPath } from "node:url";
import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { build as esbuild } from "esbuild";
import { defineConfig, type Plugin } from "vite";
import remixConfig from "./remix.config.js";

/**
 * The service worker (app/pwa/service-worker.ts) is one classic script at the site root, not a
 * hashed module: built with esbuild next to the client build as build/client/sw.js (ADR 023).
 */
function serviceWorker(): Plugin {
  return {
    name: "cloudfair-service-worker",
    apply: "build",
    async writeBundle(options) {
      if (!options.dir || path.basename(options.dir) !== "client") return; // the client build only
      await esbuild({
        entryPoints: [fileURLToPath(new URL("./app/pwa/service-worker.ts", import.meta.url))],
        bundle: true,
        format: "iife",
        target: "es2022",
        minify: true,
        legalComments: "none",
        outfile: path.join(options.dir, "sw.js"),
      });
    },
  };
}

export default defineConfig({
  plugins: [tailwindcss(), remix(remixConfig), serviceWorker()],
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  build: { target: "es2022" },
  // lucide-react is bundled into the server build so that it tree-shakes there too: left external,
  // Node would load all of its ~1,900 icon modules at start for the handful we use.
  ssr: { noExternal: ["lucide-react"] },
});
