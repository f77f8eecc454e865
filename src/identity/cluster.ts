/**
 * Clustering of matched pairs into profiles, without chaining strangers together.
 *
 * Plain transitive closure glues a household together as soon as one shared landline links two
 * relatives' records. Here matched pairs are merged strongest first, and two clusters are joined
 * only if no record of one conflicts with a record of the other (a veto: different birth dates,
 * different given names…). The check covers every cross pair of records, not only the pairs that
 * blocking compared, up to a bound; past it, the conflicts already known from compared pairs.
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
}

/** Cross checks above this many record pairs fall back to the known conflicts only. */
const FULL_CHECK_LIMIT = 40_000;

/**
 * Merges matched pairs into clusters.
 * @param n - number of records.
 * @param left - left record of each matched pair.
 * @param right - right record of each matched pair.
 * @param order - the pairs' indices, strongest first (ties broken by the caller, deterministically).
 * @param conflicts - the veto test between two records.
 * @param knownConflicts - record → records it is known to conflict with (from compared pairs);
 *   called only when a cross check is too large to do in full.
 */
export function clusterPairs(
  n: number,
  left: Int32Array,
  right: Int32Array,
  order: ArrayLike<number>,
  conflicts: ConflictTest,
  knownConflicts: () => ReadonlyMap<number, readonly number[]>,
): Clustering {
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const members = new Map<number, number[]>();
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[x] !== root) {
      const up = parent[x]!;
      parent[x] = root;
      x = up;
    }
    return root;
  };
  const membersOf = (root: number): number[] => members.get(root) ?? [root];
  let refused = 0;
  for (let k = 0; k < order.length; k++) {
    const p = order[k]!;
    const ra = find(left[p]!);
    const rb = find(right[p]!);
    if (ra === rb) continue;
    const ma = membersOf(ra);
    const mb = membersOf(rb);
    if (clash(ma, mb, ra, rb)) {
      refused++;
      continue;
    }
    // Keep the smaller index as root so representatives are canonical.
    const [root, child] = ra < rb ? [ra, rb] : [rb, ra];
    parent[child] = root;
    const merged = ma.length >= mb.length ? ma : mb;
    for (const x of ma.length >= mb.length ? mb : ma) merged.push(x);
    members.set(root, merged);
    members.delete(child);
  }
  const representative = new Int32Array(n);
  for (let i = 0; i < n; i++) representative[i] = find(i);
  return { representative, refused };

  function clash(ma: number[], mb: number[], ra: number, rb: number): boolean {
    if (ma.length * mb.length <= FULL_CHECK_LIMIT) {
      for (const x of ma) for (const y of mb) if (conflicts(x, y)) return true;
      return false;
    }
    const [small, otherRoot] = ma.length <= mb.length ? [ma, rb] : [mb, ra];
    for (const x of small) {
      const known = knownConflicts().get(x);
      if (known) for (const y of known) if (find(y) === otherRoot) return true;
    }
    return false;
  }
}
