// Keeps the deployment guide (docs/deploy/) true: every variable the app reads (CONFIG_VARIABLES, the
// schema of app/config.server.ts) is in the guide's table and in env.example and nothing else is; the
// compose file is the cluster topology, both app instances get the same env file, the proxy reaches
// every instance and upgrades WebSockets, and the pinned service versions are the ones we test.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { CONFIG_VARIABLES, ConfigError, loadConfig } from "../../app/config.server.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");
const guide = read("docs/deploy/README.md");
const envExample = read("docs/deploy/env.example");

/** The first table after `heading`: its rows' first cells, split into variable names. */
function tableRows(markdown: string, heading: string): { names: string[]; row: string }[] {
  const section = markdown.split(`\n${heading}\n`)[1]?.split("\n## ")[0];
  if (!section) throw new Error(`no section ${heading}`);
  const lines = section.split("\n");
  const start = lines.findIndex((l) => l.startsWith("| "));
  const rows: { names: string[]; row: string }[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    const first = line.split("|")[1];
    rows.push({ names: first.match(/[A-Z][A-Z0-9_]*/g) ?? [], row: line });
  }
  return rows;
}

const appTable = tableRows(guide, "## Every variable");
const documented = appTable.flatMap((r) => r.names);
const serviceVariables = guide
  .split("Variables of the other services")[1]
  .split("\n")
  .filter((l) => l.startsWith("| `"))
  .map((l) => l.split("`")[1]);

/** env.example: every `NAME=value` line, commented out or not. */
const envLines = envExample
  .split("\n")
  .map((line) => /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line))
  .filter((m) => m !== null)
  .map((m) => ({ name: m[2], active: !m[1], value: m[3] }));

const compose = YAML.parse(read("docs/deploy/docker-compose.yml"), { merge: true }) as {
  services: Record<string, Record<string, unknown>>;
};
const appServices = Object.entries(compose.services).filter(([name]) => name.startsWith("app-"));

describe("the guide's variable table", () => {
  it("lists every variable app/config.server.ts reads, one per row", () => {
    expect(CONFIG_VARIABLES.filter((v) => !documented.includes(v))).toEqual([]);
    expect(appTable.every((r) => r.names.length === 1)).toBe(true);
  });

  it("lists nothing the app no longer reads, and nothing twice", () => {
    expect(documented.filter((v) => !(CONFIG_VARIABLES as string[]).includes(v))).toEqual([]);
    expect(new Set(documented).size).toBe(documented.length);
  });

  it("gives every variable a required column, a default, a meaning and an example", () => {
    for (const { row } of appTable)
      expect(
        row
          .split("|")
          .slice(1, -1)
          .every((cell) => cell.trim() !== ""),
      ).toBe(true);
  });
});

describe("env.example", () => {
  it("names every variable the app reads", () => {
    const named = new Set(envLines.map((l) => l.name));
    expect(CONFIG_VARIABLES.filter((v) => !named.has(v))).toEqual([]);
  });

  it("names only app variables and the other services' variables the guide explains", () => {
    const known = new Set<string>([...CONFIG_VARIABLES, ...serviceVariables]);
    expect(envLines.map((l) => l.name).filter((n) => !known.has(n))).toEqual([]);
  });

  it("holds values the app accepts, except the LiveKit secret placeholder it refuses in production", () => {
    // Compose's env_file and systemd's EnvironmentFile both drop the surrounding double quotes.
    const env = Object.fromEntries(
      envLines.filter((l) => l.active).map((l) => [l.name, l.value.replace(/^"(.*)"$/, "$1")]),
    );
    expect(() => loadConfig({ ...env, NODE_ENV: "development" })).not.toThrow();
    try {
      loadConfig(env);
      expect.unreachable("the LiveKit placeholder secret should be refused in production");
    } catch (err) {
      expect((err as ConfigError).problems.map((p) => p.variable)).toEqual(["LIVEKIT_API_SECRET"]);
    }
  });

  it("holds no working secret: every secret set there is a change-me placeholder", () => {
    const secrets = new Set([
      ...appTable.filter((r) => r.row.includes("**secret**")).flatMap((r) => r.names),
      ...serviceVariables.filter((v) => v.endsWith("_PASSWORD")),
    ]);
    expect(secrets.size).toBeGreaterThan(10);
    for (const line of envLines.filter((l) => l.active && secrets.has(l.name)))
      expect(line.value, line.name).toContain("change-me");
  });
});

