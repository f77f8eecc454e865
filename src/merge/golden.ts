/**
 * Golden records: one best value per attribute for each profile, with where it came from.
 *
 * Each attribute's value is chosen by its survivorship policy (see `survivorship.ts`; default
 * `mostFrequent`). Values are grouped by their normalized form when a normalizer is given (so
 * `06 12 34 56 78` and `+33612345678` count together), otherwise by trimmed lower-case text; a value
 * the normalizer rejects never counts. Ties go to the value observed most recently, then to the one
 * held by the lowest `source`/`key`. The value shown is the raw value of its most recent record.
 * @module
 */
import { IdentikitError } from '../errors.js';
import type { Assignment } from '../identity/dedupe.js';
import type { AttributeValue, SourceRecord } from '../identity/record.js';
import {
  chooseValue,
  knownValues,
  type AttributePolicy,
  type GoldenValue,
  type KnownValue,
  type Observation,
  type Provenance,
} from './survivorship.js';

export type { GoldenValue, Provenance } from './survivorship.js';

/** One profile's golden record. */
export interface GoldenRecord {
  profileId: string;
  /** The profile's records, ordered by source then key. */
  records: Provenance[];
  /** Distinct sources, sorted. */
  sources: string[];
  /** Attribute → chosen value, or `null` when no record has a usable value. */
  values: Record<string, GoldenValue | null>;
  /** Multi-valued attributes: every distinct value with its status and provenance. */
  known?: Record<string, KnownValue[]>;
}

/** Options of {@link goldenRecords} and {@link goldenRecord}. */
export interface GoldenOptions {
  /** The attributes to choose a value for, in output order. */
  attributes: readonly string[];
  /**
   * Normalized form of a raw value, used to group equal values; `null` means missing or invalid
   * (such values never count). Default: trimmed lower-case text.
   */
  normalize?: (attribute: string, raw: string, record: SourceRecord) => string | null;
  /** Survivorship per attribute (default `mostFrequent`, multi-valued off). */
  policies?: Readonly<Record<string, AttributePolicy>>;
  /** Reasons a normalized value of an attribute is flagged invalid (NPAI, bounced…), if it is. */
  invalid?: (attribute: string, normalized: string) => string[] | undefined;
  /** When a record was observed (epoch ms). Default: its `observedAt`, `-Infinity` when absent. */
  time?: (record: SourceRecord) => number;
}

function rawText(value: AttributeValue): string | null {
  if (value === null || value === undefined) return null;
  const s = String(value).trim();
  return s === '' ? null : s;
}

/** Epoch milliseconds of `observedAt`, `-Infinity` when unknown (older than anything dated). */
function observedTime(record: SourceRecord): number {
  const t = record.observedAt === undefined ? NaN : Date.parse(record.observedAt);
  return Number.isNaN(t) ? -Infinity : t;
}

function compareRef(a: SourceRecord, b: SourceRecord): number {
  if (a.source !== b.source) return a.source < b.source ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function provenance(record: SourceRecord): Provenance {
  return record.observedAt === undefined
    ? { source: record.source, key: record.key }
    : { source: record.source, key: record.key, observedAt: record.observedAt };
}

const defaultNormalize = (_attribute: string, raw: string): string | null => raw.trim().toLowerCase() || null;
const notFlagged = () => undefined;

/**
 * The golden record of one profile from its records. Pure; the result does not depend on the
 * records' order.
 */
export function goldenRecord(profileId: string, records: readonly SourceRecord[], options: GoldenOptions): GoldenRecord {
  const normalize = options.normalize ?? defaultNormalize;
  const time = options.time ?? observedTime;
  const invalid = options.invalid ?? notFlagged;
  const list = [...records].sort(compareRef);
  const times = list.map(time);
  const values: Record<string, GoldenValue | null> = {};
  let known: Record<string, KnownValue[]> | undefined;
  for (const attribute of options.attributes) {
    const observations: Observation[] = [];
    list.forEach((record, k) => {
      const raw = rawText(record.attributes[attribute]);
      if (raw === null) return;
      const normalized = normalize(attribute, raw, record);
      if (normalized === null) return;
      observations.push({ raw, normalized, source: record.source, key: record.key, time: times[k]!, observedAt: record.observedAt });
    });
    const policy = options.policies?.[attribute];
    const all = knownValues(observations, (v) => invalid(attribute, v));
    values[attribute] = chooseValue(all, policy);
    if (policy?.multiValued) (known ??= {})[attribute] = all;
  }
  const golden: GoldenRecord = {
    profileId,
    records: list.map(provenance),
    sources: [...new Set(list.map((r) => r.source))].sort(),
    values,
  };
  if (known) golden.known = known;
  return golden;
}

/**
 * Builds the golden record of every profile of a batch (see {@link goldenRecord}).
 *
 * Throws an `INVALID_INPUT` {@link IdentikitError} when a record has no assignment or an assignment
 * names no record.
 *
 * @example
 * ```ts
 * const { assignments } = dedupe(records);
 * const golden = goldenRecords(records, assignments, { attributes: ['firstName', 'email'] });
 * golden[0].values.email; // { value: 'jp@x.fr', support: 2, policy: 'mostFrequent', provenance: {…} }
 * ```
 * @returns one golden record per profile, ordered by profile id.
 */
export function goldenRecords(
  records: readonly SourceRecord[],
  assignments: readonly Assignment[],
  options: GoldenOptions,
): GoldenRecord[] {
  const byRef = new Map<string, SourceRecord>();
  for (const record of records) byRef.set(JSON.stringify([record.source, record.key]), record);
  const members = new Map<string, SourceRecord[]>();
  const assigned = new Set<string>();
  for (const a of assignments) {
    const ref = JSON.stringify([a.source, a.key]);
    const record = byRef.get(ref);
    if (!record) {
      throw new IdentikitError('INVALID_INPUT', `Assignment of unknown record ${a.source}/${a.key}`, {
        source: a.source,
        key: a.key,
      });
    }
    assigned.add(ref);
    const list = members.get(a.profileId);
    if (list) list.push(record);
    else members.set(a.profileId, [record]);
  }
  for (const [ref, record] of byRef) {
    if (!assigned.has(ref)) {
      throw new IdentikitError('INVALID_INPUT', `Record ${record.source}/${record.key} has no assignment`, {
        source: record.source,
        key: record.key,
      });
    }
  }
  const profileIds = [...members.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return profileIds.map((profileId) => goldenRecord(profileId, members.get(profileId)!, options));
}
