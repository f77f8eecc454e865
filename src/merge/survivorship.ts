/**
 * Survivorship: which of a profile's observed values becomes the golden value of an attribute.
 *
 * A policy is set per attribute: `mostRecent`, `mostTrustedSource` (a ranking of sources),
 * `mostFrequent`, `firstSeen`, `longest`, `nonEmpty`, or a custom function; tie-breakers follow
 * it in order, and the last word always goes to the most recent observation, then the lowest
 * source/key, so the choice never depends on the order records arrived in. Values are grouped by
 * their normalized form (`06 12 34 56 78` and `+33612345678` are one phone). A value flagged invalid
 * (mail returned undeliverable, "NPAI"; a bounced e-mail) is never chosen while a valid one exists.
 * Pure: no I/O.
 * @module
 */
import { z } from 'zod';
import { compareSourceKey } from '../identity/record.js';

/** The built-in survivorship rules. */
export const survivorshipRules = ['mostRecent', 'mostTrustedSource', 'mostFrequent', 'firstSeen', 'longest', 'nonEmpty'] as const;
/** See {@link survivorshipRules}. */
export type SurvivorshipRule = (typeof survivorshipRules)[number];

/** The record a value was observed in. */
export interface Provenance {
  /** The record's source system. */
  source: string;
  /** The record's key in its source. */
  key: string;
  /** The record's `observedAt` as given (ISO 8601); absent when the record has none. */
  observedAt?: string | undefined;
}

/** One observation of an attribute in one record. */
export interface Observation {
  /** The value as typed (trimmed). */
  raw: string;
  /** Its normalized form: observations with equal forms are one value. */
  normalized: string;
  /** The source system of the record observed. */
  source: string;
  /** The key of the record observed, in its source. */
  key: string;
  /** Epoch ms of the observation; `-Infinity` when unknown (older than anything dated). */
  time: number;
  /** The record's `observedAt` as given (ISO 8601), copied to the value's provenance; absent when it has none. */
  observedAt?: string | undefined;
}

/** A distinct value of an attribute among a profile's records (observations grouped by normalized form). */
export interface KnownValue {
  /** The raw value of its most recent observation. */
  value: string;
  /** The normalized form its observations share. */
  normalized: string;
  /** `invalid` when flagged (see `reasons`). */
  status: 'valid' | 'invalid';
  /** Why it is invalid: its flag's reason (`NPAI`, `bounced`…; the latest flag of a value wins). */
  reasons?: string[];
  /** How many of the profile's records hold it. */
  support: number;
  /** Epoch ms of its first observation (`-Infinity` when undated). */
  firstSeen: number;
  /** Epoch ms of its most recent observation (`-Infinity` when no observation is dated). */
  lastSeen: number;
  /** The records holding it, most recent first, each with the value as typed there. */
  provenance: (Provenance & {
    /** The value as typed (trimmed) in that record. */
    value: string;
  })[];
}

/**
 * A custom policy: given the candidate values (valid ones, or the invalid ones when none is valid),
 * returns the one to keep, or `null` to keep none. It must depend only on the values, not on their
 * order in the list.
 */
export type CustomPolicy = (candidates: readonly KnownValue[]) => KnownValue | null;

/** How one attribute's golden value is chosen. */
export interface AttributePolicy {
  /** The rule, or a custom function. Default `mostFrequent`. */
  policy?: SurvivorshipRule | CustomPolicy;
  /** For `mostTrustedSource` (and as its tie-breaker): sources, most trusted first; unlisted ones rank last. */
  sources?: readonly string[];
  /** Rules applied in order when the policy ties. Default: none (then most recent, then lowest source/key). */
  tieBreakers?: readonly SurvivorshipRule[];
  /** Keep every distinct value with its status and provenance (default: e-mails and phones). */
  multiValued?: boolean;
}

const ruleSchema = z.enum(survivorshipRules, { error: `must be one of ${survivorshipRules.join(', ')} or a function` });

