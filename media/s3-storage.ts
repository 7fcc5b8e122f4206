// Booth media on an S3-compatible object store (AWS S3, MinIO, Versity's gateway, Ceph, OSS/COS in
// S3 mode), the second implementation of media/storage.ts. The bucket stays private: /media reads
// objects through the app, which applies the visibility rules (docs/decisions/029).
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { contentTypeForKey } from "./content-type.ts";
import { assertSafeKey, MediaStoreUnavailableError, type MediaStorage } from "./storage.ts";

export interface S3Settings {
  /** e.g. http://127.0.0.1:7070 for a local gateway; unset for AWS itself. */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Path-style URLs (http://host/bucket/key): what most self-hosted servers need. */
  forcePathStyle: boolean;
}

function isNotFound(err: unknown): boolean {
  if (!(err instanceof S3ServiceException)) return false;
  return err.$metadata?.httpStatusCode === 404 || err.name === "NoSuchKey" || err.name === "NotFound";
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);

/** The server is away (not a refusal of this request): a network failure, a timeout or a 5xx. */
function isAway(err: unknown): boolean {
  if (err instanceof S3ServiceException) return (err.$metadata?.httpStatusCode ?? 0) >= 500;
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  return (typeof code === "string" && NETWORK_CODES.has(code)) || /^(TimeoutError|AbortError)$/.test(err.name);
}

function away(err: unknown): never {
  if (isAway(err))
    throw new MediaStoreUnavailableError(`object store unavailable: ${(err as Error).message}`, { cause: err });
  throw err;
}

export class S3MediaStorage implements MediaStorage {
  readonly client: S3Client;

  constructor(readonly settings: S3Settings) {
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials:
        settings.accessKeyId && settings.secretAccessKey
          ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
          : undefined,
      // A hung store must not hold a request forever; the SDK retries transient errors itself.
      maxAttempts: 3,
      requestHandler: { connectionTimeout: 3_000, requestTimeout: 15_000 },
    });
  }

  async put(key: string, body: Buffer | string): Promise<void> {
    assertSafeKey(key);
    await this.client
      .send(
        new PutObjectCommand({
          Bucket: this.settings.bucket,
          Key: key,
          Body: typeof body === "string" ? Buffer.from(body) : body,
          ContentType: contentTypeForKey(key),
        }),
      )
      .catch(away);
  }

  /** The object's bytes; null when there is no such object. Other failures (store down, refused) throw. */
  async get(key: string): Promise<Buffer | null> {
    assertSafeKey(key);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: key }));
      if (!out.Body) return Buffer.alloc(0);
      return Buffer.from(await out.Body.transformToByteArray());
    } catch (err) {
      if (isNotFound(err)) return null;
      away(err);
    }
  }

  async exists(key: string): Promise<boolean> {
    assertSafeKey(key);
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: key }));
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      away(err);
    }
  }

  /** Creates the bucket when it does not exist yet (a fresh local server); an existing one is kept. */
  async ensureBucket(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.settings.bucket }));
    } catch (err) {
      if (!isNotFound(err)) throw err;
      try {
        await this.client.send(new CreateBucketCommand({ Bucket: this.settings.bucket }));
      } catch (created) {
        // Instances starting together race to create it: the loser finds it made.
        const name = (created as { name?: string }).name;
        if (name !== "BucketAlreadyOwnedByYou" && name !== "BucketAlreadyExists") throw created;
      }
    }
  }
}
