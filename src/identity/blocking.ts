/**
 * Candidate generation (blocking): only records that share a blocking key value are compared.
 *
 * Several keys are used (an exact identifier; phonetic names with a postcode or a birth date…), so a
 * pair missed by one key is caught by another. A key value shared by more than `maxBlockSize`
 * records (a very common name in a big city) is not compared all-pairs: its records
 * are sorted and each is compared with its `window` nearest neighbours, so no block goes quadratic.
 * A contact key (one e-mail or phone attribute, exact) is compared all-pairs up to
 * `SHARED_GROUP_LIMIT` records and not at all beyond: a value that many records hold is shared
 * (a placeholder address, a shop's landline), it weighs nothing in a pair's score, so it proposes
 * no pair; the records' other keys still do.
 * @module
 */
import type { BlockingKey, IdentityConfig } from './config.js';
import type { NormalizedColumns } from './normalizers.js';
import { valueIds, type ValueIds } from './compare.js';
import { phoneticKey } from './normalize/phonetic.js';
import { SHARED_GROUP_LIMIT, sharedKinds } from './scoring.js';

/** Candidate pairs `(left[k], right[k])` with `left[k] < right[k]`, sorted, without repeats. */
export interface CandidatePairs {
  left: Int32Array;
  right: Int32Array;
  /** Keys' blocks that exceeded `maxBlockSize` and were windowed. */
  oversizedBlocks: number;
}

/**
 * Whether a key is a contact key: one e-mail or phone attribute, exact. Its blocks are compared
 * all-pairs while they hold at most `SHARED_GROUP_LIMIT` records, and propose no pair beyond.
 */
export function isContactKey(key: BlockingKey, config: IdentityConfig): boolean {
  if (key.parts.length !== 1) return false;
  const [attribute = '', transform = 'exact'] = key.parts[0]!.split(':');
  const kind = config.attributes[attribute]?.kind;
  return transform === 'exact' && kind !== undefined && sharedKinds.has(kind);
}

type Transform = (value: string) => string;

/** The transforms a blocking key part may apply to a normalized value. */
export const blockingTransforms: Record<string, (value: string) => string> = {
  exact: (v) => v,
  // Names in scripts the phonetic code does not cover key on themselves.
  phonetic: (v) => phoneticKey(v) || v,
  prefix3: (v) => v.slice(0, 3),
  year: (v) => v.slice(0, 4),
  initial: (v) => v.slice(0, 1),
  sorted: (v) => v.split(' ').sort().join(' '),
};

/** Part codes already computed for one batch, by `attribute:transform` (shared across keys). */
export type PartCache = Map<string, { codes: Int32Array; size: number }>;

/**
 * Computes one blocking key for every record, as a number: records with equal numbers share the
 * key; −1 when a part is missing. Each part's values become small integer codes (transformed once
 * per distinct value), and the codes combine arithmetically, so no key string is built per record.
 * @param ids - per attribute, the column's values as integer ids (computed here when absent).
 * @param cache - part codes shared between the keys of one batch.
 */
export function blockingCodes(
  key: BlockingKey,
  data: NormalizedColumns,
  ids: readonly (ValueIds | undefined)[] = [],
  cache: PartCache = new Map(),
): Float64Array {
  const n = data.columns[0]?.length ?? 0;
  // Unordered parts (given ↔ family name) must share one code space to be compared after sorting.
  const shared = key.unordered ? new Map<string, number>() : null;
  const parts = key.parts.map((part) => {
    const [attribute = '', transform = 'exact'] = part.split(':');
    const a = data.attributes.indexOf(attribute);
    const column = data.columns[a];
    const apply = blockingTransforms[transform];
    if (!column || !apply) throw new Error(`blocking key ${key.name}: bad part ${part}`);
    const values = ids[a] ?? valueIds(column);
    if (shared) return partCodes(values, apply, shared);
    const name = `${attribute}:${transform}`;
    let codes = cache.get(name);
    if (!codes) cache.set(name, (codes = transform === 'exact' ? { codes: values.ids, size: values.values.length } : partCodes(values, apply, new Map())));
    return codes;
  });
  if (parts.length === 0) return new Float64Array(n).fill(-1);
  if (key.unordered) {
    // Sorting the parts' codes makes (Jean, Dupont) and (Dupont, Jean) one key.
    const row: number[] = [];
    for (let i = 0; i < n; i++) {
      row.length = 0;
      for (const p of parts) row.push(p.codes[i]!);
      row.sort((x, y) => x - y);
      parts.forEach((p, k) => (p.codes[i] = row[k]!));
    }
    parts.forEach((p) => (p.size = shared!.size));
  }
  let combined: { codes: ArrayLike<number>; size: number } = parts[0]!;
  for (let k = 1; k < parts.length; k++) combined = combine(combined, parts[k]!, k < parts.length - 1);
  return Float64Array.from(combined.codes);
}

