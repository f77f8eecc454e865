/**
 * The identity graph: source records → profiles, kept up to date one record at a time.
 *
 * Each record is normalized once and put in the blocking index; it is scored against its candidates
 * with the same pair scorer and decisions as the batch {@link dedupe}, and the pairs that matter
 * (match, review, veto, human decision) become edges. The profiles touched by a change (the records
 * reachable through match edges, and the profiles they were in) are then clustered again from
 * scratch, in canonical (source/key) order, exactly as the batch clusters them. So the partition
 * depends on the set of records and human decisions, not on the order they arrived in. A block
 * that outgrows `maxBlockSize` is compared through a sorted window, as in batch: a pair compared
 * while its block was smaller stops counting once the two are no longer window neighbours, and
 * neighbours that come into the window when a record leaves are compared then; a block an update
 * brings back to `maxBlockSize` is compared all-pairs again. A contact key's
 * block (an e-mail, a phone) proposes no pair once more than `SHARED_GROUP_LIMIT` records hold its
 * value, as in batch: the pairs it alone proposed are dropped then, and proposed again if it shrinks.
 *
 * Values several people hold (a family mailbox, a household landline) weigh nothing, as in batch;
 * when a value becomes shared, or stops being shared, the pairs that agree on it are scored again.
 *
 * A profile is named by its anchor: its earliest record (by time, then source/key). Pure: no I/O.
 * @module
 */
import { blockingTransforms, isContactKey } from './blocking.js';
import { comparators, type Comparator, type EncodedColumn } from './compare.js';
import { clusterPairs } from './cluster.js';
import type { IdentityConfig } from './config.js';
import { ambiguousMatches, decisiveWeight, pairDecision, probability, type DecisionCode } from './decision.js';
import type { PairExplanation, RecordRef } from './explanation.js';
import { createPairScorer, round, SHARED_GROUP_LIMIT, sharedKinds, type PairScorer } from './scoring.js';
import { PairIds } from './pair-ids.js';
import { ReviewQueue } from './review-queue.js';
import type { FrozenModel } from './train.js';

/** A human decision on a pair of records. */
export type HumanVerdict = 'same' | 'different';

/** A scored pair kept in the graph. `a` sorts before `b` by source/key. */
export interface Edge {
  a: number;
  b: number;
  /** Total match weight. */
  weight: number;
  /** The model's decision (with rules, vetoes and the household guard). */
  computed: DecisionCode;
  /** The decision after the ambiguity guard and human decisions, as clustering last used it. */
  final: DecisionCode;
  /** Rules and vetoes fired (lists shared between edges: never modified). */
  rules: readonly string[];
  vetoes: readonly string[];
  human: HumanVerdict | null;
}

/** The profiles a change recomputed: anchor → member records, before and after. */
export interface GraphChange {
  before: Map<number, number[]>;
  after: Map<number, number[]>;
}

/** A profile a query resembles, with the best pair behind it. */
export interface GraphCandidate {
  anchor: number;
  /** The record of the profile that scored best against the query. */
  record: number;
  weight: number;
  decision: DecisionCode;
}

/**
 * The records sharing one key value: one index for a block of one (most of them), else a list.
 * Lists past `maxBlockSize` are kept sorted by sort key, then source/key (see `sortedLists`).
 */
type Members = number | number[];

/** Where one key's blocks are found by key value: a `Map`, or {@link DenseBlocks}. */
interface BlockMap<K> {
  get(key: K): Members | undefined;
  set(key: K, members: Members): void;
  delete(key: K): void;
}

/**
 * The blocks of a two-part key, whose values are dense ids (`PairIds`): an array indexed by id,
 * one memory load where a large `Map` takes several.
 */
class DenseBlocks implements BlockMap<string | number> {
  private readonly entries: (Members | undefined)[] = [];
  get(id: string | number): Members | undefined {
    return this.entries[id as number];
  }
  set(id: string | number, members: Members): void {
    while (this.entries.length < (id as number)) this.entries.push(undefined);
    this.entries[id as number] = members;
  }
  delete(id: string | number): void {
    this.entries[id as number] = undefined;
  }
}

/** Adds `i` to a {@link Members} entry of a map. */
function addMember<K>(map: BlockMap<K>, key: K, i: number): void {
  const entry = map.get(key);
  if (entry === undefined) map.set(key, i);
  else if (typeof entry === 'number') map.set(key, [entry, i]);
  else entry.push(i);
}

/** Removes `i` from a {@link Members} entry of a map. */
function removeMember<K>(map: BlockMap<K>, key: K, i: number): void {
  const entry = map.get(key);
  if (entry === undefined) return;
  if (typeof entry === 'number') {
    if (entry === i) map.delete(key);
    return;
  }
  const at = entry.indexOf(i);
  if (at >= 0) entry.splice(at, 1);
  if (entry.length === 1 && entry[0] !== undefined) map.set(key, entry[0]);
  else if (entry.length === 0) map.delete(key);
}

/** A {@link Members} entry as a list (a new one-element list for a single member). */
function membersList(entry: Members | undefined): readonly number[] {
  return entry === undefined ? NO_MEMBERS : typeof entry === 'number' ? [entry] : entry;
}

const NO_MEMBERS: readonly number[] = [];

/**
 * Lists shorter than this grow by a copy of their exact length: a push reserves 16 more slots, and
 * the graph holds a list of edges per record, of members per block and per profile.
 */
const EXACT_LIST = 16;

/** `list` with `item` at its end: a new list while it is short, else the same one pushed to. */
function appended<T>(list: T[] | undefined, item: T): T[] {
  if (list === undefined) return [item];
  if (list.length >= EXACT_LIST) {
    list.push(item);
    return list;
  }
  return list.concat([item]);
}
const NO_EDGES: readonly Edge[] = [];

/** Transformed values kept per blocking part (names repeat: a phonetic code is computed once per name). */
const TRANSFORM_CACHE = 100_000;

/** Memoizes a blocking transform (identity transforms are left as they are). */
function cached(transform: (v: string) => string, name: string): (v: string) => string {
  if (name === 'exact') return transform;
  const cache = new Map<string, string>();
  return (v) => {
    let t = cache.get(v);
    if (t === undefined) {
      if (cache.size >= TRANSFORM_CACHE) cache.clear();
      cache.set(v, (t = transform(v)));
    }
    return t;
  };
}

/** Kinds whose values repeat across records: their comparisons are cached by value ids. */
const repetitiveKinds = new Set<string>(['givenName', 'familyName', 'city', 'postcode', 'category', 'text', 'date']);
/** Most slots of each attribute's comparison cache (direct-mapped: a colliding pair replaces the older). */
const CACHE_BITS = 19;
/** Slots to start with; the cache grows with the vocabulary, so a small referential stays small. */
const FIRST_CACHE_BITS = 10;

/**
 * A growing column of value ids with a cache of compared id pairs: the incremental counterpart of
 * the batch's encoded columns. Values are numbered as records arrive; a query's unseen value is −2
 * (compared as text, and not added). The cache is a direct-mapped table of typed arrays: a lookup
 * allocates nothing, and a pair it forgot is simply compared again. It starts small and doubles
 * (starting over empty) while the vocabulary outgrows it, up to 2^19 slots.
 */
