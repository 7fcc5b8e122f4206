// A bounded least-recently-used map: at most `maxEntries` entries and, when entries have a size,
// at most `maxSize` in total; the least recently used go first. For in-memory structures on request
// paths, which must never grow without bound (issue 16).
export class BoundedLru<K, V> {
  private readonly map = new Map<K, { value: V; size: number }>();
  private total = 0;

  constructor(private readonly opts: { maxEntries: number; maxSize?: number; sizeOf?: (value: V) => number }) {
    if (!(opts.maxEntries >= 1)) throw new Error("maxEntries must be at least 1");
  }

  get size(): number {
    return this.map.size;
  }

  /** Sum of the entries' sizes (0 without `sizeOf`). */
  get totalSize(): number {
    return this.total;
  }

  /** The value, now the most recently used; undefined when absent. */
  get(key: K): V | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    this.map.delete(key);
    this.map.set(key, hit);
    return hit.value;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  /** Stores the value as the most recently used; false (and nothing stored) when it alone is too big. */
  set(key: K, value: V): boolean {
    const size = this.opts.sizeOf?.(value) ?? 0;
    this.delete(key);
    if (this.opts.maxSize !== undefined && size > this.opts.maxSize) return false;
    this.map.set(key, { value, size });
    this.total += size;
    while (
      this.map.size > this.opts.maxEntries ||
      (this.opts.maxSize !== undefined && this.total > this.opts.maxSize)
    ) {
      const oldest = this.map.keys().next().value as K;
      this.delete(oldest);
    }
    return true;
  }

  delete(key: K): boolean {
    const hit = this.map.get(key);
    if (!hit) return false;
    this.map.delete(key);
    this.total -= hit.size;
    return true;
  }

  clear(): void {
    this.map.clear();
    this.total = 0;
  }
}
