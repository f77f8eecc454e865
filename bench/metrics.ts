/**
 * Clustering quality metrics from predicted cluster ids vs true entity ids, computed in O(n) from the
 * contingency counts of cluster intersections (pairs are never enumerated).
 * @module
 */

/** Pairwise and B-cubed scores of one clustering against the truth. */
export interface ClusterMetrics {
  records: number;
  /** Distinct predicted clusters (profiles). */
  predictedClusters: number;
  /** Distinct true entities. */
  trueClusters: number;
  /** Pairs of records in the same true entity. */
  truePairs: number;
  /** Pairs of records in the same predicted cluster. */
  predictedPairs: number;
  /** Pairs in the same predicted cluster and the same true entity. */
  truePositives: number;
  /** truePositives / predictedPairs (1 when nothing is predicted). */
  precision: number;
  /** truePositives / truePairs (1 when there are no true pairs). */
  recall: number;
  f1: number;
  bcubedPrecision: number;
  bcubedRecall: number;
  bcubedF1: number;
}

function pairs(n: number): number {
  return (n * (n - 1)) / 2;
}

function f1(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

/**
 * Scores `predicted` (cluster id per record) against `truth` (entity id per record, same order).
 * Ids are compared as strings; the two id spaces are independent.
 */
export function clusterMetrics(predicted: readonly string[], truth: readonly string[]): ClusterMetrics {
  if (predicted.length !== truth.length) {
    throw new Error(`predicted has ${predicted.length} ids but truth has ${truth.length}`);
  }
  const n = predicted.length;
  const predSizes = countBy(predicted);
  const trueSizes = countBy(truth);
  // Contingency cells: (predicted cluster, true entity) → count. NUL cannot appear in either id.
  const cells = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const key = `${predicted[i]}\u0000${truth[i]}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  let truePairs = 0;
  for (const size of trueSizes.values()) truePairs += pairs(size);
  let predictedPairs = 0;
  for (const size of predSizes.values()) predictedPairs += pairs(size);

  let truePositives = 0;
  let bcP = 0;
  let bcR = 0;
  for (const [key, count] of cells) {
    truePositives += pairs(count);
    const sep = key.indexOf('\u0000');
    const p = key.slice(0, sep);
    const t = key.slice(sep + 1);
    // Each of the `count` records of this cell has |C ∩ T| = count.
    bcP += (count * count) / predSizes.get(p)!;
    bcR += (count * count) / trueSizes.get(t)!;
  }
  const precision = predictedPairs === 0 ? 1 : truePositives / predictedPairs;
  const recall = truePairs === 0 ? 1 : truePositives / truePairs;
  const bcubedPrecision = n === 0 ? 1 : bcP / n;
  const bcubedRecall = n === 0 ? 1 : bcR / n;
  return {
    records: n,
    predictedClusters: predSizes.size,
    trueClusters: trueSizes.size,
    truePairs,
    predictedPairs,
    truePositives,
    precision,
    recall,
    f1: f1(precision, recall),
    bcubedPrecision,
    bcubedRecall,
    bcubedF1: f1(bcubedPrecision, bcubedRecall),
  };
}

/** Number of true matching pairs of a labelling (Σ n·(n−1)/2 over entities). */
export function truePairCount(truth: readonly string[]): number {
  let total = 0;
  for (const size of countBy(truth).values()) total += pairs(size);
  return total;
}

/** Household merge rate (see {@link householdMerges}). */
export interface HouseholdMergeStats {
  /** People living in a household of ≥ 2 people. */
  members: number;
  /** Of those, people with at least one record in a predicted profile that also holds a relative's record. */
  merged: number;
  /** merged / members (0 when there are no members). */
  rate: number;
}

/**
 * Share of household members (people of a household with ≥ 2 people) whose records ended up in a
 * predicted profile together with a record of a relative (another person of the same household).
 * `predicted`, `truth` (person id) and `households` (household id) are per record, same order.
 */
export function householdMerges(
  predicted: readonly string[],
  truth: readonly string[],
  households: readonly string[],
): HouseholdMergeStats {
  if (predicted.length !== truth.length || truth.length !== households.length) {
    throw new Error('predicted, truth and households must have the same length');
  }
  // Persons per household, to know who is a member of a multi-person household.
  const personsOf = new Map<string, Set<string>>();
  // Persons per (profile, household) group: ≥ 2 persons there means relatives were merged.
  const groups = new Map<string, Set<string>>();
  for (let i = 0; i < truth.length; i++) {
    const h = households[i]!;
    const person = truth[i]!;
    let persons = personsOf.get(h);
    if (!persons) personsOf.set(h, (persons = new Set()));
    persons.add(person);
    const g = `${predicted[i]}\u0000${h}`;
    let members = groups.get(g);
    if (!members) groups.set(g, (members = new Set()));
    members.add(person);
  }
  let members = 0;
  for (const persons of personsOf.values()) if (persons.size >= 2) members += persons.size;
  const mergedPersons = new Set<string>();
  for (const persons of groups.values()) {
    if (persons.size >= 2) for (const p of persons) mergedPersons.add(p);
  }
  return { members, merged: mergedPersons.size, rate: members === 0 ? 0 : mergedPersons.size / members };
}