class GrowingEncoding implements EncodedColumn {
  readonly ids: number[] = [];
  private readonly index = new Map<string, number>();
  private readonly values: string[] = [];
  private readonly self: number[] = [];
  private bits = 0;
  /** Slot s: `slots[2s]` the smaller id, `slots[2s + 1]` the larger id × 8 + the level (one cache line). */
  private slots = new Int32Array(0);
  constructor(private readonly comparator: Comparator) {}

  private grow(): void {
    this.bits = this.bits === 0 ? FIRST_CACHE_BITS : this.bits + 1;
    this.slots = new Int32Array(2 << this.bits).fill(-1);
  }

  /** Sets the id of record `i`'s value (`add`: number a new value; else −2 for an unseen one). */
  set(i: number, value: string | null, add: boolean): void {
    if (value === null) {
      this.ids[i] = -1;
      return;
    }
    let id = this.index.get(value);
    if (id === undefined) {
      if (!add) {
        this.ids[i] = -2;
        return;
      }
      id = this.values.length;
      this.index.set(value, id);
      this.values.push(value);
      this.self.push(this.comparator(value, value));
    }
    this.ids[i] = id;
  }

  compare(x: number, y: number): number {
    if (x === y) return this.self[x]!;
    if (x > y) [x, y] = [y, x];
    if (this.bits < CACHE_BITS && this.values.length > 1 << Math.max(0, this.bits - 2)) this.grow();
    const slot = ((Math.imul(x, 0x9e3779b1) ^ Math.imul(y, 0x85ebca77)) >>> (32 - this.bits)) << 1;
    const slots = this.slots;
    const packed = slots[slot + 1]!;
    if (slots[slot] === x && packed >>> 3 === y) return packed & 7;
    const level = this.comparator(this.values[x]!, this.values[y]!);
    slots[slot] = x;
    slots[slot + 1] = y * 8 + level;
    return level;
  }
}

/** Pair keys pack two record indexes: at most 2^26 records per graph. */
const PAIR_BASE = 67_108_864;

/** One number per pair of record indexes, whichever comes first. */
export function pairKey(x: number, y: number): number {
  return x < y ? x * PAIR_BASE + y : y * PAIR_BASE + x;
}

/** The identity graph of one referential. */
export class IdentityGraph {
  readonly attributes: string[];
  private readonly config: IdentityConfig;
  private readonly scorer: PairScorer;
  private readonly columns: (string | null)[][];
  private readonly sources: string[] = [];
  private readonly keys: string[] = [];
  private readonly refs: string[] = [];
  private readonly byRef = new Map<string, number>();
  private readonly times: number[] = [];
  private readonly sortKeys: (string | undefined)[] = [];
  private readonly blocks: BlockMap<string | number>[];
  /** Per two-part blocking key, a dictionary of part values → codes per part (one shared when unordered). */
  private readonly partCodes: (Map<string, number>[] | null)[];
  /** Per two-part blocking key, per part, the part's code by the value id of its attribute (−1: no part). */
  private readonly codeById: (number[][] | null)[];
  /** Per two-part blocking key, the block id of each pair of part codes. */
  private readonly pairIds: (PairIds | null)[];
  /** Per blocking key, per record, the list of its block (`undefined` while alone in it). */
  private readonly blockOf: (number[] | undefined)[][];
  /** Block lists kept sorted (they outgrew `maxBlockSize`). */
  private readonly sortedLists = new WeakSet<number[]>();
  private readonly keyParts: { attribute: number; transform: (v: string) => string }[][];
  private readonly unordered: boolean[];
  /** Per record, its edges (few: a list is lighter than a map). */
  private readonly edges: (Edge[] | undefined)[] = [];
  private readonly holders: (Map<string, Members> | null)[];
  private readonly shared: (Set<string> | null)[];
  private readonly label: number[] = [];
  /** Per anchor, its profile's records; undefined for a record that anchors no profile. */
  private readonly members: (number[] | undefined)[] = [];
  private profileCount = 0;
  private readonly human = new Map<number, HumanVerdict>();
  private readonly humanPartners = new Map<number, number>();
  /** Groups of records joined by human "same" verdicts, by member, as {@link sameByHumans} found them (emptied by {@link decide}). */
  private readonly humanGroups = new Map<number, ReadonlySet<number>>();
  private readonly groupApart = new WeakMap<ReadonlySet<number>, ReadonlySet<number>>();
  /** Edges waiting for review. */
  private readonly pending = new ReviewQueue<Edge>();
  private newlyPending: Edge[] = [];
  /**
   * Since the last {@link takeNewReviews}: pairs that were in the review queue then and left it
   * (back in it, they are not new), and pairs that entered it (leaving and coming back, they still are).
   */
  private leftPending = new Set<number>();
  private enteredPending = new Set<number>();
  /** While a batch is open: the records whose profiles must be clustered again when it closes. */
  private deferred: Set<number> | null = null;
  private readonly decisive: number;
  private readonly sortAttributes: number[];
  private readonly scratch: Uint8Array;
  /** Per record, 1 once it is in a block compared through a window (its pairs must then be checked). */
  private readonly windowed: number[] = [];
  /** Records whose match edges a window change may have (in)validated, for the next recluster. */
  private windowSeeds: number[] = [];
  /** Per key, whether it is a contact key (see `isContactKey`): past `SHARED_GROUP_LIMIT` records a block proposes nothing. */
  private readonly contact: boolean[];
  /** Review edges a window change may have made count, or stop counting: their place in the review queue is settled again. */
  private resettle: Edge[] = [];
  /** Records that lost a match edge when a contact block stopped proposing pairs, for the next recluster. */
  private droppedSeeds: number[] = [];
  /** Per record, the last candidate search that met it (dedupes candidates without a Set). */
  private readonly seen: number[] = [];
  private generation = 0;
  /** Per record of the set {@link recluster} works on, its place in the set (valid where `seen` has its stamp). */
  private readonly localOf: number[] = [];
  /** Scratch of {@link recluster}: one record's pairs with later records of the set. */
  private readonly rowLocal: number[] = [];
  private readonly rowEdges: Edge[] = [];
  private readonly encoded: (GrowingEncoding | null)[];
  /**
   * Term-frequency adjustments, computed once per value: per attribute with value ids, by value id
   * (and the query's value, when no record has it); per other attribute, by record.
   */
  private readonly adjustmentById: number[][];
  private readonly unseenAdjustment: number[];
  private readonly adjustments: (number[] | null)[];
  private readonly frozen: FrozenModel;

