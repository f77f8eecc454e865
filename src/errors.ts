/**
 * Typed errors with stable codes.
 *
 * Every error identikit throws on purpose is an {@link IdentikitError}: a `code` programs can branch
 * on, a message for humans, and optional `details` (the field path, the line, the offending value).
 * {@link isIdentikitError} recognises one even when two copies of the package are installed.
 * @module
 */

/** Stable error codes. New codes may be added; existing ones never change meaning. */
export type IdentikitErrorCode =
  /** A source record failed validation (see `details.issues`). */
  | 'INVALID_RECORD'
  /** A configuration failed validation (see `details.issues`). */
  | 'INVALID_CONFIG'
  /** Two records in one batch share the same source system and key. */
  | 'DUPLICATE_RECORD'
  /** Input that is not a record: an unreadable file, a malformed CSV row, a missing column; a decision that cannot apply. */
  | 'INVALID_INPUT'
  /** A profile, record, review or decision that the referential does not know. */
  | 'NOT_FOUND'
  /** The store failed to apply a commit: nothing of the operation was kept. */
  | 'STORE_ERROR'
  /**
   * A new record's profile id (a 53-bit hash of its source and key) is already another record's:
   * the new record is refused rather than let one id name two profiles (about one chance in
   * 18,000 over a million records).
   */
  | 'ID_COLLISION'
  /**
   * A custom survivorship function threw (see `details.attribute` and the error's `cause`); in a
   * referential, the operation that needed it changed nothing.
   */
  | 'POLICY_ERROR'
  /**
   * A human decision would contradict standing ones: two records decided to be different people
   * would be joined by "same" verdicts (see `details.left` and `details.right`; `details.decisionId`
   * names the standing decision that set them apart, when the refused one is not what sets them
   * apart). Nothing changed: revoke one of the decisions, or split the records apart, first.
   */
  | 'DECISION_CONFLICT';

/** One problem found while validating: where (a path of keys) and what. */
export interface ValidationIssue {
  /** Path to the faulty value, e.g. `["attributes", "email"]`. */
  path: (string | number)[];
  /** What is wrong with the value, in plain words. */
  message: string;
}

const BRAND = Symbol.for('identikit.error');

/** The one error class identikit throws on purpose. */
export class IdentikitError extends Error {
  /** A stable code programs can branch on. */
  readonly code: IdentikitErrorCode;
  /** Structured context: field path, line number, issues… */
  readonly details: Readonly<Record<string, unknown>>;
  /** @internal brand that survives duplicated package copies */
  readonly [BRAND] = true;

  constructor(
    code: IdentikitErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'IdentikitError';
    this.code = code;
    this.details = details;
  }
}

/** True when `value` is an {@link IdentikitError}, from this or any other copy of identikit. */
export function isIdentikitError(value: unknown): value is IdentikitError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}
