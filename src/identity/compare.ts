/**
 * Field comparators: each turns two normalized values of one kind into a graded level
 * (`exact`, `close`, `partial`, `far`; `missing` when either side has no value).
 *
 * Comparators receive values already normalized (see `normalize/`), never raw input, and are pure
 * and cheap: a batch runs them millions of times.
 * @module
 */
import type { AttributeKind, ComparisonLevel } from './config.js';
import { areNicknames, areNicknamesWithSlip } from './nicknames.js';
import { isInitialsOf, stripParticles } from './normalize/name.js';
import { jaroWinkler, levenshtein, tokenSimilarity, withinOneEdit } from './similarity.js';

/** Level codes, in the order of {@link comparisonLevels}: lower is stronger agreement. */
export const EXACT = 0;
export const CLOSE = 1;
export const PARTIAL = 2;
export const FAR = 3;
export const MISSING = 4;

/** Level code → level name. */
export const levelNames: readonly ComparisonLevel[] = ['exact', 'close', 'partial', 'far', 'missing'];

/**
 * Compares two normalized, non-empty values and returns a level code (0–3). Equal values are
 * usually `exact`, but a comparator may grade them lower (a lone initial).
 */
export type Comparator = (a: string, b: string) => number;

function compact(value: string): string {
  return value.indexOf(' ') < 0 ? value : value.replaceAll(' ', '');
}

function firstWord(value: string): string {
  const i = value.indexOf(' ');
  return i < 0 ? value : value.slice(0, i);
}

/** Every word of the shorter name appears in the longer (`marie` ⊂ `marie claire`). */
function wordSubset(a: string, b: string): boolean {
  const wa = a.split(' ');
  const wb = b.split(' ');
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  return short.every((w) => long.includes(w));
}

function sameLetters(a: string, b: string): boolean {
  return [...a].sort().join('') === [...b].sort().join('');
}

function onlyInitials(value: string): boolean {
  for (let i = 0; i < value.length; i += 2) {
    if (i + 1 < value.length && value.charCodeAt(i + 1) !== 32) return false;
  }
  return true;
}

/**
 * Masculine and feminine forms of one name (Fabien/Fabienne, Louis/Louise, Paul/Paulette,
 * Paul/Pauline, Daniel/Danielle, Lucie/Lucienne): close in spelling, but two people — often a
 * couple or siblings.
 */
function otherGender(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 3 || !long.startsWith(short)) return false;
  return feminineEndings.has(long.slice(short.length));
}

const feminineEndings = new Set(['e', 'ne', 'nne', 'le', 'te', 'tte', 'ette', 'nette', 'ine']);

/**
 * Given names: one slip, nicknames and translations are close; initials, a compound's single part
 * and two slips partial; anything else far, masculine/feminine forms included.
 */