  constructor(config: IdentityConfig, frozen: FrozenModel) {
    this.config = config;
    this.attributes = Object.keys(config.attributes);
    const A = this.attributes.length;
    this.columns = this.attributes.map(() => []);
    this.frozen = frozen;
    const kinds = this.attributes.map((a) => config.attributes[a]!.kind);
    this.holders = kinds.map((k) => (sharedKinds.has(k) ? new Map() : null));
    this.shared = kinds.map((k) => (sharedKinds.has(k) ? new Set() : null));
    const columns = this.columns;
    this.encoded = kinds.map((k) => (repetitiveKinds.has(k) ? new GrowingEncoding(comparators[k]) : null));
    const encoded = this.encoded;
    const adjustmentById = (this.adjustmentById = this.attributes.map(() => []));
    const unseenAdjustment = (this.unseenAdjustment = this.attributes.map(() => 0));
    const adjustments = (this.adjustments = encoded.map((e) => (e ? null : [])));
    this.scorer = createPairScorer({
      config,
      attributes: this.attributes,
      columns,
      encoded: this.encoded,
      model: () => frozen.model,
      adjustment: (a, i) => {
        const e = encoded[a];
        if (!e) return adjustments[a]![i]!;
        const id = e.ids[i]!;
        return id >= 0 ? adjustmentById[a]![id]! : unseenAdjustment[a]!;
      },
      isShared: (a, value) => this.shared[a]?.has(value) ?? false,
    });
    this.scratch = new Uint8Array(A);
    // Two-part keys' values are dense ids (see keyOf): their blocks live in arrays.
    this.blocks = config.blocking.keys.map((k) => (k.parts.length === 2 ? new DenseBlocks() : new Map()));
    this.blockOf = config.blocking.keys.map(() => []);
    this.keyParts = config.blocking.keys.map((key) =>
      key.parts.map((part) => {
        const [attribute = '', transform = 'exact'] = part.split(':');
        return { attribute: this.attributes.indexOf(attribute), transform: cached(blockingTransforms[transform]!, transform) };
      }),
    );
    this.unordered = config.blocking.keys.map((k) => k.unordered === true);
    this.contact = config.blocking.keys.map((k) => isContactKey(k, config));
    this.partCodes = config.blocking.keys.map((k) => {
      if (k.parts.length !== 2) return null;
      const first = new Map<string, number>();
      return [first, k.unordered ? first : new Map<string, number>()];
    });
    this.codeById = config.blocking.keys.map((k) => (k.parts.length === 2 ? [[], []] : null));
    this.pairIds = config.blocking.keys.map((k) => (k.parts.length === 2 ? new PairIds() : null));
    this.decisive = decisiveWeight(config.thresholds);
    const first = (kind: string) => kinds.indexOf(kind as (typeof kinds)[number]);
    const parts = [first('familyName'), first('givenName'), first('fullName'), first('date')].filter((a) => a >= 0);
    this.sortAttributes = parts.length > 0 ? parts : this.attributes.map((_, a) => a);
  }

  /** Number of records. */
  get size(): number {
    return this.refs.length;
  }

  /** The index of a record by its ref, or −1. */
  indexOf(ref: string): number {
    return this.byRef.get(ref) ?? -1;
  }

  /** The record behind an index. */
  recordAt(i: number): RecordRef {
    return { source: this.sources[i]!, key: this.keys[i]! };
  }

  /** A record's normalized value of attribute `a`. */
  valueOf(i: number, a: number): string | null {
    return this.columns[a]![i] ?? null;
  }

  /** A record's normalized values, in attribute order. */
  valuesOf(i: number): (string | null)[] {
    return this.columns.map((c) => c[i] ?? null);
  }

  /** The anchor of a record's profile. */
  profileOf(i: number): number {
    return this.label[i]!;
  }

  /** The records of the profile anchored at `anchor` (sorted by source/key), or undefined. */
  membersOf(anchor: number): readonly number[] | undefined {
    return anchor >= 0 ? this.members[anchor] : undefined;
  }

  /** Number of profiles. */
  get profiles(): number {
    return this.profileCount;
  }

  private setMembers(anchor: number, group: number[]): void {
    if (this.members[anchor] === undefined) this.profileCount++;
    this.members[anchor] = group;
  }

  private dropMembers(anchor: number): void {
    if (this.members[anchor] !== undefined) this.profileCount--;
    this.members[anchor] = undefined;
  }

  /** Pairs waiting for a human: a review (or a refused match) between two profiles, without a decision. */
  reviews(): IterableIterator<Edge> {
    return this.pending.values();
  }

  /** The pairs waiting for review, heaviest first (pairs of equal weight in no particular order). */
  heaviestReviews(): Generator<Edge> {
    return this.pending.heaviest();
  }

  /** Pairs that entered the review queue since the last call (still pending), and forgets them. */
  takeNewReviews(): Edge[] {
    // Once per pair: a pair may enter, leave and enter again within one operation.
    const told = new Set<number>();
    const out = this.newlyPending.filter((e) => {
      const key = pairKey(e.a, e.b);
      if (!this.pending.has(e) || this.leftPending.has(key) || told.has(key)) return false;
      told.add(key);
      return true;
    });
    this.newlyPending = [];
    this.leftPending.clear();
    this.enteredPending.clear();
    return out;
  }

  /** Number of pairs waiting for review. */
  get reviewCount(): number {
    return this.pending.size;
  }

  /** Whether the pair of records waits for review. */
  isPending(x: number, y: number): boolean {
    return this.pendingEdge(x, y) !== undefined;
  }

  /** The edge of a pair of records waiting for review, if it waits. */
  pendingEdge(x: number, y: number): Edge | undefined {
    if (x === y) return undefined;
    const edge = this.edgeBetween(x, y);
    return edge && this.pending.has(edge) ? edge : undefined;
  }

  /**
   * The records whose value of attribute `a` is `value` (normalized), from the index the graph
   * keeps of e-mails and phones; `null` for an attribute without such an index.
   */
  holdersOf(a: number, value: string): readonly number[] | null {
    const holders = this.holders[a];
    return holders ? membersList(holders.get(value)) : null;
  }

  /** The edges of a record (pairs kept: match, review, veto or human decision). */
  edgesOf(i: number): readonly Edge[] {
    return this.edges[i] ?? NO_EDGES;
  }

  /** The edge between two records, if kept. */
  private edgeBetween(x: number, y: number): Edge | undefined {
    const list = this.edges[x];
    if (!list) return undefined;
    for (const e of list) if (e.a === y || e.b === y) return e;
    return undefined;
  }

  /** The human decision on a pair, if any. */
  verdict(x: number, y: number): HumanVerdict | null {
    return this.human.get(pairKey(x, y)) ?? null;
  }

  /**
   * Adds a record, or replaces the values of one already there (an update of the same source and
   * key), and recomputes the profiles it touches. Returns `null` when the values did not change.
   * @param time - epoch ms used to choose profile anchors (the record's first observation).
   */
  upsert(record: RecordRef, ref: string, time: number, values: readonly (string | null)[]): { index: number; change: GraphChange } | null {
    let i = this.byRef.get(ref);
    const seeds = new Set<number>();
    if (i === undefined) {
      i = this.refs.length;
      this.byRef.set(ref, i);
      this.sources.push(record.source);
      this.keys.push(record.key);
      this.refs.push(ref);
      this.times.push(time);
      this.label.push(-1); // in no profile until clustered
      this.setValues(i, values, true);
      this.sortKeys.push(undefined);
      this.edges.push(undefined);
    } else {
      if (this.columns.every((c, a) => c[i!] === (values[a] ?? null))) return null;
      for (const y of this.removeFromIndex(i)) seeds.add(y);
      const kept: number[] = [];
      for (const edge of [...this.edgesOf(i)]) {
        const other = edge.a === i ? edge.b : edge.a;
        if (this.effective(edge) === 2) seeds.add(other);
        if (edge.human) kept.push(other);
        else this.dropEdge(edge);
      }
      this.setValues(i, values, true);
      this.sortKeys[i] = undefined;
      for (const other of kept) if (this.rescore(i, other)) seeds.add(other);
    }
    seeds.add(i);
    const candidates = this.candidatesOf(i, true);
    for (const y of this.flipShared(i, true)) seeds.add(y);
    for (const y of candidates) if (this.rescore(i, y)) seeds.add(y);
    for (const y of this.takeWindowSeeds()) seeds.add(y);
    for (const y of this.droppedSeeds) seeds.add(y);
    this.droppedSeeds = [];
    this.settleWindowed();
    if (this.deferred) {
      for (const s of seeds) this.deferred.add(s);
      return { index: i, change: { before: new Map(), after: new Map() } };
    }
    return { index: i, change: this.recluster(seeds) };
  }