/** Integer codes of one key part: equal transformed values get equal codes (−1 for missing). */
function partCodes(
  { ids, values }: ValueIds,
  transform: Transform,
  dictionary: Map<string, number>,
): { codes: Int32Array; size: number } {
  // Transform each distinct value once, then look codes up by value id.
  const codeOfId = new Int32Array(values.length);
  for (let v = 0; v < values.length; v++) {
    const t = transform(values[v]!);
    let code = t === '' ? -1 : dictionary.get(t);
    if (code === undefined) dictionary.set(t, (code = dictionary.size));
    codeOfId[v] = code;
  }
  const codes = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) codes[i] = ids[i]! < 0 ? -1 : codeOfId[ids[i]!]!;
  return { codes, size: dictionary.size };
}

/**
 * Combines two code columns into one: `a * b.size + b`, −1 when either is missing. When more parts
 * follow, the result is renumbered densely so that codes never outgrow exact integers.
 */
function combine(
  a: { codes: ArrayLike<number>; size: number },
  b: { codes: ArrayLike<number>; size: number },
  renumber: boolean,
): { codes: Float64Array; size: number } {
  const n = a.codes.length;
  const codes = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = a.codes[i]!;
    const y = b.codes[i]!;
    codes[i] = x < 0 || y < 0 ? -1 : x * b.size + y;
  }
  if (!renumber) return { codes, size: a.size * b.size };
  const dense = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    if (c < 0) continue;
    let d = dense.get(c);
    if (d === undefined) dense.set(c, (d = dense.size));
    codes[i] = d;
  }
  return { codes, size: dense.size };
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
 * @param sortKey - a record's string that orders an oversized block (names, then date).
 * @param ids - per attribute, the column's values as integer ids when already encoded.
 */
export function candidatePairs(
  data: NormalizedColumns,
  config: IdentityConfig,
  sortKey: (record: number) => string,
  ids: readonly (ValueIds | undefined)[] = [],
  onKey?: (done: number, total: number) => void,
): CandidatePairs {
  const n = data.columns[0]?.length ?? 0;
  const sortKeys = new Map<number, string>();
  const keyOf = (i: number) => {
    let k = sortKeys.get(i);
    if (k === undefined) sortKeys.set(i, (k = sortKey(i)));
    return k;
  };
  const { maxBlockSize, window } = config.blocking;
  const buffer = new PairBuffer();
  const next = new Int32Array(n);
  const members: number[] = [];
  let oversizedBlocks = 0;
  const keys = config.blocking.keys;
  const partCache: PartCache = new Map();
  keys.forEach((key, k) => {
    const contact = isContactKey(key, config);
    const values = blockingCodes(key, data, ids, partCache);
    const head = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      if (v < 0) continue;
      const prev = head.get(v);
      next[i] = prev === undefined ? -1 : prev;
      head.set(v, i);
    }
    for (const last of head.values()) {
      if (next[last] === -1) continue; // a block of one
      members.length = 0;
      for (let i = last; i !== -1; i = next[i]!) members.push(i);
      members.reverse(); // ascending record order
      if (contact && members.length > SHARED_GROUP_LIMIT) continue; // a shared value: no pair
      if (contact || members.length <= maxBlockSize) {
        for (let a = 0; a < members.length; a++) {
          const i = members[a]!;
          for (let b = a + 1; b < members.length; b++) buffer.push(i * n + members[b]!);
        }
      } else {
        oversizedBlocks++;
        members.sort((x, y) => {
          const kx = keyOf(x);
          const ky = keyOf(y);
          return kx < ky ? -1 : kx > ky ? 1 : x - y;
        });
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
