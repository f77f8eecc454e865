import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  attributePolicySchema,
  chooseValue,
  knownValues,
  survivorshipRules,
  type AttributePolicy,
  type KnownValue,
  type Observation,
  type Provenance,
} from '../../src/merge/survivorship.js';

// ── Helpers ────────────────────────────────────────────────────────────────────────────────

const T = (day: number) => Date.UTC(2026, 0, day);

/** A known value; provenance is written most recent first, as knownValues gives it. */
function kv(
  value: string,
  options: {
    normalized?: string;
    support?: number;
    firstSeen?: number;
    lastSeen?: number;
    from?: Provenance[];
    invalid?: string[];
  } = {},
): KnownValue {
  const out: KnownValue = {
    value,
    normalized: options.normalized ?? value.toLowerCase(),
    status: options.invalid ? 'invalid' : 'valid',
    support: options.support ?? 1,
    firstSeen: options.firstSeen ?? T(1),
    lastSeen: options.lastSeen ?? options.firstSeen ?? T(1),
    provenance: (options.from ?? [{ source: 'web', key: value }]).map((p) => ({ ...p, value })),
  };
  if (options.invalid) out.reasons = options.invalid;
  return out;
}

const at = (source: string, key: string): Provenance => ({ source, key });

function obs(raw: string, normalized: string, source: string, key: string, time: number, observedAt?: string): Observation {
  return { raw, normalized, source, key, time, observedAt };
}

const noFlags = () => undefined;

// ── chooseValue: the rules ─────────────────────────────────────────────────────────────────

interface Row {
  name: string;
  values: KnownValue[];
  policy: AttributePolicy;
  /** The normalized form expected to win. */
  winner: string;
}

const rules: Row[] = [
  {
    name: 'mostFrequent: the value most records hold',
    values: [kv('Paris', { support: 3, lastSeen: T(1) }), kv('Lyon', { support: 1, lastSeen: T(9) })],
    policy: { policy: 'mostFrequent' },
    winner: 'paris',
  },
  {
    name: 'default policy is mostFrequent',
    values: [kv('Lyon', { support: 1, lastSeen: T(9) }), kv('Paris', { support: 2, lastSeen: T(1) })],
    policy: {},
    winner: 'paris',
  },
  {
    name: 'mostRecent: the latest observation, whatever the support',
    values: [kv('Paris', { support: 5, firstSeen: T(1), lastSeen: T(5) }), kv('Lyon', { support: 1, firstSeen: T(6), lastSeen: T(6) })],
    policy: { policy: 'mostRecent' },
    winner: 'lyon',
  },
  {
    name: 'mostRecent: a dated value beats an undated one',
    values: [kv('Undated', { firstSeen: -Infinity, lastSeen: -Infinity }), kv('Dated', { firstSeen: T(1), lastSeen: T(1) })],
    policy: { policy: 'mostRecent' },
    winner: 'dated',
  },
  {
    name: 'firstSeen: the earliest first observation, even if seen again lately',
    values: [kv('Old', { firstSeen: T(1), lastSeen: T(20) }), kv('New', { firstSeen: T(2), lastSeen: T(3), support: 4 })],
    policy: { policy: 'firstSeen' },
    winner: 'old',
  },
  {
    name: 'firstSeen: undated counts as older than anything dated',
    values: [kv('Dated', { firstSeen: T(1) }), kv('Undated', { firstSeen: -Infinity, lastSeen: -Infinity })],
    policy: { policy: 'firstSeen' },
    winner: 'undated',
  },
  {
    name: 'longest: the longest value as typed',
    values: [kv('12 av. V. Hugo', { support: 3, lastSeen: T(9) }), kv('12 bis avenue Victor Hugo', { lastSeen: T(1) })],
    policy: { policy: 'longest' },
    winner: '12 bis avenue victor hugo',
  },
  {
    name: 'nonEmpty: any value; the final tie-break (most recent) decides',
    values: [kv('A', { support: 9, lastSeen: T(1) }), kv('B', { lastSeen: T(2) }), kv('C', { lastSeen: T(1) })],
    policy: { policy: 'nonEmpty' },
    winner: 'b',
  },
  {
    name: 'mostTrustedSource: the value from the best-ranked source',
    values: [
      kv('web value', { support: 4, lastSeen: T(9), from: [at('web', '1')] }),
      kv('crm value', { support: 1, lastSeen: T(1), from: [at('crm', '1')] }),
    ],
    policy: { policy: 'mostTrustedSource', sources: ['crm', 'web'] },
    winner: 'crm value',
  },
  {
    name: 'mostTrustedSource: a value takes the best rank among the records holding it',
    values: [
      kv('x', { lastSeen: T(9), from: [at('web', '1')] }),
      kv('y', { lastSeen: T(1), from: [at('pos', '7'), at('crm', '2')] }),
    ],
    policy: { policy: 'mostTrustedSource', sources: ['crm', 'web'] },
    winner: 'y',
  },
  {
    name: 'mostTrustedSource: unlisted sources rank last',
    values: [kv('x', { lastSeen: T(9), from: [at('paper', '1')] }), kv('y', { lastSeen: T(1), from: [at('web', '1')] })],
    policy: { policy: 'mostTrustedSource', sources: ['crm', 'web'] },
    winner: 'y',
  },
];