  /**
   * Opens a batch: records upserted until {@link endBatch} are scored and indexed at once, and
   * their profiles clustered once, when the batch closes (their changes are then empty).
   */
  beginBatch(): void {
    this.deferred ??= new Set();
  }

  /** Closes the batch: clusters every profile its records touched; the change covers the whole batch. */
  endBatch(): GraphChange {
    const seeds = this.deferred ?? new Set<number>();
    this.deferred = null;
    return this.recluster(seeds);
  }

  /**
   * Sets human verdicts on pairs of records (`null` clears one) and recomputes the profiles they
   * touch. A `same` pair is merged first, before any computed match, and no veto separates it; a
   * `different` pair never shares a profile.
   */
  decide(pairs: readonly [number, number, HumanVerdict | null][]): GraphChange {
    const seeds = new Set<number>();
    this.humanGroups.clear();
    for (const [x, y, verdict] of pairs) {
      if (x === y) continue;
      const key = pairKey(x, y);
      const before = this.human.get(key);
      if (verdict === null) this.human.delete(key);
      else this.human.set(key, verdict);
      const delta = (before ? -1 : 0) + (verdict ? 1 : 0);
      for (const r of [x, y]) {
        const count = (this.humanPartners.get(r) ?? 0) + delta;
        if (count > 0) this.humanPartners.set(r, count);
        else this.humanPartners.delete(r);
      }
      if (verdict !== null || this.shareBlock(x, y)) this.rescore(x, y);
      else {
        // Without its verdict, a pair blocking never proposes is no pair at all: as before the verdict.
        const edge = this.edgeBetween(x, y);
        if (edge) this.dropEdge(edge);
      }
      seeds.add(x).add(y); // a verdict always settles the pair's profiles
    }
    return this.recluster(seeds);
  }

  /**
   * The profiles a query (normalized values, not stored) resembles, best first (matches, then
   * reviews, then the rest, each by weight): for each, its best record by the same order. Only profiles reached by blocking and scored above no-match are returned
   * unless `all` is set.
   */
  resolve(values: readonly (string | null)[], limit: number, all = false): GraphCandidate[] {
    const q = this.refs.length; // a scratch slot just past the last record
    this.setValues(q, values, false);
    this.sortKeys[q] = undefined;
    try {
      const best = new Map<number, GraphCandidate>();
      for (const y of this.candidatesOf(q, false)) {
        this.scoreInto(q, y);
        const { weight, computed } = this.scored;
        if (computed === 0 && !all) continue;
        const anchor = this.label[y]!;
        const seen = best.get(anchor);
        if (
          !seen ||
          computed > seen.decision ||
          (computed === seen.decision && (weight > seen.weight || (weight === seen.weight && this.refs[y]! < this.refs[seen.record]!)))
        )
          best.set(anchor, { anchor, record: y, weight, decision: computed });
      }
      // Matches first, then reviews (a heavy pair a veto sent to review is not the answer), each by weight.
      return [...best.values()]
        .sort((x, y) => y.decision - x.decision || y.weight - x.weight || (this.refs[x.anchor]! < this.refs[y.anchor]! ? -1 : 1))
        .slice(0, limit);
    } finally {
      this.truncate(q);
      this.sortKeys.length = q;
    }
  }

  /** Explains the pair of a query (as given to {@link resolve}) and a stored record. */
  explainQuery(values: readonly (string | null)[], y: number, query: RecordRef): PairExplanation {
    const q = this.refs.length;
    this.setValues(q, values, false);
    try {
      const levels = new Uint8Array(this.scorer.width);
      const swapped = this.scorer.levels(q, y, levels, 0);
      const edge = this.score(q, y);
      return {
        left: query,
        right: this.recordAt(y),
        decision: (['no-match', 'review', 'match'] as const)[edge.computed],
        probability: probability(edge.weight),
        weight: round(edge.weight),
        fields: this.scorer.explainFields(levels, 0, swapped, q, y),
        rules: [...edge.rules],
        vetoes: [...edge.vetoes],
      };
    } finally {
      this.truncate(q);
    }
  }

  /** Explains a stored pair of records: every field's level and weight, rules, vetoes, decision. */
  explain(x: number, y: number): PairExplanation {
    const [a, b] = this.refs[x]! < this.refs[y]! ? [x, y] : [y, x];
    const levels = new Uint8Array(this.scorer.width);
    const swapped = this.scorer.levels(a, b, levels, 0);
    const kept = this.edgeBetween(a, b);
    const edge = kept ?? this.score(a, b);
    const names = ['no-match', 'review', 'match'] as const;
    const decision = edge.human === 'same' ? 2 : edge.human === 'different' ? 0 : kept ? edge.final : edge.computed;
    return {
      left: this.recordAt(a),
      right: this.recordAt(b),
      decision: names[decision],
      probability: probability(edge.weight),
      weight: round(edge.weight),
      fields: this.scorer.explainFields(levels, 0, swapped, a, b),
      rules: [...edge.rules],
      vetoes: [...edge.vetoes],
    };
  }

  /** Writes a record's (or the query slot's) values into the columns and their encodings. */
  private setValues(i: number, values: readonly (string | null)[], add: boolean): void {
    for (let a = 0; a < this.columns.length; a++) {
      const v = values[a] ?? null;
      this.columns[a]![i] = v;
      const encoded = this.encoded[a] ?? null;
      if (encoded === null) {
        this.adjustments[a]![i] = v === null ? 0 : this.frozen.adjustment(a, v);
        continue;
      }
      encoded.set(i, v, add);
      if (v === null) continue;
      const id = encoded.ids[i]!;
      if (id < 0) this.unseenAdjustment[a] = this.frozen.adjustment(a, v); // the query's value (−2)
      else if (this.adjustmentById[a]![id] === undefined) this.adjustmentById[a]![id] = this.frozen.adjustment(a, v);
    }
  }

  /** Drops the query slot. */
  private truncate(q: number): void {
    this.columns.forEach((c) => (c.length = q));
    for (const c of this.adjustments) if (c) c.length = q;
    for (const e of this.encoded) if (e) e.ids.length = q;
  }

  // ── Scoring ────────────────────────────────────────────────────────────────────────────────

  /** The last pair {@link scoreInto} scored: read before the next call (no object per scored pair). */
  private scored = { a: 0, b: 0, weight: 0, computed: 0 as DecisionCode, rules: [] as readonly string[], vetoes: [] as readonly string[] };