/** zod schema of an {@link AttributePolicy}. */
export const attributePolicySchema = z
  .object({
    policy: z
      .union([ruleSchema, z.custom<CustomPolicy>((v) => typeof v === 'function')], {
        error: `must be one of ${survivorshipRules.join(', ')} or a function`,
      })
      .optional(),
    sources: z.array(z.string().min(1)).optional(),
    tieBreakers: z.array(ruleSchema).optional(),
    multiValued: z.boolean().optional(),
  })
  .strict()
  .refine((p) => (p.policy !== 'mostTrustedSource' && !p.tieBreakers?.includes('mostTrustedSource')) || (p.sources?.length ?? 0) > 0, {
    error: 'mostTrustedSource (as the policy or a tie-breaker) needs a ranking of sources',
    path: ['sources'],
  });

/** The chosen value of one attribute. */
export interface GoldenValue {
  /** The raw value as typed (trimmed) in the record it was taken from. */
  value: string;
  /** The normalized form the value was grouped by. */
  normalized: string;
  /** How many of the profile's records hold this (normalized) value. */
  support: number;
  /** The attribute's policy (`custom` for a function). */
  policy: SurvivorshipRule | 'custom';
  /** The record the raw value is shown from: the value's most recent observation (its first for `firstSeen`, its most trusted source's for `mostTrustedSource`). */
  provenance: Provenance;
  /** `invalid` only when every known value is flagged invalid. */
  status?: 'invalid';
}

/**
 * What the rules read of one distinct value: its counts and times, and the observations the value
 * is shown from. Built from a {@link KnownValue} by {@link chooseValue}, or directly from a
 * profile's records by {@link chooseAmong} (no provenance lists: the cheap path).
 */
export interface Candidate<S extends Provenance = Provenance & { value: string }> {
  normalized: string;
  /** The raw value of its most recent observation (what `longest` measures). */
  value: string;
  status: 'valid' | 'invalid';
  support: number;
  firstSeen: number;
  lastSeen: number;
  /** Best rank of its sources in the policy's ranking (0 without a ranking). */
  rank: number;
  /** Its observation with the lowest source/key (the last tie-break). */
  lowest: S;
  /** The observations it is shown from: most recent; first seen; most recent of the best-ranked source. */
  recent: S;
  oldest: S;
  trusted: S;
}

/** Negative when `a` wins. */
type Compare = (a: Candidate<Provenance>, b: Candidate<Provenance>) => number;

/** A source's rank in a ranking (unlisted: last). */
export function sourceRank(sources: readonly string[] | undefined, source: string): number {
  if (!sources) return 0;
  const r = sources.indexOf(source);
  return r < 0 ? sources.length : r;
}

const compareRecent: Compare = (a, b) => (a.lastSeen === b.lastSeen ? 0 : a.lastSeen > b.lastSeen ? -1 : 1);

const comparators: Record<SurvivorshipRule, Compare> = {
  mostRecent: compareRecent,
  firstSeen: (a, b) => (a.firstSeen === b.firstSeen ? 0 : a.firstSeen < b.firstSeen ? -1 : 1),
  mostFrequent: (a, b) => b.support - a.support,
  mostTrustedSource: (a, b) => a.rank - b.rank,
  longest: (a, b) => b.value.length - a.value.length,
  nonEmpty: () => 0,
};

/**
 * Groups observations by normalized value, most recent observation first in each.
 * @param invalid - the flags' reasons of a normalized value, when it is flagged invalid.
 */
export function knownValues(observations: readonly Observation[], invalid: (normalized: string) => string[] | undefined): KnownValue[] {
  const groups = new Map<string, Observation[]>();
  for (const o of observations) {
    const list = groups.get(o.normalized);
    if (list) list.push(o);
    else groups.set(o.normalized, [o]);
  }
  const out: KnownValue[] = [];
  for (const [normalized, list] of groups) {
    list.sort((a, b) => (a.time !== b.time ? (a.time > b.time ? -1 : 1) : compareSourceKey(a, b)));
    const reasons = invalid(normalized);
    const value: KnownValue = {
      value: list[0]!.raw,
      normalized,
      status: reasons ? 'invalid' : 'valid',
      support: list.length,
      firstSeen: list[list.length - 1]!.time,
      lastSeen: list[0]!.time,
      provenance: list.map((o) =>
        o.observedAt === undefined
          ? { source: o.source, key: o.key, value: o.raw }
          : { source: o.source, key: o.key, observedAt: o.observedAt, value: o.raw },
      ),
    };
    if (reasons) value.reasons = reasons;
    out.push(value);
  }
  return out.sort((a, b) => (a.normalized < b.normalized ? -1 : a.normalized > b.normalized ? 1 : 0));
}

