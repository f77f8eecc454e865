/**
 * Golden records: one best value per attribute for each profile, with where it came from.
 *
 * The only survivorship policy so far is `mostFrequent`: the value typed most often among the
 * profile's records wins. Values are grouped by their normalized form when a normalizer is given
 * (so `06 12 34 56 78` and `+33612345678` count together), otherwise by trimmed lower-case text.
 * Ties go to the group observed most recently, then to the group holding the lowest `source`/`key`.
 * The value shown is the raw value of the winning group's most recent record.
 * @module
 */
import { IdentikitError } from '../errors.js';
import type { Assignment } from '../identity/dedupe.js';
import type { AttributeValue, SourceRecord } from '../identity/record.js';

/** Name of a survivorship policy. */
export type SurvivorshipPolicy = 'mostFrequent';

/** The record a golden value was taken from. */
export interface Provenance {
  source: string;
  key: string;
  observedAt?: string | undefined;
}

/** The value chosen for one attribute of a profile. */
export interface GoldenValue {
  /** The raw value as typed (trimmed) in the record it was taken from. */
  value: string;
  /** The normalized form the value was grouped by. */
  normalized: string;
  /** How many of the profile's records hold this (normalized) value. */
  support: number;
  /** The policy that chose it. */
  policy: SurvivorshipPolicy;
  /** The record the raw value comes from. */
  provenance: Provenance;
}

/** One profile's golden record. */
export interface GoldenRecord {
  profileId: string;
  /** The profile's records, ordered by source then key. */
  records: Provenance[];
  /** Distinct sources, sorted. */
  sources: string[];
  /** Attribute → chosen value, or `null` when no record has a usable value. */
  values: Record<string, GoldenValue | null>;
}

/** Options of {@link goldenRecords}. */
export interface GoldenOptions {
  /** The attributes to choose a value for, in output order. */
  attributes: readonly string[];
  /**
   * Normalized form of a raw value, used to group equal values; `null` means missing or invalid
   * (such values never win). Default: trimmed lower-case text.
   */
  normalize?: (attribute: string, raw: string) => string | null;
}

function rawText(value: AttributeValue): string | null {
  if (value === null || value === undefined) return null;
  const s = String(value).trim();
  return s === '' ? null : s;
}

/** Epoch milliseconds of `observedAt`, `-Infinity` when unknown (older than anything dated). */
function time(record: SourceRecord): number {
  const t = record.observedAt === undefined ? NaN : Date.parse(record.observedAt);
  return Number.isNaN(t) ? -Infinity : t;
}

function compareRef(a: SourceRecord, b: SourceRecord): number {
  if (a.source !== b.source) return a.source < b.source ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Negative when `a` should be preferred over `b`: more recent first, then lowest source/key. */
function preferRecord(a: SourceRecord, b: SourceRecord): number {
  const ta = time(a);
  const tb = time(b);
  if (ta !== tb) return ta > tb ? -1 : 1;
  return compareRef(a, b);
}

interface Group {
  normalized: string;
  /** Members' raw values, parallel to `records`. */
  raws: string[];
  records: SourceRecord[];
  /** Preferred member (most recent, then lowest source/key). */
  best: number;
  /** Lowest member by source/key. */
  lowest: SourceRecord;
}

/** Negative when group `a` wins over `b`: more records, then more recent, then lowest source/key. */
function compareGroups(a: Group, b: Group): number {
  if (a.records.length !== b.records.length) return b.records.length - a.records.length;
  const ta = time(a.records[a.best]!);
  const tb = time(b.records[b.best]!);
  if (ta !== tb) return ta > tb ? -1 : 1;
  return compareRef(a.lowest, b.lowest);
}

function provenance(record: SourceRecord): Provenance {
  return record.observedAt === undefined
    ? { source: record.source, key: record.key }
    : { source: record.source, key: record.key, observedAt: record.observedAt };
}

/** Chooses one attribute's value among a profile's records with the `mostFrequent` policy. */
function mostFrequent(
  attribute: string,
  records: readonly SourceRecord[],
  normalize: (attribute: string, raw: string) => string | null,
): GoldenValue | null {
  const groups = new Map<string, Group>();
  for (const record of records) {
    const raw = rawText(record.attributes[attribute]);
    if (raw === null) continue;
    const normalized = normalize(attribute, raw);
    if (normalized === null) continue;
    let group = groups.get(normalized);
    if (!group) {
      group = { normalized, raws: [], records: [], best: 0, lowest: record };
      groups.set(normalized, group);
    }
    group.raws.push(raw);
    group.records.push(record);
    if (preferRecord(record, group.records[group.best]!) < 0) group.best = group.records.length - 1;
    if (compareRef(record, group.lowest) < 0) group.lowest = record;
  }
  let winner: Group | undefined;
  for (const group of groups.values()) if (!winner || compareGroups(group, winner) < 0) winner = group;
  if (!winner) return null;
  const chosen = winner.records[winner.best]!;
  return {
    value: winner.raws[winner.best]!,
    normalized: winner.normalized,
    support: winner.records.length,
    policy: 'mostFrequent',
    provenance: provenance(chosen),
  };
}

const defaultNormalize = (_attribute: string, raw: string): string | null => raw.trim().toLowerCase() || null;

/**
 * Builds the golden record of every profile: for each attribute, the most frequent value among the
 * profile's records (see the module description for grouping and tie-breaks), with provenance.
 *
 * Pure: no I/O, and the result depends only on the records and assignments, not on their order.
 * Throws an `INVALID_INPUT` {@link IdentikitError} when a record has no assignment or an assignment
 * names no record.
 *
 * @example
 * ```ts
 * const { assignments } = dedupe(records);
 * const golden = goldenRecords(records, assignments, { attributes: ['firstName', 'email'] });
 * golden[0].values.email; // { value: 'jean@x.fr', support: 2, policy: 'mostFrequent', provenance: {…} }
 * ```
 * @returns one golden record per profile, ordered by profile id.
 */
export function goldenRecords(
  records: readonly SourceRecord[],
  assignments: readonly Assignment[],
  options: GoldenOptions,
): GoldenRecord[] {
  const normalize = options.normalize ?? defaultNormalize;
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
  return profileIds.map((profileId) => {
    const list = [...members.get(profileId)!].sort(compareRef);
    const values: Record<string, GoldenValue | null> = {};
    for (const attribute of options.attributes) values[attribute] = mostFrequent(attribute, list, normalize);
    return {
      profileId,
      records: list.map(provenance),
      sources: [...new Set(list.map((r) => r.source))].sort(),
      values,
    };
  });
}