describe('chooseValue: each rule', () => {
  it.each(rules.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const chosen = chooseValue(row.values, row.policy);
    expect(chosen?.normalized).toBe(row.winner);
    expect(chosen?.policy).toBe(row.policy.policy ?? 'mostFrequent');
  });
});

// ── chooseValue: tie-breakers and the final tie ────────────────────────────────────────────

const ties: Row[] = [
  {
    name: 'mostFrequent tie → most recent (no tie-breakers)',
    values: [kv('Paris', { support: 2, lastSeen: T(3) }), kv('Lyon', { support: 2, lastSeen: T(4) })],
    policy: { policy: 'mostFrequent' },
    winner: 'lyon',
  },
  {
    name: 'mostFrequent tie → tie-breaker longest',
    values: [kv('Paris', { support: 2, lastSeen: T(4) }), kv('Villeurbanne', { support: 2, lastSeen: T(3) })],
    policy: { policy: 'mostFrequent', tieBreakers: ['longest'] },
    winner: 'villeurbanne',
  },
  {
    name: 'mostFrequent tie → tie-breaker firstSeen',
    values: [
      kv('Paris', { support: 2, firstSeen: T(2), lastSeen: T(4) }),
      kv('Villeurbanne', { support: 2, firstSeen: T(1), lastSeen: T(3) }),
    ],
    policy: { policy: 'mostFrequent', tieBreakers: ['firstSeen'] },
    winner: 'villeurbanne',
  },
  {
    name: 'tie-breakers apply in order: the first that separates decides',
    values: [
      kv('Nice', { support: 2, firstSeen: T(1), lastSeen: T(9) }),
      kv('Marseille', { support: 2, firstSeen: T(2), lastSeen: T(2) }),
    ],
    policy: { policy: 'mostFrequent', tieBreakers: ['firstSeen', 'longest'] },
    winner: 'nice',
  },
  {
    name: 'a tie-breaker that ties too passes to the next',
    values: [
      kv('Nice', { support: 2, firstSeen: T(1), lastSeen: T(9) }),
      kv('Marseille', { support: 2, firstSeen: T(1), lastSeen: T(2) }),
    ],
    policy: { policy: 'mostFrequent', tieBreakers: ['firstSeen', 'longest'] },
    winner: 'marseille',
  },
  {
    name: 'mostTrustedSource tie (same rank) → tie-breaker mostFrequent',
    values: [
      kv('x', { support: 1, lastSeen: T(9), from: [at('web', '1')] }),
      kv('y', { support: 2, lastSeen: T(1), from: [at('web', '2'), at('web', '3')] }),
    ],
    policy: { policy: 'mostTrustedSource', sources: ['crm', 'web'], tieBreakers: ['mostFrequent'] },
    winner: 'y',
  },
  {
    name: 'mostTrustedSource as a tie-breaker uses the sources ranking',
    values: [
      kv('x', { support: 2, lastSeen: T(9), from: [at('web', '1'), at('web', '2')] }),
      kv('y', { support: 2, lastSeen: T(1), from: [at('crm', '1'), at('paper', '2')] }),
    ],
    policy: { policy: 'mostFrequent', tieBreakers: ['mostTrustedSource'], sources: ['crm'] },
    winner: 'y',
  },
  {
    name: 'final tie: same time → lowest source',
    values: [kv('x', { lastSeen: T(1), from: [at('web', '1')] }), kv('y', { lastSeen: T(1), from: [at('app', '9')] })],
    policy: { policy: 'nonEmpty' },
    winner: 'y',
  },
  {
    name: 'final tie: same time and source → lowest key (as text)',
    values: [kv('x', { lastSeen: T(1), from: [at('web', '9')] }), kv('y', { lastSeen: T(1), from: [at('web', '10')] })],
    policy: { policy: 'mostFrequent' },
    winner: 'y',
  },
  {
    name: 'final tie: a value counts by its lowest record, wherever it sits in the provenance',
    values: [
      kv('x', { lastSeen: T(1), from: [at('web', '5'), at('cc', '1')] }),
      kv('y', { lastSeen: T(1), from: [at('pos', '1')] }),
    ],
    policy: { policy: 'nonEmpty' },
    winner: 'x',
  },
  {
    name: 'final tie on undated values: lowest source/key',
    values: [
      kv('x', { firstSeen: -Infinity, lastSeen: -Infinity, from: [at('web', '1')] }),
      kv('y', { firstSeen: -Infinity, lastSeen: -Infinity, from: [at('paper', '1')] }),
    ],
    policy: { policy: 'firstSeen' },
    winner: 'y',
  },
];

