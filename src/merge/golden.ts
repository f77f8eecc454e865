/**
 * Golden records: one best value per attribute for each profile, with where it came from.
 *
 * Each attribute's value is chosen by its survivorship policy (see `survivorship.ts`; default
 * `mostFrequent`). Values are grouped by their normalized form when a normalizer is given (so
 * `06 12 34 56 78` and `+33612345678` count together), otherwise by trimmed lower-case text; a value
 * the normalizer rejects never counts. Ties go to the value observed most recently, then to the one
 * held by the lowest `source`/`key`. The value shown is the raw value of the record the policy
 * prefers (its most recent one; its first for `firstSeen`, its most trusted source's for `mostTrustedSource`).
 * @module
 */
import { IdentikitError } from '../errors.js';
import type { Assignment } from '../identity/dedupe.js';
import { compareSourceKey, typedText, type SourceRecord } from '../identity/record.js';
import {
  chooseAmong,
  chooseValue,
  knownValues,
  sourceRank,
  type AttributePolicy,
  type Candidate,
  type GoldenValue,
  type KnownValue,
  type Observation,
  type Provenance,
} from './survivorship.js';

export type { GoldenValue, Provenance } from './survivorship.js';

/** One profile's golden record. */
export interface GoldenRecord {
  /** The profile's id: the assignments' `profileId` for {@link goldenRecords}, the profile's `id` in a referential. */
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
   * (such values never count). Default: trimmed lower-case text. `index` is the record's position
   * in the array given (as for `time`).
   */
  normalize?: (attribute: string, raw: string, record: SourceRecord, index: number) => string | null;
  /** Survivorship per attribute (default `mostFrequent`, multi-valued off). */
  policies?: Readonly<Record<string, AttributePolicy>>;
  /** Reasons a normalized value of an attribute is flagged invalid (NPAI, bounced…), if it is. */
  invalid?: (attribute: string, normalized: string) => string[] | undefined;
  /**
   * When a record was observed (epoch ms). Default: its `observedAt`, `-Infinity` when absent.
   * `index` is the record's position in the array given (for {@link goldenRecords}, its `records`).
   */
  time?: (record: SourceRecord, index: number) => number;
}

