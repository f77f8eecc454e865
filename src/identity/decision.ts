/**
 * Decisions on scored pairs: match, review or no-match from the probability, the rules, the vetoes
 * and the household guard; and the ambiguity guard that sends to review a record matched, short of
 * decisively, to two records a veto separates. Shared by the batch pipeline and the identity graph.
 * @module
 */

/** Posterior match probability of a total match weight (log2-odds). */
export function probability(weight: number): number {
  return 1 / (1 + 2 ** -weight);
}

/** Pair decisions as small numbers: 0 no-match, 1 review, 2 match. */
export type DecisionCode = 0 | 1 | 2;

/**
 * The decision on one pair.
 * @param personEvidence - called only when needed: whether the pair agrees on something that tells
 *   a person from a relative.
 */
export function pairDecision(
  prob: number,
  thresholds: { match: number; review: number },
  ruleFired: boolean,
  vetoFired: boolean,
  personEvidence: () => boolean,
): DecisionCode {
  let d: DecisionCode = prob >= thresholds.match || ruleFired ? 2 : prob >= thresholds.review ? 1 : 0;
  // The same family name at the same address with the same landline is a household, not a
  // person: without an agreeing given name, birth date or personal contact, a human decides.
  if (d === 2 && !ruleFired && !personEvidence()) d = 1;
  // A veto forbids an automatic merge: a pair that would have matched goes to a human; a weaker one
  // (relatives sharing an address) is simply not the same person.
  if (vetoFired) d = d === 2 ? 1 : 0;
  return d;
}

/** The weight above which a match is decisive: never ambiguous, and may set a lone culprit apart. */
export function decisiveWeight(thresholds: { match: number }): number {
  return Math.log2(thresholds.match / (1 - thresholds.match)) + DECISIVE_BITS;
}

/** Records matched to more partners than this are not checked for ambiguity (the clustering still guards them). */
const AMBIGUITY_PARTNERS = 40;
/** A match this many bits (about 1000:1) above the match threshold is decisive, never ambiguous. */
const DECISIVE_BITS = 10;
/** Two decisive matches closer than this (2:1) to two people a veto separates are a tie: review. */
const TIE_BITS = 1;
/** Between two conflicting partners, one stronger by this many bits (32:1) takes the record. */
const CLEAR_WIN_BITS = 5;

/**
 * Matches that cannot say which person they belong to: a record matched, on evidence short of
 * decisive, to two records that a veto separates (a landline-only till record matching both
 * spouses of a household), or on decisive evidence that fits two of them equally well (within
 * {@link TIE_BITS}). Such matches are left to review instead of merging the record with whichever
 * relative comes first.
 */
export function ambiguousMatches(
  n: number,
  left: Int32Array,
  right: Int32Array,
  decision: Uint8Array,
  weight: Float64Array,
  decisive: number,
  conflicts: (i: number, j: number) => boolean,
): number[] {
  const partners = new Map<number, number[]>(); // matches short of decisive
  const every = new Map<number, number[]>(); // every match but a human's "same" (it weighs Infinity)
  const add = (to: Map<number, number[]>, r: number, p: number) => {
    const list = to.get(r);
    if (list) list.push(p);
    else to.set(r, [p]);
  };
  for (let p = 0; p < decision.length; p++) {
    if (decision[p] !== 2 || weight[p] === Infinity) continue;
    add(every, left[p]!, p);
    add(every, right[p]!, p);
    if (weight[p]! >= decisive) continue;
    add(partners, left[p]!, p);
    add(partners, right[p]!, p);
  }
  const out = new Set<number>();
  // Decisive evidence that fits two people a veto separates about equally well (a till record with
  // the name, landline and postcode of a father and of his son) says nothing of which one it is:
  // the matches to those people, among the record's strongest (within TIE_BITS of the best, on
  // either side of the decisive weight), wait for review; one to the record's own duplicate stays.
  for (const [r, list] of every) {
    if (list.length < 2 || list.length > AMBIGUITY_PARTNERS) continue;
    list.sort((x, y) => weight[y]! - weight[x]! || x - y);
    const top = weight[list[0]!]!;
    if (top < decisive) continue;
    const near = list.filter((p) => top - weight[p]! < TIE_BITS);
    if (near.length < 2) continue;
    const people = near.map((p) => (left[p] === r ? right[p]! : left[p]!));
    near.forEach((p, k) => {
      if (people.some((o, j) => j !== k && conflicts(people[k]!, o))) out.add(p);
    });
  }
  for (let r = 0; r < n; r++) {
    const list = partners.get(r);
    if (!list || list.length < 2 || list.length > AMBIGUITY_PARTNERS) continue;
    // Strongest first; ties by pair index, itself canonical.
    list.sort((x, y) => weight[y]! - weight[x]! || x - y);
    const other = list.map((p) => (left[p] === r ? right[p]! : left[p]!));
    const best = other[0]!;
    let rival = -1; // the strongest partner that conflicts with another partner of r
    for (let x = 0; x < other.length && rival < 0; x++)
      for (let y = x + 1; y < other.length; y++)
        if (conflicts(other[x]!, other[y]!)) {
          rival = y;
          break;
        }
    if (rival < 0) continue;
    if (conflicts(best, other[rival]!) && weight[list[0]!]! - weight[list[rival]!]! >= CLEAR_WIN_BITS) {
      // One partner clearly explains the record better: keep it, and what agrees with it.
      for (let k = 1; k < other.length; k++) if (conflicts(best, other[k]!)) out.add(list[k]!);
    } else for (const p of list) out.add(p);
  }
  return [...out].sort((a, b) => a - b);
}