/** The candidate form of a known value (see {@link Candidate}). */
function candidateOf(v: KnownValue, sources: readonly string[] | undefined): Candidate {
  let lowest = v.provenance[0]!;
  let trusted = v.provenance[0]!;
  let rank = sourceRank(sources, trusted.source);
  for (const p of v.provenance) {
    if (compareSourceKey(p, lowest) < 0) lowest = p;
    const r = sourceRank(sources, p.source);
    if (r < rank) {
      trusted = p;
      rank = r;
    }
  }
  const { value, normalized, status, support, firstSeen, lastSeen } = v;
  const recent = v.provenance[0]!;
  const oldest = v.provenance[v.provenance.length - 1]!;
  return { value, normalized, status, support, firstSeen, lastSeen, rank, lowest, recent, oldest, trusted };
}

/**
 * Chooses the golden value among known values with a policy. Returns `null` when there is none.
 */
export function chooseValue(values: readonly KnownValue[], policy: AttributePolicy = {}): GoldenValue | null {
  const rule = policy.policy ?? 'mostFrequent';
  if (typeof rule !== 'function') return chooseAmong(values.map((v) => candidateOf(v, policy.sources)), policy, shownAs);
  const valid = values.filter((v) => v.status === 'valid');
  const pool = valid.length > 0 ? valid : values;
  if (pool.length === 0) return null;
  let winner = rule(pool);
  if (winner !== null && !pool.includes(winner)) winner = pool.find((v) => v.normalized === winner!.normalized) ?? null;
  return winner ? goldenValue(candidateOf(winner, policy.sources), 'custom', shownAs) : null;
}

const shownAs = (p: Provenance & { value: string }) => p.value;

/**
 * Chooses among candidate values (ordered by normalized form) with a built-in rule, its
 * tie-breakers, then the most recent, then the lowest source/key. Returns `null` when there is none.
 * @param typed - the value as typed in one of a candidate's observations.
 */
export function chooseAmong<S extends Provenance>(
  candidates: readonly Candidate<S>[],
  policy: AttributePolicy,
  typed: (observation: S) => string,
): GoldenValue | null {
  const rule = policy.policy ?? 'mostFrequent';
  if (typeof rule === 'function') throw new TypeError('chooseAmong takes built-in rules only');
  let valid = 0;
  for (const c of candidates) if (c.status === 'valid') valid++;
  const first = comparators[rule];
  const tieBreakers = policy.tieBreakers;
  let winner: Candidate<S> | undefined;
  for (const candidate of candidates) {
    if (valid > 0 && candidate.status !== 'valid') continue;
    if (!winner) {
      winner = candidate;
      continue;
    }
    let verdict = first(candidate, winner);
    if (tieBreakers) for (let k = 0; k < tieBreakers.length && verdict === 0; k++) verdict = comparators[tieBreakers[k]!](candidate, winner);
    if (verdict === 0) verdict = compareRecent(candidate, winner) || compareSourceKey(candidate.lowest, winner.lowest);
    if (verdict < 0) winner = candidate;
  }
  return winner ? goldenValue(winner, rule, typed) : null;
}

/**
 * The golden value of a winner. It is shown as the record the policy prefers typed it: the most
 * trusted source's spelling, the first one seen, else the most recent.
 */
function goldenValue<S extends Provenance>(winner: Candidate<S>, rule: SurvivorshipRule | 'custom', typed: (observation: S) => string): GoldenValue {
  const shown = rule === 'firstSeen' ? winner.oldest : rule === 'mostTrustedSource' ? winner.trusted : winner.recent;
  const provenance: Provenance =
    shown.observedAt === undefined ? { source: shown.source, key: shown.key } : { source: shown.source, key: shown.key, observedAt: shown.observedAt };
  const out: GoldenValue = { value: typed(shown), normalized: winner.normalized, support: winner.support, policy: rule, provenance };
  if (winner.status === 'invalid') out.status = 'invalid';
  return out;
}
