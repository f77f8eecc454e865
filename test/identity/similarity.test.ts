import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jaroWinkler, tokenSimilarity, withinOneEdit } from '../../src/identity/similarity.js';

describe('jaroWinkler', () => {
  it.each([
    ['martha', 'marhta', 0.961],
    ['dwayne', 'duane', 0.84],
    ['dixon', 'dicksonx', 0.813],
    ['jean', 'jean', 1],
    ['abc', 'xyz', 0],
    ['', 'abc', 0],
  ])('%s ~ %s = %f', (a, b, expected) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(expected, 3);
  });

  it('is symmetric and within [0, 1]', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const x = jaroWinkler(a, b);
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(1);
        expect(jaroWinkler(b, a)).toBeCloseTo(x, 12);
      }),
    );
  });
});

describe('withinOneEdit', () => {
  it.each([
    ['dupont', 'dupont', true],
    ['dupont', 'dupond', true],
    ['dupont', 'dupon', true],
    ['dupont', 'dupontt', true],
    ['dupont', 'dupnot', true],
    ['0612345678', '0612345687', true],
    ['dupont', 'durand', false],
    ['abc', 'cba', false],
    ['1956', '1965', true],
  ])('%s / %s → %s', (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
    expect(withinOneEdit(b, a)).toBe(expected);
  });
});

describe('tokenSimilarity', () => {
  it('ignores word order', () => {
    expect(tokenSimilarity('victor hugo', 'hugo victor')).toBe(1);
    expect(tokenSimilarity('rue paix', 'rue de la paix')).toBe(1);
    expect(tokenSimilarity('rue de la paix', 'rue de la gare')).toBeLessThan(1);
  });
});
