/**
 * Source records: the facts identikit resolves.
 *
 * A source record is what one channel (the web shop, a till, the call center…) knows about a person:
 * the system it comes from, that system's own key, when it was observed, and its attributes as typed.
 * Records are never rewritten: normalization produces a separate view of them.
 * @module
 */
import { z } from 'zod';
import { validationError } from './zod-issues.js';
import { IdentikitError } from '../errors.js';

/** A raw attribute value as it arrives from a channel. Empty strings and `null` mean missing. */
export type AttributeValue = string | number | boolean | null | undefined;

/** Longest attribute text accepted: comparisons cost grows with length, and no customer field needs more. */
export const MAX_ATTRIBUTE_LENGTH = 2000;

const attributeValue = z.union(
  [
    z.string().max(MAX_ATTRIBUTE_LENGTH, { error: `must be at most ${MAX_ATTRIBUTE_LENGTH} characters` }),
    z.number().finite(),
    z.boolean(),
    z.null(),
    z.undefined(),
  ],
  { error: 'must be a string, a finite number, a boolean or null' },
);

const notBlank = (s: string) => s.trim() !== '';

/** zod schema of a {@link SourceRecord}. */
export const sourceRecordSchema = z.object({
  // Kept exactly as given (a key is the source system's, not ours to rewrite); blank is refused.
  source: z
    .string({ error: 'must be a string naming the source system, e.g. "web" or "pos"' })
    .max(200, { error: 'must be at most 200 characters' })
    .refine(notBlank, { error: 'must not be empty or blank' }),
  key: z
    .string({ error: "must be a string: the source system's own key for this record" })
    .max(500, { error: 'must be at most 500 characters' })
    .refine(notBlank, { error: 'must not be empty or blank' }),
  observedAt: z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 date-time, e.g. 2026-11-23T10:00:00Z' })
    .optional(),
  attributes: z.record(z.string().min(1, { error: 'attribute names must not be empty' }), attributeValue, {
    error: 'must be an object of attribute name → value',
  }),
});

/**
 * One record of one source system.
 *
 * @example
 * ```ts
 * const record: SourceRecord = {
 *   source: 'pos',
 *   key: 'T042-118734',
 *   observedAt: '2026-11-20T15:02:00Z',
 *   attributes: { firstName: 'Jean-Pierre', lastName: 'Dupont', phone: '06 12 34 56 78' },
 * };
 * ```
 */
export interface SourceRecord {
  /** The source system: `web`, `pos`, `callcenter`, `paper`… */
  source: string;
  /** That system's own key for the record; unique within the source. */
  key: string;
  /**
   * When the record was observed (ISO 8601 date-time). Used by survivorship and tie-breaks; a record
   * without one counts as older than any dated record (in a referential too, whenever it arrives).
   */
  observedAt?: string | undefined;
  /** Attribute values as typed by people. Names are the configuration's attribute names. */
  attributes: Record<string, AttributeValue>;
}

/**
 * The record's identity within the referential, unambiguous whatever the source and key hold:
 * the source's length, the source, then the key (`3:web/W-001`).
 */
export function recordRef(record: Pick<SourceRecord, 'source' | 'key'>): string {
  return `${record.source.length}:${record.source}/${record.key}`;
}

/** Orders records by source, then key (negative when `a` comes first): the order every listing follows. */
export function compareSourceKey(a: Pick<SourceRecord, 'source' | 'key'>, b: Pick<SourceRecord, 'source' | 'key'>): number {
  if (a.source !== b.source) return a.source < b.source ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** An attribute value as it counts: its trimmed text, or `null` when missing or blank. */
export function typedText(value: AttributeValue): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

/**
 * Validates one record. Throws an `INVALID_RECORD` {@link IdentikitError} naming each faulty field.
 * @param index - position in a batch, reported in the error's details.
 */
export function parseSourceRecord(input: unknown, index?: number): SourceRecord {
  const result = sourceRecordSchema.safeParse(input);
  if (!result.success) {
    const where = index === undefined ? 'Invalid record' : `Invalid record at index ${index}`;
    throw validationError('INVALID_RECORD', where, result.error, index === undefined ? {} : { index });
  }
  return result.data;
}

/**
 * Validates an array of records (`INVALID_INPUT` when it is no array; `INVALID_RECORD` naming the
 * index of the first bad one). A hole in the array is refused like an `undefined` record.
 * @param what - the function that was called, for the error message.
 */
export function parseSourceRecords(input: unknown, what: string): SourceRecord[] {
  if (!Array.isArray(input)) throw new IdentikitError('INVALID_INPUT', `${what} expects an array of source records`, { received: typeof input });
  // Array.from visits holes (map skips them).
  return Array.from(input as unknown[], (r, k) => parseSourceRecord(r, k));
}
