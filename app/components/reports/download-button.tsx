// A download link that, with JavaScript, fetches the file as a stream and shows progress (bytes,
// and rows for CSV against the X-Total-Rows header: streamed exports have no Content-Length),
// then saves it. Without JavaScript it is a plain link and the browser downloads the file itself.
import { useRef, useState, type MouseEvent } from "react";
import { useI18n } from "~/i18n/use-i18n";
import { dashboardCatalog } from "~/i18n/catalog/dashboard";

interface Progress {
  bytes: number;
  rows: number;
  total: number | null;
  done: boolean;
  failed: boolean;
}

const NEWLINE = 10;

export function filenameFrom(disposition: string | null, fallback: string): string {
  const star = disposition && /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1]);
  const plain = disposition && /filename="([^"]+)"/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

function size(bytes: number, locale: string): string {
  const units = ["B", "KB", "MB", "GB"];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: u ? 1 : 0 }).format(v)} ${units[u]}`;
}

export function DownloadButton({ href, children, testId }: { href: string; children: string; testId?: string }) {
  const { t, locale } = useI18n(dashboardCatalog);
  const [progress, setProgress] = useState<Progress | null>(null);
  const busy = useRef(false);

  async function download(e: MouseEvent<HTMLAnchorElement>) {
    if (typeof ReadableStream === "undefined" || e.metaKey || e.ctrlKey || e.shiftKey) return; // let the browser do it
    e.preventDefault();
    if (busy.current) return;
    busy.current = true;
    const state: Progress = { bytes: 0, rows: 0, total: null, done: false, failed: false };
    setProgress({ ...state });
    try {
      const res = await fetch(href, { credentials: "same-origin" });
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      state.total = Number(res.headers.get("X-Total-Rows") ?? NaN);
      if (!Number.isFinite(state.total)) state.total = null;
      const csv = (res.headers.get("Content-Type") ?? "").includes("csv");
      const reader = res.body.getReader();
      const chunks: Uint8Array[] = [];
      let newlines = 0;
      let last = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        state.bytes += value.length;
        if (csv) for (const b of value) if (b === NEWLINE) newlines++;
        // Header line excluded; a line break inside a quoted cell can over-count, so cap at the total.
        state.rows = Math.max(0, Math.min(newlines - 1, state.total ?? Infinity));
        if (performance.now() - last > 100) {
          last = performance.now();
          setProgress({ ...state });
        }
      }
      const blob = new Blob(chunks as BlobPart[], {
        type: res.headers.get("Content-Type") ?? "application/octet-stream",
      });
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = filenameFrom(res.headers.get("Content-Disposition"), "export");
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 30_000);
      setProgress({ ...state, done: true, rows: state.total ?? state.rows });
    } catch {
      setProgress({ ...state, failed: true });
    } finally {
      busy.current = false;
    }
  }

  const p = progress;
  const total = p?.total ?? "?";
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <a
        href={href}
        download
        onClick={download}
        data-testid={testId}
        aria-busy={p !== null && !p.done && !p.failed}
        className="touch-target rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 no-underline hover:bg-slate-50"
      >
        {children}
      </a>
      {p && (
        <span
          role="status"
          aria-live="polite"
          className={`text-xs ${p.failed ? "text-red-700" : "text-slate-600"}`}
          data-testid={testId && `${testId}-progress`}
        >
          {p.failed
            ? t("report.export.failed")
            : p.done
              ? t("report.export.done", { size: size(p.bytes, locale), total })
              : p.rows > 0
                ? t("report.export.progress", { size: size(p.bytes, locale), rows: p.rows, total })
                : t("report.export.progressBytes", { size: size(p.bytes, locale), total })}
          {!p.done && !p.failed && (
            <progress
              className="ml-2 h-2 w-24 align-middle"
              max={p.total ?? undefined}
              value={p.total ? p.rows : undefined}
            />
          )}
        </span>
      )}
    </span>
  );
}
