// Content types for stored media keys, used when serving /media. Unknown extensions are served
// as opaque bytes (with nosniff) rather than guessed.

const TYPES: Record<string, string> = {
  webp: "image/webp",
  pdf: "application/pdf",
  svg: "image/svg+xml",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
};

export function contentTypeForKey(key: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(key)?.[1]?.toLowerCase();
  return (ext && TYPES[ext]) || "application/octet-stream";
}
