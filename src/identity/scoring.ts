/**
 * Scoring one pair of records held in normalized columns: comparison levels (with swapped given
 * and family names detected), field weights (a place counted once, no weight for values several
 * people share, term-frequency adjustments), rules, vetoes, the conflict test, person-level
 * evidence and the explanation of the pair.
 *
 * The batch matcher (`matcher.ts`) and the incremental identity graph (`graph.ts`) score pairs
 * through this one module, so a pair weighs the same whichever of them compares it.
 * @module
 */
import { comparators, CLOSE, EXACT, FAR, levelNames, MISSING, PARTIAL, type EncodedColumn } from './compare.js';
import type { IdentityConfig } from './config.js';
import type { FieldComparison } from './explanation.js';
import type { MatchModel } from './model.js';
import { isPersonalPhone } from './normalize/phone.js';

/** Rounds a weight for explanations. */
export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** What a pair scorer reads: columns of normalized values and the statistics that weigh them. */
export interface ScoringInput {
  config: IdentityConfig;
  /** Attribute names, in configuration order. */
  attributes: readonly string[];
  /** `columns[a][i]`: normalized value of attribute `a` for record `i`, or `null`. May grow. */
  columns: readonly (readonly (string | null)[])[];
  /**
   * Id-encoded columns with cached comparisons, `null` for attributes compared as text. An id of −1
   * is a missing value; −2 a value outside the encoding, compared as text.
   */
  encoded?: readonly (EncodedColumn | null)[];
  /** The fitted model (read when weights are needed, so comparison can start before fitting). */
  model(): MatchModel;
  /** Term-frequency adjustment (bits) of record `i`'s value of attribute `a`, for an exact agreement. */
  adjustment(a: number, i: number): number;
  /** Whether a value of attribute `a` is held by several people (it then weighs nothing). */
  isShared(a: number, value: string): boolean;
}

/** Scores pairs of records `(i, j)` given by their indexes in the columns. */
export interface PairScorer {
  /** Number of attributes: the stride of level arrays. */
  readonly width: number;
  /** Indexes of the first given-name and family-name attributes (−1 when absent). */
  readonly given: number;
  readonly family: number;
  /** Indexes of the attributes the conflict test reads (vetoes' attributes and names). */
  readonly vetoAttributes: readonly number[];
  /**
   * Writes the comparison level of every attribute (or only those listed) into `out[base + a]`;
   * returns true when the given and family names agree better swapped (levels are then the
   * swapped comparison's).
   */
  levels(i: number, j: number, out: Uint8Array, base: number, only?: readonly number[]): boolean;
  /** Effective weight of each attribute into `out` (0 for a place already counted, a shared value…). */
  fieldWeights(levels: Uint8Array, base: number, swapped: boolean, i: number, out: Float64Array): void;
  /** Prior log2-odds plus the sum of field weights. */
  score(levels: Uint8Array, base: number, swapped: boolean, i: number): number;
  /** The names of the rules a pair fires (a list shared by every pair that fires the same ones: do not modify). */
  rulesFired(levels: Uint8Array, base: number): readonly string[];
  /** The names of the vetoes a pair fires (a shared list, as for {@link rulesFired}). */
  vetoesFired(levels: Uint8Array, base: number, i: number, j: number): readonly string[];
  /** Whether a veto separates records `i` and `j`. */
  conflicts(i: number, j: number): boolean;
  /** Whether `i` and `j` are two different people (clearly different given names, no equal birth date). */
  differentPeople(i: number, j: number): boolean;
  /** Whether the pair agrees on an attribute that tells a person from a relative. */
  personEvidence(levels: Uint8Array, base: number, i: number): boolean;
  /** Every attribute's comparison, with the values, weights and notes. */
  explainFields(levels: Uint8Array, base: number, swapped: boolean, i: number, j: number): FieldComparison[];
}

const NONE: readonly string[] = Object.freeze([]);

/**
 * The names of the fired items of a list, by the bit mask of which fired: one frozen list per
 * combination, so that the graph's hundreds of thousands of edges do not each hold their own.
 */
function firedNames(names: readonly string[]): (fired: (k: number) => boolean) => readonly string[] {
  const byMask = new Map<number, readonly string[]>();
  return (fired) => {
    if (names.length > 30) {
      const out = names.filter((_, k) => fired(k));
      return out.length === 0 ? NONE : out;
    }
    let mask = 0;
    for (let k = 0; k < names.length; k++) if (fired(k)) mask |= 1 << k;
    if (mask === 0) return NONE;
    let list = byMask.get(mask);
    if (list === undefined) byMask.set(mask, (list = Object.freeze(names.filter((_, k) => (mask & (1 << k)) !== 0))));
    return list;
  };
}

/** Kinds that tell one person from another in the same household. */
const personalKinds = new Set<string>(['givenName', 'fullName', 'date', 'email', 'phone', 'identifier']);

