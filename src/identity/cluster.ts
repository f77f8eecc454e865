/**
 * Clustering of matched pairs into profiles, without chaining strangers together.
 *
 * Plain transitive closure glues a household together as soon as one shared landline links two
 * relatives' records. Here matched pairs are merged strongest first, and two clusters are joined
 * only if no record of one conflicts with a record of the other (a veto: different birth dates,
 * different given names…). Every cross pair is checked; records with the same veto-relevant
 * values (the same conflict class) are checked once, so large clusters stay cheap.
 *
 * One exception keeps a single bad record from splitting a person: when a decisive match would
 * join two clusters and every conflict between them involves one and the same record (a record
 * whose given-name field holds a surname), that record is set apart on its own, what it alone held
 * together falls apart into its connected pieces, and the rest merge. No cluster ever holds two
 * records that conflict, except where people decided: a human's "same" pair (see `forced`) is merged
 * whatever the vetoes say, and only a human's "different" (see `apart`) keeps its clusters apart.
 * @module
 */

/** Decides whether two records may never share a profile. */
export type ConflictTest = (i: number, j: number) => boolean;

/** What {@link clusterPairs} returns. */
export interface Clustering {
  /** Per record, the index of its cluster's representative (its smallest record index). */
  representative: Int32Array;
  /** Matched pairs that were not merged because their clusters conflict. */
  refused: number;
  /** Records set apart from their cluster so that a decisive match could merge the rest. */
  setApart: number;
}

/** Cross checks between conflict classes above this many pairs fall back to the known conflicts. */
const FULL_CHECK_LIMIT = 40_000;

/**
 * Merges matched pairs into clusters.
 * @param n - number of records.
 * @param left - left record of each matched pair.
 * @param right - right record of each matched pair.
 * @param order - the pairs' indices, strongest first (ties broken by the caller, deterministically).
 * @param decisive - whether a pair's match is strong enough to set a lone conflicting record apart.
 * @param conflicts - the veto test between two records.
 * @param conflictClass - per record, a class id: records of one class conflict with exactly the
 *   same records (they hold the same veto-relevant values).
 * @param knownConflicts - record → records it is known to conflict with (from compared pairs);
 *   called only when even the classes are too many to cross-check in full.
 * @param pinned - records never set apart (a human decided where they belong).
 * @param forced - pairs a human decided are the same person: they go first in `order`, and are
 *   refused only by `apart`, never by the vetoes.
 * @param apart - record → records a human decided are other people.
 */
