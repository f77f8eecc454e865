/**
 * Explanations: why a pair of records was, or was not, judged the same person.
 * @module
 */
import type { ComparisonLevel } from './config.js';

/** A record's identity: its source system and that system's key. */
export interface RecordRef {
  source: string;
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
  /** Normalized value on each side, when present. */
  left?: string;
  right?: string;
  /** Extra fact, e.g. `given and family names swapped`. */
  note?: string;
}

/** The decision taken for a pair. */
export type Decision = 'match' | 'review' | 'no-match';

/** A scored pair with everything needed to explain its decision. */
export interface PairExplanation {
  left: RecordRef;
  right: RecordRef;
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
