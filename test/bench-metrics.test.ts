import { describe, expect, it } from 'vitest';
import { clusterMetrics, householdMerges, truePairCount } from '../bench/metrics.js';

describe('bench metrics', () => {
  it('scores a perfect clustering as 1 everywhere', () => {
    const m = clusterMetrics(['x', 'x', 'y', 'z'], ['1', '1', '2', '3']);
    expect(m).toMatchObject({ truePairs: 1, predictedPairs: 1, truePositives: 1, precision: 1, recall: 1, f1: 1 });
    expect(m.bcubedF1).toBe(1);
  });

  it('counts pairs from cluster intersections', () => {
    // truth: {a,b,c} {d,e}; predicted: {a,b} {c,d,e}
    const truth = ['1', '1', '1', '2', '2'];
    const pred = ['p', 'p', 'q', 'q', 'q'];
    const m = clusterMetrics(pred, truth);
    expect(m.truePairs).toBe(4); // ab ac bc de
    expect(m.predictedPairs).toBe(4); // ab cd ce de
    expect(m.truePositives).toBe(2); // ab de
    expect(m.precision).toBeCloseTo(0.5);
    expect(m.recall).toBeCloseTo(0.5);
    expect(m.f1).toBeCloseTo(0.5);
    // B-cubed precision: a,b: 2/2; c: 1/3; d,e: 2/3 → (1+1+1/3+2/3+2/3)/5
    expect(m.bcubedPrecision).toBeCloseTo((2 + 1 / 3 + 4 / 3) / 5);
    // B-cubed recall: a,b: 2/3; c: 1/3; d,e: 2/2 → (2/3+2/3+1/3+1+1)/5
    expect(m.bcubedRecall).toBeCloseTo((5 / 3 + 2) / 5);
    expect(m.predictedClusters).toBe(2);
    expect(m.trueClusters).toBe(2);
  });

  it('handles all singletons and everything merged', () => {
    const truth = ['1', '1', '2'];
    const singles = clusterMetrics(['a', 'b', 'c'], truth);
    expect(singles).toMatchObject({ predictedPairs: 0, truePositives: 0, precision: 1, recall: 0, f1: 0 });
    const merged = clusterMetrics(['a', 'a', 'a'], truth);
    expect(merged).toMatchObject({ predictedPairs: 3, truePositives: 1, recall: 1 });
    expect(merged.precision).toBeCloseTo(1 / 3);
    expect(truePairCount(['a', 'a', 'a', 'b', 'b', 'c'])).toBe(4);
  });

  it('rejects arrays of different lengths', () => {
    expect(() => clusterMetrics(['a'], [])).toThrow();
  });

  it('measures household members merged with a relative', () => {
    // Household H1: persons 1, 2, 3; household H2: person 4 alone.
    const truth = ['1', '1', '2', '3', '4'];
    const households = ['H1', 'H1', 'H1', 'H1', 'H2'];
    // Person 1's second record lands with person 2; person 3 and 4 alone.
    const pred = ['a', 'b', 'b', 'c', 'd'];
    expect(householdMerges(pred, truth, households)).toEqual({ members: 3, merged: 2, rate: 2 / 3 });
    // Merging strangers from different households does not count.
    const strangers = householdMerges(['a', 'a', 'b', 'c', 'c'], truth, households);
    expect(strangers.merged).toBe(0);
  });
});
