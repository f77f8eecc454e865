/**
 * Clustering of matched pairs into profiles, without chaining strangers together.
 *
 * Plain transitive closure glues a household together as soon as one shared landline links two
 * relatives' records. Here matched pairs are merged strongest first, and two clusters are joined
 * only if no record of one conflicts with a record of the other (a veto: different birth dates,
 * different given names…). The check covers every cross pair of records, not only the pairs that
 * blocking compared, up to a bound; past it, the conflicts already known from compared pairs.
 *
 * One exception keeps a single bad record from splitting a person: when a decisive match would
 * join two clusters and every conflict between them involves one and the same record (a record
 * whose given name field holds a surname), that record is set apart on its own and the rest merge.
 * No cluster ever holds two records that conflict.
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

/** Cross checks above this many record pairs fall back to the known conflicts only. */
const FULL_CHECK_LIMIT = 40_000;

/**
 * Merges matched pairs into clusters.
 * @param n - number of records.
 * @param left - left record of each matched pair.
 * @param right - right record of each matched pair.
 * @param order - the pairs' indices, strongest first (ties broken by the caller, deterministically).
 * @param decisive - whether a pair's match is strong enough to set a lone conflicting record apart.
 * @param conflicts - the veto test between two records.
 * @param knownConflicts - record → records it is known to conflict with (from compared pairs);
 *   called only when a cross check is too large to do in full.
 */
export function clusterPairs(
  n: number,
  left: Int32Array,
  right: Int32Array,
  order: ArrayLike<number>,
  decisive: (pair: number) => boolean,
  conflicts: ConflictTest,
  knownConflicts: () => ReadonlyMap<number, readonly number[]>,
): Clustering {
  // label[i]: the cluster of record i; members: label → its records (absent for a singleton whose
  // label is its own index).
  const label = new Int32Array(n);
  for (let i = 0; i < n; i++) label[i] = i;
  const members = new Map<number, number[]>();
  const membersOf = (c: number): number[] => members.get(c) ?? [c];
  let nextLabel = n;
  let refused = 0;
  let setApart = 0;

  for (let k = 0; k < order.length; k++) {
    const p = order[k]!;
    const a = left[p]!;
    const b = right[p]!;
    const ca = label[a]!;
    const cb = label[b]!;
    if (ca === cb) continue;
    const ma = membersOf(ca);
    const mb = membersOf(cb);
    const clashes = crossConflicts(ma, mb, ca, cb);
    if (clashes.length > 0) {
      const culprit = decisive(p) ? loneCulprit(clashes) : -1;
      if (culprit < 0 || culprit === a || culprit === b) {
        refused++;
        continue;
      }
      evict(culprit);
      setApart++;
    }
    merge(label[a]!, label[b]!);
  }

  // Representatives: each cluster's smallest record, so ids do not depend on merge order.
  const smallest = new Map<number, number>();
  for (let i = 0; i < n; i++) if (!smallest.has(label[i]!)) smallest.set(label[i]!, i);
  const representative = new Int32Array(n);
  for (let i = 0; i < n; i++) representative[i] = smallest.get(label[i]!)!;
  return { representative, refused, setApart };

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

  function evict(x: number): void {
    const c = label[x]!;
    const list = members.get(c);
    if (list) list.splice(list.indexOf(x), 1);
    label[x] = nextLabel;
    members.set(nextLabel++, [x]);
  }

  /** Conflicting cross pairs between two clusters (stops early past what can have a lone culprit). */
  function crossConflicts(ma: number[], mb: number[], ca: number, cb: number): [number, number][] {
    const found: [number, number][] = [];
    if (ma.length * mb.length <= FULL_CHECK_LIMIT) {
      for (const x of ma)
        for (const y of mb)
          if (conflicts(x, y)) {
            found.push([x, y]);
            if (found.length > 1 && loneCulprit(found) < 0) return found;
          }
      return found;
    }
    const [small, otherLabel] = ma.length <= mb.length ? [ma, cb] : [mb, ca];
    for (const x of small) {
      const known = knownConflicts().get(x);
      if (known) for (const y of known) if (label[y] === otherLabel) found.push([x, y]);
    }
    return found;
  }
}

/** The one record every conflicting pair involves, or −1. */
function loneCulprit(clashes: readonly [number, number][]): number {
  const [x, y] = clashes[0]!;
  if (clashes.every(([p, q]) => p === x || q === x)) return x;
  if (clashes.every(([p, q]) => p === y || q === y)) return y;
  return -1;
}
