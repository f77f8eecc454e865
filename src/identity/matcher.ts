/**
 * The prepared matcher of one batch: normalized columns, candidate pairs and their comparison
 * levels, the fitted model, and what the decisions need: field weights (a place counted once, no
 * weight for values several people share), rules, vetoes, the conflict test between two records and
 * whether a pair holds person-level evidence.
 * @module
 */
import { candidatePairs } from './blocking.js';
import { comparators, encodeColumn, valueIds, type ValueIds } from './compare.js';
import type { IdentityConfig } from './config.js';
import type { DedupeOptions } from './dedupe.js';
import type { PairExplanation } from './explanation.js';
import { countPatterns, defaultPriors, estimateByEM, measureU, valueFrequencies, withWeights, type MatchModel } from './model.js';
import { normalizeColumns, type NormalizedColumns } from './normalizers.js';
import type { SourceRecord } from './record.js';
import { createPairScorer, SHARED_GROUP_LIMIT, sharedKinds } from './scoring.js';

export { round } from './scoring.js';

/** The prepared matcher of one batch: normalized columns, candidate pairs, their levels, the model. */
export interface PreparedMatcher {
  data: NormalizedColumns;
  pairs: { left: Int32Array; right: Int32Array; oversizedBlocks: number };
  model: MatchModel;
  /** Per attribute: Σp² of its values and each record's term-frequency adjustment. */
  frequencies: { agreement: number; adjustment: Float32Array }[];
  /** Per e-mail or phone attribute, the values several people hold (`null` for other kinds). */
  shared: (Set<string> | null)[];
  score(p: number): number;
  rulesFired(p: number): readonly string[];
  vetoesFired(p: number): readonly string[];
  conflicts(i: number, j: number): boolean;
  /** Per record, a class id: records of one class hold the same veto-relevant values. */
  conflictClass: Int32Array;
  /**
   * Whether pair `p` agrees (exact or close) on an attribute that tells a person from a relative:
   * not a value several people hold, not a landline.
   */
  personEvidence(p: number): boolean;
  explain(p: number): Pick<PairExplanation, 'left' | 'right' | 'fields'>;
}


/** Values of a column held by records of two different people. */
function sharedValues({ ids, values }: ValueIds, differentPeople: (i: number, j: number) => boolean): Set<string> {
  const counts = new Int32Array(values.length);
  for (let i = 0; i < ids.length; i++) if (ids[i]! >= 0) counts[ids[i]!]!++;
  const holders = new Map<number, number[]>();
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (id < 0 || counts[id]! < 2 || counts[id]! > SHARED_GROUP_LIMIT) continue;
    const list = holders.get(id);
    if (list) list.push(i);
    else holders.set(id, [i]);
  }
  const out = new Set<string>();
  for (let id = 0; id < values.length; id++) if (counts[id]! > SHARED_GROUP_LIMIT) out.add(values[id]!);
  for (const [id, list] of holders) {
    search: for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++)
        if (differentPeople(list[x]!, list[y]!)) {
          out.add(values[id]!);
          break search;
        }
  }
  return out;
}

/** Numbers the distinct tuples of the given id columns (records with equal tuples, equal class). */
function conflictClasses(columns: readonly Int32Array[], n: number): Int32Array {
  // Fold one column at a time: (class so far, next id) → a dense class number.
  let classes = new Int32Array(n);
  for (const column of columns) {
    const index = new Map<number, number>();
    const next = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const key = classes[i]! * 4_294_967_296 + (column[i]! + 1);
      let c = index.get(key);
      if (c === undefined) index.set(key, (c = index.size));
      next[i] = c;
    }
    classes = next;
  }
  return classes;
}

/** Kinds whose values repeat across records: their columns are id-encoded and comparisons cached. */
const repetitiveKinds = new Set<string>(['givenName', 'familyName', 'city', 'postcode', 'category', 'text']);

function firstOfKind(config: IdentityConfig, attributes: string[], kind: string): number {
  return attributes.findIndex((a) => config.attributes[a]!.kind === kind);
}