export const compareGivenName: Comparator = (a, b) => {
  // Initials alone (`j`, `j p`) agreeing say little: partial, even when equal.
  if (a === b) return onlyInitials(a) ? PARTIAL : EXACT;
  const ca = compact(a);
  const cb = compact(b);
  if (ca === cb) return EXACT;
  const fa = firstWord(a);
  const fb = firstWord(b);
  if (fa === fb) {
    // Two compound names sharing their first part: Marie-Christine and Marie-Claire are sisters,
    // not spellings of one name, unless the second parts are close. Jean and Jean-Pierre may be
    // one person or father and son: partial.
    if (fa.length === a.length || fb.length === b.length) return PARTIAL;
    const ra = a.slice(fa.length + 1);
    const rb = b.slice(fb.length + 1);
    const rest = jaroWinkler(ra, rb);
    return rest >= 0.94 || (Math.min(ra.length, rb.length) >= 3 && withinOneEdit(ra, rb))
      ? CLOSE
      : rest >= 0.85
        ? PARTIAL
        : FAR;
  }
  if (otherGender(ca, cb)) return FAR;
  if (areNicknames(a, b) || areNicknames(fa, fb)) return CLOSE;
  const shorter = Math.min(ca.length, cb.length);
  if (shorter >= 3 && withinOneEdit(ca, cb)) return CLOSE;
  const jw = jaroWinkler(ca, cb);
  if (jw >= 0.85 && shorter >= 6 && levenshtein(ca, cb) <= 2) {
    // Beyond one slip, given names are a closed vocabulary: Céline and Célestine, Marie and Maxime
    // are different names, however alike. Two slips in a name of six letters or more are partial
    // (close from eight letters on, when very alike).
    return jw >= 0.94 && shorter >= 8 ? CLOSE : PARTIAL;
  }
  // The same letters scrambled (Gracie/Gricae, Holly/Hoyll) is a typing slip, not another name.
  if (shorter >= 5 && ca.length === cb.length && sameLetters(ca, cb)) return PARTIAL;
  // A short form (Art/Arthur, Max/Maxime) may be the same person, or Marc and Marcel: partial.
  if (shorter >= 3 && (ca.length < cb.length ? cb.startsWith(ca) : ca.startsWith(cb))) return PARTIAL;
  // A nickname with a typing slip (Rhomas / Tom): partial.
  if (areNicknamesWithSlip(fa, fb, withinOneEdit)) return PARTIAL;
  const structured = ca.length !== a.length || cb.length !== b.length || a.length === 1 || b.length === 1;
  if (structured && (isInitialsOf(a, b) || isInitialsOf(b, a) || wordSubset(a, b))) return PARTIAL;
  return FAR;
};

/** Family names: spelling, particles (`de la Fontaine` / `Fontaine`), compound names. */
export const compareFamilyName: Comparator = (a, b) => {
  if (a === b) return EXACT;
  const ca = compact(a);
  const cb = compact(b);
  if (ca === cb) return EXACT;
  const jw = jaroWinkler(ca, cb);
  if (jw >= 0.94 || (Math.min(ca.length, cb.length) >= 4 && withinOneEdit(ca, cb))) return CLOSE;
  if (ca.length === a.length && cb.length === b.length) return jw >= 0.85 ? PARTIAL : FAR;
  const pa = stripParticles(a);
  const pb = stripParticles(b);
  if (pa === pb) return CLOSE;
  if (wordSubset(pa, pb) || jw >= 0.85) return PARTIAL;
  return FAR;
};

/** Full names in any word order. */
export const compareFullName: Comparator = (a, b) => {
  if (a === b) return EXACT;
  const sim = tokenSimilarity(a, b);
  if (sim >= 0.97) return CLOSE;
  if (sim >= 0.88) return PARTIAL;
  return FAR;
};

/**
 * E-mail addresses: a one-character slip is close; two slips, or the same mailbox name at another
 * provider, partial.
 */
export const compareEmail: Comparator = (a, b) => {
  if (a === b) return EXACT;
  if (withinOneEdit(a, b)) return CLOSE;
  if (Math.abs(a.length - b.length) <= 2 && levenshtein(a, b) <= 2) return PARTIAL;
  const at = a.indexOf('@');
  if (at > 0 && at === b.indexOf('@') && a.startsWith(b.slice(0, at + 1))) return PARTIAL;
  return FAR;
};

/** E.164 phone numbers: one digit off or two digits swapped is partial (a typo, or a neighbour). */
export const comparePhone: Comparator = (a, b) => {
  if (a === b) return EXACT;
  if (withinOneEdit(a, b)) return PARTIAL;
  return FAR;
};

function dayNumber(date: string): number {
  return Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / 86_400_000;
}

/** True when characters [from, to) of two equal-length strings are the same (no slicing). */
function sameSpan(a: string, b: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  return true;
}

/** Positions where two same-length strings differ. */
function digitSlips(a: string, b: string): number {
  let count = 0;
  for (let i = 0; i < a.length; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) count++;
  return count;
}

/**
 * `YYYY-MM-DD` dates. Close: one component off by a slip (1956/1965, 04/09), day and month swapped,
 * or one digit off. Partial: the same year, two digits off, less than 400 days apart, or every
 * component a slip away.
 * Far: anything else — a different person, unless other evidence says otherwise.
 */