  /** Scores a pair into {@link scored}, in canonical orientation (the record first by source/key on the left, as the batch does). */
  private scoreInto(x: number, y: number): void {
    const xFirst = x === this.refs.length || this.refs[x]! < this.refs[y]!;
    const a = xFirst ? x : y;
    const b = xFirst ? y : x;
    const levels = this.scratch;
    const swapped = this.scorer.levels(a, b, levels, 0);
    const weight = this.scorer.score(levels, 0, swapped, a);
    const rules = this.scorer.rulesFired(levels, 0);
    const vetoes = this.scorer.vetoesFired(levels, 0, a, b);
    const out = this.scored;
    out.a = a;
    out.b = b;
    out.weight = weight;
    out.rules = rules;
    out.vetoes = vetoes;
    out.computed = pairDecision(probability(weight), this.config.thresholds, rules.length > 0, vetoes.length > 0, () =>
      this.scorer.personEvidence(levels, 0, a),
    );
  }

  /** The human verdict on a scored pair (none for the query slot). */
  private humanOf(a: number, b: number): HumanVerdict | null {
    return this.human.size === 0 || a === this.refs.length || b === this.refs.length ? null : (this.human.get(pairKey(a, b)) ?? null);
  }

  /** The pair's edge as {@link scoreInto} scores it (not kept). */
  private score(x: number, y: number): Edge {
    this.scoreInto(x, y);
    const { a, b, weight, computed, rules, vetoes } = this.scored;
    return { a, b, weight, computed, final: computed, rules, vetoes, human: this.humanOf(a, b) };
  }

  /**
   * Scores a stored pair again and keeps, replaces or drops its edge. Returns true when the change
   * can move a profile boundary (the pair was or is a match): its records must be clustered again.
   * Otherwise the pair's place in the review queue is settled here.
   */
  private rescore(x: number, y: number): boolean {
    this.scoreInto(x, y);
    const { a, b, computed, vetoes } = this.scored;
    const human = this.humanOf(a, b);
    const existing = this.edgeBetween(x, y);
    const wasMatch = existing !== undefined && this.effective(existing) === 2;
    if (existing) this.dropEdge(existing);
    if (computed === 0 && vetoes.length === 0 && !human) return wasMatch;
    const { weight, rules } = this.scored;
    const edge: Edge = { a, b, weight, computed, final: computed, rules, vetoes, human };
    this.edges[a] = appended(this.edges[a], edge);
    this.edges[b] = appended(this.edges[b], edge);
    const d = this.effective(edge);
    if (d === 2) return true;
    edge.final = d;
    this.settlePending(edge);
    return wasMatch;
  }

  private settlePending(edge: Edge): void {
    const la = this.label[edge.a]!;
    const lb = this.label[edge.b]!;
    if (!edge.human && edge.final >= 1 && la >= 0 && lb >= 0 && la !== lb && this.isBatchPair(edge.a, edge.b) && !this.decidedApart(edge.a, edge.b)) {
      if (!this.pending.has(edge)) {
        this.newlyPending.push(edge);
        const key = pairKey(edge.a, edge.b);
        if (!this.leftPending.has(key)) this.enteredPending.add(key);
      }
      this.pending.add(edge);
    } else this.leavePending(edge);
  }

  /**
   * Whether human verdicts already answer the pair "different": a record that humans decided is
   * `x`'s person and one decided to be `y`'s are different people (accepting the pair would
   * contradict them). Such a pair waits for nobody.
   */
  private decidedApart(x: number, y: number): boolean {
    if (!this.humanPartners.has(x) && !this.humanPartners.has(y)) return false;
    const [small, large] = [this.sameByHumans(x), this.sameByHumans(y)].sort((p, q) => p.size - q.size) as [ReadonlySet<number>, ReadonlySet<number>];
    const apart = this.apartFrom(large);
    for (const r of small) if (apart.has(r)) return true;
    return false;
  }

  /** The records a human decided are not the person of a group {@link sameByHumans} returned (kept with the group). */
  private apartFrom(group: ReadonlySet<number>): ReadonlySet<number> {
    const known = this.groupApart.get(group);
    if (known) return known;
    const apart = new Set<number>();
    for (const r of group) for (const edge of this.edgesOf(r)) if (edge.human === 'different') apart.add(edge.a === r ? edge.b : edge.a);
    this.groupApart.set(group, apart);
    return apart;
  }

  /** The records joined to `x` by human "same" verdicts, `x` included (kept until the next verdict). */
  private sameByHumans(x: number): ReadonlySet<number> {
    if (!this.humanPartners.has(x)) return new Set([x]);
    const known = this.humanGroups.get(x);
    if (known) return known;
    const group = new Set([x]);
    for (const r of group)
      for (const edge of this.edgesOf(r)) {
        const other = edge.a === r ? edge.b : edge.a;
        if (edge.human === 'same' && !group.has(other)) group.add(other);
      }
    for (const r of group) this.humanGroups.set(r, group);
    return group;
  }

  /** Takes an edge out of the review queue (remembering its pair, see {@link leftPending}). */
  private leavePending(edge: Edge): void {
    if (this.pending.has(edge)) {
      this.pending.delete(edge);
      const key = pairKey(edge.a, edge.b);
      if (!this.enteredPending.has(key)) this.leftPending.add(key);
    }
  }

  private dropEdge(edge: Edge): void {
    this.unlink(edge.a, edge);
    this.unlink(edge.b, edge);
    this.leavePending(edge);
  }

  /** Takes an edge out of one of its records' lists. */
  private unlink(p: number, edge: Edge): void {
    const list = this.edges[p];
    const at = list ? list.indexOf(edge) : -1;
    if (at < 0) return;
    list![at] = list![list!.length - 1]!;
    list!.pop();
    if (list!.length === 0) this.edges[p] = undefined;
  }

  private effective(edge: Edge): DecisionCode {
    return edge.human === 'same' ? 2 : edge.human === 'different' ? 0 : edge.computed;
  }

  private conflicts(x: number, y: number): boolean {
    if (this.human.size > 0) {
      const verdict = this.human.get(pairKey(x, y));
      if (verdict) return verdict === 'different';
    }
    return this.scorer.conflicts(x, y);
  }

  // ── Blocking ───────────────────────────────────────────────────────────────────────────────

  /**
   * Record `i`'s value of blocking key `k`, or `null` when a part is missing. A one-part key is the
   * transformed value itself; a two-part key a number made of its parts' codes (no string is built
   * or kept per record); longer keys a joined string.
   * @param add - number part values never seen before (else such a key cannot exist: `null`).
   */
  private keyOf(k: number, i: number, add: boolean): string | number | null {
    const parts = this.keyParts[k]!;
    if (parts.length === 1) {
      const v = this.columns[parts[0]!.attribute]![i];
      if (v === null || v === undefined) return null;
      const t = parts[0]!.transform(v);
      return t === '' ? null : t;
    }
    if (parts.length === 2) {
      const first = this.partCode(k, 0, i, add);
      if (first < 0) return null;
      const second = this.partCode(k, 1, i, add);
      if (second < 0) return null;
      // Unordered parts (given ↔ family name) share one dictionary: the smaller code goes first.
      const swap = this.unordered[k] && second < first;
      const id = this.pairIds[k]!.id(swap ? second : first, swap ? first : second, add);
      return id < 0 ? null : id;
    }
    const out: string[] = [];
    for (const part of parts) {
      const v = this.columns[part.attribute]![i];
      if (v === null || v === undefined) return null;
      const t = part.transform(v);
      if (t === '') return null;
      out.push(t);
    }
    if (this.unordered[k]) out.sort();
    return out.join('\u0001');
  }