/**
 * Contact points a household may share: a value of these kinds held by people with different given
 * names weighs nothing (identifiers are personal unless their attribute is declared `shared`).
 */
export const sharedKinds: ReadonlySet<string> = new Set(['email', 'phone']);
/** A value held by more records than this is shared (a generic `test@test.com`), without checking. */
export const SHARED_GROUP_LIMIT = 30;

/** Kinds that describe where someone lives, most specific first. */
const placeKinds = new Map<string, number>([
  ['address', 0],
  ['postcode', 1],
  ['city', 2],
]);

/** Two codes of one length that differ only in their last character: neighbours in a sequence. */
export function sequenceNeighbours(a: string, b: string): boolean {
  const last = a.length - 1;
  return a.length === b.length && a.charCodeAt(last) !== b.charCodeAt(last) && a.slice(0, last) === b.slice(0, last);
}

/** Builds the pair scorer of one set of columns. */
export function createPairScorer(input: ScoringInput): PairScorer {
  const { config, attributes, columns, encoded } = input;
  const A = attributes.length;
  const kinds = attributes.map((a) => config.attributes[a]!.kind);
  const compare = kinds.map((k) => comparators[k]);
  const firstOfKind = (kind: string) => attributes.findIndex((a) => config.attributes[a]!.kind === kind);
  const given = firstOfKind('givenName');
  const family = firstOfKind('familyName');
  const canSwap = given >= 0 && family >= 0;
  const compareName = comparators.familyName;
  const termFrequency = attributes.map((name, a) => config.attributes[name]!.termFrequency ?? kinds[a] !== 'category');
  // Names one slip apart share their first or second letter and have close lengths.
  const mayBeClose = (x: string, y: string) =>
    Math.abs(x.length - y.length) <= 3 && (x.charCodeAt(0) === y.charCodeAt(0) || x.charCodeAt(1) === y.charCodeAt(1));
  const everyAttribute = attributes.map((_, a) => a);

  const levels = (i: number, j: number, out: Uint8Array, base: number, only: readonly number[] = everyAttribute) => {
    for (const a of only) {
      const e = encoded?.[a];
      const x = e ? e.ids[i]! : 0;
      const y = e ? e.ids[j]! : 0;
      if (e && x >= 0 && y >= 0) out[base + a] = e.compare(x, y);
      else if (x === -1 || y === -1) out[base + a] = MISSING;
      else {
        // Not encoded, or a value outside the encoding (−2): compared as text.
        const u = columns[a]![i];
        const v = columns[a]![j];
        out[base + a] = u === null || u === undefined || v === null || v === undefined ? MISSING : compare[a]!(u, v);
      }
    }
    if (!canSwap) return false;
    const lg = out[base + given]!;
    const lf = out[base + family]!;
    if (lg === MISSING || lf === MISSING || lg + lf < PARTIAL + 1) return false;
    const gi = columns[given]![i]!;
    const fi = columns[family]![i]!;
    const gj = columns[given]![j]!;
    const fj = columns[family]![j]!;
    if (!mayBeClose(gi, fj) || !mayBeClose(fi, gj)) return false;
    const x = compareName(gi, fj);
    const y = compareName(fi, gj);
    if (x <= CLOSE && y <= CLOSE && x + y < lg + lf) {
      // The better of the two cross comparisons counts for the given name, whichever record is on
      // the left: a pair weighs the same in either orientation (a query has no source/key to orient it).
      out[base + given] = Math.min(x, y);
      out[base + family] = Math.max(x, y);
      return true;
    }
    return false;
  };

  const ruleAttrs = config.rules.map((r) => r.exact.map((a) => attributes.indexOf(a)));
  const levelCode = { close: CLOSE, partial: PARTIAL, far: FAR } as const;
  const vetoes = config.vetoes.map((v) => ({
    name: v.name,
    a: attributes.indexOf(v.attribute),
    levels: new Set<number>(v.levels.map((l) => levelCode[l])),
    unless: (v.unless ?? []).map((u) => attributes.indexOf(u)),
  }));
  // An agreeing identifier lifts a veto; one a typing slip away does too (a swapped or mistyped
  // digit), but not one differing only in its last character: consecutive customer numbers, given
  // to a father and son who signed up together, are exactly that.
  // A value several people may hold (a family card: `shared`) says nothing of which one it is.
  const sharedAttribute = attributes.map((name) => config.attributes[name]!.shared === true);
  const lifts = (u: number, level: number, i: number, j: number) =>
    !sharedAttribute[u] &&
    (level === EXACT || (level === CLOSE && kinds[u] === 'identifier' && !sequenceNeighbours(columns[u]![i]!, columns[u]![j]!)));
  const vetoed = (v: (typeof vetoes)[number], out: Uint8Array, base: number, i: number, j: number) =>
    v.levels.has(out[base + v.a]!) && !v.unless.some((u) => lifts(u, out[base + u]!, i, j));
  const ruleNames = firedNames(config.rules.map((r) => r.name));
  const vetoNames = firedNames(vetoes.map((v) => v.name));
  const scratch = new Uint8Array(A);
  // A conflict needs only the vetoes' attributes (and the names, for swaps).
  const vetoAttributes = [
    ...new Set([...vetoes.flatMap((v) => [v.a, ...v.unless]), ...(canSwap ? [given, family] : [])]),
  ].sort((x, y) => x - y);
  const conflicts = (i: number, j: number): boolean => {
    if (vetoes.length === 0) return false;
    levels(i, j, scratch, 0, vetoAttributes);
    for (const v of vetoes) if (vetoed(v, scratch, 0, i, j)) return true;
    return false;
  };
  // (A birth-date conflict alone does not make two people: one person's records disagree on dates
  // more often than relatives share a mailbox; and the same birth date says the differing given
  // names are a slip, not two people.)
  const dates = everyAttribute.filter((a) => kinds[a] === 'date');
  const namesAndDates = [...(canSwap ? [given, family] : given >= 0 ? [given] : []), ...dates];
  const differentPeople =
    given < 0
      ? conflicts
      : (i: number, j: number) => {
          levels(i, j, scratch, 0, namesAndDates);
          return scratch[given] === FAR && !dates.some((d) => scratch[d] === EXACT);
        };
  // Attributes that tell one person from a relative (a family name, a place, a shared value do not).
  const personal = everyAttribute.filter((a) => personalKinds.has(kinds[a]!) && !config.attributes[attributes[a]!]!.shared);
  // Address, postcode and city describe one place: agreeing on all three is one piece of evidence,
  // not three. The place counts once, by its most specific comparison that both records allow
  // (the street address, else the postcode, else the city): two addresses in the same town are
  // two places, whatever the shared postcode says.
  const place = everyAttribute
    .filter((a) => placeKinds.has(kinds[a]!))
    .sort((x, y) => placeKinds.get(kinds[x]!)! - placeKinds.get(kinds[y]!)! || x - y);
  const sharedKind = kinds.map((k) => sharedKinds.has(k));

  const fieldWeights = (out: Uint8Array, base: number, swapped: boolean, i: number, weights: Float64Array) => {
    const model = input.model();
    for (let a = 0; a < A; a++) {
      const l = out[base + a]!;
      if (l === MISSING) weights[a] = 0;
      else if (l === EXACT && sharedKind[a] && input.isShared(a, columns[a]![i]!)) weights[a] = 0;
      else {
        let w = model.weights[a]![l]!;
        // Swapped names were compared across columns: their values' frequencies do not apply.
        if (l === EXACT && termFrequency[a] && !(swapped && (a === given || a === family))) w += input.adjustment(a, i);
        weights[a] = w;
      }
    }
    if (place.length < 2) return;
    let counted = false;
    for (const a of place) {
      if (counted) weights[a] = 0;
      else if (out[base + a] !== MISSING) counted = true;
    }
  };
  const weights = new Float64Array(A);

  return {
    width: A,
    given,
    family,
    vetoAttributes,
    levels,
    fieldWeights,
    score(out, base, swapped, i) {
      fieldWeights(out, base, swapped, i, weights);
      let w = input.model().priorWeight;
      for (let a = 0; a < A; a++) w += weights[a]!;
      return w;
    },
    rulesFired(out, base) {
      if (ruleAttrs.length === 0) return NONE;
      return ruleNames((r) => ruleAttrs[r]!.every((a) => out[base + a] === EXACT));
    },
    vetoesFired(out, base, i, j) {
      if (vetoes.length === 0) return NONE;
      return vetoNames((k) => vetoed(vetoes[k]!, out, base, i, j));
    },
    conflicts,
    differentPeople,
    personEvidence(out, base, i) {
      for (const a of personal) {
        const l = out[base + a]!;
        if (l === CLOSE) return true;
        if (l !== EXACT) continue;
        const value = columns[a]![i]!;
        if (!(sharedKind[a] && input.isShared(a, value)) && (kinds[a] !== 'phone' || isPersonalPhone(value))) return true;
      }
      return false;
    },
    explainFields(out, base, swapped, i, j) {
      const effective = new Float64Array(A);
      fieldWeights(out, base, swapped, i, effective);
      return attributes.map((attribute, a) => {
        const l = out[base + a]!;
        const field: FieldComparison = { attribute, level: levelNames[l]!, weight: round(effective[a]!) };
        if (l !== MISSING && effective[a] === 0 && place.includes(a)) field.note = 'place already counted';
        const left = columns[a]![i];
        const right = columns[a]![j];
        if (left !== null && left !== undefined) field.left = left;
        if (right !== null && right !== undefined) field.right = right;
        if (swapped && (a === given || a === family)) field.note = 'given and family names swapped';
        if (l === EXACT && sharedKind[a] && input.isShared(a, left!)) field.note = 'shared by several people';
        return field;
      });
    },
  };
}
