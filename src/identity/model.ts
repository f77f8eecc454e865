/**
 * The Fellegi–Sunter match model: for each attribute and comparison level, the probability of that
 * level among true matches (m) and among non-matches (u); a pair's match weight is the prior
 * log2-odds plus the sum of log2(m/u) over its attributes.
 *
 * - u is measured, not guessed: exact agreement from the value frequencies (Σ p_v²), the other
 *   levels from a deterministic sample of random record pairs.
 * - m and the match rate are estimated without labels by expectation–maximisation over the
 *   candidate pairs' comparison patterns, starting from the configured priors.
 * - Term frequency: agreeing on a rare value (a rare surname) weighs more than agreeing on a common
 *   one (`test@test.com`, a common first name).
 * @module
 */
import type { AttributeKind } from './config.js';
import { MISSING } from './compare.js';

/** Levels that carry a weight: exact, close, partial, far. */
export const WEIGHTED_LEVELS = 4;

type Probabilities = [number, number, number, number];

/** Prior m and u per kind, used as given (`estimate: 'none'`) or as EM starting points. */
export const defaultPriors: Record<AttributeKind, { m: Probabilities; u: Probabilities }> = {
  email: { m: [0.88, 0.04, 0.02, 0.06], u: [0.00005, 0.0001, 0.001, 0.99885] },
  phone: { m: [0.88, 0.02, 0.02, 0.08], u: [0.00005, 0.0001, 0.001, 0.99885] },
  givenName: { m: [0.85, 0.08, 0.04, 0.03], u: [0.01, 0.01, 0.03, 0.95] },
  familyName: { m: [0.88, 0.07, 0.03, 0.02], u: [0.003, 0.004, 0.01, 0.983] },
  fullName: { m: [0.7, 0.15, 0.1, 0.05], u: [0.0005, 0.002, 0.01, 0.9875] },
  date: { m: [0.9, 0.05, 0.02, 0.03], u: [0.0001, 0.001, 0.02, 0.9789] },
  address: { m: [0.75, 0.12, 0.05, 0.08], u: [0.0005, 0.001, 0.005, 0.9935] },
  postcode: { m: [0.85, 0.04, 0.05, 0.06], u: [0.005, 0.01, 0.1, 0.885] },
  city: { m: [0.85, 0.05, 0.03, 0.07], u: [0.01, 0.01, 0.02, 0.96] },
  identifier: { m: [0.9, 0.03, 0.01, 0.06], u: [0.00005, 0.005, 0.001, 0.99395] },
  text: { m: [0.8, 0.08, 0.05, 0.07], u: [0.05, 0.02, 0.05, 0.88] },
  category: { m: [0.95, 0.01, 0.01, 0.03], u: [0.4, 0.01, 0.01, 0.58] },
};

/** A fitted model. Arrays are indexed `[attribute][level]` with levels exact, close, partial, far. */
export interface MatchModel {
  attributes: string[];
  m: number[][];
  u: number[][];
  /** Share of candidate pairs that are matches. */
  matchRate: number;
  /** log2(matchRate / (1 − matchRate)). */
  priorWeight: number;
  /** log2(m / u). */
  weights: number[][];
  /** Whether EM ran, and how many iterations it took. */
  estimated: { em: boolean; iterations: number };
}

const log2 = Math.log2;

/** Computes the weights of a model from its m, u and match rate. */
export function withWeights(model: Omit<MatchModel, 'weights' | 'priorWeight'>): MatchModel {
  const weights = model.m.map((m, a) => m.map((p, l) => log2(Math.max(p, 1e-9) / Math.max(model.u[a]![l]!, 1e-12))));
  return { ...model, weights, priorWeight: log2(model.matchRate / (1 - model.matchRate)) };
}

/**
 * Keeps m/u non-increasing from exact to far (a closer agreement never weighs less than a looser
 * one), pooling adjacent levels that violate it. EM left alone can find such inversions when blocking
 * makes candidate pairs agree on some attributes more than chance would.
 */