export const compareDate: Comparator = (a, b) => {
  if (a === b) return EXACT;
  const sameYear = sameSpan(a, b, 0, 4);
  const sameMonth = sameSpan(a, b, 5, 7);
  const sameDay = sameSpan(a, b, 8, 10);
  const differing = (sameYear ? 0 : 1) + (sameMonth ? 0 : 1) + (sameDay ? 0 : 1);
  if (differing === 1) {
    if (sameYear || withinOneEdit(a.slice(0, 4), b.slice(0, 4))) return CLOSE;
    return Math.abs(dayNumber(a) - dayNumber(b)) < 400 ? PARTIAL : FAR;
  }
  if (
    sameYear &&
    a.charCodeAt(5) === b.charCodeAt(8) &&
    a.charCodeAt(6) === b.charCodeAt(9) &&
    a.charCodeAt(8) === b.charCodeAt(5) &&
    a.charCodeAt(9) === b.charCodeAt(6)
  )
    return CLOSE;
  if (withinOneEdit(a, b)) return CLOSE;
  if (sameYear || digitSlips(a, b) <= 2 || Math.abs(dayNumber(a) - dayNumber(b)) < 400) return PARTIAL;
  // Every component a slip away (1998-06-09 / 1989-06-11): a keyed-in date, not another person.
  const nearly = (x: number, y: number) => Math.abs(x - y) <= 2;
  if (
    withinOneEdit(a.slice(0, 4), b.slice(0, 4)) &&
    nearly(+a.slice(5, 7), +b.slice(5, 7)) &&
    nearly(+a.slice(8, 10), +b.slice(8, 10))
  )
    return PARTIAL;
  return FAR;
};

function splitNumber(address: string): [string, string] {
  const space = address.indexOf(' ');
  const c = address.charCodeAt(0);
  if (space > 0 && c >= 48 && c <= 57) {
    // house number, with its bis/ter suffix when present
    let end = space;
    const next = address.indexOf(' ', space + 1);
    const word = next < 0 ? address.slice(space + 1) : address.slice(space + 1, next);
    if (word === 'bis' || word === 'ter' || word === 'quater') end = next < 0 ? address.length : next;
    return [address.slice(0, end), address.slice(end + 1)];
  }
  return ['', address];
}

/** Street lines: a different house number on the same street is never more than partial. */
export const compareAddress: Comparator = (a, b) => {
  if (a === b) return EXACT;
  const [na, sa] = splitNumber(a);
  const [nb, sb] = splitNumber(b);
  const numbersDiffer = na !== '' && nb !== '' && na !== nb;
  if (numbersDiffer && !withinOneEdit(na, nb)) return FAR;
  let sim = sa === sb ? 1 : jaroWinkler(sa, sb);
  if (sim < 0.93 && sa.indexOf(' ') > 0 && sb.indexOf(' ') > 0) sim = Math.max(sim, tokenSimilarity(sa, sb));
  if (numbersDiffer) return sim >= 0.9 ? PARTIAL : FAR;
  if (sim >= 0.93) return CLOSE;
  if (sim >= 0.8) return PARTIAL;
  return FAR;
};

/** Postcodes: one character off is close, the same district (first two characters) partial. */
export const comparePostcode: Comparator = (a, b) => {
  if (a === b) return EXACT;
  if (withinOneEdit(a, b)) return CLOSE;
  if (Math.min(a.length, b.length) >= 4 && a.slice(0, 2) === b.slice(0, 2)) return PARTIAL;
  return FAR;
};

/** Free text and city names: Jaro-Winkler bands; one text standing as whole words in the other is partial. */
export const compareText: Comparator = (a, b) => {
  if (a === b) return EXACT;
  const jw = jaroWinkler(a, b);
  if (jw >= 0.94) return CLOSE;
  if (jw >= 0.85) return PARTIAL;
  if (containsWords(a, b)) return PARTIAL;
  return FAR;
};

