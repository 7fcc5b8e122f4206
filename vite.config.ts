import { fileURLToPath } from "node:url";
import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";
import remixConfig from "./remix.config.js";

export default defineConfig({
  plugins: [tailwindcss(), remix(remixConfig)],
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  build: { target: "es2022" },
  // lucide-react is bundled into the server build so that it tree-shakes there too: left external,
  // Node would load all of its ~1,900 icon modules at start for the handful we use.
  ssr: { noExternal: ["lucide-react"] },
});