export function makeMonotone(m: number[], u: number[]): void {
  for (let pass = 0; pass < WEIGHTED_LEVELS; pass++) {
    let changed = false;
    for (let l = 1; l < WEIGHTED_LEVELS; l++) {
      if (m[l]! / u[l]! <= (m[l - 1]! / u[l - 1]!) * (1 + 1e-9)) continue;
      const pm = m[l - 1]! + m[l]!;
      const pu = u[l - 1]! + u[l]!;
      m[l - 1] = (pm * u[l - 1]!) / pu;
      m[l] = (pm * u[l]!) / pu;
      changed = true;
    }
    if (!changed) return;
  }
}

/** Counts of each comparison pattern (a pattern is every attribute's level) over candidate pairs. */
export interface PatternCounts {
  /** Pattern levels, flattened `[pattern * attributes + a]`. */
  levels: Uint8Array;
  counts: Float64Array;
}

/** Groups pair levels (flattened `[pair * attributes + a]`) into distinct patterns with counts. */
export function countPatterns(levels: Uint8Array, attributes: number): PatternCounts {
  const pairs = attributes === 0 ? 0 : levels.length / attributes;
  // A pattern is a number in base 5 (levels 0–4) when it fits in 2^53, else a string.
  const numeric = attributes <= 22;
  const index = new Map<number | string, number>();
  const found: number[] = [];
  const counts: number[] = [];
  for (let p = 0; p < pairs; p++) {
    let key: number | string;
    if (numeric) {
      key = 0;
      for (let a = 0; a < attributes; a++) key = key * 5 + levels[p * attributes + a]!;
    } else key = String.fromCharCode(...levels.subarray(p * attributes, (p + 1) * attributes));
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, counts.length);
      counts.push(1);
      found.push(p);
    } else counts[at]!++;
  }
  const out = new Uint8Array(found.length * attributes);
  found.forEach((p, k) => out.set(levels.subarray(p * attributes, (p + 1) * attributes), k * attributes));
  return { levels: out, counts: Float64Array.from(counts) };
}

/**
 * Estimates m and the match rate by EM over the candidate pairs' patterns, with u held at its
 * measured value (random pairs, value frequencies).
 *
 * The match rate is the share of matches among *all* `totalPairs` record pairs, not among
 * candidates: blocking makes candidate non-matches agree far more than chance, and a model free to
 * raise its prior among candidates explains them away as matches with sloppy m values. With the
 * global prior, a candidate needs as much evidence as any random pair would.
 * Stops after `maxIterations` or when no parameter moves more than 1e-6.
 */
export function estimateByEM(
  model: MatchModel,
  patterns: PatternCounts,
  totalPairs: number,
  maxIterations = 100,
): MatchModel {
  const A = model.attributes.length;
  const m = model.m.map((row) => [...row]);
  const u = model.u;
  const logU = model.u.map((row) => row.map((p) => Math.log(Math.max(p, 1e-12))));
  let lambda = model.matchRate;
  const total = patterns.counts.reduce((s, c) => s + c, 0);
  const P = patterns.counts.length;
  let iterations = 0;
  if (total === 0) return model;
  for (; iterations < maxIterations; iterations++) {
    const logM = m.map((row) => row.map((p) => Math.log(Math.max(p, 1e-12))));
    const num = m.map(() => [0, 0, 0, 0]);
    const den = new Array<number>(A).fill(0);
    let matches = 0;
    const logLambda = Math.log(lambda);
    const logNot = Math.log(1 - lambda);
    for (let p = 0; p < P; p++) {
      let lm = logLambda;
      let lu = logNot;
      const base = p * A;
      for (let a = 0; a < A; a++) {
        const l = patterns.levels[base + a]!;
        if (l === MISSING) continue;
        lm += logM[a]![l]!;
        lu += logU[a]![l]!;
      }
      const post = patterns.counts[p]! / (1 + Math.exp(lu - lm));
      matches += post;
      for (let a = 0; a < A; a++) {
        const l = patterns.levels[base + a]!;
        if (l === MISSING) continue;
        num[a]![l]! += post;
        den[a]! += post;
      }
    }
    let moved = 0;
    for (let a = 0; a < A; a++) {
      if (den[a]! <= 0) continue;
      for (let l = 0; l < WEIGHTED_LEVELS; l++) {
        const next = (num[a]![l]! + 1e-3) / (den[a]! + 4e-3);
        moved = Math.max(moved, Math.abs(next - m[a]![l]!));
        m[a]![l] = next;
      }
      makeMonotone(m[a]!, u[a]!);
    }
    const nextLambda = Math.min(0.5, Math.max(1e-12, matches / totalPairs));
    moved = Math.max(moved, Math.abs(nextLambda - lambda));
    lambda = nextLambda;
    if (moved < 1e-6) {
      iterations++;
      break;
    }
  }
  return withWeights({ ...model, m, matchRate: lambda, estimated: { em: true, iterations } });
}

