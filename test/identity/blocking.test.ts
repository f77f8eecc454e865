import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { blockingCodes, candidatePairs } from '../../src/identity/blocking.js';
import { resolveConfig } from '../../src/identity/config.js';
import { phoneticKey } from '../../src/identity/normalize/phonetic.js';
import { SHARED_GROUP_LIMIT } from '../../src/identity/scoring.js';

const transforms: Record<string, (v: string) => string> = {
  exact: (v) => v,
  phonetic: (v) => phoneticKey(v) || v,
  prefix3: (v) => v.slice(0, 3),
  initial: (v) => v.slice(0, 1),
};

describe('blockingCodes', () => {
  it('gives two records one code exactly when every part agrees (in any order for unordered keys)', () => {
    const value = fc.option(fc.constantFrom('jean', 'jeanne', 'dupont', 'dupond', 'martin', 'marie', 'ab', 'x'), { nil: null });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(value, value, value), { minLength: 2, maxLength: 40 }),
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.constantFrom(...Object.keys(transforms))), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        (rows, spec, unordered) => {
          const data = { attributes: ['a', 'b', 'c'], columns: [0, 1, 2].map((k) => rows.map((r) => r[k]!)), invalid: [0, 0, 0] };
          const parts = spec.map(([a, t]) => `${a}:${t}`);
          const codes = blockingCodes({ name: 'k', parts, unordered }, data);
          const reference = rows.map((_, i) => {
            const values = spec.map(([a, t]) => {
              const v = data.columns[data.attributes.indexOf(a)]![i];
              return v === null || v === undefined ? null : transforms[t]!(v);
            });
            if (values.some((v) => v === null || v === '')) return null;
            return (unordered ? [...values].sort() : values).join('\u0001');
          });
          for (let i = 0; i < rows.length; i++) {
            expect(codes[i]! < 0).toBe(reference[i] === null);
            for (let j = 0; j < rows.length; j++)
              if (reference[i] !== null && reference[j] !== null)
                expect(codes[i] === codes[j]).toBe(reference[i] === reference[j]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('candidatePairs', () => {
  it('compares an oversized block through a window instead of all pairs', () => {
    const n = 500;
    const data = { attributes: ['city'], columns: [Array.from({ length: n }, () => 'paris')], invalid: [0] };
    const config = resolveConfig({
      attributes: { city: { kind: 'city' } },
      blocking: { keys: [{ name: 'city', parts: ['city'] }], maxBlockSize: 100, window: 5 },
    });
    const pairs = candidatePairs(data, config, (i) => String(i).padStart(4, '0'));
    expect(pairs.oversizedBlocks).toBe(1);
    expect(pairs.left.length).toBe(n * 4 - 10); // each record with its 4 following neighbours
  });

  it('compares a contact block all-pairs up to SHARED_GROUP_LIMIT records, and not at all beyond', () => {
    const config = resolveConfig({
      attributes: { email: { kind: 'email' }, phone: { kind: 'phone' }, city: { kind: 'city' } },
      blocking: {
        keys: [
          { name: 'email', parts: ['email'] },
          { name: 'phone', parts: ['phone'] },
          { name: 'city', parts: ['city'] },
        ],
        maxBlockSize: 10,
        window: 3,
      },
    });
    const pairsOf = (emails: number, phones: number, cities: number) => {
      const n = Math.max(emails, phones, cities);
      const column = (held: number, value: string) => Array.from({ length: n }, (_, i) => (i < held ? value : `${value}${i}`));
      const data = {
        attributes: ['email', 'phone', 'city'],
        columns: [column(emails, 'info@shop.fr'), column(phones, '+33140000000'), column(cities, 'paris')],
        invalid: [0, 0, 0],
      };
      return candidatePairs(data, config, (i) => String(i).padStart(3, '0')).left.length;
    };
    const all = (k: number) => (k * (k - 1)) / 2;
    // Up to the limit a contact block is compared all-pairs, even past maxBlockSize (no window)…
    expect(pairsOf(SHARED_GROUP_LIMIT, 1, 1)).toBe(all(SHARED_GROUP_LIMIT));
    expect(pairsOf(1, SHARED_GROUP_LIMIT, 1)).toBe(all(SHARED_GROUP_LIMIT));
    // …one record more and the value is shared: it proposes no pair, while other keys still do.
    expect(pairsOf(SHARED_GROUP_LIMIT + 1, 1, 1)).toBe(0);
    expect(pairsOf(1, SHARED_GROUP_LIMIT + 1, 1)).toBe(0);
    expect(pairsOf(SHARED_GROUP_LIMIT + 1, 1, 4)).toBe(all(4));
    // A city is no contact: a block past maxBlockSize goes through the window (2 neighbours each).
    expect(pairsOf(1, 1, 40)).toBe(40 * 2 - 3);
  });
});