  /**
   * The code of part `p` of two-part key `k` for record `i`: −1 when the part is missing or empty,
   * or (unless `add`) a value no record ever gave. Cached by value id where the attribute has them.
   */
  private partCode(k: number, p: number, i: number, add: boolean): number {
    const part = this.keyParts[k]![p]!;
    const id = this.encoded[part.attribute]?.ids[i] ?? -2;
    if (id === -1) return -1;
    const cache = this.codeById[k]![p]!;
    if (id >= 0) {
      const code = cache[id];
      if (code !== undefined) return code;
    }
    const v = this.columns[part.attribute]![i];
    if (v === null || v === undefined) return -1;
    const t = part.transform(v);
    let code = -1;
    if (t !== '') {
      const dictionary = this.partCodes[k]![p]!;
      const known = dictionary.get(t);
      if (known !== undefined) code = known;
      else if (add) dictionary.set(t, (code = dictionary.size));
      else return -1; // a code may come later: not cached
    }
    if (id >= 0) cache[id] = code;
    return code;
  }

  private sortKey(i: number): string {
    let key = this.sortKeys[i];
    if (key === undefined) this.sortKeys[i] = key = this.sortAttributes.map((a) => this.columns[a]![i] ?? '').join('\u0001');
    return key;
  }

  private before(x: number, y: number): boolean {
    const kx = this.sortKey(x);
    const ky = this.sortKey(y);
    if (kx !== ky) return kx < ky;
    // The query slot sorts after records with an equal key.
    if (x === this.refs.length) return false;
    if (y === this.refs.length) return true;
    return this.refs[x]! < this.refs[y]!;
  }

  /** Position of `i` in a sorted block list (binary search). */
  private position(list: readonly number[], i: number): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.before(list[mid]!, i)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The candidates of record `i` in every block it falls in; inserts it there when `insert`. */
  private candidatesOf(i: number, insert: boolean): number[] {
    const { maxBlockSize, window } = this.config.blocking;
    const out: number[] = [];
    const stamp = ++this.generation;
    const seen = this.seen;
    seen[i] = stamp;
    const take = (y: number) => {
      if (seen[y] !== stamp) {
        seen[y] = stamp;
        out.push(y);
      }
    };
    for (let k = 0; k < this.blocks.length; k++) {
      const key = this.keyOf(k, i, insert);
      if (key === null) continue;
      const blocks = this.blocks[k]!;
      const entry = blocks.get(key);
      if (entry === undefined) {
        if (insert) blocks.set(key, i);
        continue;
      }
      const blockOf = this.blockOf[k]!;
      if (this.contact[k] && typeof entry !== 'number' && entry.length >= SHARED_GROUP_LIMIT) {
        // A shared value: it proposes no pair (and those it alone proposed go when it becomes one).
        if (insert) {
          if (entry.length === SHARED_GROUP_LIMIT) this.silence(k, entry);
          entry.push(i);
        }
        continue;
      }
      if (typeof entry === 'number') {
        take(entry);
        if (insert) {
          const list = [entry, i];
          blocks.set(key, list);
          blockOf[entry] = blockOf[i] = list;
        }
        continue;
      }
      let sorted = entry;
      if (!this.sortedLists.has(entry)) {
        if (entry.length + 1 <= maxBlockSize || this.contact[k]) {
          for (const y of entry) take(y);
          if (insert) {
            // Every member points at its block's list: a new list is pointed at by all.
            const grown = appended(entry, i);
            if (grown !== entry) {
              blocks.set(key, grown);
              for (const x of grown) blockOf[x] = grown;
            } else blockOf[i] = entry;
          }
          continue;
        }
        const byKey = (x: number, y: number) => (this.before(x, y) ? -1 : 1);
        // A query does not reorganize the index: it compares with a sorted copy.
        if (!insert) sorted = [...entry].sort(byKey);
        else {
          entry.sort(byKey);
          this.sortedLists.add(entry);
          // From now on only window neighbours are pairs here (as in batch): the block's matches
          // must be checked again.
          for (const x of entry) {
            this.windowed[x] = 1;
            this.windowSeeds.push(x);
          }
        }
      }
      if (insert) blockOf[i] = entry;
      const at = this.position(sorted, i);
      const reach = window - 1;
      for (let p = Math.max(0, at - reach); p < Math.min(sorted.length, at + reach); p++) take(sorted[p]!);
      if (insert) {
        // Pairs at the window's edge across the insertion point move out of it.
        for (let p = Math.max(0, at - reach); p < at && p + reach < sorted.length; p++) {
          const edge = this.edgeBetween(sorted[p]!, sorted[p + reach]!);
          if (edge && this.effective(edge) === 2) this.windowSeeds.push(edge.a, edge.b);
          else if (edge) this.resettle.push(edge);
        }
        sorted.splice(at, 0, i);
        this.windowed[i] = 1;
      }
    }
    return out;
  }

  /** Takes a record out of the blocking index and the value holders; returns records whose pairs were scored again. */
  private removeFromIndex(i: number): number[] {
    const touched: number[] = [];
    const reach = this.config.blocking.window - 1;
    for (let k = 0; k < this.blocks.length; k++) {
      const key = this.keyOf(k, i, false);
      if (key === null) continue;
      const entry = this.blocks[k]!.get(key);
      if (Array.isArray(entry) && this.sortedLists.has(entry)) {
        // Neighbours one step too far apart come into the window when i leaves it: they are pairs now.
        const at = entry.indexOf(i);
        for (let p = Math.max(0, at - reach); p < at; p++) {
          const q = p + reach + 1;
          if (q >= entry.length) break;
          const x = entry[p]!;
          const y = entry[q]!;
          const edge = this.edgeBetween(x, y);
          // A pair kept while out of the window counts again: a match moves profiles, a review re-enters the queue.
          if (edge === undefined ? this.rescore(x, y) : this.effective(edge) === 2) touched.push(x, y);
          // A review scored now, or kept, is settled once i has left (until then they are not neighbours).
          const kept = edge ?? this.edgeBetween(x, y);
          if (kept && this.effective(kept) !== 2) this.resettle.push(kept);
        }
      }
      const silent = this.contact[k] && Array.isArray(entry) && entry.length > SHARED_GROUP_LIMIT;
      removeMember(this.blocks[k]!, key, i);
      const blockOf = this.blockOf[k]!;
      blockOf[i] = undefined;
      const left = this.blocks[k]!.get(key);
      if (typeof left === 'number') blockOf[left] = undefined; // alone again
      else if (silent && left!.length === SHARED_GROUP_LIMIT) {
        for (const x of left!) blockOf[x] = left;
        for (const [x, y] of this.proposeAll(left!)) touched.push(x, y);
      } else if (left !== undefined && this.sortedLists.has(left) && left.length <= this.config.blocking.maxBlockSize) {
        // Back within maxBlockSize: compared all-pairs again, as in batch.
        this.sortedLists.delete(left);
        for (const [x, y] of this.proposeAll(left)) touched.push(x, y);
      }
    }
    for (const x of this.flipShared(i, false)) touched.push(x);
    return touched;
  }

