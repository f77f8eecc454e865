/**
 * Candidate generation (blocking): only records that share a blocking key value are compared.
 *
 * Several keys are used (an exact identifier; phonetic names with a postcode or a birth date…), so a
 * pair missed by one key is caught by another. A key value shared by more than `maxBlockSize`
 * records (a generic e-mail, a very common name in a big city) is not compared all-pairs: its records
 * are sorted and each is compared with its `window` nearest neighbours, so no block goes quadratic.
 * @module
 */
import type { BlockingKey, IdentityConfig } from './config.js';
import type { NormalizedColumns } from './normalizers.js';
import { phoneticKey } from './normalize/phonetic.js';

/** Candidate pairs `(left[k], right[k])` with `left[k] < right[k]`, sorted, without repeats. */
export interface CandidatePairs {
  left: Int32Array;
  right: Int32Array;
  /** Keys' blocks that exceeded `maxBlockSize` and were windowed. */
  oversizedBlocks: number;
}

type Transform = (value: string) => string;

const transforms: Record<string, () => Transform> = {
  exact: () => (v) => v,
  phonetic: () => {
    const cache = new Map<string, string>();
    return (v) => {
      let code = cache.get(v);
      if (code === undefined) {
        code = phoneticKey(v);
        if (cache.size > 500_000) cache.clear();
        cache.set(v, code);
      }
      return code;
    };
  },
  prefix3: () => (v) => v.slice(0, 3),
  year: () => (v) => v.slice(0, 4),
  initial: () => (v) => v.slice(0, 1),
  sorted: () => (v) => v.split(' ').sort().join(' '),
};

/** Computes one blocking key's value for every record (`null` when a part is missing). */
export function blockingValues(key: BlockingKey, data: NormalizedColumns): (string | null)[] {
  const parts = key.parts.map((part) => {
    const [attribute = '', transform = 'exact'] = part.split(':');
    const column = data.columns[data.attributes.indexOf(attribute)];
    const make = transforms[transform];
    if (!column || !make) throw new Error(`blocking key ${key.name}: bad part ${part}`);
    return { column, apply: make() };
  });
  const n = data.columns[0]?.length ?? 0;
  const out = new Array<string | null>(n);
  if (key.unordered) {
    const codes: string[] = [];
    for (let i = 0; i < n; i++) {
      codes.length = 0;
      for (const part of parts) {
        const raw = part.column[i];
        const code = raw === null || raw === undefined ? '' : part.apply(raw);
        if (code === '') break;
        codes.push(code);
      }
      out[i] = codes.length === parts.length ? codes.sort().join('\u0001') : null;
    }
    return out;
  }
  for (let i = 0; i < n; i++) {
    let value = '';
    for (let p = 0; p < parts.length; p++) {
      const raw = parts[p]!.column[i];
      const code = raw === null || raw === undefined ? '' : parts[p]!.apply(raw);
      if (code === '') {
        value = '';
        break;
      }
      value = p === 0 ? code : `${value}\u0001${code}`;
    }
    out[i] = value === '' ? null : value;
  }
  return out;
}

class PairBuffer {
  codes = new Float64Array(1 << 16);
  size = 0;
  push(code: number): void {
    if (this.size === this.codes.length) {
      const bigger = new Float64Array(this.codes.length * 2);
      bigger.set(this.codes);
      this.codes = bigger;
    }
    this.codes[this.size++] = code;
  }
}

/**
 * Generates the candidate pairs of a batch.
 * @param sortKeys - per record, the string that orders an oversized block (names, then date).
 */
export function candidatePairs(
  data: NormalizedColumns,
  config: IdentityConfig,
  sortKeys: readonly string[],
  onKey?: (done: number, total: number) => void,
): CandidatePairs {
  const n = sortKeys.length;
  const { maxBlockSize, window } = config.blocking;
  const buffer = new PairBuffer();
  const next = new Int32Array(n);
  const members: number[] = [];
  let oversizedBlocks = 0;
  const keys = config.blocking.keys;
  keys.forEach((key, k) => {
    const values = blockingValues(key, data);
    const head = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v === null || v === undefined) continue;
      const prev = head.get(v);
      next[i] = prev === undefined ? -1 : prev;
      head.set(v, i);
    }
    for (const last of head.values()) {
      if (next[last] === -1) continue; // a block of one
      members.length = 0;
      for (let i = last; i !== -1; i = next[i]!) members.push(i);
      members.reverse(); // ascending record order
      if (members.length <= maxBlockSize) {
        for (let a = 0; a < members.length; a++) {
          const i = members[a]!;
          for (let b = a + 1; b < members.length; b++) buffer.push(i * n + members[b]!);
        }
      } else {
        oversizedBlocks++;
        members.sort((x, y) => (sortKeys[x]! < sortKeys[y]! ? -1 : sortKeys[x]! > sortKeys[y]! ? 1 : x - y));
        for (let a = 0; a < members.length; a++) {
          const end = Math.min(members.length, a + window);
          for (let b = a + 1; b < end; b++) {
            const i = members[a]!;
            const j = members[b]!;
            buffer.push(i < j ? i * n + j : j * n + i);
          }
        }
      }
    }
    onKey?.(k + 1, keys.length);
  });
  const codes = buffer.codes.subarray(0, buffer.size).sort();
  let unique = 0;
  for (let k = 0; k < codes.length; k++) if (k === 0 || codes[k] !== codes[k - 1]) unique++;
  const left = new Int32Array(unique);
  const right = new Int32Array(unique);
  let u = 0;
  for (let k = 0; k < codes.length; k++) {
    if (k > 0 && codes[k] === codes[k - 1]) continue;
    const code = codes[k]!;
    const i = Math.floor(code / n);
    left[u] = i;
    right[u] = code - i * n;
    u++;
  }
  return { left, right, oversizedBlocks };
}