describe('chooseValue: tie-breakers and the final tie', () => {
  it.each(ties.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    expect(chooseValue(row.values, row.policy)?.normalized).toBe(row.winner);
    expect(chooseValue([...row.values].reverse(), row.policy)?.normalized).toBe(row.winner);
  });
});

// ── chooseValue: output, invalid values ────────────────────────────────────────────────────

describe('chooseValue: the golden value', () => {
  it('returns null when there is no value', () => {
    expect(chooseValue([])).toBeNull();
    for (const rule of survivorshipRules) expect(chooseValue([], { policy: rule, sources: ['web'] })).toBeNull();
    expect(chooseValue([], { policy: () => null })).toBeNull();
  });

  it('gives the raw value, normalized form, support, policy and the most recent provenance', () => {
    const value = kv('06 12 34 56 78', {
      normalized: '+33612345678',
      support: 2,
      firstSeen: T(1),
      lastSeen: T(5),
      from: [
        { source: 'pos', key: 'T-9', observedAt: '2026-01-05T00:00:00.000Z' },
        { source: 'web', key: 'W-1', observedAt: '2026-01-01T00:00:00.000Z' },
      ],
    });
    expect(chooseValue([value], { policy: 'mostRecent' })).toEqual({
      value: '06 12 34 56 78',
      normalized: '+33612345678',
      support: 2,
      policy: 'mostRecent',
      provenance: { source: 'pos', key: 'T-9', observedAt: '2026-01-05T00:00:00.000Z' },
    });
  });

  const invalidRows: [string, AttributePolicy][] = [
    ['mostFrequent', { policy: 'mostFrequent' }],
    ['mostRecent', { policy: 'mostRecent' }],
    ['firstSeen', { policy: 'firstSeen' }],
    ['longest', { policy: 'longest' }],
    ['nonEmpty', { policy: 'nonEmpty' }],
    ['mostTrustedSource', { policy: 'mostTrustedSource', sources: ['crm'] }],
    ['custom (picks the first)', { policy: (values) => values[0] ?? null }],
  ];

  it.each(invalidRows)('%s: an invalid value is never chosen while a valid one exists', (_name, policy) => {
    // The invalid value would win on every rule: more frequent, more recent, seen first, longer, trusted.
    const bad = kv('1 rue du Moulin Rouge Paris', {
      support: 9,
      firstSeen: T(1),
      lastSeen: T(30),
      from: [at('crm', '1')],
      invalid: ['NPAI'],
    });
    const good = kv('2 rue X', { support: 1, firstSeen: T(5), lastSeen: T(5), from: [at('web', '2')] });
    for (const values of [
      [bad, good],
      [good, bad],
    ]) {
      const chosen = chooseValue(values, policy);
      expect(chosen?.normalized).toBe(good.normalized);
      expect(chosen).not.toHaveProperty('status');
    }
  });

  it.each(invalidRows)('%s: when every value is invalid, one is chosen with status invalid', (_name, policy) => {
    const a = kv('a@x.fr', { support: 2, lastSeen: T(3), from: [at('crm', '1')], invalid: ['bounced'] });
    const b = kv('b@x.fr', { support: 1, lastSeen: T(2), from: [at('web', '1')], invalid: ['bounced'] });
    const chosen = chooseValue([a, b], policy);
    expect(chosen).not.toBeNull();
    expect(chosen!.status).toBe('invalid');
    expect(['a@x.fr', 'b@x.fr']).toContain(chosen!.normalized);
  });

  it('among invalid values only, the rule still applies', () => {
    const a = kv('a', { support: 1, lastSeen: T(9), invalid: ['NPAI'] });
    const b = kv('b', { support: 3, lastSeen: T(1), invalid: ['NPAI'] });
    expect(chooseValue([a, b], { policy: 'mostFrequent' })).toMatchObject({ normalized: 'b', status: 'invalid' });
    expect(chooseValue([a, b], { policy: 'mostRecent' })).toMatchObject({ normalized: 'a', status: 'invalid' });
  });
});

