/**
 * The identity graph's review queue: the pairs waiting for a human, and their weights kept in
 * descending order, so that the heaviest few are listed without sorting the whole queue (tens of
 * thousands of pairs at a million records).
 * @module
 */

/** A set of pending items (edges) that can be walked heaviest first. */
export class ReviewQueue<E extends { readonly weight: number }> {
  private readonly items = new Set<E>();
  private readonly byWeight = new Map<number, Set<E>>();
  /** The distinct weights of the queue, heaviest first. */
  private readonly weights: number[] = [];

  /** Number of items waiting. */
  get size(): number {
    return this.items.size;
  }

  has(item: E): boolean {
    return this.items.has(item);
  }

  /** Adds an item (nothing happens if it waits already). */
  add(item: E): void {
    if (this.items.has(item)) return;
    this.items.add(item);
    const weight = keyOf(item);
    const same = this.byWeight.get(weight);
    if (same) {
      same.add(item);
      return;
    }
    this.byWeight.set(weight, new Set([item]));
    this.weights.splice(this.position(weight), 0, weight);
  }

  /** Takes an item out (nothing happens if it does not wait). */
  delete(item: E): void {
    if (!this.items.delete(item)) return;
    const weight = keyOf(item);
    const same = this.byWeight.get(weight)!;
    same.delete(item);
    if (same.size > 0) return;
    this.byWeight.delete(weight);
    this.weights.splice(this.position(weight), 1);
  }

  /** Every item, in no particular order. */
  values(): IterableIterator<E> {
    return this.items.values();
  }

  /** The items by descending weight (items of equal weight in no particular order). */
  *heaviest(): Generator<E> {
    for (const weight of this.weights) yield* this.byWeight.get(weight)!;
  }

  /** Where `weight` is or would go in the descending list (binary search). */
  private position(weight: number): number {
    let lo = 0;
    let hi = this.weights.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.weights[mid]! > weight) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** An item's place in the order: its weight (a weight that is not a number goes last). */
function keyOf(item: { readonly weight: number }): number {
  return Number.isNaN(item.weight) ? -Infinity : item.weight;
}
