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
import { prepareMatcher, round } from './matcher.js';
import { parseSourceRecord, recordRef, type SourceRecord } from './record.js';
import { profileIdOf } from './profile-id.js';

/** Progress of a long run, reported between phases and every few thousand items. */
export interface DedupeProgress {
  phase: 'validate' | 'normalize' | 'block' | 'compare' | 'estimate' | 'cluster';
  done: number;
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
  source: string;
  key: string;
  /** Deterministic profile id: the same set of records always gives the same ids. */
  profileId: string;
}

/** Figures of one run. */
export interface DedupeStats {
  records: number;
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
  /** Pairs between the review and match thresholds. */
  reviews: PairExplanation[];
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
  if (!Array.isArray(records))
    throw new IdentikitError('INVALID_INPUT', 'dedupe expects an array of source records', { received: typeof records });
  const valid = records.map((r, i) => parseSourceRecord(r, i));
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
  const firedRules: (string[] | undefined)[] = [];
  const firedVetoes: (string[] | undefined)[] = [];
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
  const { match: matchAt, review: reviewAt } = resolved.thresholds;
  for (let p = 0; p < P; p++) {
    const w = matcher.score(p);
    weight[p] = w;
    const prob = probability(w);
    const rules = matcher.rulesFired(p);
    const vetoes = matcher.vetoesFired(p);
    if (rules.length > 0) firedRules[p] = rules;
    if (vetoes.length > 0) firedVetoes[p] = vetoes;
    let d = prob >= matchAt || rules.length > 0 ? 2 : prob >= reviewAt ? 1 : 0;
    // The same family name at the same address with the same landline is a household, not a
    // person: without an agreeing given name, birth date or personal contact, a human decides.
    if (d === 2 && rules.length === 0 && !matcher.personEvidence(p)) d = 1;
    // A veto forbids an automatic merge: a pair that would have matched goes to a human; a weaker one
    // (relatives sharing an address) is simply not the same person.
    if (vetoes.length > 0) d = d === 2 ? 1 : 0;
    decision[p] = d;
  }
  const decisive = Math.log2(matchAt / (1 - matchAt)) + DECISIVE_BITS;
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
    rules: firedRules[p] ?? [],
    vetoes: firedVetoes[p] ?? [],
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

/** Records matched to more partners than this are not checked for ambiguity (the clustering still guards them). */
const AMBIGUITY_PARTNERS = 40;
/** A match this many bits (about 1000:1) above the match threshold is decisive, never ambiguous. */
const DECISIVE_BITS = 10;
/** Between two conflicting partners, one stronger by this many bits (32:1) takes the record. */
const CLEAR_WIN_BITS = 5;

/**
 * Matches that cannot say which person they belong to: a record matched, on evidence short of
 * decisive, to two records that a veto separates (a landline-only till record matching both
 * spouses of a household). Such matches are left to review instead of merging the record with
 * whichever relative comes first.
 */
function ambiguousMatches(
  n: number,
  left: Int32Array,
  right: Int32Array,
  decision: Uint8Array,
  weight: Float64Array,
  decisive: number,
  conflicts: (i: number, j: number) => boolean,
): number[] {
  const partners = new Map<number, number[]>();
  const add = (r: number, p: number) => {
    const list = partners.get(r);
    if (list) list.push(p);
    else partners.set(r, [p]);
  };
  for (let p = 0; p < decision.length; p++) {
    if (decision[p] !== 2 || weight[p]! >= decisive) continue;
    add(left[p]!, p);
    add(right[p]!, p);
  }
  const out = new Set<number>();
  for (let r = 0; r < n; r++) {
    const list = partners.get(r);
    if (!list || list.length < 2 || list.length > AMBIGUITY_PARTNERS) continue;
    // Strongest first; ties by pair index, itself canonical.
    list.sort((x, y) => weight[y]! - weight[x]! || x - y);
    const other = list.map((p) => (left[p] === r ? right[p]! : left[p]!));
    const best = other[0]!;
    let rival = -1; // the strongest partner that conflicts with another partner of r
    for (let x = 0; x < other.length && rival < 0; x++)
      for (let y = x + 1; y < other.length; y++)
        if (conflicts(other[x]!, other[y]!)) {
          rival = y;
          break;
        }
    if (rival < 0) continue;
    if (conflicts(best, other[rival]!) && weight[list[0]!]! - weight[list[rival]!]! >= CLEAR_WIN_BITS) {
      // One partner clearly explains the record better: keep it, and what agrees with it.
      for (let k = 1; k < other.length; k++) if (conflicts(best, other[k]!)) out.add(list[k]!);
    } else for (const p of list) out.add(p);
  }
  return [...out].sort((a, b) => a - b);
}

function probability(weight: number): number {
  return 1 / (1 + 2 ** -weight);
}

