// npm run cluster: the production topology on this machine (docs/decisions/030-jobs-and-cluster.md):
// two app instances behind a reverse proxy, one PostgreSQL, Redis, Meilisearch and LiveKit when
// installed, a shared media directory; the demo fair seeded. Ctrl-C stops everything.
//   npm run cluster -- [--instances N] [--port P] [--no-seed] [--quiet]
import { parseArgs } from "node:util";
import { startCluster } from "./cluster/topology.ts";

const { values } = parseArgs({
  options: {
    instances: { type: "string", default: "2" },
    port: { type: "string", default: "8080" },
    "no-seed": { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
  },
});
const instances = Number(values.instances);
const port = Number(values.port);
if (
  !Number.isInteger(instances) ||
  instances < 1 ||
  instances > 8 ||
  !Number.isInteger(port) ||
  port < 0 ||
  port > 65535
) {
  console.error("usage: npm run cluster -- [--instances 1-8] [--port 0-65535] [--no-seed] [--quiet]");
  process.exit(2);
}
console.log(`starting PostgreSQL, Redis, Meilisearch, LiveKit and ${instances} app instances…`);
const cluster = await startCluster({
  instances,
  port,
  seed: !values["no-seed"],
  log: values.quiet ? undefined : (name, line) => console.log(`[${name}] ${line}`),
});
console.log(
  [
    `CloudFair cluster at ${cluster.url}`,
    ...cluster.instances.map((i) => `  instance ${i.name}: ${i.url}`),
    `  PostgreSQL: ${cluster.databaseUrl}`,
    `  Redis: ${cluster.redisUrl}`,
    `  Meilisearch: ${cluster.meiliUrl ?? "not installed (each instance uses the embedded engine)"}`,
    `  LiveKit: ${cluster.liveKitUrl ?? "not installed (scripts/setup)"}`,
    `  media: ${cluster.s3Url ? `S3 at ${cluster.s3Url}, bucket cloudfair-media` : `${cluster.mediaDir} (versitygw not installed: scripts/setup)`}`,
    "Ctrl-C stops everything (the temporary database goes with it).",
  ].join("\n"),
);
let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  console.log("stopping the cluster…");
  await cluster.stop();
  process.exit(0);
};
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());
