/**
 * String similarity measures used by the comparators: Jaro-Winkler, and edit distance from
 * fastest-levenshtein, plus a transposition-aware "one edit apart" test.
 * @module
 */
export { distance as levenshtein } from 'fastest-levenshtein';

// Scratch buffers reused across calls: Jaro runs millions of times in a batch.
let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

/**
 * Jaro-Winkler similarity in [0, 1] (prefix scale 0.1, prefix up to 4 characters).
 *
 * @example jaroWinkler('martha', 'marhta') // 0.961
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (la > flagsA.length) flagsA = new Uint8Array(la * 2);
  if (lb > flagsB.length) flagsB = new Uint8Array(lb * 2);
  flagsA.fill(0, 0, la);
  flagsB.fill(0, 0, lb);
  const range = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - range);
    const hi = Math.min(i + range + 1, lb);
    const c = a.charCodeAt(i);
    for (let j = lo; j < hi; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === c) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const m = matches;
  const jaro = (m / la + m / lb + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  const maxPrefix = Math.min(4, la, lb);
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/**
 * True when `a` and `b` differ by at most one edit, counting a swap of two adjacent characters
 * as one edit (Damerau). Cheap: no matrix.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (la - lb > 1 || lb - la > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    // substitution at i, or adjacent transposition at i, i+1
    if (sameFrom(a, i + 1, b, i + 1)) return true;
    return (
      i + 1 < la &&
      a.charCodeAt(i) === b.charCodeAt(i + 1) &&
      a.charCodeAt(i + 1) === b.charCodeAt(i) &&
      sameFrom(a, i + 2, b, i + 2)
    );
  }
  return la > lb ? sameFrom(a, i + 1, b, i) : sameFrom(a, i, b, i + 1);
}

/** `a.slice(i) === b.slice(j)` without allocating. */
function sameFrom(a: string, i: number, b: string, j: number): boolean {
  if (a.length - i !== b.length - j) return false;
  for (; i < a.length; i++, j++) if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
  return true;
}

/**
 * Similarity of two multi-word strings that ignores word order: the mean, over the words of the
 * shorter string, of each word's best Jaro-Winkler against the other string's words.
 */
export function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const ta = a.split(' ');
  const tb = b.split(' ');
  if (ta.length !== tb.length) return ta.length < tb.length ? bestMatches(ta, tb) : bestMatches(tb, ta);
  // Same word count: both directions, so that the measure is symmetric.
  return Math.max(bestMatches(ta, tb), bestMatches(tb, ta));
}

/** Mean over `short`'s words of their best Jaro-Winkler against `long`'s words. */
function bestMatches(short: readonly string[], long: readonly string[]): number {
  let total = 0;
  for (const s of short) {
    let best = 0;
    for (const l of long) {
      const v = s === l ? 1 : jaroWinkler(s, l);
      if (v > best) best = v;
      if (best === 1) break;
    }
    total += best;
  }
  return total / short.length;
}
