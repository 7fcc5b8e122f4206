// Partial sort: the first k of n items under an ordering, in O(n log k) without sorting them all.

/** Indices (0 … n-1) of the k first items in `before` order, sorted. */
export function topK(n: number, k: number, before: (a: number, b: number) => boolean): number[] {
  if (k <= 0 || n === 0) return [];
  const heap: number[] = []; // max-heap on "comes later": the root is the worst kept item
  const later = (a: number, b: number) => before(b, a);
  const siftUp = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!later(heap[i], heap[p])) break;
      [heap[i], heap[p]] = [heap[p], heap[i]];
      i = p;
    }
  };
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && later(heap[l], heap[m])) m = l;
      if (r < heap.length && later(heap[r], heap[m])) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  for (let i = 0; i < n; i++) {
    if (heap.length < k) {
      heap.push(i);
      siftUp(heap.length - 1);
    } else if (before(i, heap[0])) {
      heap[0] = i;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
}
