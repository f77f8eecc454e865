import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReviewQueue } from '../../src/identity/review-queue.js';

interface Item {
  weight: number;
  name: string;
}

describe('ReviewQueue', () => {
  it('walks the items heaviest first and forgets the ones taken out', () => {
    const queue = new ReviewQueue<Item>();
    const [a, b, c, d] = [3, 9, 3, -1].map((weight, k) => ({ weight, name: 'abcd'[k]! }));
    for (const item of [a!, b!, c!, d!, a!]) queue.add(item);
    expect(queue.size).toBe(4);
    expect([...queue.heaviest()].map((x) => x.weight)).toEqual([9, 3, 3, -1]);
    queue.delete(a!);
    queue.delete(a!);
    expect(queue.has(a!)).toBe(false);
    expect([...queue.heaviest()].map((x) => x.name)).toEqual(['b', 'c', 'd']);
    queue.delete(c!);
    queue.add({ weight: 5, name: 'e' });
    expect([...queue.heaviest()].map((x) => x.name)).toEqual(['b', 'e', 'd']);
    expect(new Set(queue.values())).toEqual(new Set([...queue.heaviest()]));
  });

  it('puts a weight that is not a number last, and can take it out', () => {
    const queue = new ReviewQueue<Item>();
    const odd = { weight: Number.NaN, name: 'odd' };
    queue.add(odd);
    queue.add({ weight: 1, name: 'one' });
    expect([...queue.heaviest()].map((x) => x.name)).toEqual(['one', 'odd']);
    queue.delete(odd);
    expect([...queue.heaviest()].map((x) => x.name)).toEqual(['one']);
  });

  it('agrees with sorting whatever is added and taken out, in any order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(30), fc.boolean()), { maxLength: 300 }), (steps) => {
        const items = Array.from({ length: 31 }, (_, k) => ({ weight: (k % 7) - 3 + (k % 2) / 2, name: `i${k}` }));
        const queue = new ReviewQueue<Item>();
        const oracle = new Set<Item>();
        for (const [k, add] of steps) {
          const item = items[k]!;
          if (add) {
            queue.add(item);
            oracle.add(item);
          } else {
            queue.delete(item);
            oracle.delete(item);
          }
        }
        const walked = [...queue.heaviest()];
        expect(queue.size).toBe(oracle.size);
        expect(new Set(walked)).toEqual(oracle);
        expect(walked.map((x) => x.weight)).toEqual([...oracle].map((x) => x.weight).sort((x, y) => y - x));
      }),
    );
  });
});