// ── chooseValue: custom policies ───────────────────────────────────────────────────────────

describe('chooseValue: custom policy', () => {
  const gmail = kv('jp@gmail.com', { support: 1, lastSeen: T(1) });
  const work = kv('jp@acme.fr', { support: 3, lastSeen: T(9) });
  const bounced = kv('jp@old.fr', { support: 5, lastSeen: T(10), invalid: ['bounced'] });

  it('chooses what the function returns, reported as policy custom', () => {
    const preferGmail: AttributePolicy = { policy: (values) => values.find((v) => v.normalized.endsWith('@gmail.com')) ?? null };
    expect(chooseValue([work, gmail], preferGmail)).toMatchObject({ normalized: 'jp@gmail.com', policy: 'custom', support: 1 });
  });

  it('receives only the valid values when there are some, the invalid ones otherwise', () => {
    const seen: string[][] = [];
    const spy: AttributePolicy = {
      policy: (values) => {
        seen.push(values.map((v) => v.normalized).sort());
        return values[0] ?? null;
      },
    };
    chooseValue([bounced, work, gmail], spy);
    chooseValue([bounced], spy);
    expect(seen).toEqual([['jp@acme.fr', 'jp@gmail.com'], ['jp@old.fr']]);
    expect(chooseValue([bounced], spy)).toMatchObject({ normalized: 'jp@old.fr', status: 'invalid', policy: 'custom' });
  });

  it('null keeps no value', () => {
    expect(chooseValue([work, gmail], { policy: () => null })).toBeNull();
  });

  it('a returned copy is matched by its normalized form; a value not among the candidates is refused', () => {
    expect(chooseValue([work, gmail], { policy: () => ({ ...gmail }) })).toMatchObject({ normalized: 'jp@gmail.com', policy: 'custom' });
    // The flagged value is not a candidate while valid ones exist: never chosen.
    expect(chooseValue([work, gmail, bounced], { policy: () => bounced })).toBeNull();
    expect(chooseValue([work], { policy: () => kv('made@up.fr') })).toBeNull();
  });
});

// ── chooseValue: order independence ────────────────────────────────────────────────────────

