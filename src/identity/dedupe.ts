/**
 * Batch deduplication: source records in, profiles out, with the reasons.
 *
 * `dedupe(records, config)` validates and normalizes the records, generates candidate pairs by
 * blocking, compares and scores them with a Fellegi–Sunter model (weights estimated by EM unless
 * configured), applies rules and vetoes, and clusters matches without chaining strangers together.
 * The result depends only on the set of records, never on their order.
 * @module
 */
import { IdentikitError } from '../errors.js';
import { clusterPairs } from './cluster.js';
import { resolveConfig, type IdentityConfigInput } from './config.js';
import type { Decision, PairExplanation } from './explanation.js';
import { ambiguousMatches, decisiveWeight, pairDecision, probability } from './decision.js';
import { prepareMatcher, round } from './matcher.js';
import { parseSourceRecords, recordRef, type SourceRecord } from './record.js';
import { profileIdOf } from './profile-id.js';

/** Progress of a long run, reported between phases and every few thousand items. */
export interface DedupeProgress {
  /** The phase running, in this order: `validate`, `normalize`, `block`, `compare`, `estimate`, `cluster`. */
  phase: 'validate' | 'normalize' | 'block' | 'compare' | 'estimate' | 'cluster';
  /** Items of the phase done so far, out of `total`. */
  done: number;
  /**
   * Items of the phase: records (`validate`, `normalize`), blocking keys (`block`), candidate pairs
   * (`compare`), pairs decided `match` (`cluster`); 1 for `estimate`.
   */
  total: number;
}

/** Options of one {@link dedupe} run. */
export interface DedupeOptions {
  /** Called with progress; keep it cheap. */
  onProgress?: (progress: DedupeProgress) => void;
  /** Keep the explanation of every accepted pair in `matches` (default true). */
  explain?: boolean;
  /**
   * Called with the explanation of every compared pair, whatever its decision (an audit trail,
   * or to tune thresholds). Costly on large batches.
   */
  onPair?: (pair: PairExplanation) => void;
}

/** Where one record ended up. */
export interface Assignment {
  /** The record's source system. */
  source: string;
  /** The record's key in its source. */
  key: string;
  /** Deterministic profile id: the same set of records always gives the same ids. */
  profileId: string;
}

/** Figures of one run. */
export interface DedupeStats {
  /** Records in the batch. */
  records: number;
  /** Profiles formed: distinct `profileId`s in `assignments`. */
  profiles: number;
  /** Candidate pairs compared. */
  pairsCompared: number;
  /** Pairs accepted as matches (model, rules). */
  matches: number;
  /** Pairs left for a human to review. */
  reviews: number;
  /** Pairs that would have matched but a veto or the clustering kept apart. */
  refused: number;
  /** Records set apart from a profile, alone, so that a decisive match could merge the rest. */
  setApart: number;
  /** Blocks larger than `maxBlockSize`, compared through a sorted window instead of all pairs. */
  oversizedBlocks: number;
  /** Wall-clock time in milliseconds. */
  ms: number;
}

/** What {@link dedupe} returns. */
export interface DedupeResult {
  /** One entry per input record, in input order. */
  assignments: Assignment[];
  /** Accepted pairs with their explanations (empty when `explain: false`). */
  matches: PairExplanation[];
  /** Pairs for a human: between the review and match thresholds, and matches a veto or the clustering kept apart. */
  reviews: PairExplanation[];
  /** Figures of the run. */
  stats: DedupeStats;
  /** The per-attribute, per-level weights used (log2 m/u), after estimation. */
  weights: Record<string, Partial<Record<'exact' | 'close' | 'partial' | 'far', number>>>;
}

/**
 * Resolves a batch of source records into profiles.
 *
 * Throws `INVALID_RECORD` (naming the record index and field), `DUPLICATE_RECORD` (same source and
 * key twice) or `INVALID_CONFIG`, before any work is done.
 *
 * @example
 * ```ts
 * const { assignments, matches } = dedupe([
 *   { source: 'web', key: 'W1', attributes: { firstName: 'Jean', lastName: 'Dupont', phone: '06 12 34 56 78' } },
 *   { source: 'pos', key: 'T9', attributes: { firstName: 'jean', lastName: 'DUPONT', phone: '+33612345678' } },
 * ]);
 * // assignments[0].profileId === assignments[1].profileId
 * ```
 */
