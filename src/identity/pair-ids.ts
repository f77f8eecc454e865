/**
 * Dense ids for pairs of non-negative 31-bit integers, for the identity graph's two-part blocking
 * keys (two part codes → one block id).
 *
 * Packing a pair into one number (x · 2^26 + y) and keying a `Map` with it makes that number a heap
 * number past 2^30, and V8 looks a heap-number key up several times slower than a small integer;
 * here a pair is found by open addressing in one typed array, and its id is a small integer.
 * @module
 */

/** Empty slot marker (pairs hold non-negative integers). */
const EMPTY = -1;
/** Slots to start with (a power of two); the table doubles past half full. */
const FIRST_BITS = 10;

/** Numbers pairs of non-negative integers 0, 1, 2… in the order they are first added. */
export class PairIds {
  private bits = FIRST_BITS;
  /** Slot s: `table[3s]` x (or EMPTY), `table[3s + 1]` y, `table[3s + 2]` the pair's id. */
  private table = new Int32Array(3 << FIRST_BITS).fill(EMPTY);
  private count = 0;

  /** Number of pairs numbered so far. */
  get size(): number {
    return this.count;
  }

  /** The id of the pair (x, y); a new one when the pair is new and `add`, else −1 for a new pair. */
  id(x: number, y: number, add: boolean): number {
    const table = this.table;
    const mask = (1 << this.bits) - 1;
    let s = slotOf(x, y, this.bits);
    for (;;) {
      const at = s * 3;
      const first = table[at]!;
      if (first === EMPTY) break;
      if (first === x && table[at + 1] === y) return table[at + 2]!;
      s = (s + 1) & mask;
    }
    if (!add) return -1;
    const id = this.count++;
    table[s * 3] = x;
    table[s * 3 + 1] = y;
    table[s * 3 + 2] = id;
    if (this.count * 2 > 1 << this.bits) this.grow();
    return id;
  }

  private grow(): void {
    const old = this.table;
    this.bits++;
    const mask = (1 << this.bits) - 1;
    const table = new Int32Array(3 << this.bits).fill(EMPTY);
    for (let at = 0; at < old.length; at += 3) {
      const x = old[at]!;
      if (x === EMPTY) continue;
      const y = old[at + 1]!;
      let s = slotOf(x, y, this.bits);
      while (table[s * 3] !== EMPTY) s = (s + 1) & mask;
      table[s * 3] = x;
      table[s * 3 + 1] = y;
      table[s * 3 + 2] = old[at + 2]!;
    }
    this.table = table;
  }
}

function slotOf(x: number, y: number, bits: number): number {
  return (Math.imul(x ^ Math.imul(y, 0x85ebca77), 0x9e3779b1) ^ (y >>> 15)) >>> (32 - bits);
}