  /**
   * A contact block reaching `SHARED_GROUP_LIMIT` + 1 records: its value is shared and proposes no
   * pair. Its members leave it (for `shareBlock` and `isBatchPair`), and the edges no other block
   * proposes, without a human verdict, are dropped; records that lose a match are clustered again.
   */
  private silence(k: number, list: readonly number[]): void {
    const blockOf = this.blockOf[k]!;
    for (const x of list) blockOf[x] = undefined;
    for (const x of list)
      for (const edge of [...this.edgesOf(x)]) {
        if (edge.human || this.proposed(edge.a, edge.b)) continue;
        if (this.effective(edge) === 2) this.droppedSeeds.push(edge.a, edge.b);
        this.dropEdge(edge);
      }
  }

  /**
   * A block that proposes all its pairs again (a silent contact block back to
   * `SHARED_GROUP_LIMIT` records, a windowed block back to `maxBlockSize`). Returns the pairs to
   * cluster again: those scored now that can move a profile boundary, and those whose edge was
   * kept while no block proposed it (a window had moved past them), which count again.
   */
  private proposeAll(list: readonly number[]): [number, number][] {
    const touched: [number, number][] = [];
    for (let p = 0; p < list.length; p++)
      for (let q = p + 1; q < list.length; q++) {
        const x = list[p]!;
        const y = list[q]!;
        const edge = this.edgeBetween(x, y);
        if (edge ? this.effective(edge) >= 1 : this.rescore(x, y)) touched.push([x, y]);
      }
    return touched;
  }

  /**
   * Whether a block the two records share proposes their pair: one compared all-pairs, or a
   * windowed one where they are window neighbours (searched only when no all-pairs block is shared).
   */
  private proposed(x: number, y: number): boolean {
    let windowedShared = false;
    for (const blockOf of this.blockOf) {
      const list = blockOf[x];
      if (list === undefined || list !== blockOf[y]) continue;
      if (!this.sortedLists.has(list)) return true;
      windowedShared = true;
    }
    if (!windowedShared) return false;
    const reach = this.config.blocking.window - 1;
    for (const blockOf of this.blockOf) {
      const list = blockOf[x];
      if (list === undefined || list !== blockOf[y]) continue;
      const at = this.position(list, x);
      for (let p = Math.max(0, at - reach); p <= Math.min(list.length - 1, at + reach); p++) if (list[p] === y) return true;
    }
    return false;
  }

  /**
   * Whether the batch would compare the pair of an edge's records (see {@link proposed}). A pair
   * compared while its block was smaller stays an edge, but no longer counts once the block is
   * windowed and they are too far apart; records in no windowed block need no search, since an
   * edge exists only while a block proposes it (or a human decided).
   */
  private isBatchPair(x: number, y: number): boolean {
    return this.windowed[x] !== 1 || this.windowed[y] !== 1 || this.proposed(x, y);
  }

  /** Whether an edge counts: a human verdict, or a pair the batch would compare. */
  private counts(edge: Edge): boolean {
    return edge.human !== null || this.isBatchPair(edge.a, edge.b);
  }

  /** Whether two stored records share a blocking key value (they would be compared). */
  private shareBlock(x: number, y: number): boolean {
    for (const blockOf of this.blockOf) if (blockOf[x] !== undefined && blockOf[x] === blockOf[y]) return true;
    return false;
  }

  // ── Shared values ──────────────────────────────────────────────────────────────────────────

  /**
   * Adds record `i` to (or removes it from) the holders of its e-mail and phone values; where a
   * value becomes shared or stops being shared, scores again the pairs that agree on it. Returns
   * the records whose pairs changed.
   */
  private flipShared(i: number, adding: boolean): number[] {
    const touched: number[] = [];
    this.holders.forEach((holders, a) => {
      if (!holders) return;
      const value = this.columns[a]![i];
      if (value === null || value === undefined) return;
      const shared = this.shared[a]!;
      let flipped = false;
      if (adding) {
        const others = membersList(holders.get(value));
        if (!shared.has(value) && (others.length + 1 > SHARED_GROUP_LIMIT || others.some((h) => this.scorer.differentPeople(h, i)))) {
          shared.add(value);
          flipped = true;
        }
        addMember(holders, value, i);
      } else {
        if (!holders.has(value)) return;
        removeMember(holders, value, i);
        if (shared.has(value) && !this.isSharedGroup(membersList(holders.get(value)))) {
          shared.delete(value);
          flipped = true;
        }
      }
      const list = membersList(holders.get(value));
      if (!flipped) return;
      for (let x = 0; x < list.length; x++)
        for (let y = x + 1; y < list.length; y++) {
          const p = list[x]!;
          const q = list[y]!;
          if (p === i || q === i) continue; // the record's own pairs are scored by the caller
          if (!this.edgeBetween(p, q) && !this.shareBlock(p, q)) continue;
          if (this.rescore(p, q)) touched.push(p, q);
        }
    });
    return touched;
  }