export function clusterPairs(
  n: number,
  left: Int32Array,
  right: Int32Array,
  order: ArrayLike<number>,
  decisive: (pair: number) => boolean,
  conflicts: ConflictTest,
  conflictClass: Int32Array,
  knownConflicts: () => ReadonlyMap<number, readonly number[]>,
  pinned: (i: number) => boolean = () => false,
  forced: (pair: number) => boolean = () => false,
  apart: () => ReadonlyMap<number, readonly number[]> = () => NOBODY_APART,
): Clustering {
  // label[i]: the cluster of record i; members: label → its records (absent for a singleton whose
  // label is its own index). links: the accepted pairs, to split a cluster after an eviction.
  const label = new Int32Array(n);
  for (let i = 0; i < n; i++) label[i] = i;
  const members = new Map<number, number[]>();
  const links = new Map<number, number[]>();
  const membersOf = (c: number): number[] => members.get(c) ?? [c];
  let nextLabel = n;
  let refused = 0;
  let setApart = 0;

  for (let k = 0; k < order.length; k++) {
    const p = order[k]!;
    const a = left[p]!;
    const b = right[p]!;
    if (label[a] === label[b]) continue;
    if (forced(p)) {
      if (keptApart(label[a]!, label[b]!)) refused++;
      else {
        merge(label[a]!, label[b]!);
        link(a, b);
      }
      continue;
    }
    const { clashes, exact } = crossConflicts(membersOf(label[a]!), membersOf(label[b]!), label[a]!, label[b]!);
    if (clashes.length > 0) {
      const culprit = exact && decisive(p) ? loneCulprit(clashes, a, b) : -1;
      if (culprit < 0 || pinned(culprit)) {
        refused++;
        continue;
      }
      evict(culprit);
      setApart++;
      if (label[a] === label[b]) continue;
      // What the culprit held together may have parted a or b from the conflicts' other side.
      const again = crossConflicts(membersOf(label[a]!), membersOf(label[b]!), label[a]!, label[b]!);
      if (again.clashes.length > 0) {
        refused++;
        continue;
      }
    }
    merge(label[a]!, label[b]!);
    link(a, b);
  }

  // Representatives: each cluster's smallest record, so ids do not depend on merge order.
  const smallest = new Map<number, number>();
  for (let i = 0; i < n; i++) if (!smallest.has(label[i]!)) smallest.set(label[i]!, i);
  const representative = new Int32Array(n);
  for (let i = 0; i < n; i++) representative[i] = smallest.get(label[i]!)!;
  return { representative, refused, setApart };

  /** Whether a human decided that a record of one cluster and one of the other are different people. */
  function keptApart(ca: number, cb: number): boolean {
    const ma = membersOf(ca);
    const mb = membersOf(cb);
    const [small, other] = ma.length <= mb.length ? [ma, cb] : [mb, ca];
    for (const x of small) for (const y of apart().get(x) ?? []) if (label[y] === other) return true;
    return false;
  }

  function link(a: number, b: number): void {
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      const list = links.get(x);
      if (list) list.push(y);
      else links.set(x, [y]);
    }
  }

  function merge(ca: number, cb: number): void {
    const ma = membersOf(ca);
    const mb = membersOf(cb);
    const [keep, keepLabel, move] = ma.length >= mb.length ? [ma, ca, mb] : [mb, cb, ma];
    for (const x of move) {
      label[x] = keepLabel;
      keep.push(x);
    }
    members.set(keepLabel, keep);
    members.delete(keepLabel === ca ? cb : ca);
  }

  /** Sets record x apart, and splits the rest of its cluster into the pieces its links still join. */
  function evict(x: number): void {
    const c = label[x]!;
    const rest = membersOf(c).filter((r) => r !== x);
    members.delete(c);
    for (const y of links.get(x) ?? []) links.set(y, links.get(y)!.filter((z) => z !== x));
    links.delete(x);
    label[x] = nextLabel;
    members.set(nextLabel++, [x]);
    const seen = new Set<number>();
    for (const start of rest) {
      if (seen.has(start)) continue;
      const piece = [start];
      seen.add(start);
      for (let q = 0; q < piece.length; q++)
        for (const y of links.get(piece[q]!) ?? [])
          if (!seen.has(y)) {
            seen.add(y);
            piece.push(y);
          }
      const pieceLabel = nextLabel++;
      for (const r of piece) label[r] = pieceLabel;
      members.set(pieceLabel, piece);
    }
  }

  /**
   * Conflicting cross pairs between two clusters. `exact` is false when they were found among
   * class representatives or known conflicts rather than record by record.
   */
  function crossConflicts(ma: number[], mb: number[], ca: number, cb: number) {
    const clashes: [number, number][] = [];
    if (ma.length * mb.length <= FULL_CHECK_LIMIT) {
      for (const x of ma)
        for (const y of mb)
          if (conflicts(x, y)) {
            clashes.push([x, y]);
            if (clashes.length > 1 && loneCulprit(clashes, -1, -1) < 0) return { clashes, exact: true };
          }
      return { clashes, exact: true };
    }
    const ra = representatives(ma);
    const rb = representatives(mb);
    if (ra.length * rb.length <= FULL_CHECK_LIMIT) {
      for (const x of ra)
        for (const y of rb)
          if (conflicts(x, y)) {
            clashes.push([x, y]);
            return { clashes, exact: false };
          }
      return { clashes, exact: false };
    }
    const [small, otherLabel] = ma.length <= mb.length ? [ma, cb] : [mb, ca];
    for (const x of small) {
      const known = knownConflicts().get(x);
      if (known) for (const y of known) if (label[y] === otherLabel) clashes.push([x, y]);
    }
    return { clashes, exact: false };
  }

  /** One record per conflict class. */
  function representatives(list: number[]): number[] {
    const seen = new Set<number>();
    const out: number[] = [];
    for (const r of list) {
      const c = conflictClass[r]!;
      if (seen.has(c)) continue;
      seen.add(c);
      out.push(r);
    }
    return out;
  }
}

const NOBODY_APART: ReadonlyMap<number, readonly number[]> = new Map();

/** The one record, other than the pair's own `a` and `b`, that every conflicting pair involves; or −1. */
function loneCulprit(clashes: readonly [number, number][], a: number, b: number): number {
  const [x, y] = clashes[0]!;
  for (const candidate of [x, y]) {
    if (candidate === a || candidate === b) continue;
    if (clashes.every(([p, q]) => p === candidate || q === candidate)) return candidate;
  }
  return -1;
}
