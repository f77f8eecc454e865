import { describe, expect, it } from 'vitest';
import { clusterPairs } from '../../src/identity/cluster.js';
import { dedupe } from '../../src/identity/dedupe.js';
import { defaultAttributes } from '../../src/identity/config.js';
import type { SourceRecord } from '../../src/identity/record.js';

/** Runs clusterPairs over explicit pairs (strongest first) and a conflict list. */
function cluster(n: number, pairs: [number, number][], conflicting: [number, number][], decisive = true) {
  const clash = new Set(conflicting.flatMap(([a, b]) => [`${a},${b}`, `${b},${a}`]));
  return clusterPairs(
    n,
    Int32Array.from(pairs.map((p) => p[0])),
    Int32Array.from(pairs.map((p) => p[1])),
    pairs.map((_, k) => k),
    () => decisive,
    (i, j) => clash.has(`${i},${j}`),
    Int32Array.from({ length: n }, (_, i) => i),
    () => new Map(),
  );
}

describe('clusterPairs', () => {
  it('never joins clusters holding conflicting records', () => {
    const out = cluster(4, [[0, 1], [2, 3], [1, 2]], [[0, 3], [1, 3]], false);
    expect(out.representative[0]).toBe(out.representative[1]);
    expect(out.representative[2]).toBe(out.representative[3]);
    expect(out.representative[1]).not.toBe(out.representative[2]);
    expect(out.refused).toBe(1);
  });

  it('sets a lone conflicting record apart on a decisive match, whichever side it is on', () => {
    for (const pairs of [
      [[0, 1], [2, 3], [0, 2]],
      [[0, 1], [2, 3], [1, 3]],
    ] as [number, number][][]) {
      const out = cluster(4, pairs, [[0, 3]]);
      expect(out.setApart).toBe(1);
      expect(out.refused).toBe(0);
      const rep = out.representative;
      expect(rep[0]).not.toBe(rep[3]); // the conflicting records are never together
      expect(new Set(rep).size).toBe(2);
    }
  });

  it('splits what the set-apart record alone held together', () => {
    // 0–1–2 chained through 1; a decisive 2–3 conflicts only with 1.
    const out = cluster(4, [[0, 1], [1, 2], [2, 3]], [[1, 3]]);
    const rep = out.representative;
    expect(rep[2]).toBe(rep[3]);
    expect(rep[1]).not.toBe(rep[3]);
    expect(rep[0]).not.toBe(rep[2]); // 0 was linked to the others only through 1
  });
});

describe('vetoes hold in large clusters', () => {
  it('keeps two large groups with different birth dates apart, even bridged by a shared card', () => {
    const N = 220; // 220 × 220 cross pairs: past the record-by-record check
    const recs: SourceRecord[] = [];
    for (let k = 0; k < N; k++)
      recs.push({ source: 'x', key: `x${k}`, attributes: { firstName: 'Jean', lastName: 'Dupont', email: 'jean.dupont@a.fr', birthDate: '1980-01-01' } });
    for (let k = 0; k < N; k++)
      recs.push({ source: 'y', key: `y${k}`, attributes: { firstName: 'Jean', lastName: 'Dupont', email: 'jd@b.fr', birthDate: '1990-05-05' } });
    recs.push({ source: 'z', key: 'a', attributes: { firstName: 'Jean', lastName: 'Dupont', email: 'jean.dupont@a.fr', card: 'CARD12345' } });
    recs.push({ source: 'z', key: 'b', attributes: { firstName: 'Jean', lastName: 'Dupont', email: 'jd@b.fr', card: 'CARD12345' } });
    const out = dedupe(recs, {
      attributes: { ...defaultAttributes, card: { kind: 'identifier' } },
      blocking: { keys: [{ name: 'email', parts: ['email'] }, { name: 'card', parts: ['card'] }], maxBlockSize: 1000 },
      model: { estimate: 'none' },
    });
    const profile = new Map(out.assignments.map((a) => [a.key, a.profileId]));
    expect(profile.get('x0')).not.toBe(profile.get('y0'));
  });
});
