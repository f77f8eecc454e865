import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourceRecord } from '../../src/identity/record.js';
import { goldenRecord, goldenValues } from '../../src/merge/golden.js';
import { survivorshipRules, type AttributePolicy, type GoldenValue, type SurvivorshipRule } from '../../src/merge/survivorship.js';

/**
 * The documented choice, written the plain way: each value's observations ordered most recent
 * first then by source/key; the policy, its tie-breakers, the most recent, the lowest source/key.
 */
function oracle(records: readonly SourceRecord[], attribute: string, policy: AttributePolicy, invalid: Set<string>): GoldenValue | null {
  const time = (r: SourceRecord) => (r.observedAt === undefined ? -Infinity : Date.parse(r.observedAt));
  const ref = (r: { source: string; key: string }) => [r.source, r.key] as const;
  const byRef = (a: { source: string; key: string }, b: { source: string; key: string }) => {
    const [x, y] = [ref(a), ref(b)];
    return x[0] !== y[0] ? (x[0] < y[0] ? -1 : 1) : x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0;
  };
  const groups = new Map<string, SourceRecord[]>();
  for (const r of records) {
    const raw = String(r.attributes[attribute] ?? '').trim();
    if (raw === '') continue;
    const normalized = raw.toLowerCase();
    groups.set(normalized, [...(groups.get(normalized) ?? []), r]);
  }
  const rank = (source: string) => {
    const k = policy.sources?.indexOf(source) ?? 0;
    return k < 0 ? policy.sources!.length : k;
  };
  const values = [...groups].map(([normalized, list]) => {
    const sorted = [...list].sort((a, b) => (time(a) !== time(b) ? (time(a) > time(b) ? -1 : 1) : byRef(a, b)));
    const raw = (r: SourceRecord) => String(r.attributes[attribute]).trim();
    const bestRank = Math.min(...sorted.map((r) => rank(r.source)));
    return {
      normalized,
      value: raw(sorted[0]!),
      invalid: invalid.has(normalized),
      support: sorted.length,
      firstSeen: time(sorted[sorted.length - 1]!),
      lastSeen: time(sorted[0]!),
      rank: bestRank,
      lowest: [...sorted].sort(byRef)[0]!,
      shown: { recent: sorted[0]!, oldest: sorted[sorted.length - 1]!, trusted: sorted.find((r) => rank(r.source) === bestRank)! },
      raw,
    };
  });
  values.sort((a, b) => (a.normalized < b.normalized ? -1 : 1));
  const pool = values.some((v) => !v.invalid) ? values.filter((v) => !v.invalid) : values;
  if (pool.length === 0) return null;
  type V = (typeof values)[number];
  const rules: Record<SurvivorshipRule, (a: V, b: V) => number> = {
    mostRecent: (a, b) => Math.sign(b.lastSeen - a.lastSeen) || 0,
    firstSeen: (a, b) => Math.sign(a.firstSeen - b.firstSeen) || 0,
    mostFrequent: (a, b) => b.support - a.support,
    mostTrustedSource: (a, b) => a.rank - b.rank,
    longest: (a, b) => b.value.length - a.value.length,
    nonEmpty: () => 0,
  };
  const rule = policy.policy as SurvivorshipRule;
  const order = [rule, ...(policy.tieBreakers ?? []), 'mostRecent' as const];
  let winner = pool[0]!;
  for (const c of pool.slice(1)) {
    let verdict = 0;
    for (const r of order) if (verdict === 0) verdict = rules[r](c, winner);
    if (verdict === 0) verdict = byRef(c.lowest, winner.lowest);
    if (verdict < 0) winner = c;
  }
  const shown = rule === 'firstSeen' ? winner.shown.oldest : rule === 'mostTrustedSource' ? winner.shown.trusted : winner.shown.recent;
  const out: GoldenValue = {
    value: winner.raw(shown),
    normalized: winner.normalized,
    support: winner.support,
    policy: rule,
    provenance: shown.observedAt === undefined ? { source: shown.source, key: shown.key } : { source: shown.source, key: shown.key, observedAt: shown.observedAt },
  };
  if (winner.invalid) out.status = 'invalid';
  return out;
}

const sources = ['web', 'pos', 'app', 'call'];
const record = fc.record({
  source: fc.constantFrom(...sources),
  key: fc.constantFrom('1', '2', '3', '10'),
  // Few distinct times: ties are the point.
  observedAt: fc.option(fc.constantFrom('2024-01-01T00:00:00Z', '2025-06-01T00:00:00Z', '2026-01-01T00:00:00Z'), { nil: undefined }),
  v: fc.option(fc.constantFrom('Paris', 'paris ', 'Lyon', 'Lyon-Est', 'Nice', ''), { nil: undefined }),
});
const policy = fc.record({
  policy: fc.constantFrom(...survivorshipRules),
  sources: fc.option(fc.shuffledSubarray(sources), { nil: undefined }),
  tieBreakers: fc.option(fc.array(fc.constantFrom(...survivorshipRules), { maxLength: 2 }), { nil: undefined }),
});

describe('golden values (property)', () => {
  it('the one-pass choice equals the documented one, whatever the rule, ties, ranking and flags', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(record, { selector: (r) => `${r.source}/${r.key}`, minLength: 1, maxLength: 12 }),
        policy,
        fc.subarray(['paris', 'lyon', 'nice']),
        (rows, p, flagged) => {
          const records: SourceRecord[] = rows.map((r) => {
            const out: SourceRecord = { source: r.source, key: r.key, attributes: r.v === undefined ? {} : { city: r.v } };
            if (r.observedAt !== undefined) out.observedAt = r.observedAt;
            return out;
          });
          if (p.policy === 'mostTrustedSource' && !p.sources) p.sources = ['pos'];
          const given: AttributePolicy = { policy: p.policy, ...(p.sources ? { sources: p.sources } : {}), ...(p.tieBreakers ? { tieBreakers: p.tieBreakers } : {}) };
          const invalid = new Set(flagged);
          const options = { attributes: ['city'], invalid: (_a: string, v: string) => (invalid.has(v) ? ['NPAI'] : undefined) };
          const expected = oracle(records, 'city', given, invalid);
          // The cheap path (one pass), the full path (known values with provenance), and values alone.
          expect(goldenRecord('P', records, { ...options, policies: { city: given } }).values.city).toEqual(expected);
          expect(goldenRecord('P', records, { ...options, policies: { city: { ...given, multiValued: true } } }).values.city).toEqual(expected);
          expect(goldenValues([...records].reverse(), { ...options, policies: { city: given } }).city).toEqual(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