/** A small deterministic PRNG (mulberry32), so sampling never depends on run or order. */
export function mulberry32(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Value frequencies of one column: Σ p² (the chance that two random records agree exactly) and,
 * per record, the term-frequency adjustment of its value, log2(Σp² / p_value) within [−10, +4]
 * bits: a value held by more records than a typical one weighs less (`test@test.com`, a household
 * landline, `Martin`), a rarer one more.
 * @param ids - the column's values as integer ids (−1 for missing), when already encoded.
 */
export function valueFrequencies(
  column: readonly (string | null)[],
  ids?: Int32Array,
): { agreement: number; adjustment: Float32Array } {
  const n = column.length;
  const idOf = ids ?? new Int32Array(n);
  let distinct = 0;
  if (!ids) {
    const index = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const v = column[i];
      if (v === null || v === undefined) {
        idOf[i] = -1;
        continue;
      }
      let id = index.get(v);
      if (id === undefined) index.set(v, (id = index.size));
      idOf[i] = id;
    }
    distinct = index.size;
  } else for (let i = 0; i < n; i++) distinct = Math.max(distinct, idOf[i]! + 1);
  const counts = new Float64Array(distinct);
  let present = 0;
  for (let i = 0; i < n; i++) {
    const id = idOf[i]!;
    if (id < 0) continue;
    counts[id]!++;
    present++;
  }
  let agreement = 0;
  for (let v = 0; v < distinct; v++) agreement += (counts[v]! / present) ** 2;
  const adjustment = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const id = idOf[i]!;
    if (id < 0) continue;
    adjustment[i] = Math.min(4, Math.max(-10, log2((agreement * present) / counts[id]!)));
  }
  return { agreement, adjustment };
}

/**
 * Measures u for the close, partial and far levels of one attribute on random record pairs
 * (every pair when there are few), given u for exact agreement.
 */
export function measureU(
  column: readonly (string | null)[],
  compare: (a: string, b: string) => number,
  exact: number,
  samples = 50_000,
): number[] {
  const n = column.length;
  const counts = [0, 0, 0, 0];
  const visit = (i: number, j: number) => {
    const a = column[i];
    const b = column[j];
    if (a === null || a === undefined || b === null || b === undefined || a === b) return;
    counts[compare(a, b)]!++;
  };
  if ((n * (n - 1)) / 2 <= samples) {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) visit(i, j);
  } else {
    const random = mulberry32(n * 2654435761);
    for (let s = 0; s < samples; s++) {
      const i = Math.floor(random() * n);
      let j = Math.floor(random() * (n - 1));
      if (j >= i) j++;
      visit(i, j);
    }
  }
  const other = counts[1]! + counts[2]! + counts[3]!;
  const rest = 1 - exact;
  return [exact, ...[1, 2, 3].map((l) => (rest * (counts[l]! + 0.5)) / (other + 1.5))];
}