/** Normalizes, blocks, compares and fits the model for a batch in canonical order. */
export function prepareMatcher(
  records: readonly SourceRecord[],
  config: IdentityConfig,
  progress: NonNullable<DedupeOptions['onProgress']>,
): PreparedMatcher {
  const n = records.length;
  // 2. Normalize into columns.
  const data = normalizeColumns(records, config, (done) =>
    progress({ phase: 'normalize', done, total: n }),
  );
  const { attributes, columns } = data;
  const A = attributes.length;
  const kinds = attributes.map((a) => config.attributes[a]!.kind);
  const compare = kinds.map((k) => comparators[k]);
  // Every column numbered once: ids serve blocking, frequencies and shared values alike.
  const ids = columns.map((c) => valueIds(c));
  const encoded = kinds.map((k, a) =>
    repetitiveKinds.has(k) ? encodeColumn(columns[a]!, compare[a]!, ids[a]!) : null,
  );

  // 3. Blocking.
  const given = firstOfKind(config, attributes, 'givenName');
  const family = firstOfKind(config, attributes, 'familyName');
  const sortParts = [family, given, firstOfKind(config, attributes, 'fullName'), firstOfKind(config, attributes, 'date')]
    .filter((a) => a >= 0);
  const sortColumns = (sortParts.length > 0 ? sortParts : attributes.map((_, a) => a)).map((a) => columns[a]!);
  const sortKey = (i: number) => sortColumns.map((c) => c[i] ?? '').join('\u0001');
  const pairs = candidatePairs(data, config, sortKey, ids, (done, total) =>
    progress({ phase: 'block', done, total }),
  );
  const P = pairs.left.length;

  // 4. Compare every candidate pair on every attribute; detect swapped given/family names.
  const levels = new Uint8Array(P * A);
  const swapped = new Uint8Array(P);
  let model: MatchModel | undefined;
  let frequencies: { agreement: number; adjustment: Float32Array }[] = [];
  let shared: (Set<string> | null)[] = [];
  const scorer = createPairScorer({
    config,
    attributes,
    columns,
    encoded,
    model: () => model!,
    adjustment: (a, i) => frequencies[a]!.adjustment[i]!,
    isShared: (a, value) => shared[a]?.has(value) ?? false,
  });
  for (let p = 0; p < P; p++) {
    if (scorer.levels(pairs.left[p]!, pairs.right[p]!, levels, p * A)) swapped[p] = 1;
    if ((p & 0xffff) === 0xffff) progress({ phase: 'compare', done: p + 1, total: P });
  }
  progress({ phase: 'compare', done: P, total: P });

  // 5. The model: priors, u measured on the data, m and match rate by EM.
  progress({ phase: 'estimate', done: 0, total: 1 });
  frequencies = columns.map((c, a) => valueFrequencies(c, ids[a]!.ids));
  const totalPairs = Math.max(1, (n * (n - 1)) / 2);
  const useEM = config.model.estimate === 'em' || (config.model.estimate === 'auto' && n >= 1000 && P >= 500);
  const m: number[][] = [];
  const u: number[][] = [];
  attributes.forEach((name, a) => {
    const attribute = config.attributes[name]!;
    const prior = defaultPriors[attribute.kind];
    const measured = useEM ? measureU(columns[a]!, compare[a]!, Math.max(frequencies[a]!.agreement, 1e-9)) : prior.u;
    const levelsOf = (given: Partial<Record<string, number>> | undefined, fallback: readonly number[]) =>
      (['exact', 'close', 'partial', 'far'] as const).map((l, k) => given?.[l] ?? fallback[k]!);
    m.push(levelsOf(attribute.m, prior.m));
    u.push(levelsOf(attribute.u, measured));
  });
  model = withWeights({
    attributes,
    m,
    u,
    // The prior is over all record pairs: the expected matches among candidates, spread over n(n−1)/2.
    matchRate: Math.min(0.5, Math.max(1e-12, (config.model.matchRate * Math.max(P, 1)) / totalPairs)),
    estimated: { em: false, iterations: 0 },
  });
  if (useEM) model = estimateByEM(model, countPatterns(levels, A), totalPairs);
  progress({ phase: 'estimate', done: 1, total: 1 });

  // An e-mail or phone held by people with different given names (a family mailbox, a
  // household landline) says "same household", not "same person": its agreement weighs nothing.
  shared = attributes.map((_, a) =>
    sharedKinds.has(kinds[a]!) ? sharedValues(ids[a]!, scorer.differentPeople) : null,
  );

  return {
    data,
    pairs,
    model: model!,
    frequencies,
    shared,
    score: (p) => scorer.score(levels, p * A, swapped[p] === 1, pairs.left[p]!),
    rulesFired: (p) => scorer.rulesFired(levels, p * A),
    vetoesFired: (p) => scorer.vetoesFired(levels, p * A, pairs.left[p]!, pairs.right[p]!),
    conflicts: scorer.conflicts,
    conflictClass: conflictClasses(scorer.vetoAttributes.map((a) => ids[a]!.ids), n),
    personEvidence: (p) => scorer.personEvidence(levels, p * A, pairs.left[p]!),
    explain(p) {
      const i = pairs.left[p]!;
      const j = pairs.right[p]!;
      const fields = scorer.explainFields(levels, p * A, swapped[p] === 1, i, j);
      return { left: refOf(records[i]!), right: refOf(records[j]!), fields };
    },
  };
}

function refOf(record: SourceRecord): { source: string; key: string } {
  return { source: record.source, key: record.key };
}
