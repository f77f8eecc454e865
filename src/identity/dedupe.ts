/**
 * Batch deduplication: source records in, profiles out, with the reasons.
 *
 * `dedupe(records, config)` validates and normalizes the records, generates candidate pairs by
 * blocking, compares and scores them with a Fellegi–Sunter model (weights estimated by EM unless
 * configured), applies rules and vetoes, and clusters matches without chaining strangers together.
 * The result depends only on the set of records, never on their order.
 * @module
 */
import type { IdentityConfigInput } from './config.js';
import type { PairExplanation } from './explanation.js';
import type { SourceRecord } from './record.js';

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
 */
export declare function dedupe(
  records: readonly SourceRecord[],
  config?: IdentityConfigInput,
  options?: DedupeOptions,
): DedupeResult;