  private isSharedGroup(list: readonly number[]): boolean {
    if (list.length > SHARED_GROUP_LIMIT) return true;
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) if (this.scorer.differentPeople(list[x]!, list[y]!)) return true;
    return false;
  }

  // ── Clustering ─────────────────────────────────────────────────────────────────────────────

  /** Clusters again the profiles reachable from `seeds` through match edges and shared profiles. */
  private recluster(seeds: Iterable<number>): GraphChange {
    // The set is marked with a fresh generation in `seen` (no Set), and `localOf` numbers its members.
    const stamp = ++this.generation;
    const seen = this.seen;
    const queue: number[] = [];
    for (const x of seeds)
      if (seen[x] !== stamp) {
        seen[x] = stamp;
        queue.push(x);
      }
    if (queue.length === 0) return { before: new Map(), after: new Map() };
    for (let q = 0; q < queue.length; q++) {
      const x = queue[q]!;
      const profile = this.membersOf(this.label[x]!);
      if (profile)
        for (const m of profile)
          if (seen[m] !== stamp) {
            seen[m] = stamp;
            queue.push(m);
          }
      for (const edge of this.edgesOf(x)) {
        const y = edge.a === x ? edge.b : edge.a;
        if (seen[y] !== stamp && this.effective(edge) === 2 && this.counts(edge)) {
          seen[y] = stamp;
          queue.push(y);
        }
      }
    }
    if (queue.length === 1) return this.alone(queue[0]!);
    const list = queue.sort((x, y) => (this.refs[x]! < this.refs[y]! ? -1 : 1));
    const n = list.length;
    const localOf = this.localOf;
    for (let k = 0; k < n; k++) localOf[list[k]!] = k;
    const local = (y: number) => (seen[y] === stamp ? localOf[y]! : -1);

    // Pairs among the set, in canonical (left, right) order, as the batch orders them.
    const pairEdges: Edge[] = [];
    const leftList: number[] = [];
    const rightList: number[] = [];
    const rowLocal = this.rowLocal;
    const rowEdges = this.rowEdges;
    for (let lx = 0; lx < n; lx++) {
      const x = list[lx]!;
      const edges = this.edges[x];
      if (!edges) continue;
      // This record's pairs with later ones of the set, by their place (insertion sort: a few edges).
      let count = 0;
      for (const edge of edges) {
        const ly = local(edge.a === x ? edge.b : edge.a);
        if (ly <= lx || this.effective(edge) < 1 || !this.counts(edge)) continue;
        let at = count++;
        for (; at > 0 && rowLocal[at - 1]! > ly; at--) {
          rowLocal[at] = rowLocal[at - 1]!;
          rowEdges[at] = rowEdges[at - 1]!;
        }
        rowLocal[at] = ly;
        rowEdges[at] = edge;
      }
      for (let r = 0; r < count; r++) {
        leftList.push(lx);
        rightList.push(rowLocal[r]!);
        pairEdges.push(rowEdges[r]!);
      }
    }
    rowEdges.length = 0;
    const P = pairEdges.length;
    const left = Int32Array.from(leftList);
    const right = Int32Array.from(rightList);
    const decision = new Uint8Array(P);
    const weight = new Float64Array(P);
    const rank = new Uint8Array(P);
    for (let p = 0; p < P; p++) {
      const edge = pairEdges[p]!;
      decision[p] = this.effective(edge);
      // A human "same" is decisive and goes first; then rules; then the model's weight.
      weight[p] = edge.human === 'same' ? Infinity : edge.weight;
      rank[p] = edge.human === 'same' ? 2 : edge.rules.length > 0 ? 1 : 0;
    }
    const conflicts = (x: number, y: number) => this.conflicts(list[x]!, list[y]!);
    // Computed when the clustering first asks, once per recluster.
    let apart: Map<number, number[]> | undefined;
    let known: Map<number, number[]> | undefined;
    for (const p of ambiguousMatches(n, left, right, decision, weight, this.decisive, conflicts)) decision[p] = 1;
    const matched: number[] = [];
    for (let p = 0; p < P; p++) {
      pairEdges[p]!.final = decision[p] as DecisionCode;
      if (decision[p] === 2) matched.push(p);
    }
    matched.sort((x, y) => rank[y]! - rank[x]! || weight[y]! - weight[x]! || x - y);
    const clustering = clusterPairs(
      n,
      left,
      right,
      matched,
      (p) => weight[p]! >= this.decisive,
      conflicts,
      this.conflictClasses(list),
      () => (known ??= this.knownConflicts(list, local)),
      // A record a human placed is never set apart by the clustering's own judgement.
      (x) => this.humanPartners.has(list[x]!),
      // A human's "same" overrides the vetoes: only a human's "different" stands in its way.
      (p) => rank[p] === 2,
      () => (apart ??= this.humanApart(list, local)),
    );

    // New profiles, anchored at their earliest record.
    const groups = new Map<number, number[]>();
    for (let lx = 0; lx < n; lx++) {
      const rep = clustering.representative[lx]!;
      const group = groups.get(rep);
      if (group) group.push(list[lx]!);
      else groups.set(rep, [list[lx]!]);
    }
    const before = new Map<number, number[]>();
    for (const x of list) {
      const anchor = this.label[x]!;
      if (anchor >= 0 && !before.has(anchor)) before.set(anchor, this.members[anchor]!);
    }
    for (const anchor of before.keys()) this.dropMembers(anchor);
    const after = new Map<number, number[]>();
    for (const pushed of groups.values()) {
      const group = pushed.length < EXACT_LIST ? pushed.slice() : pushed; // without the slots a push reserved
      let anchor = group[0]!;
      for (const x of group) if (this.earlier(x, anchor)) anchor = x;
      after.set(anchor, group);
      this.setMembers(anchor, group);
      for (const x of group) this.label[x] = anchor;
    }
    // Review queue: pairs of the set worth a look that ended in two profiles, without a verdict.
    for (const x of list) for (const edge of this.edgesOf(x)) this.settlePending(edge);
    return { before, after };
  }

  /** Records of window changes that hold a match edge (only they can change profile). */
  private takeWindowSeeds(): number[] {
    if (this.windowSeeds.length === 0) return [];
    const out: number[] = [];
    for (const x of this.windowSeeds) {
      const edges = this.edgesOf(x);
      if (edges.some((e) => this.effective(e) === 2)) out.push(x);
      else for (const e of edges) this.resettle.push(e);
    }
    this.windowSeeds = [];
    return out;
  }

  /** Settles again the review queue place of the edges a window change touched (see {@link resettle}). */
  private settleWindowed(): void {
    for (const edge of this.resettle) if (this.edgeBetween(edge.a, edge.b) === edge) this.settlePending(edge);
    this.resettle = [];
  }

  /** A record with no match in reach: a profile of its own. */
  private alone(x: number): GraphChange {
    const before = new Map<number, number[]>();
    const old = this.label[x]!;
    if (old >= 0) {
      before.set(old, this.members[old]!);
      this.dropMembers(old);
    }
    const group = [x];
    this.setMembers(x, group);
    this.label[x] = x;
    for (const edge of this.edgesOf(x)) {
      edge.final = this.effective(edge);
      this.settlePending(edge);
    }
    return { before, after: new Map([[x, group]]) };
  }

  /** Whether record x is observed before y (then by source, then key): the anchor order. */
  earlier(x: number, y: number): boolean {
    const tx = this.times[x]!;
    const ty = this.times[y]!;
    if (tx !== ty) return tx < ty;
    const sx = this.sources[x]!;
    const sy = this.sources[y]!;
    return sx !== sy ? sx < sy : this.keys[x]! < this.keys[y]!;
  }

  private conflictClasses(list: readonly number[]): Int32Array {
    const classes = new Int32Array(list.length);
    const index = new Map<string, number>();
    const attrs = this.scorer.vetoAttributes;
    list.forEach((x, k) => {
      // A record under a human decision conflicts with its own set of records: a class of its own.
      const key = this.humanPartners.has(x)
        ? `#${x}`
        : attrs.map((a) => (this.columns[a]![x] === null ? '\u0002' : this.columns[a]![x])).join('\u0001');
      let c = index.get(key);
      if (c === undefined) index.set(key, (c = index.size));
      classes[k] = c;
    });
    return classes;
  }

  /** Per record of the set (local index), the records of the set a human decided are other people. */
  private humanApart(list: readonly number[], local: (y: number) => number): Map<number, number[]> {
    if (this.human.size === 0) return new Map();
    return this.partnersWithin(list, local, (edge) => edge.human === 'different');
  }

  private knownConflicts(list: readonly number[], local: (y: number) => number): Map<number, number[]> {
    // As in batch, a vetoed pair is a known conflict only while blocking proposes it (a window may have moved past it).
    return this.partnersWithin(
      list,
      local,
      (edge) => edge.human === 'different' || (edge.vetoes.length > 0 && edge.human !== 'same' && this.counts(edge)),
    );
  }

  /** Per record of the set (local index), the records of the set it shares an edge of `kind` with. */
  private partnersWithin(list: readonly number[], local: (y: number) => number, kind: (edge: Edge) => boolean): Map<number, number[]> {
    const out = new Map<number, number[]>();
    list.forEach((x, lx) => {
      for (const edge of this.edgesOf(x)) {
        const ly = local(edge.a === x ? edge.b : edge.a);
        if (ly < 0 || !kind(edge)) continue;
        const row = out.get(lx);
        if (row) row.push(ly);
        else out.set(lx, [ly]);
      }
    });
    return out;
  }

}