/** Whether the shorter text stands, as whole words, inside the longer (`devon` in `west devon`). */
function containsWords(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const at = long.indexOf(short);
  if (at < 0 || short.length === long.length) return false;
  const end = at + short.length;
  return (at === 0 || long.charCodeAt(at - 1) === 32) && (end === long.length || long.charCodeAt(end) === 32);
}

/** Identifiers (cards, account numbers, SSNs): a one-character slip is close, two on a long code partial. */
export const compareIdentifier: Comparator = (a, b) => {
  if (a === b) return EXACT;
  if (Math.min(a.length, b.length) >= 5 && withinOneEdit(a, b)) return CLOSE;
  if (a.length >= 10 && b.length === a.length && levenshtein(a, b) <= 2) return PARTIAL;
  return FAR;
};

/** Categories (gender, state): equal or not. */
export const compareCategory: Comparator = (a, b) => (a === b ? EXACT : FAR);

/**
 * A column whose values are replaced by integer ids (one per distinct value), compared through a
 * cache of id pairs: names, cities and postcodes repeat, so a batch compares the same few thousand
 * values millions of times, and an id comparison allocates nothing.
 */
export interface EncodedColumn {
  /** Per record, the value's id, or −1 when missing. */
  ids: ArrayLike<number>;
  /** Compares the values behind two ids (both ≥ 0). */
  compare(x: number, y: number): number;
}

/** A column's values as integer ids: equal values, equal ids; −1 for missing. */
export interface ValueIds {
  ids: Int32Array;
  /** id → value. */
  values: string[];
}

/** Numbers a column's distinct values in order of first appearance. */
export function valueIds(column: readonly (string | null)[]): ValueIds {
  const index = new Map<string, number>();
  const values: string[] = [];
  const ids = new Int32Array(column.length);
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    if (v === null || v === undefined) {
      ids[i] = -1;
      continue;
    }
    let id = index.get(v);
    if (id === undefined) {
      id = values.length;
      index.set(v, id);
      values.push(v);
    }
    ids[i] = id;
  }
  return { ids, values };
}

/** Id-pair caches (dense, V² bytes) up to this many distinct values; no cache beyond. */
const DENSE_VALUES = 4096;

/** Encodes a column and wraps a symmetric comparator with an id-pair cache. */
export function encodeColumn(
  column: readonly (string | null)[],
  compare: Comparator,
  { ids, values }: ValueIds = valueIds(column),
): EncodedColumn {
  const V = values.length;
  const self = Int8Array.from(values, (v) => compare(v, v));
  if (V <= DENSE_VALUES) {
    const cache = new Int8Array(V * V).fill(-1);
    return {
      ids,
      compare(x, y) {
        if (x === y) return self[x]!;
        const k = x < y ? x * V + y : y * V + x;
        let level = cache[k]!;
        if (level < 0) cache[k] = level = compare(values[x]!, values[y]!);
        return level;
      },
    };
  }
  // A large vocabulary (family names) rarely meets the same pair twice: a cache would only cost.
  return {
    ids,
    compare: (x, y) => (x === y ? self[x]! : compare(values[x]!, values[y]!)),
  };
}

/**
 * Makes a comparator symmetric by construction: the pair is always compared in the same
 * (lexicographic) order, so a level never depends on which record came first or on record keys.
 */
export function symmetric(compare: Comparator): Comparator {
  return (a, b) => (a === b || a < b ? compare(a, b) : compare(b, a));
}

/** The comparator of each attribute kind (each symmetric: see {@link symmetric}). */
export const comparators: Record<AttributeKind, Comparator> = {
  email: symmetric(compareEmail),
  phone: symmetric(comparePhone),
  givenName: symmetric(compareGivenName),
  familyName: symmetric(compareFamilyName),
  fullName: symmetric(compareFullName),
  date: symmetric(compareDate),
  address: symmetric(compareAddress),
  postcode: symmetric(comparePostcode),
  city: symmetric(compareText),
  identifier: symmetric(compareIdentifier),
  text: symmetric(compareText),
  category: symmetric(compareCategory),
};
