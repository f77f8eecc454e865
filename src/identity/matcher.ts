/**
 * The prepared matcher of one batch: normalized columns, candidate pairs and their comparison
 * levels, the fitted model, and what the decisions need: field weights (a place counted once, no
 * weight for values several people share), rules, vetoes, the conflict test between two records and
 * whether a pair holds person-level evidence.
 * @module
 */
import { candidatePairs } from './blocking.js';
import {
  comparators,
  encodeColumn,
  valueIds,
  CLOSE,
  EXACT,
  FAR,
  levelNames,
  MISSING,
  PARTIAL,
  type ValueIds,
} from './compare.js';
import type { IdentityConfig } from './config.js';
import type { DedupeOptions } from './dedupe.js';
import type { FieldComparison, PairExplanation } from './explanation.js';
import { countPatterns, defaultPriors, estimateByEM, measureU, valueFrequencies, withWeights, type MatchModel } from './model.js';
import { isPersonalPhone } from './normalize/phone.js';
import { normalizeColumns, type NormalizedColumns } from './normalizers.js';
import type { SourceRecord } from './record.js';

/** Rounds a weight for explanations. */
export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The prepared matcher of one batch: normalized columns, candidate pairs, their levels, the model. */
export interface PreparedMatcher {
  data: NormalizedColumns;
  pairs: { left: Int32Array; right: Int32Array; oversizedBlocks: number };
  model: MatchModel;
  score(p: number): number;
  rulesFired(p: number): string[];
  vetoesFired(p: number): string[];
  conflicts(i: number, j: number): boolean;
  /** Per record, a class id: records of one class hold the same veto-relevant values. */
  conflictClass: Int32Array;
  /**
   * Whether pair `p` agrees (exact or close) on an attribute that tells a person from a relative:
   * not a value several people hold, not a landline.
   */
  personEvidence(p: number): boolean;
  explain(p: number): Pick<PairExplanation, 'left' | 'right' | 'fields'>;
}

const NONE: string[] = [];

/** Kinds that tell one person from another in the same household. */
const personalKinds = new Set<string>(['givenName', 'fullName', 'date', 'email', 'phone', 'identifier']);

/**
 * Contact points a household may share: checked for values held by people with different given
 * names. (Identifiers are personal unless their attribute is declared `shared`.)
 */
const sharedKinds = new Set<string>(['email', 'phone']);
/** A value held by more records than this is shared (a generic `test@test.com`), without checking. */
const SHARED_GROUP_LIMIT = 30;

/** Values of a column held by records of two different people. */
function sharedValues({ ids, values }: ValueIds, differentPeople: (i: number, j: number) => boolean): Set<string> {
  const counts = new Int32Array(values.length);
  for (let i = 0; i < ids.length; i++) if (ids[i]! >= 0) counts[ids[i]!]!++;
  const holders = new Map<number, number[]>();
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (id < 0 || counts[id]! < 2 || counts[id]! > SHARED_GROUP_LIMIT) continue;
    const list = holders.get(id);
    if (list) list.push(i);
    else holders.set(id, [i]);
  }
  const out = new Set<string>();
  for (let id = 0; id < values.length; id++) if (counts[id]! > SHARED_GROUP_LIMIT) out.add(values[id]!);
  for (const [id, list] of holders) {
    search: for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++)
        if (differentPeople(list[x]!, list[y]!)) {
          out.add(values[id]!);
          break search;
        }
  }
  return out;
}

/** Two codes of one length that differ only in their last character: neighbours in a sequence. */
function sequenceNeighbours(a: string, b: string): boolean {
  const last = a.length - 1;
  return a.length === b.length && a.charCodeAt(last) !== b.charCodeAt(last) && a.slice(0, last) === b.slice(0, last);
}

/** Numbers the distinct tuples of the given id columns (records with equal tuples, equal class). */
function conflictClasses(columns: readonly Int32Array[], n: number): Int32Array {
  // Fold one column at a time: (class so far, next id) → a dense class number.
  let classes = new Int32Array(n);
  for (const column of columns) {
    const index = new Map<number, number>();
    const next = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const key = classes[i]! * 4_294_967_296 + (column[i]! + 1);
      let c = index.get(key);
      if (c === undefined) index.set(key, (c = index.size));
      next[i] = c;
    }
    classes = next;
  }
  return classes;
}

