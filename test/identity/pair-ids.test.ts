import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PairIds } from '../../src/identity/pair-ids.js';

describe('PairIds', () => {
  it('numbers pairs 0, 1, 2… in first-seen order, and finds them again', () => {
    const ids = new PairIds();
    expect(ids.id(3, 7, true)).toBe(0);
    expect(ids.id(7, 3, true)).toBe(1); // ordered pairs
    expect(ids.id(3, 7, true)).toBe(0);
    expect(ids.id(0, 0, true)).toBe(2);
    expect(ids.size).toBe(3);
  });

  it('gives −1 for a pair it never numbered unless asked to add it', () => {
    const ids = new PairIds();
    ids.id(1, 2, true);
    expect(ids.id(2, 1, false)).toBe(-1);
    expect(ids.size).toBe(1);
    expect(ids.id(1, 2, false)).toBe(0);
  });

  it('keeps every id through the table growing (100,000 pairs, large codes)', () => {
    const ids = new PairIds();
    const pairs: [number, number][] = [];
    for (let k = 0; k < 100_000; k++) pairs.push([(k * 7919) % 50_021, (k * 104_729) % 2_000_000_011]);
    expect(pairs.map(([x, y]) => ids.id(x, y, true))).toEqual(pairs.map((_, k) => k));
    expect(pairs.map(([x, y]) => ids.id(x, y, false))).toEqual(pairs.map((_, k) => k));
    expect(ids.size).toBe(100_000);
  });

  it('agrees with a Map over any sequence of pairs', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(40), fc.nat(40), fc.boolean()), { maxLength: 400 }), (steps) => {
        const ids = new PairIds();
        const oracle = new Map<string, number>();
        for (const [x, y, add] of steps) {
          const key = `${x},${y}`;
          let expected = oracle.get(key) ?? -1;
          if (expected < 0 && add) oracle.set(key, (expected = oracle.size));
          expect(ids.id(x, y, add)).toBe(expected);
        }
        expect(ids.size).toBe(oracle.size);
      }),
    );
  });
});