export function dedupe(
  records: readonly SourceRecord[],
  config: IdentityConfigInput = {},
  options: DedupeOptions = {},
): DedupeResult {
  const started = performance.now();
  const resolved = resolveConfig(config);
  const progress = options.onProgress ?? (() => {});
  const explain = options.explain ?? true;

  // 1. Validate everything before doing anything, and put records in a canonical order so that
  //    nothing downstream depends on the order they arrived in.
  const valid = parseSourceRecords(records, 'dedupe');
  progress({ phase: 'validate', done: valid.length, total: valid.length });
  const refs = valid.map(recordRef);
  const order = valid.map((_, i) => i).sort((x, y) => (refs[x]! < refs[y]! ? -1 : refs[x]! > refs[y]! ? 1 : 0));
  for (let k = 1; k < order.length; k++) {
    if (refs[order[k]!] === refs[order[k - 1]!]) {
      const a = Math.min(order[k - 1]!, order[k]!);
      const b = Math.max(order[k - 1]!, order[k]!);
      const r = valid[a]!;
      throw new IdentikitError(
        'DUPLICATE_RECORD',
        `Records at index ${a} and ${b} have the same source "${r.source}" and key "${r.key}"`,
        { indexes: [a, b], source: r.source, key: r.key },
      );
    }
  }
  const canonical = order.map((i) => valid[i]!);

  const matcher = prepareMatcher(canonical, resolved, progress);
  const n = canonical.length;
  const pairs = matcher.pairs;
  const P = pairs.left.length;

  // 5. Score, decide, cluster.
  const weight = new Float64Array(P);
  const decision = new Uint8Array(P); // 0 no-match, 1 review, 2 match
  const firedRules: (readonly string[] | undefined)[] = [];
  const firedVetoes: (readonly string[] | undefined)[] = [];
  let known: Map<number, number[]> | undefined;
  const knownConflicts = () => {
    if (known) return known;
    known = new Map();
    const add = (i: number, j: number) => {
      const list = known!.get(i);
      if (list) list.push(j);
      else known!.set(i, [j]);
    };
    for (let p = 0; p < P; p++) {
      if (!firedVetoes[p]) continue;
      add(pairs.left[p]!, pairs.right[p]!);
      add(pairs.right[p]!, pairs.left[p]!);
    }
    return known;
  };
  for (let p = 0; p < P; p++) {
    const w = matcher.score(p);
    weight[p] = w;
    const prob = probability(w);
    const rules = matcher.rulesFired(p);
    const vetoes = matcher.vetoesFired(p);
    if (rules.length > 0) firedRules[p] = rules;
    if (vetoes.length > 0) firedVetoes[p] = vetoes;
    decision[p] = pairDecision(prob, resolved.thresholds, rules.length > 0, vetoes.length > 0, () => matcher.personEvidence(p));
  }
  const decisive = decisiveWeight(resolved.thresholds);
  for (const p of ambiguousMatches(n, pairs.left, pairs.right, decision, weight, decisive, matcher.conflicts))
    decision[p] = 1;
  const matched: number[] = [];
  for (let p = 0; p < P; p++) if (decision[p] === 2) matched.push(p);
  // Strongest first: rules, then weight; ties by pair order (itself canonical).
  matched.sort((x, y) => {
    const rx = firedRules[x] ? 1 : 0;
    const ry = firedRules[y] ? 1 : 0;
    return ry - rx || weight[y]! - weight[x]! || x - y;
  });
  progress({ phase: 'cluster', done: 0, total: matched.length });
  const clustering = clusterPairs(
    n,
    pairs.left,
    pairs.right,
    matched,
    (p) => weight[p]! >= decisive,
    matcher.conflicts,
    matcher.conflictClass,
    knownConflicts,
  );
  progress({ phase: 'cluster', done: matched.length, total: matched.length });

  const rep = clustering.representative;
  const profileIds = new Map<number, string>();
  const profileOf = (i: number) => {
    const r = rep[i]!;
    let id = profileIds.get(r);
    if (id === undefined) profileIds.set(r, (id = profileIdOf(canonical[r]!)));
    return id;
  };
  const assignments = new Array<Assignment>(n);
  for (let k = 0; k < n; k++) {
    const record = canonical[k]!;
    assignments[order[k]!] = { source: record.source, key: record.key, profileId: profileOf(k) };
  }

  const explainPair = (p: number, d: Decision): PairExplanation => ({
    ...matcher.explain(p),
    decision: d,
    weight: round(weight[p]!),
    probability: probability(weight[p]!),
    rules: [...(firedRules[p] ?? [])],
    vetoes: [...(firedVetoes[p] ?? [])],
  });
  if (options.onPair) {
    const names: Decision[] = ['no-match', 'review', 'match'];
    for (let p = 0; p < P; p++) options.onPair(explainPair(p, names[decision[p]!]!));
  }
  const matches: PairExplanation[] = [];
  const reviews: PairExplanation[] = [];
  let accepted = 0;
  for (let p = 0; p < P; p++) {
    const d = decision[p]!;
    if (d === 0) continue;
    const together = rep[pairs.left[p]!] === rep[pairs.right[p]!];
    if (d === 2 && together) {
      accepted++;
      if (explain) matches.push(explainPair(p, 'match'));
    } else if (!together && (d === 1 || d === 2)) {
      reviews.push(explainPair(p, 'review'));
    }
  }

  const weights: DedupeResult['weights'] = {};
  matcher.model.attributes.forEach((name, a) => {
    const w = matcher.model.weights[a]!;
    weights[name] = { exact: round(w[0]!), close: round(w[1]!), partial: round(w[2]!), far: round(w[3]!) };
  });
  return {
    assignments,
    matches,
    reviews,
    weights,
    stats: {
      records: n,
      profiles: profileIds.size,
      pairsCompared: P,
      matches: accepted,
      reviews: reviews.length,
      refused: matched.length - accepted,
      setApart: clustering.setApart,
      oversizedBlocks: pairs.oversizedBlocks,
      ms: Math.round(performance.now() - started),
    },
  };
}