/** Distinct values, each held by records no other value holds. */
const valuesArb = fc
  .array(
    fc.record({
      length: fc.integer({ min: 1, max: 6 }),
      support: fc.integer({ min: 1, max: 3 }),
      first: fc.integer({ min: 0, max: 4 }),
      span: fc.integer({ min: 0, max: 3 }),
      sources: fc.array(fc.constantFrom('web', 'pos', 'cc', 'crm', 'paper'), { minLength: 1, maxLength: 3 }),
      invalid: fc.boolean(),
      undated: fc.boolean(),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((specs) =>
    specs.map((s, k) =>
      kv(`${'v'.repeat(s.length)}${k}`, {
        normalized: `n${k}`,
        support: s.support,
        firstSeen: s.undated ? -Infinity : T(1 + s.first),
        lastSeen: s.undated ? -Infinity : T(1 + s.first + s.span),
        from: s.sources.map((source, j) => at(source, `${k}-${j}`)),
        ...(s.invalid ? { invalid: ['NPAI'] } : {}),
      }),
    ),
  );

const policyArb: fc.Arbitrary<AttributePolicy> = fc.record({
  policy: fc.constantFrom(...survivorshipRules),
  sources: fc.shuffledSubarray(['web', 'pos', 'cc', 'crm', 'paper'], { minLength: 1 }),
  tieBreakers: fc.array(fc.constantFrom(...survivorshipRules), { maxLength: 2 }),
});

describe('chooseValue: order independence', () => {
  it('the same values in any order give the same golden value, for every rule and tie-breakers', () => {
    fc.assert(
      fc.property(
        valuesArb.chain((values) => fc.tuple(fc.constant(values), fc.shuffledSubarray(values, { minLength: values.length }))),
        policyArb,
        ([values, shuffled], policy) => {
          const chosen = chooseValue(values, policy);
          expect(chooseValue(shuffled, policy)).toEqual(chosen);
          // And it is one of the candidates, valid whenever a valid one exists.
          expect(values.map((v) => v.normalized)).toContain(chosen!.normalized);
          if (values.some((v) => v.status === 'valid')) expect(chosen!.status).toBeUndefined();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the winner is never beaten on the policy rule by another candidate of the same status', () => {
    fc.assert(
      fc.property(valuesArb, fc.constantFrom('mostFrequent', 'mostRecent', 'firstSeen', 'longest' as const), (values, rule) => {
        const chosen = chooseValue(values, { policy: rule })!;
        const pool = values.some((v) => v.status === 'valid') ? values.filter((v) => v.status === 'valid') : values;
        const winner = pool.find((v) => v.normalized === chosen.normalized)!;
        const score = (v: KnownValue) =>
          rule === 'mostFrequent' ? v.support : rule === 'mostRecent' ? v.lastSeen : rule === 'firstSeen' ? -v.firstSeen : v.value.length;
        for (const v of pool) expect(score(v)).toBeLessThanOrEqual(score(winner));
      }),
      { numRuns: 300 },
    );
  });
});

// ── knownValues ────────────────────────────────────────────────────────────────────────────

describe('knownValues', () => {
  const observations: Observation[] = [
    obs('06 12 34 56 78', '+33612345678', 'web', 'W-1', T(1), '2026-01-01T00:00:00.000Z'),
    obs('+33612345678', '+33612345678', 'pos', 'T-9', T(5), '2026-01-05T00:00:00.000Z'),
    obs('0612345678', '+33612345678', 'cc', 'C-1', T(3)),
    obs('01 43 55 66 77', '+33143556677', 'paper', 'P-1', -Infinity),
  ];

  it('groups observations by normalized form, sorted by it', () => {
    const values = knownValues(observations, noFlags);
    expect(values.map((v) => v.normalized)).toEqual(['+33143556677', '+33612345678']);
    expect(values.map((v) => v.support)).toEqual([1, 3]);
  });

  it('shows the raw value of the most recent observation; first and last seen; provenance most recent first', () => {
    const mobile = knownValues(observations, noFlags)[1]!;
    expect(mobile).toEqual({
      value: '+33612345678',
      normalized: '+33612345678',
      status: 'valid',
      support: 3,
      firstSeen: T(1),
      lastSeen: T(5),
      provenance: [
        { source: 'pos', key: 'T-9', observedAt: '2026-01-05T00:00:00.000Z', value: '+33612345678' },
        { source: 'cc', key: 'C-1', value: '0612345678' },
        { source: 'web', key: 'W-1', observedAt: '2026-01-01T00:00:00.000Z', value: '06 12 34 56 78' },
      ],
    });
    const landline = knownValues(observations, noFlags)[0]!;
    expect(landline).toMatchObject({ firstSeen: -Infinity, lastSeen: -Infinity, provenance: [{ source: 'paper', key: 'P-1' }] });
  });

  it('observations at the same time are ordered by source, then key: the lowest gives the raw value', () => {
    const values = knownValues(
      [obs('PARIS', 'paris', 'web', 'B', T(2)), obs('Paris', 'paris', 'web', 'A', T(2)), obs('paris', 'paris', 'app', 'Z', T(2))],
      noFlags,
    );
    expect(values).toHaveLength(1);
    expect(values[0]!.value).toBe('paris');
    expect(values[0]!.provenance).toEqual([
      { ...at('app', 'Z'), value: 'paris' },
      { ...at('web', 'A'), value: 'Paris' },
      { ...at('web', 'B'), value: 'PARIS' },
    ]);
  });

  it('marks flagged values invalid with their reasons; valid ones have no reasons', () => {
    const flags: Record<string, string[]> = { '+33143556677': ['wrong number', 'disconnected'] };
    const values = knownValues(observations, (n) => flags[n]);
    expect(values[0]).toMatchObject({ status: 'invalid', reasons: ['wrong number', 'disconnected'] });
    expect(values[1]!.status).toBe('valid');
    expect(values[1]).not.toHaveProperty('reasons');
  });

  it('no observation, no value', () => {
    expect(knownValues([], noFlags)).toEqual([]);
  });

  it('does not depend on the order of the observations, and feeds chooseValue the same way', () => {
    const obsArb = fc.array(
      fc.record({
        raw: fc.constantFrom('Paris', 'PARIS', 'Lyon', 'lyon ', 'Nice'),
        source: fc.constantFrom('web', 'pos', 'cc'),
        day: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
      }),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(
        obsArb.chain((specs) => {
          const list = specs.map((s, k) =>
            obs(s.raw.trim(), s.raw.trim().toLowerCase(), s.source, `K${k}`, s.day === undefined ? -Infinity : T(s.day)),
          );
          return fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length }));
        }),
        fc.constantFrom(...survivorshipRules),
        ([list, shuffled], rule) => {
          const flagged = (n: string) => (n === 'nice' ? ['closed'] : undefined);
          const a = knownValues(list, flagged);
          expect(knownValues(shuffled, flagged)).toEqual(a);
          expect(a.reduce((s, v) => s + v.support, 0)).toBe(list.length);
          const policy = { policy: rule, sources: ['pos'] };
          expect(chooseValue(knownValues(shuffled, flagged), policy)).toEqual(chooseValue(a, policy));
        },
      ),
      { numRuns: 200 },
    );
  });
});

// ── The policy schema ──────────────────────────────────────────────────────────────────────

describe('attributePolicySchema', () => {
  const good: AttributePolicy[] = [
    {},
    { policy: 'mostRecent' },
    { policy: 'mostTrustedSource', sources: ['crm', 'web'] },
    { policy: 'mostFrequent', tieBreakers: ['firstSeen', 'longest'], multiValued: true },
    { policy: () => null },
  ];
  const bad: [string, unknown][] = [
    ['unknown rule', { policy: 'loudest' }],
    ['mostTrustedSource without sources', { policy: 'mostTrustedSource' }],
    ['mostTrustedSource with no source', { policy: 'mostTrustedSource', sources: [] }],
    ['unknown tie-breaker', { tieBreakers: ['coinFlip'] }],
    ['unknown option', { policy: 'mostRecent', weight: 2 }],
    ['empty source name', { policy: 'mostRecent', sources: [''] }],
    ['multiValued not a boolean', { multiValued: 'yes' }],
  ];

  it.each(good.map((p, k) => [k, p] as const))('accepts good policy #%s', (_k, policy) => {
    expect(attributePolicySchema.safeParse(policy).success).toBe(true);
  });

  it.each(bad)('refuses %s', (_name, policy) => {
    expect(attributePolicySchema.safeParse(policy).success).toBe(false);
  });
});
