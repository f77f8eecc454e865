/**
 * Explanations: why a pair of records was, or was not, judged the same person.
 * @module
 */
import type { ComparisonLevel } from './config.js';

/** A record's identity: its source system and that system's key. */
export interface RecordRef {
  /** The source system: `web`, `pos`, `callcenter`… */
  source: string;
  /** That system's own key for the record. */
  key: string;
}

/** How one attribute compared in a pair, and what that weighed. */
export interface FieldComparison {
  /** The attribute compared. */
  attribute: string;
  /** The comparison level reached. */
  level: ComparisonLevel;
  /** log2(m/u) for that level (term-frequency adjusted where configured); 0 when missing. */
  weight: number;
  /** Normalized value of the left record, when it has one. */
  left?: string;
  /** Normalized value of the right record, when it has one. */
  right?: string;
  /** Extra fact, e.g. `given and family names swapped`. */
  note?: string;
}

/** The decision taken for a pair. */
export type Decision = 'match' | 'review' | 'no-match';

/** A scored pair with everything needed to explain its decision. */
export interface PairExplanation {
  /**
   * The record of the pair whose `recordRef` sorts first, whatever order it was asked in; for a
   * `resolve` candidate, the query, named `{ source: '(query)', key: '' }`.
   */
  left: RecordRef;
  /** The other record of the pair. */
  right: RecordRef;
  /**
   * The decision on the pair: from `probability` and the thresholds, then the rules, vetoes and
   * guards (a match the clustering kept apart is a `review` in `dedupe`'s `reviews`); in a
   * referential, a human verdict on the pair overrides it (`same`: `match`, `different`: `no-match`).
   */
  decision: Decision;
  /** Posterior match probability from the model (before rules and vetoes). */
  probability: number;
  /** Total match weight: prior log2-odds plus the sum of field weights. */
  weight: number;
  /** Every attribute's comparison. */
  fields: FieldComparison[];
  /** Names of the deterministic rules that fired (forcing a match). */
  rules: string[];
  /** Names of the vetoes that fired (forbidding an automatic match). */
  vetoes: string[];
}