/** Kinds whose values repeat across records: their columns are id-encoded and comparisons cached. */
const repetitiveKinds = new Set<string>(['givenName', 'familyName', 'city', 'postcode', 'category', 'text']);

/** Kinds that describe where someone lives, most specific first. */
const placeKinds = new Map<string, number>([
  ['address', 0],
  ['postcode', 1],
  ['city', 2],
]);

function firstOfKind(config: IdentityConfig, attributes: string[], kind: string): number {
  return attributes.findIndex((a) => config.attributes[a]!.kind === kind);
}

/** Normalizes, blocks, compares and fits the model for a batch in canonical order. */
export function prepareMatcher(
  records: readonly SourceRecord[],
  config: IdentityConfig,
  progress: NonNullable<DedupeOptions['onProgress']>,
): PreparedMatcher {
  const n = records.length;
  // 2. Normalize into columns.
  const data = normalizeColumns(records, config, (done) =>
    progress({ phase: 'normalize', done, total: n }),
  );
  const { attributes, columns } = data;
  const A = attributes.length;
  const kinds = attributes.map((a) => config.attributes[a]!.kind);
  const compare = kinds.map((k) => comparators[k]);
  // Every column numbered once: ids serve blocking, frequencies and shared values alike.
  const ids = columns.map((c) => valueIds(c));
  const encoded = kinds.map((k, a) =>
    repetitiveKinds.has(k) ? encodeColumn(columns[a]!, compare[a]!, ids[a]!) : null,
  );

  // 3. Blocking.
  const given = firstOfKind(config, attributes, 'givenName');
  const family = firstOfKind(config, attributes, 'familyName');
  const sortParts = [family, given, firstOfKind(config, attributes, 'fullName'), firstOfKind(config, attributes, 'date')]
    .filter((a) => a >= 0);
  const sortColumns = (sortParts.length > 0 ? sortParts : attributes.map((_, a) => a)).map((a) => columns[a]!);
  const sortKey = (i: number) => sortColumns.map((c) => c[i] ?? '').join('\u0001');
  const pairs = candidatePairs(data, config, sortKey, ids, (done, total) =>
    progress({ phase: 'block', done, total }),
  );
  const P = pairs.left.length;

  // 4. Compare every candidate pair on every attribute; detect swapped given/family names.
  const levels = new Uint8Array(P * A);
  const swapped = new Uint8Array(P);
  const canSwap = given >= 0 && family >= 0;
  const compareName = comparators.familyName;
  // Names one slip apart share their first or second letter and have close lengths.
  const mayBeClose = (x: string, y: string) =>
    Math.abs(x.length - y.length) <= 3 && (x.charCodeAt(0) === y.charCodeAt(0) || x.charCodeAt(1) === y.charCodeAt(1));
  const everyAttribute = attributes.map((_, a) => a);
  const pairLevels = (i: number, j: number, out: Uint8Array, base: number, only = everyAttribute): boolean => {
    for (const a of only) {
      const e = encoded[a];
      if (e) {
        const x = e.ids[i]!;
        const y = e.ids[j]!;
        out[base + a] = x < 0 || y < 0 ? MISSING : e.compare(x, y);
      } else {
        const x = columns[a]![i];
        const y = columns[a]![j];
        out[base + a] = x === null || x === undefined || y === null || y === undefined ? MISSING : compare[a]!(x, y);
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
      out[base + given] = x;
      out[base + family] = y;
      return true;
    }
    return false;
  };
  for (let p = 0; p < P; p++) {
    if (pairLevels(pairs.left[p]!, pairs.right[p]!, levels, p * A)) swapped[p] = 1;
    if ((p & 0xffff) === 0xffff) progress({ phase: 'compare', done: p + 1, total: P });
  }
  progress({ phase: 'compare', done: P, total: P });

  // 5. The model: priors, u measured on the data, m and match rate by EM.
  progress({ phase: 'estimate', done: 0, total: 1 });
  const frequencies = columns.map((c, a) => valueFrequencies(c, ids[a]!.ids));
  const termFrequency = attributes.map((name, a) => config.attributes[name]!.termFrequency ?? kinds[a] !== 'category');
  const totalPairs = Math.max(1, (n * (n - 1)) / 2);
  const useEM = config.model.estimate === 'em' || (config.model.estimate === 'auto' && n >= 1000 && P >= 500);
  const m: number[][] = [];
  const u: number[][] = [];
  attributes.forEach((name, a) => {
    const attribute = config.attributes[name]!;
    const prior = defaultPriors[attribute.kind];
    const measured = useEM ? measureU(columns[a]!, compare[a]!, Math.max(frequencies[a]!.agreement, 1e-9)) : prior.u;
    const levelsOf = (given: Partial<Record<string, number>> | undefined, fallback: readonly number[]) =>
      (['exact', 'close', 'partial', 'far'] as const).map((l, k) => given?.[l] ?? fallback[k]!);
    m.push(levelsOf(attribute.m, prior.m));
    u.push(levelsOf(attribute.u, measured));
  });
  let model = withWeights({
    attributes,
    m,
    u,
    // The prior is over all record pairs: the expected matches among candidates, spread over n(n−1)/2.
    matchRate: Math.min(0.5, Math.max(1e-12, (config.model.matchRate * Math.max(P, 1)) / totalPairs)),
    estimated: { em: false, iterations: 0 },
  });
  if (useEM) model = estimateByEM(model, countPatterns(levels, A), totalPairs);
  progress({ phase: 'estimate', done: 1, total: 1 });

  const ruleAttrs = config.rules.map((r) => r.exact.map((a) => attributes.indexOf(a)));
  const levelCode = { close: CLOSE, partial: PARTIAL, far: 3 } as const;
  const vetoes = config.vetoes.map((v) => ({
    name: v.name,
    a: attributes.indexOf(v.attribute),
    levels: new Set<number>(v.levels.map((l) => levelCode[l])),
    unless: (v.unless ?? []).map((u) => attributes.indexOf(u)),
  }));
  // An agreeing identifier lifts a veto; one a typing slip away does too (a swapped or mistyped
  // digit), but not one differing only in its last character: consecutive customer numbers, given
  // to a father and son who signed up together, are exactly that.
  const lifts = (u: number, level: number, i: number, j: number) =>
    level === EXACT || (level === CLOSE && kinds[u] === 'identifier' && !sequenceNeighbours(columns[u]![i]!, columns[u]![j]!));
  const vetoed = (v: (typeof vetoes)[number], out: Uint8Array, base: number, i: number, j: number) =>
    v.levels.has(out[base + v.a]!) && !v.unless.some((u) => lifts(u, out[base + u]!, i, j));
  const scratch = new Uint8Array(A);
  // A conflict needs only the vetoes' attributes (and the names, for swaps).
  const vetoAttributes = [
    ...new Set([...vetoes.flatMap((v) => [v.a, ...v.unless]), ...(canSwap ? [given, family] : [])]),
  ].sort((x, y) => x - y);
  const conflicts = (i: number, j: number): boolean => {
    if (vetoes.length === 0) return false;
    pairLevels(i, j, scratch, 0, vetoAttributes);
    for (const v of vetoes) if (vetoed(v, scratch, 0, i, j)) return true;
    return false;
  };
  // An e-mail or phone held by people with different given names (a family mailbox, a
  // household landline) says "same household", not "same person": its agreement weighs nothing.
  // (A birth-date conflict alone does not make a value shared: one person's records disagree on
  // dates more often than relatives share a mailbox; and the same birth date says the differing
  // given names are a slip, not two people.)
  const dates = attributes.map((_, a) => a).filter((a) => kinds[a] === 'date');
  const namesAndDates = [...(canSwap ? [given, family] : given >= 0 ? [given] : []), ...dates];
  const differentPeople =
    given < 0
      ? conflicts
      : (i: number, j: number) => {
          pairLevels(i, j, scratch, 0, namesAndDates);
          return scratch[given] === FAR && !dates.some((d) => scratch[d] === EXACT);
        };
  const shared = attributes.map((_, a) =>
    sharedKinds.has(kinds[a]!) ? sharedValues(ids[a]!, differentPeople) : null,
  );
  const weights = new Float64Array(A);
  // Attributes that tell one person from a relative (a family name, a place, a shared value do not).
  const personal = attributes
    .map((_, a) => a)
    .filter((a) => personalKinds.has(kinds[a]!) && !config.attributes[attributes[a]!]!.shared);
  // Address, postcode and city describe one place: agreeing on all three is one piece of evidence,
  // not three. The place counts once, by its most specific comparison that both records allow
  // (the street address, else the postcode, else the city): two addresses in the same town are
  // two places, whatever the shared postcode says.
  const place = attributes
    .map((_, a) => a)
    .filter((a) => placeKinds.has(kinds[a]!))
    .sort((x, y) => placeKinds.get(kinds[x]!)! - placeKinds.get(kinds[y]!)! || x - y);
  /** Effective weight of each attribute in pair `p` (0 for place attributes not counted). */
  const fieldWeights = (p: number, out: Float64Array) => {
    const i = pairs.left[p]!;
    // Swapped names were compared across columns: their values' frequencies do not apply.
    const plainNames = swapped[p] === 1;
    for (let a = 0; a < A; a++) {
      const l = levels[p * A + a]!;
      if (l === MISSING) out[a] = 0;
      else if (l === EXACT && shared[a]?.has(columns[a]![i]!)) out[a] = 0;
      else {
        let w = model.weights[a]![l]!;
        if (l === EXACT && termFrequency[a] && !(plainNames && (a === given || a === family)))
          w += frequencies[a]!.adjustment[i]!;
        out[a] = w;
      }
    }
    if (place.length < 2) return;
    let counted = false;
    for (const a of place) {
      if (counted) out[a] = 0;
      else if (levels[p * A + a] !== MISSING) counted = true;
    }
  };

  return {
    data,
    pairs,
    model,
    score(p) {
      fieldWeights(p, weights);
      let w = model.priorWeight;
      for (let a = 0; a < A; a++) w += weights[a]!;
      return w;
    },
    rulesFired(p) {
      if (ruleAttrs.length === 0) return NONE;
      const fired: string[] = [];
      ruleAttrs.forEach((attrs, r) => {
        if (attrs.every((a) => levels[p * A + a] === EXACT)) fired.push(config.rules[r]!.name);
      });
      return fired;
    },
    vetoesFired(p) {
      let fired: string[] | undefined;
      for (const v of vetoes) if (vetoed(v, levels, p * A, pairs.left[p]!, pairs.right[p]!)) (fired ??= []).push(v.name);
      return fired ?? NONE;
    },
    conflicts,
    conflictClass: conflictClasses(vetoAttributes.map((a) => ids[a]!.ids), n),
    personEvidence(p) {
      const i = pairs.left[p]!;
      for (const a of personal) {
        const l = levels[p * A + a]!;
        if (l === CLOSE) return true;
        if (l !== EXACT) continue;
        const value = columns[a]![i]!;
        if (!shared[a]?.has(value) && (kinds[a] !== 'phone' || isPersonalPhone(value))) return true;
      }
      return false;
    },
    explain(p) {
      const i = pairs.left[p]!;
      const j = pairs.right[p]!;
      const effective = new Float64Array(A);
      fieldWeights(p, effective);
      const fields: FieldComparison[] = attributes.map((attribute, a) => {
        const l = levels[p * A + a]!;
        const field: FieldComparison = { attribute, level: levelNames[l]!, weight: round(effective[a]!) };
        if (l !== MISSING && effective[a] === 0 && place.includes(a)) field.note = 'place already counted';
        const left = columns[a]![i];
        const right = columns[a]![j];
        if (left !== null && left !== undefined) field.left = left;
        if (right !== null && right !== undefined) field.right = right;
        if (swapped[p] === 1 && (a === given || a === family)) field.note = 'given and family names swapped';
        if (l === EXACT && shared[a]?.has(left!)) field.note = 'shared by several people';
        return field;
      });
      return { left: refOf(records[i]!), right: refOf(records[j]!), fields };
    },
  };
}

function refOf(record: SourceRecord): { source: string; key: string } {
  return { source: record.source, key: record.key };
}