describe("docker-compose.yml", () => {
  it("has the cluster's services", () => {
    for (const name of [
      "app-a",
      "app-b",
      "proxy",
      "postgres",
      "redis",
      "meilisearch",
      "livekit",
      "versitygw",
      "mailpit",
    ])
      expect(compose.services, name).toHaveProperty(name);
    expect(appServices).toHaveLength(2);
  });

  it("gives both app instances the same image, env file and network, each its own port", () => {
    const [[, a], [, b]] = appServices;
    expect(a.env_file).toBe(".env");
    expect(b.env_file).toEqual(a.env_file);
    expect(b.build).toEqual(a.build);
    expect(b.image).toEqual(a.image);
    // The proxy reaches them on loopback, the only address the app trusts X-Forwarded-For from.
    expect(a.network_mode).toBe("service:proxy");
    expect(b.network_mode).toBe("service:proxy");
    const ports = appServices.map(([, s]) => (s.environment as Record<string, string>).PORT);
    expect(new Set(ports).size).toBe(2);
  });

  it("fills every ${…} from env.example", () => {
    const named = new Set(envLines.filter((l) => l.active).map((l) => l.name));
    const used = [...read("docs/deploy/docker-compose.yml").matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(5);
    expect([...new Set(used)].filter((v) => !named.has(v))).toEqual([]);
  });

  it("pins the service versions we test (scripts/setup)", () => {
    const setup = read("scripts/setup");
    const pinned = (name: string) => new RegExp(`^${name}=(\\S+)$`, "m").exec(setup)?.[1];
    expect(compose.services.livekit.image).toBe(`livekit/livekit-server:${pinned("LIVEKIT_VERSION")}`);
    expect(compose.services.versitygw.image).toBe(`versity/versitygw:${pinned("VERSITYGW_VERSION")}`);
    expect(compose.services.mailpit.image).toBe(`axllent/mailpit:${pinned("MAILPIT_VERSION")}`);
  });
});

describe("the reverse proxy", () => {
  const ports = appServices.map(([, s]) => (s.environment as Record<string, string>).PORT);

  it("Caddy sends the app's site to every instance over loopback (its reverse_proxy upgrades WebSockets)", () => {
    const caddy = read("docs/deploy/Caddyfile");
    const site = caddy
      .split("{$SITE_ADDRESS} {")[1]
      .split("\n}\n")[0]
      .split("\n")
      .filter((line) => !line.trim().startsWith("#"))
      .join("\n");
    const upstreams = /^\s*reverse_proxy ([^{\n]+)/m.exec(site)?.[1].trim().split(/\s+/);
    expect(upstreams).toEqual(ports.map((p) => `127.0.0.1:${p}`));
    // Nothing that would strip the upgrade or keep /socket.io/ away from the instances.
    expect(site).not.toMatch(/Upgrade|Connection|socket\.io/);
  });

  it("nginx passes WebSocket upgrades and large uploads to every instance", () => {
    const nginx = read("docs/deploy/nginx.conf");
    for (const p of ports) expect(nginx).toContain(`server 127.0.0.1:${p}`);
    expect(nginx).toContain("proxy_http_version 1.1;");
    expect(nginx).toContain("proxy_set_header Upgrade $http_upgrade;");
    expect(nginx).toContain("proxy_set_header Connection $connection_upgrade;");
    expect(nginx).toContain("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;");
    expect(nginx).toContain("client_max_body_size 21m;");
  });
});

describe("the start command", () => {
  it("is the same in package.json, the Dockerfile and the systemd template unit", () => {
    const pkg = JSON.parse(read("package.json")) as { scripts: Record<string, string> };
    expect(pkg.scripts.serve).toBe("tsx server/index.ts");
    expect(read("docs/deploy/Dockerfile")).toContain('CMD ["node_modules/.bin/tsx", "server/index.ts"]');
    const unit = read("docs/deploy/systemd/cloudfair@.service");
    expect(unit).toContain("ExecStart=/opt/cloudfair/node_modules/.bin/tsx server/index.ts");
    expect(unit).toContain("EnvironmentFile=/etc/cloudfair/cloudfair.env");
    expect(unit).toContain("Environment=PORT=%i");
  });
});