/** Epoch milliseconds of `observedAt`, `-Infinity` when unknown (older than anything dated). */
function observedTime(record: SourceRecord): number {
  const t = record.observedAt === undefined ? NaN : Date.parse(record.observedAt);
  return Number.isNaN(t) ? -Infinity : t;
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
  const profile = sortedProfile(records, options);
  const values: Record<string, GoldenValue | null> = {};
  let known: Record<string, KnownValue[]> | undefined;
  for (const attribute of options.attributes) {
    const policy = options.policies?.[attribute];
    if (policy?.multiValued) {
      const all = knownValues(observationsOf(profile, attribute), (v) => profile.invalid(attribute, v));
      values[attribute] = chooseKnown(all, policy, attribute);
      (known ??= {})[attribute] = all;
    } else values[attribute] = chosenValue(profile, attribute, policy);
  }
  const { list } = profile;
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
 * The chosen value of each attribute of a profile: the `values` of its {@link goldenRecord},
 * without the rest (no known values, no provenance lists: much cheaper, for telling what changed).
 */
export function goldenValues(records: readonly SourceRecord[], options: GoldenOptions): Record<string, GoldenValue | null> {
  const profile = sortedProfile(records, options);
  const values: Record<string, GoldenValue | null> = {};
  for (const attribute of options.attributes) values[attribute] = chosenValue(profile, attribute, options.policies?.[attribute]);
  return values;
}

/**
 * What a referential compares to tell which attributes of a profile changed: the chosen values
 * (as {@link goldenValues}) and, per multi-valued attribute, a digest of its known values (each
 * distinct value's spelling and status, not their counts).
 */
export interface GoldenDigest {
  values: Record<string, GoldenValue | null>;
  known: Record<string, string>;
}

/** {@link GoldenDigest} of a profile's records (one pass per attribute, as {@link goldenValues}). */
export function goldenDigest(records: readonly SourceRecord[], options: GoldenOptions): GoldenDigest {
  const profile = sortedProfile(records, options);
  const values: Record<string, GoldenValue | null> = {};
  const known: Record<string, string> = {};
  for (const attribute of options.attributes) {
    const policy = options.policies?.[attribute];
    if (!policy?.multiValued) values[attribute] = chosenValue(profile, attribute, policy);
    else if (typeof policy.policy === 'function') {
      const all = knownValues(observationsOf(profile, attribute), (v) => profile.invalid(attribute, v));
      values[attribute] = chooseKnown(all, policy, attribute);
      known[attribute] = knownDigest(all);
    } else {
      const candidates = candidatesOf(profile, attribute, policy);
      known[attribute] = knownDigest(candidates);
      values[attribute] = chooseAmong(candidates, policy, typedOf(attribute));
    }
  }
  return { values, known };
}

/** The {@link GoldenDigest} of a golden record already built. */
export function digestOf(golden: GoldenRecord, options: Pick<GoldenOptions, 'policies'>): GoldenDigest {
  const known: Record<string, string> = {};
  for (const [attribute, policy] of Object.entries(options.policies ?? {}))
    if (policy.multiValued) known[attribute] = knownDigest(golden.known?.[attribute] ?? []);
  return { values: golden.values, known };
}

/** Known values' spellings and statuses, in normalized order. */
function knownDigest(values: readonly { normalized: string; value: string; status: string }[]): string {
  const sorted = values.length > 1 ? [...values].sort((a, b) => (a.normalized < b.normalized ? -1 : a.normalized > b.normalized ? 1 : 0)) : values;
  return sorted.map((v) => `${v.normalized}\u0001${v.value}\u0001${v.status}`).join('\u0002');
}

/** One attribute's golden value: built-in rules in one pass, a custom function over the known values. */
function chosenValue(profile: SortedProfile, attribute: string, policy: AttributePolicy | undefined): GoldenValue | null {
  if (typeof policy?.policy === 'function')
    return chooseKnown(knownValues(observationsOf(profile, attribute), (v) => profile.invalid(attribute, v)), policy, attribute);
  return chooseAmong(candidatesOf(profile, attribute, policy), policy ?? DEFAULT_POLICY, typedOf(attribute));
}

/** {@link chooseValue}, with a custom function's failure as a `POLICY_ERROR` naming the attribute. */
function chooseKnown(values: readonly KnownValue[], policy: AttributePolicy, attribute: string): GoldenValue | null {
  try {
    return chooseValue(values, policy);
  } catch (error) {
    if (typeof policy.policy !== 'function') throw error;
    throw new IdentikitError('POLICY_ERROR', `The survivorship function of attribute "${attribute}" threw: ${String(error)}`, { attribute }, { cause: error });
  }
}

const DEFAULT_POLICY: AttributePolicy = {};
const typed = new Map<string, (record: SourceRecord) => string>();

/** How a record typed an attribute's value (one function per attribute name, not one per call). */
function typedOf(attribute: string): (record: SourceRecord) => string {
  let f = typed.get(attribute);
  if (!f) typed.set(attribute, (f = (record) => typedText(record.attributes[attribute])!));
  return f;
}

/** A profile's records sorted by source then key, with their times and positions in the input. */
interface SortedProfile {
  list: SourceRecord[];
  /** Position of each listed record in the caller's array. */
  at: number[];
  times: number[];
  normalize: NonNullable<GoldenOptions['normalize']>;
  invalid: NonNullable<GoldenOptions['invalid']>;
}

function sortedProfile(records: readonly SourceRecord[], options: GoldenOptions): SortedProfile {
  const time = options.time ?? observedTime;
  const at = records.map((_, k) => k);
  insertionSort(at, (x, y) => compareSourceKey(records[x]!, records[y]!) || x - y);
  return {
    list: at.map((k) => records[k]!),
    at,
    times: at.map((k) => time(records[k]!, k)),
    normalize: options.normalize ?? defaultNormalize,
    invalid: options.invalid ?? notFlagged,
  };
}

/** Sorts in place: a profile's few records and values sort faster by insertion than with `Array.prototype.sort`. */
function insertionSort<T>(items: T[], compare: (a: T, b: T) => number): void {
  if (items.length > 32) {
    items.sort(compare);
    return;
  }
  for (let k = 1; k < items.length; k++) {
    const item = items[k]!;
    let j = k - 1;
    for (; j >= 0 && compare(items[j]!, item) > 0; j--) items[j + 1] = items[j]!;
    items[j + 1] = item;
  }
}

function observationsOf(profile: SortedProfile, attribute: string): Observation[] {
  const observations: Observation[] = [];
  profile.list.forEach((record, k) => {
    const raw = typedText(record.attributes[attribute]);
    if (raw === null) return;
    const normalized = profile.normalize(attribute, raw, record, profile.at[k]!);
    if (normalized === null) return;
    observations.push({ raw, normalized, source: record.source, key: record.key, time: profile.times[k]!, observedAt: record.observedAt });
  });
  return observations;
}

/**
 * Scratch lists and candidates of {@link candidatesOf}, reused from call to call: a golden value is
 * chosen for every attribute of every profile an ingestion touches (a referential at 300k records
 * allocated 6 KB per ingested record here before). Only {@link chosenValue} reads them, before the
 * next call; {@link chooseAmong} keeps none of them.
 */
const scratchCandidates: Candidate<SourceRecord>[] = [];
const scratchTimes: number[] = [];
const candidatePool: Candidate<SourceRecord>[] = [];

const byNormalized = (a: Candidate<SourceRecord>, b: Candidate<SourceRecord>) => (a.normalized < b.normalized ? -1 : a.normalized > b.normalized ? 1 : 0);

/**
 * The distinct values of one attribute as candidates, ordered by normalized form, in one pass over
 * the records (sorted by source/key, so the first observation of a value is its lowest record).
 * The list returned is {@link scratchCandidates}: valid until the next call.
 */
function candidatesOf(profile: SortedProfile, attribute: string, policy: AttributePolicy | undefined): Candidate<SourceRecord>[] {
  const sources = policy?.sources;
  const out = scratchCandidates;
  const trustedTime = scratchTimes;
  // Written over from the start and cut to length at the end: emptying a list (`length = 0`) drops
  // its slots, and the next push allocates them again.
  let n = 0;
  // Few values per attribute: a list is searched; many (a large profile): a map.
  let byValue: Map<string, number> | undefined;
  const { list, times } = profile;
  for (let k = 0; k < list.length; k++) {
    const record = list[k]!;
    const raw = typedText(record.attributes[attribute]);
    if (raw === null) continue;
    const normalized = profile.normalize(attribute, raw, record, profile.at[k]!);
    if (normalized === null) continue;
    const time = times[k]!;
    const rank = sourceRank(sources, record.source);
    let at = -1;
    if (byValue) at = byValue.get(normalized) ?? -1;
    else for (let x = 0; x < n; x++) if (out[x]!.normalized === normalized) at = x;
    if (at < 0) {
      if (!byValue && n === 16) byValue = new Map(out.slice(0, n).map((x, k) => [x.normalized, k]));
      byValue?.set(normalized, n);
      trustedTime[n] = time;
      let c = candidatePool[n];
      if (c === undefined) {
        c = { normalized, value: raw, status: 'valid', support: 1, firstSeen: time, lastSeen: time, rank, lowest: record, recent: record, oldest: record, trusted: record };
        candidatePool.push(c);
      } else {
        c.normalized = normalized;
        c.value = raw;
        c.status = 'valid';
        c.support = 1;
        c.firstSeen = c.lastSeen = time;
        c.rank = rank;
        c.lowest = c.recent = c.oldest = c.trusted = record;
      }
      out[n++] = c;
      continue;
    }
    const c = out[at]!;
    c.support++;
    // Later in source/key order: it wins ties on time only where the order "most recent first,
    // then lowest source/key" puts it last (the oldest observation).
    if (time > c.lastSeen) {
      c.lastSeen = time;
      c.recent = record;
      c.value = raw;
    }
    if (time <= c.firstSeen) {
      c.firstSeen = time;
      c.oldest = record;
    }
    if (rank < c.rank || (rank === c.rank && time > trustedTime[at]!)) {
      c.rank = rank;
      c.trusted = record;
      trustedTime[at] = time;
    }
  }
  out.length = n;
  insertionSort(out, byNormalized);
  for (const c of out) if (profile.invalid(attribute, c.normalized)) c.status = 'invalid';
  return out;
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
  // Records by ref, as positions in `records`: the `index` the callbacks are given.
  const byRef = new Map<string, number>();
  records.forEach((record, k) => byRef.set(JSON.stringify([record.source, record.key]), k));
  const members = new Map<string, number[]>();
  const assigned = new Set<string>();
  for (const a of assignments) {
    const ref = JSON.stringify([a.source, a.key]);
    const k = byRef.get(ref);
    if (k === undefined) {
      throw new IdentikitError('INVALID_INPUT', `Assignment of unknown record ${a.source}/${a.key}`, {
        source: a.source,
        key: a.key,
      });
    }
    assigned.add(ref);
    const list = members.get(a.profileId);
    if (list) list.push(k);
    else members.set(a.profileId, [k]);
  }
  for (const [ref, k] of byRef) {
    if (!assigned.has(ref)) {
      const record = records[k]!;
      throw new IdentikitError('INVALID_INPUT', `Record ${record.source}/${record.key} has no assignment`, {
        source: record.source,
        key: record.key,
      });
    }
  }
  const profileIds = [...members.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return profileIds.map((profileId) => {
    const at = members.get(profileId)!;
    const { time, normalize } = options;
    return goldenRecord(
      profileId,
      at.map((k) => records[k]!),
      {
        ...options,
        ...(time ? { time: (record: SourceRecord, k: number) => time(record, at[k]!) } : {}),
        ...(normalize ? { normalize: (attribute: string, raw: string, record: SourceRecord, k: number) => normalize(attribute, raw, record, at[k]!) } : {}),
      },
    );
  });
}
