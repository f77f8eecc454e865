/**
 * What every normalizer returns.
 * @module
 */

/**
 * The result of normalizing one typed value.
 *
 * - `{ value: 'x' }`: the canonical form, ready to compare.
 * - `{ value: null }`: nothing usable was typed (empty, blank, a placeholder such as `n/a`).
 * - `{ value: null, problem: '…' }`: something was typed but it is invalid; it is flagged, never guessed,
 *   and the matcher treats it as missing.
 */
export interface Normalized {
  /** Canonical form, or `null` when missing or invalid. */
  value: string | null;
  /** Why a typed value was rejected (only when `value` is `null` because of an invalid input). */
  problem?: string;
}
