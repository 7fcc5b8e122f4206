// A real S3 server for a test file: Versity's gateway (installed by scripts/setup) over a temporary
// directory, with a fresh bucket. `configure` points the app's media storage at it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { configure } from "../../app/config.server.ts";
import { S3MediaStorage, type S3Settings } from "../../media/s3-storage.ts";
import { hasTool, startVersityGw } from "../../server/services/processes.ts";

export async function startS3(bucket = "cloudfair-media") {
  if (!hasTool("versitygw")) throw new Error("versitygw missing: run scripts/setup");
  const dir = mkdtempSync(path.join(tmpdir(), "cf-s3-"));
  const gw = await startVersityGw({ dir });
  const settings: S3Settings = {
    endpoint: gw.url,
    region: "us-east-1",
    bucket,
    accessKeyId: gw.accessKey,
    secretAccessKey: gw.secretKey,
    forcePathStyle: true,
  };
  const storage = new S3MediaStorage(settings);
  await storage.ensureBucket();
  return {
    url: gw.url,
    accessKey: gw.accessKey,
    secretKey: gw.secretKey,
    get process() {
      return gw.process;
    },
    /** Stops the S3 server, keeping its directory and port (fault tests). */
    halt: () => gw.halt(),
    /** Starts it again on the same directory and port: earlier objects are there. */
    resume: () => gw.resume(),
    dir,
    settings,
    storage,
    /** The app's configuration for this server (S3_* variables). */
    useForApp: () =>
      configure({
        S3_ENDPOINT: gw.url,
        S3_REGION: "us-east-1",
        S3_BUCKET: bucket,
        S3_ACCESS_KEY_ID: gw.accessKey,
        S3_SECRET_ACCESS_KEY: gw.secretKey,
        S3_FORCE_PATH_STYLE: true,
      }),
    async stop() {
      storage.client.destroy();
      await gw.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
