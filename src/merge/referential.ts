/**
 * The referential: one unique reference per person, kept in real time, that every channel can ask.
 *
 * `createReferential({ store, ...config })` opens a referential on a store (in memory by default).
 * Records are ingested one at a time as channels write them: validated, normalized, matched against
 * what is stored, and then attached to a profile, given a new one, merging the profiles they bridge,
 * or held for review. Profiles are derived from the records, the human decisions and the value
 * flags, never stored as facts: so the partition and the golden records do not depend on the order
 * records arrived in, a merge followed by its revocation restores the previous state exactly, and
 * opening a store rebuilds everything from its facts.
 *
 * - Resolve without storing (`resolve`): ranked candidate profiles for a till, a caller number, a
 *   sign-up form.
 * - Golden records by survivorship policy per attribute, with provenance and multi-valued contacts.
 * - Cross-references: a profile by any source system and key, a profile's keys per system.
 * - Stable ids: a profile is named after its earliest record; when profiles merge one id survives
 *   and the others keep resolving to it, forever.
 * - Human decisions: merge, split, "never the same person", a review queue; each can be revoked.
 * - Events, typed subscriptions and an ordered change log read from a cursor.
 * @module
 */
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { ulid } from 'ulid';
import { memoryStore } from '../adapters/memory.js';
import type { Commit, ReferentialStore, StoredDecision, StoredFlag, StoredPair, StoredRecordVersion } from '../adapters/store.js';
import { IdentikitError } from '../errors.js';
import { resolveConfig, type IdentityConfig, type IdentityConfigInput } from '../identity/config.js';
import type { PairExplanation, RecordRef } from '../identity/explanation.js';
import { IdentityGraph, pairKey, type Edge, type GraphChange, type HumanVerdict } from '../identity/graph.js';
import { cachedNormalizers, type CachedNormalizers } from '../identity/normalizers.js';
import { probability } from '../identity/decision.js';
import { PROFILE_ID_DIGITS, profileIdOf } from '../identity/profile-id.js';
import { compareSourceKey, parseSourceRecord, parseSourceRecords, recordRef, sourceRecordSchema, typedText, type AttributeValue, type SourceRecord } from '../identity/record.js';
import { freezeModel, type TrainedModel } from '../identity/train.js';
import { validationError } from '../identity/zod-issues.js';
import {
  EventHub,
  type ChangeEntry,
  type DecisionKind,
  type EventOf,
  type IngestOutcome,
  type ReferentialEvent,
  type ReferentialEventType,
} from './events.js';
import { digestOf, goldenDigest, goldenRecord, type GoldenDigest, type GoldenOptions, type GoldenRecord } from './golden.js';
import { attributePolicySchema, type AttributePolicy } from './survivorship.js';

/** What is compared to tell a profile's changed attributes (see {@link GoldenDigest}). */
type ChosenValues = GoldenDigest;

/** Options of {@link createReferential}: the identity configuration plus the referential's own. */
export type ReferentialOptions = Omit<IdentityConfigInput, 'model'> & {
  /** Where facts and the change log are kept. Default: a new {@link memoryStore}. */
  store?: ReferentialStore;
  /**
   * A model trained with `trainModel` on past records. Default: the configured priors, untrained.
   * A `dedupe` configuration's model settings (`{ estimate, matchRate }`) are accepted too, so that
   * one configuration serves both, and validated; they change nothing here: a referential does not
   * estimate weights from what it holds (train a model for that).
   */
  model?: TrainedModel | IdentityConfigInput['model'];
  /** Survivorship per attribute. Default `mostFrequent`; e-mails and phones multi-valued. */
  survivorship?: Record<string, AttributePolicy>;
  /** The clock (default: the system's). Stamps record versions (`receivedAt`) and the change log. */
  clock?: () => Date;
  /**
   * Called when an event handler throws or its promise rejects (default: `console.error`). Handlers
   * never break an operation, and a reporter that throws is ignored.
   */
  onHandlerError?: (error: unknown, event: ChangeEntry) => void;
};

/** A profile as the referential shows it. */
export interface Profile {
  /** The profile's id. */
  id: string;
  /** The id that was asked for, when it was absorbed by a merge and redirected here. */
  redirectedFrom?: string;
  /** Cross-reference: every record of the profile, by source then key. */
  records: RecordRef[];
  /** The same, as source system → its keys. */
  keys: Record<string, string[]>;
  /** The golden record. */
  golden: GoldenRecord;
}

/** What {@link Referential.ingest} returns. */
export interface IngestResult {
  /** The record's source and key. */
  record: RecordRef;
  /** The record's version (1 for the first). */
  version: number;
  /** How the record was resolved; in `ingestMany`, relative to the profiles before the call. */
  outcome: IngestOutcome;
  /** The record's profile after ingestion. */
  profileId: string;
  /** Profiles absorbed into `profileId` by this ingestion. */
  absorbed: string[];
  /** Why: the record's matched pairs within its profile (when `explain` is on). */
  matches: PairExplanation[];
  /** The record's pairs now waiting for review (when `explain` is on). */
  reviews: PairExplanation[];
}

/** Options of one ingestion. */
export interface IngestOptions {
  /** Return the explanations of the record's pairs (default true). */
  explain?: boolean;
}

/** A query for {@link Referential.resolve}: whatever is known of the person. */
export interface ResolveQuery {
  /** Raw values by attribute name, validated as a record's `attributes`; names the configuration lacks are ignored. */
  attributes: Record<string, AttributeValue>;
}

/** A profile the query resembles. */
export interface ResolveCandidate {
  /** The profile's id. */
  profileId: string;
  /** The decision the referential would take on this evidence. */
  decision: 'match' | 'review' | 'no-match';
  /** Posterior match probability (0–1) of the best record against the query, before rules and vetoes. */
  probability: number;
  /** Total match weight (log2-odds) of the best record against the query, rounded to 3 decimals. */
  weight: number;
  /** The profile's record that resembles the query most, and why. */
  explanation: PairExplanation;
}

/** A pair of records waiting for a human. */
export interface ReviewItem {
  /** Stable for the pair. */
  id: string;
  /** The record of the pair whose `recordRef` sorts first. */
  left: RecordRef;
  /** The other record of the pair. */
  right: RecordRef;
  /** The profile `left` is in now. */
  leftProfileId: string;
  /** The profile `right` is in now. */
  rightProfileId: string;
  /** Posterior match probability (0–1) of the pair's weight, before rules and vetoes. */
  probability: number;
  /** Total match weight (log2-odds), rounded to 3 decimals: what the queue is ordered by. */
  weight: number;
}

/** What a human decision returns. */
export interface DecisionResult {
  /** The decision's id (a ULID), as in its `decision.recorded` event: what `revoke` takes. */
  decisionId: string;
  /** Profiles after the decision, for the records it concerned. */
  profileIds: string[];
}

/** Who decided and why, recorded with a decision. */
export interface DecisionNote {
  /** Who decided (free text). */
  by?: string;
  /** Why (free text). */
  note?: string;
}

/** Names a profile by id, or a record by source and key. */
export type ProfileOrRecord = string | RecordRef;

/** Figures of a referential. */
export interface ReferentialStats {
  /** Records held: one per source and key, whatever its number of versions. */
  records: number;
  /** Profiles (ids absorbed by merges not counted). */
  profiles: number;
  /** Pairs waiting for review. */
  reviews: number;
  /** The last change log sequence number. */
  lastSeq: number;
}

/**
 * The referential (see the module description). All writes are serialized. Asynchronous reads
 * (`resolve`, `profile`, `lookup`, `history`, `changes`) wait for the writes called before them, and
 * for the write running, if any, so they see what was called before them and only what the store holds; synchronous ones (`stats`, `reviews`, `explain`) show the state as it is, a write
 * whose commit is in flight included. Golden records are built from each record's current version: a
 * record's observation time is that of its latest version.
 */
export interface Referential {
  /** Ingests one source record (or a new version of it). */
  ingest(record: SourceRecord, options?: IngestOptions): Promise<IngestResult>;
  /**
   * Ingests records in one commit: all are validated first (a bad one stops the batch before
   * anything is stored), then ingested together, their profiles clustered once. Outcomes are
   * relative to the profiles before the call: two new records of one new person are both `created`
   * (in one new profile), and the events describe the change of the whole batch.
   */
  ingestMany(records: readonly SourceRecord[], options?: IngestOptions): Promise<IngestResult[]>;
  /**
   * "Who is this?": the profiles blocking reaches for what is known of a person, best first
   * (matches, then reviews, then the rest; by weight within each), each with the decision its
   * evidence supports (a phone alone may only reach `review`, a namesake `no-match`: filter on
   * `decision` as the use requires). Nothing is stored.
   * @param options - `limit`: how many profiles at most, a positive integer (default 5).
   */
  resolve(query: ResolveQuery, options?: { limit?: number }): Promise<ResolveCandidate[]>;
  /**
   * A profile by id, following merges: an absorbed id gives the surviving profile (with
   * `redirectedFrom`), or `null`. Every record's own id (`profileIdOf(record)`, the id its profile
   * has whenever the record anchors it) names the profile the record is in now, whether or not it
   * ever anchored one.
   */
  profile(id: string): Promise<Profile | null>;
  /** The profile holding a source system's record, or `null`. */
  lookup(source: string, key: string): Promise<Profile | null>;
  /** Every version of a record, oldest first. */
  history(source: string, key: string): Promise<StoredRecordVersion[]>;
  /** Explains a pair of stored records: fields, weights, rules, vetoes, decision. */
  explain(left: RecordRef, right: RecordRef): PairExplanation;
  /**
   * Merges two profiles by hand (each named by id or by one of its records): every pair across them
   * is the same person, whatever the vetoes say and over any earlier decision on those pairs.
   *
   * Human decisions are verdicts on pairs of records, the latest one on a pair standing. A "same"
   * outweighs the vetoes (they only forbid automatic merges), and only a "different" keeps records
   * apart. A decision that would leave verdicts contradicting one another (two records decided to
   * be different people, joined by "same" verdicts) is refused with `DECISION_CONFLICT`, and changes
   * nothing: whichever held would otherwise depend on how records' keys sort. This holds for every
   * decision below.
   */
  merge(a: ProfileOrRecord, b: ProfileOrRecord, note?: DecisionNote): Promise<DecisionResult>;
  /** Splits records out of their profile: they form one profile apart, and never rejoin the rest. */
  split(records: readonly RecordRef[], note?: DecisionNote): Promise<DecisionResult>;
  /**
   * Marks two profiles (or records) as never the same person: every pair across them (or the pair of
   * records) is "different". To take records out of a profile that human decisions hold together, `split` them.
   */
  separate(a: ProfileOrRecord, b: ProfileOrRecord, note?: DecisionNote): Promise<DecisionResult>;
  /**
   * Pairs waiting for a human, strongest first (by rounded weight, then id). With a `limit` (a
   * non-negative integer, or `Infinity` for all, the default; else `INVALID_INPUT`) only the
   * heaviest pairs are read, however long the queue.
   */
  reviews(options?: { limit?: number }): ReviewItem[];
  /** Accepts a review: the pair is the same person. */
  accept(reviewId: string, note?: DecisionNote): Promise<DecisionResult>;
  /** Rejects a review: the pair is two people. */
  reject(reviewId: string, note?: DecisionNote): Promise<DecisionResult>;
  /**
   * Undoes a human decision: the pairs it set go back to what they were before it (a later decision
   * on one of them still stands). A revocation itself cannot be revoked (`INVALID_INPUT`): make the
   * decision again instead. One whose pairs going back would contradict later decisions is refused
   * (`DECISION_CONFLICT`): revoke those first.
   */
  revoke(decisionId: string, note?: DecisionNote): Promise<DecisionResult>;
  /**
   * Flags a value invalid (`NPAI`, `bounced`…): never chosen for a golden record while a valid one
   * exists. The golden records of every profile holding the value change: e-mail and phone holders
   * are found from the graph's index, other values by a scan of the records. A value has one flag:
   * flagging it again replaces the reason.
   */
  flagValue(attribute: string, value: string, reason: string): Promise<void>;
  /** Clears a flag. */
  clearFlag(attribute: string, value: string): Promise<void>;
  /** Subscribes to one type of event (or `'*'`); returns the unsubscribe function. */
  on<T extends ReferentialEventType | '*'>(
    type: T,
    handler: (event: T extends ReferentialEventType ? EventOf<T> : ChangeEntry) => void,
  ): () => void;
  /** The change log after a cursor (a sequence number; 0 for the start). */
  changes(after?: number, limit?: number): Promise<ChangeEntry[]>;
  /** Current figures, read synchronously (a write whose commit is in flight included). */
  stats(): ReferentialStats;
}

const resolveQuerySchema = sourceRecordSchema.pick({ attributes: true });
/** A record's source and key as a lookup names them (text; a blank one simply names no record). */
const recordRefSchema = z.object({ source: z.string(), key: z.string() });
const noteSchema = z.object({ by: z.string().optional(), note: z.string().optional() }).nullish();
/** A change log cursor: a sequence number, and how many entries at most (`Infinity`: all). */
const cursorSchema = z.object({ after: z.number().int().min(0), limit: z.union([z.number().int().min(1), z.literal(Infinity)]) });
const profileIdSchema = z.string({ error: 'must be a profile id (a string such as "p_5datiuedref")' });

/** Validates an argument of the API: an `INVALID_INPUT` error naming the faulty field, or the parsed value. */
function parsed<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError('INVALID_INPUT', what, result.error);
  return result.data;
}

/** A decision's note, validated (it is stored with the decision and read back on every reopening). */
const noteOf = (note: unknown): DecisionNote => parsed(noteSchema, note, 'Invalid decision note') ?? {};

/**
 * Runs `then` on what `take` takes of a call's arguments, taken at the call: validated and copied
 * before the call returns, not when its turn in the queue of writes comes, so that a caller may
 * change or reuse its objects at once. A refusal is the call's rejected promise.
 */
function taking<T, R>(take: () => T, then: (taken: T) => Promise<R>): Promise<R> {
  let taken: T;
  try {
    taken = take();
  } catch (error) {
    return Promise.reject(error);
  }
  return then(taken);
}


/** A `resolve` query, validated. */
function resolveQueryOf(query: unknown): ResolveQuery {
  const result = resolveQuerySchema.safeParse(query);
  if (!result.success) throw validationError('INVALID_INPUT', 'Invalid query', result.error);
  return result.data;
}

/** A profile id as given, or a copy of a record reference (validated). */
function targetOf(target: ProfileOrRecord): ProfileOrRecord {
  return typeof target === 'string' ? target : parsed(recordRefSchema, target, 'Invalid record reference');
}

/** Golden records kept for profiles read lately. */
const GOLDEN_CACHE = 10_000;

/** A human decision as the referential keeps it. */
interface Decision extends StoredDecision {
  revoked: boolean;
}

/**
 * Opens a referential. Throws `INVALID_CONFIG` for a bad configuration, trained model or
 * survivorship policy, or a store that cannot commit atomically.
 *
 * @example
 * ```ts
 * const referential = await createReferential({ country: 'FR' });
 * const { outcome, profileId } = await referential.ingest({
 *   source: 'pos', key: 'T042-118734',
 *   attributes: { firstName: 'Jean-Pierre', lastName: 'Dupont', phone: '06 12 34 56 78' },
 * });
 * const [best] = await referential.resolve({ attributes: { phone: '+33 6 12 34 56 78' } });
 * ```
 */
export async function createReferential(options: ReferentialOptions = {}): Promise<Referential> {
  const { store = memoryStore(), model, survivorship, clock, onHandlerError, ...identity } = options;
  // A trained model has a version; anything else is a dedupe configuration's model settings.
  const trained = typeof model === 'object' && model !== null && 'version' in model ? (model as TrainedModel) : undefined;
  const config = resolveConfig(trained || model === undefined || model === null ? identity : { ...identity, model: model as IdentityConfigInput['model'] });
  if (!store.capabilities?.atomicCommit)
    throw new IdentikitError('INVALID_CONFIG', 'The store cannot commit atomically: a merge could be half-written', {
      field: 'store.capabilities.atomicCommit',
    });
  const policies = resolvePolicies(config, survivorship ?? {});
  const engine = new Engine(config, trained, policies, store, clock ?? (() => new Date()), onHandlerError);
  await engine.load();
  return engine.api();
}

function resolvePolicies(config: IdentityConfig, given: Record<string, AttributePolicy>): Record<string, AttributePolicy> {
  const out: Record<string, AttributePolicy> = {};
  for (const [name, policy] of Object.entries(given)) {
    // Own attributes only: `constructor` or `__proto__` (from JSON) name no attribute.
    if (!Object.hasOwn(config.attributes, name))
      throw new IdentikitError('INVALID_CONFIG', `Invalid configuration: survivorship.${name}: unknown attribute "${name}"`, {
        issues: [{ path: ['survivorship', name], message: `unknown attribute "${name}"` }],
      });
    const parsed = attributePolicySchema.safeParse(policy);
    if (!parsed.success) {
      const error = validationError('INVALID_CONFIG', `Invalid survivorship policy of ${name}`, parsed.error);
      const issues = (error.details.issues as { path: (string | number)[]; message: string }[]).map((i) => ({
        ...i,
        path: ['survivorship', name, ...i.path],
      }));
      throw new IdentikitError('INVALID_CONFIG', error.message, { issues });
    }
  }
  for (const [name, attribute] of Object.entries(config.attributes)) {
    const contact = attribute.kind === 'email' || attribute.kind === 'phone';
    const policy = Object.hasOwn(given, name) ? given[name] : undefined;
    // `multiValued: undefined` written out is left to the default, like a key left out.
    out[name] = { ...policy, multiValued: policy?.multiValued ?? contact };
  }
  return out;
}

function refKey(r: RecordRef): string {
  return recordRef(r);
}

/** One key per unordered pair of refs; the first ref's length keeps it unambiguous whatever a key holds. */
function pairId(x: string, y: string): string {
  return x < y ? `${x.length}:${x}${y}` : `${y.length}:${y}${x}`;
}

/** The referential's state and operations; {@link Referential} is its public face. */
class Engine {
  private graph!: IdentityGraph;
  private records: SourceRecord[] = [];
  private versions: number[] = [];
  private times: number[] = [];
  private ids: string[] = [];
  private idAnchor = new Map<string, number>();
  /** Golden records of profiles read lately (dropped whenever their profile changes). */
  private goldens = new LRUCache<number, GoldenRecord>({ max: GOLDEN_CACHE });
  /** Golden records as they were before the running operation changed their profile's records. */
  private kept = new Map<number, ChosenValues>();
  private decisions = new Map<string, Decision>();
  private pairHistory = new Map<string, string[]>();
  private flags: Map<string, string>[] = [];
  private seq = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private broken = false;
  /** Set when the derived state changes, cleared once the store holds the change: a failure in between reloads. */
  private dirty = false;
  /** While a write runs (its state may be ahead of the store): what asynchronous reads wait for. */
  private settling: Promise<void> | null = null;
  private readonly hub: EventHub;
  private readonly normalizers: CachedNormalizers;
  private readonly attributes: string[];
  private readonly attributeIndex: Map<string, number>;

  constructor(
    private readonly config: IdentityConfig,
    private readonly model: TrainedModel | undefined,
    private readonly policies: Record<string, AttributePolicy>,
    private readonly store: ReferentialStore,
    private readonly clock: () => Date,
    onHandlerError: ((error: unknown, event: ChangeEntry) => void) | undefined,
  ) {
    this.attributes = Object.keys(config.attributes);
    this.attributeIndex = new Map(this.attributes.map((a, k) => [a, k]));
    this.normalizers = cachedNormalizers(config);
    this.hub = new EventHub(onHandlerError ?? ((error, event) => console.error(`identikit: a ${event.type} handler failed`, error)));
    this.reset();
  }

  private reset(): void {
    this.graph = new IdentityGraph(this.config, freezeModel(this.config, this.model));
    this.records = [];
    this.versions = [];
    this.times = [];
    this.ids = [];
    this.idAnchor = new Map();
    this.goldens = new LRUCache({ max: GOLDEN_CACHE });
    this.kept = new Map();
    this.decisions = new Map();
    this.pairHistory = new Map();
    this.flags = this.attributes.map(() => new Map());
  }

  /**
   * Rebuilds the derived state from the store's facts. The facts are read first; the state is then
   * swapped in one synchronous step, so a read never sees half of it.
   */
  async load(): Promise<void> {
    const first = new Map<string, StoredRecordVersion>();
    const latest = new Map<string, StoredRecordVersion>();
    const decisions: StoredDecision[] = [];
    const flags: StoredFlag[] = [];
    for await (const page of this.store.facts()) {
      for (const v of page.records ?? []) {
        const ref = recordRef(v.record);
        if (!first.has(ref)) first.set(ref, v);
        latest.set(ref, v);
      }
      decisions.push(...(page.decisions ?? []));
      flags.push(...(page.flags ?? []));
    }
    const seq = await this.store.lastSeq();
    this.reset();
    for (const f of flags) this.applyFlag(f);
    this.graph.beginBatch();
    for (const [ref, v] of latest) {
      const f = first.get(ref)!;
      this.applyRecord(v, ref, this.timeOf(f.record));
    }
    this.graph.endBatch();
    for (const d of decisions) this.applyDecision(d);
    this.graph.takeNewReviews();
    this.seq = seq;
    this.dirty = false;
  }

  api(): Referential {
    return {
      ingest: (record, options) =>
        taking(
          () => ({ valid: [parseSourceRecord(record)], options: { ...options } }),
          ({ valid, options }) => this.serial(() => this.ingestAll(valid, options).then((r) => r[0]!)),
        ),
      ingestMany: (records, options) =>
        taking(
          () => ({ valid: parseSourceRecords(records, 'ingestMany'), options: { ...options } }),
          ({ valid, options }) => this.serial(() => this.ingestAll(valid, options)),
        ),
      resolve: (query, options) =>
        taking(
          () => ({ query: resolveQueryOf(query), limit: options?.limit ?? 5 }),
          ({ query, limit }) => this.read(() => this.resolve(query, limit)),
        ),
      profile: async (id) => {
        parsed(profileIdSchema, id, 'Invalid profile id');
        return this.read(() => this.profileById(id));
      },
      lookup: async (source, key) => {
        parsed(recordRefSchema, { source, key }, 'Invalid lookup');
        return this.read(() => {
          const i = this.graph.indexOf(recordRef({ source, key }));
          return i < 0 ? null : this.view(this.graph.profileOf(i));
        });
      },
      history: async (source, key) => {
        parsed(recordRefSchema, { source, key }, 'Invalid history request');
        await this.queue; // the versions written by the calls before this one, too
        return this.store.history(source, key);
      },
      explain: (left, right) => {
        this.assertUsable();
        const [x, y] = [this.indexOf(left), this.indexOf(right)];
        if (x === y) throw new IdentikitError('INVALID_INPUT', 'A record cannot be explained against itself', { record: left });
        return this.graph.explain(x, y);
      },
      merge: (a, b, note) =>
        taking(() => [targetOf(a), targetOf(b), noteOf(note)] as const, ([a, b, note]) => this.serial(() => this.mergeProfiles(a, b, note))),
      split: (records, note) =>
        taking(
          () => [Array.isArray(records) ? Array.from(records, (r) => parsed(recordRefSchema, r, 'Invalid record reference')) : records, noteOf(note)] as const,
          ([records, note]) => this.serial(() => this.splitRecords(records, note)),
        ),
      separate: (a, b, note) =>
        taking(() => [targetOf(a), targetOf(b), noteOf(note)] as const, ([a, b, note]) => this.serial(() => this.separateProfiles(a, b, note))),
      reviews: (options) => {
        this.assertUsable();
        return this.reviewItems(options?.limit ?? Infinity);
      },
      accept: (id, note) => taking(() => noteOf(note), (note) => this.serial(() => this.settleReview(id, 'accept', note))),
      reject: (id, note) => taking(() => noteOf(note), (note) => this.serial(() => this.settleReview(id, 'reject', note))),
      revoke: (id, note) => taking(() => noteOf(note), (note) => this.serial(() => this.revokeDecision(id, note))),
      flagValue: (attribute, value, reason) => this.serial(() => this.flag(attribute, value, 'invalid', reason)),
      clearFlag: (attribute, value) => this.serial(() => this.flag(attribute, value, 'valid')),
      on: (type, handler) => this.hub.on(type, handler),
      changes: async (after = 0, limit = 1000) => {
        parsed(cursorSchema, { after, limit }, 'Invalid change log cursor');
        await this.queue; // the entries of the calls before this one, too
        return this.store.changes(after, limit);
      },
      stats: () => {
        this.assertUsable();
        return {
        records: this.graph.size,
        profiles: this.graph.profiles,
        reviews: this.graph.reviewCount,
        lastSeq: this.seq,
        };
      },
    };
  }

  /**
   * Runs writes one after another; after a failed commit, rebuilds from the store first. While one
   * runs, {@link settling} is set: its state may be ahead of the store until it commits or rolls back.
   */
  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = async () => {
      this.kept.clear();
      await this.recover();
      try {
        return await op();
      } catch (error) {
        // A failure after the state changed (a custom survivorship function that threw, say):
        // back to what the store holds, so that nothing of the operation remains.
        if (this.dirty) await this.reload();
        throw error;
      }
    };
    const writing = async () => {
      const done = run();
      const settled = done.then(
        () => undefined,
        () => undefined,
      );
      this.settling = settled;
      try {
        return await done;
      } finally {
        if (this.settling === settled) this.settling = null;
      }
    };
    const next = this.queue.then(writing, writing);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Rebuilds from the store after a failure; if the store cannot be read, the referential is broken until it can. */
  private async reload(): Promise<void> {
    try {
      await this.load();
      this.broken = false;
    } catch {
      this.broken = true;
    }
    this.dirty = false;
  }

  /** Before an operation: a broken referential is rebuilt from its store first, or the operation fails. */
  private async recover(): Promise<void> {
    if (!this.broken) return;
    await this.reload();
    this.assertUsable();
  }

  /**
   * An asynchronous read: it waits for the writes called before it (it sees what they did), then for
   * the write running, if any (so it never sees a write the store may yet refuse), lets a broken
   * referential try to rebuild from its store (see {@link recover}), then reads in the same tick as
   * its last check.
   */
  private async read<T>(body: () => T): Promise<T> {
    await this.queue;
    for (;;) {
      if (this.settling) await this.settling;
      else if (this.broken) await this.serial(async () => undefined);
      else return body();
    }
  }

  /** Refuses a read while the state may hold what the store refused (see {@link recover}). */
  private assertUsable(): void {
    if (this.broken)
      throw new IdentikitError('STORE_ERROR', 'The referential is out of step with its store, which cannot be read; it will reload before the next operation', {});
  }

  private async commit(unit: Commit, events: ReferentialEvent[]): Promise<void> {
    const at = this.clock().toISOString();
    // Events become change log entries in place (they are this operation's own objects), frozen:
    // every handler and the log share them, and none may rewrite them for the others.
    const changes = events.map((e, k) => deepFreeze(Object.assign(e, { seq: this.seq + k + 1, at }) as ChangeEntry));
    try {
      await this.store.commit({ ...unit, changes });
    } catch (error) {
      // The in-memory state went ahead of the store: back to what the store holds, at once (or,
      // if the store cannot even be read, before the next operation; reads refuse until then).
      await this.reload();
      throw new IdentikitError('STORE_ERROR', `The store refused the commit; nothing was kept: ${String(error)}`, {}, { cause: error });
    }
    this.dirty = false;
    this.seq += changes.length;
    this.hub.emit(changes);
  }

  // ── Records ──────────────────────────────────────────────────────────────────────────────

  /**
   * When a record was observed: its `observedAt`. A record without one counts as older than any
   * dated record, as in the batch golden records: its arrival time would make the profile's anchor
   * and golden values depend on the order records arrived in.
   */
  private timeOf(record: SourceRecord): number {
    return record.observedAt === undefined ? -Infinity : Date.parse(record.observedAt);
  }

  /**
   * Puts a record version in the graph; returns its index, the change (null when its normalized
   * values did not change) and whether it is new.
   * @param firstTime - when the record was first observed (its anchor time; kept by the graph).
   */
  private applyRecord(v: StoredRecordVersion, ref: string, firstTime: number) {
    this.dirty = true;
    const { record } = v;
    const known = this.graph.indexOf(ref);
    const result = this.graph.upsert({ source: record.source, key: record.key }, ref, firstTime, this.normalizers.values(record));
    const i = known >= 0 ? known : result!.index;
    if (known < 0) {
      this.ids[i] = profileIdOf(record);
      this.idAnchor.set(this.ids[i]!, i);
    }
    this.records[i] = record;
    this.versions[i] = v.version;
    this.times[i] = this.timeOf(record);
    return { index: i, change: result?.change ?? null, isNew: known < 0 };
  }

  /** @param valid - the records as validated when the call was made. */
  private async ingestAll(valid: readonly SourceRecord[], options: IngestOptions): Promise<IngestResult[]> {
    const refs = valid.map(recordRef);
    this.checkIds(valid, refs);
    const receivedAt = this.clock().toISOString();
    const explain = options.explain ?? true;
    const unit: StoredRecordVersion[] = [];
    // Per input record: its index, and whether it is new / unchanged.
    const applied: { index: number; isNew: boolean; unchanged: boolean; version: number }[] = [];
    const events: ReferentialEvent[] = [];
    const absorbed: string[] = [];
    const batch = valid.length > 1;
    const before = new Map<number, number>(); // record → its profile before the batch (new records: absent)
    if (batch) this.graph.beginBatch();
    const refreshed = new Set<number>();
    let change: GraphChange = { before: new Map(), after: new Map() };
    try {
      for (let k = 0; k < valid.length; k++) {
        const record = valid[k]!;
        const ref = refs[k]!;
        const known = this.graph.indexOf(ref);
        if (known >= 0 && sameRecord(this.records[known]!, record)) {
          applied.push({ index: known, isNew: false, unchanged: true, version: this.versions[known]! });
          continue;
        }
        const version = known >= 0 ? this.versions[known]! + 1 : 1;
        if (known >= 0) this.keepGolden(known);
        const stored: StoredRecordVersion = { record, version, receivedAt };
        const result = this.applyRecord(stored, ref, this.timeOf(record));
        unit.push(stored);
        applied.push({ index: result.index, isNew: result.isNew, unchanged: false, version });
        if (!batch) change = result.change ?? change;
        // Same normalized values, new raw ones: only the golden record may change.
        if (!result.change) refreshed.add(result.index);
      }
    } finally {
      if (batch) change = this.graph.endBatch();
    }
    for (const [anchor, members] of change.before) for (const m of members) before.set(m, anchor);
    events.push(...this.describe(change, 'automatic', absorbed));
    const reclustered = new Set<number>();
    for (const members of change.after.values()) for (const m of members) reclustered.add(m);
    for (const anchor of new Set([...refreshed].filter((i) => !reclustered.has(i)).map((i) => this.graph.profileOf(i))))
      events.push(...this.refreshGolden(anchor));
    const ingested: ReferentialEvent[] = [];
    const results = applied.map(({ index, isNew, unchanged, version }) => {
      const anchor = this.graph.profileOf(index);
      let outcome: IngestOutcome;
      if (unchanged) outcome = 'unchanged';
      else if (!isNew) outcome = 'updated';
      else {
        // Relative to the profiles before this call: how many of them the record's profile holds.
        const members = this.graph.membersOf(anchor) ?? [index];
        const contributors = new Set(members.filter((m) => before.has(m)).map((m) => before.get(m)!)).size;
        if (contributors >= 2) outcome = 'merged';
        else if (contributors === 1) outcome = 'attached';
        else outcome = this.graph.edgesOf(index).some((e) => this.graph.isPending(e.a, e.b)) ? 'review' : 'created';
      }
      const record = this.records[index]!;
      if (!unchanged)
        ingested.push({ type: 'record.ingested', record: { source: record.source, key: record.key }, version, profileId: this.ids[anchor]!, outcome });
      const mine = absorbed.filter((id) => this.ids[this.graph.profileOf(this.idAnchor.get(id)!)] === this.ids[anchor]);
      return this.result(index, outcome, outcome === 'merged' || outcome === 'attached' || outcome === 'updated' ? mine : [], explain, version);
    });
    if (unit.length > 0) await this.commit({ records: unit }, [...ingested, ...events, ...this.reviewEvents()]);
    return results;
  }

  /** Refuses, before anything changes, new records whose profile id another record has (see `ID_COLLISION`). */
  private checkIds(records: readonly SourceRecord[], refs: readonly string[]): void {
    const fresh = new Map<string, string>(); // id → ref of a new record of this call
    for (let k = 0; k < records.length; k++) {
      const record = records[k]!;
      const ref = refs[k]!;
      if (this.graph.indexOf(ref) >= 0) continue;
      const id = profileIdOf(record);
      const holder = this.idAnchor.get(id);
      const other = holder === undefined ? fresh.get(id) : recordRef(this.records[holder]!);
      if (other !== undefined && other !== ref) {
        const [source, key] = [record.source, record.key];
        throw new IdentikitError(
          'ID_COLLISION',
          `Record ${source}/${key} would get profile id ${id}, which another record already has; it was refused`,
          { source, key, id },
        );
      }
      fresh.set(id, ref);
    }
  }

  private result(i: number, outcome: IngestOutcome, absorbed: string[], explain: boolean, version = this.versions[i]!): IngestResult {
    const anchor = this.graph.profileOf(i);
    const matches: PairExplanation[] = [];
    const reviews: PairExplanation[] = [];
    if (explain) {
      for (const edge of this.graph.edgesOf(i)) {
        const together = this.graph.profileOf(edge.a) === this.graph.profileOf(edge.b);
        if (together && (edge.final === 2 || edge.human === 'same')) matches.push(this.graph.explain(edge.a, edge.b));
        else if (this.graph.isPending(edge.a, edge.b)) reviews.push(this.graph.explain(edge.a, edge.b));
      }
    }
    const record = this.records[i]!;
    return { record: { source: record.source, key: record.key }, version, outcome, profileId: this.ids[anchor]!, absorbed, matches, reviews };
  }

  // ── Profiles, events ─────────────────────────────────────────────────────────────────────

  /** The golden record of a profile (its current members unless given), from the current record versions. */
  private buildGolden(anchor: number, members: readonly number[] = this.graph.membersOf(anchor) ?? [anchor]): GoldenRecord {
    return goldenRecord(
      this.ids[anchor]!,
      members.map((m) => this.records[m]!),
      this.goldenOptions(members),
    );
  }

  /** The chosen values of a profile (what its golden record's `values` would be): cheap, to tell what changed. */
  private chosenValues(anchor: number, members: readonly number[] = this.graph.membersOf(anchor) ?? [anchor]): ChosenValues {
    const golden = this.goldens.get(anchor);
    return golden ? digestOf(golden, { policies: this.policies }) : goldenDigest(members.map((m) => this.records[m]!), this.goldenOptions(members));
  }

  private goldenOptions(members: readonly number[]): GoldenOptions {
    return {
      attributes: this.attributes,
      policies: this.policies,
      // The graph holds every record's normalized values: no second normalization.
      normalize: (attribute, _raw, _record, k) => this.graph.valueOf(members[k]!, this.attributeIndex.get(attribute)!),
      time: (_record, k) => this.times[members[k]!]!,
      invalid: (attribute, normalized) => {
        const reason = this.flags[this.attributeIndex.get(attribute)!]!.get(normalized);
        return reason === undefined ? undefined : [reason];
      },
    };
  }

  /** Caches the golden record of a record's profile before the record changes, so that the change can be diffed. */
  private keepGolden(i: number): void {
    const anchor = this.graph.profileOf(i);
    if (anchor >= 0 && !this.kept.has(anchor)) this.kept.set(anchor, this.chosenValues(anchor));
  }

  private refreshGolden(anchor: number): ReferentialEvent[] {
    const cached = this.goldens.get(anchor);
    const before = this.kept.get(anchor) ?? (cached ? digestOf(cached, { policies: this.policies }) : undefined);
    this.kept.delete(anchor);
    this.goldens.delete(anchor);
    const changed = changedAttributes(before, this.chosenValues(anchor), this.attributes);
    return changed.length > 0 ? [{ type: 'profile.updated', profileId: this.ids[anchor]!, changed, added: [], removed: [] }] : [];
  }

  /** Turns a graph change into events (and golden records); collects absorbed ids. */
  private describe(change: GraphChange, cause: 'automatic' | 'manual', absorbed: string[]): ReferentialEvent[] {
    const events: ReferentialEvent[] = [];
    const oldOf = new Map<number, number>();
    for (const [anchor, members] of change.before) for (const m of members) oldOf.set(m, anchor);
    const newOf = new Map<number, number>();
    for (const [anchor, members] of change.after) for (const m of members) newOf.set(m, anchor);
    const ref = (i: number): RecordRef => this.graph.recordAt(i);
    // Splits first: a profile whose records went to several profiles.
    for (const [anchor, members] of change.before) {
      const into = [...new Set(members.map((m) => newOf.get(m)!))];
      if (into.length > 1)
        events.push({ type: 'profile.split', profileId: this.ids[anchor]!, into: into.map((a) => this.ids[a]!).sort(), cause });
    }
    for (const [anchor, members] of change.after) {
      const contributors = [...new Set(members.filter((m) => oldOf.has(m)).map((m) => oldOf.get(m)!))];
      // Golden records are built when first needed: a new profile's waits until someone asks.
      const previous = change.before.get(anchor);
      const before = this.kept.get(anchor) ?? (previous ? this.chosenValues(anchor, previous) : undefined);
      this.goldens.delete(anchor);
      this.kept.delete(anchor);
      if (contributors.length === 0) {
        events.push({ type: 'profile.created', profileId: this.ids[anchor]!, records: members.map(ref) });
        continue;
      }
      // Profiles whose anchor now lives in this one were absorbed (the rest of a split one lives on).
      const gone = contributors.filter((c) => c !== anchor && newOf.get(c) === anchor);
      if (gone.length > 0) {
        // A survivor named after a record that anchored nothing before (a late record observed
        // earlier than the rest) is new to the log: it is created before it absorbs the others.
        if (!previous) events.push({ type: 'profile.created', profileId: this.ids[anchor]!, records: members.map(ref) });
        events.push({
          type: 'profile.merged',
          profileId: this.ids[anchor]!,
          // The records each brought: an absorbed profile that also split (its anchor moved) kept the rest elsewhere.
          absorbed: gone.map((c) => ({ profileId: this.ids[c]!, records: change.before.get(c)!.filter((m) => newOf.get(m) === anchor).map(ref) })),
          cause,
        });
        absorbed.push(...gone.map((c) => this.ids[c]!));
      }
      if (!previous && gone.length === 0) {
        // A piece of a split profile, now a profile of its own.
        events.push({ type: 'profile.created', profileId: this.ids[anchor]!, records: members.map(ref) });
        continue;
      }
      const golden = this.chosenValues(anchor);
      const stayed = new Set(previous ?? []);
      const added = members.filter((m) => !stayed.has(m));
      const removed = [...stayed].filter((m) => newOf.get(m) !== anchor);
      const changed = changedAttributes(before, golden, this.attributes);
      if (added.length + removed.length + changed.length > 0)
        events.push({ type: 'profile.updated', profileId: this.ids[anchor]!, changed, added: added.map(ref), removed: removed.map(ref) });
    }
    for (const anchor of change.before.keys()) {
      this.goldens.delete(anchor);
      this.kept.delete(anchor);
    }
    return events;
  }

  private reviewEvents(): ReferentialEvent[] {
    return this.graph.takeNewReviews().map((edge) => ({
      type: 'review.created',
      reviewId: this.reviewId(edge),
      left: this.graph.recordAt(edge.a),
      right: this.graph.recordAt(edge.b),
      probability: probability(edge.weight),
    }));
  }

  private reviewId(edge: Edge): string {
    return `r_${this.ids[edge.a]!.slice(2)}${this.ids[edge.b]!.slice(2)}`;
  }

  /** The pending pair a review id names (the ids of its two records, see {@link reviewId}), if it waits. */
  private pendingReview(reviewId: string): Edge | undefined {
    if (typeof reviewId !== 'string' || reviewId.length !== 2 + 2 * PROFILE_ID_DIGITS || !reviewId.startsWith('r_')) return undefined;
    const x = this.idAnchor.get(`p_${reviewId.slice(2, 2 + PROFILE_ID_DIGITS)}`);
    const y = this.idAnchor.get(`p_${reviewId.slice(2 + PROFILE_ID_DIGITS)}`);
    if (x === undefined || y === undefined) return undefined;
    const edge = this.graph.pendingEdge(x, y);
    return edge && this.reviewId(edge) === reviewId ? edge : undefined;
  }

  private view(anchor: number, redirectedFrom?: string): Profile {
    let golden = this.goldens.get(anchor);
    if (!golden) this.goldens.set(anchor, (golden = this.buildGolden(anchor)));
    const members = this.graph.membersOf(anchor) ?? [anchor];
    // By source then key (the graph keeps members in its own canonical order).
    const records = members.map((m) => this.graph.recordAt(m)).sort(compareSourceKey);
    const keys: Record<string, string[]> = {};
    // Own properties only: a source may be named `constructor` or `__proto__`.
    const bySource = new Map<string, string[]>();
    for (const r of records) {
      const list = bySource.get(r.source);
      if (list) list.push(r.key);
      else bySource.set(r.source, [r.key]);
    }
    for (const [source, list] of bySource) Object.defineProperty(keys, source, { value: list, enumerable: true, writable: true, configurable: true });
    // The caller's own copy: the cached golden record stays as it is, whatever the caller does.
    const profile: Profile = { id: this.ids[anchor]!, records, keys, golden: structuredClone(golden) };
    if (redirectedFrom !== undefined) profile.redirectedFrom = redirectedFrom;
    return profile;
  }

  private profileById(id: string): Profile | null {
    const i = this.idAnchor.get(id);
    if (i === undefined) return null;
    const anchor = this.graph.profileOf(i);
    return this.view(anchor, this.ids[anchor] === id ? undefined : id);
  }

  // ── Resolve ──────────────────────────────────────────────────────────────────────────────

  /** @param query - as validated when the call was made (see {@link resolveQueryOf}). */
  private resolve(query: ResolveQuery, limit: number): ResolveCandidate[] {
    if (!Number.isInteger(limit) || limit < 1)
      throw new IdentikitError('INVALID_INPUT', 'limit must be a positive integer', { field: 'limit', value: limit });
    const values = this.normalizers.values({ source: 'query', key: 'query', attributes: query.attributes });
    const names = ['no-match', 'review', 'match'] as const;
    // Every profile blocking reached, ranked: a phone alone may fall short of a match, and still be the one asked for.
    return this.graph.resolve(values, limit, true).map((c) => ({
      profileId: this.ids[c.anchor]!,
      decision: names[c.decision],
      probability: probability(c.weight),
      weight: Math.round(c.weight * 1000) / 1000,
      explanation: this.graph.explainQuery(values, c.record, { source: '(query)', key: '' }),
    }));
  }

  // ── Human decisions ──────────────────────────────────────────────────────────────────────

  private indexOf(r: RecordRef): number {
    parsed(recordRefSchema, r, 'Invalid record reference');
    const i = this.graph.indexOf(refKey(r));
    if (i < 0) throw new IdentikitError('NOT_FOUND', `Unknown record ${JSON.stringify(r)}`, { record: r });
    return i;
  }

  /** The members of a profile named by id or by one of its records. */
  private membersOfTarget(target: ProfileOrRecord): number[] {
    if (typeof target === 'string') {
      const i = this.idAnchor.get(target);
      if (i === undefined) throw new IdentikitError('NOT_FOUND', `Unknown profile ${target}`, { profileId: target });
      return [...(this.graph.membersOf(this.graph.profileOf(i)) ?? [i])];
    }
    const i = this.indexOf(target);
    return [...(this.graph.membersOf(this.graph.profileOf(i)) ?? [i])];
  }

  private pairsOf(xs: readonly number[], ys: readonly number[]): [number, number][] {
    const out: [number, number][] = [];
    for (const x of xs) for (const y of ys) if (x !== y) out.push([x, y]);
    return out;
  }

  private stored(pairs: readonly [number, number][]): StoredPair[] {
    return pairs.map(([x, y]) => ({ left: this.graph.recordAt(x), right: this.graph.recordAt(y) }));
  }

  /** The verdict a pair has after its decisions (the latest not revoked). */
  private verdictOf(key: string): HumanVerdict | null {
    const list = this.pairHistory.get(key) ?? [];
    for (let k = list.length - 1; k >= 0; k--) {
      const d = this.decisions.get(list[k]!)!;
      if (!d.revoked && d.verdict !== null) return d.verdict;
    }
    return null;
  }

  /**
   * Refuses (`DECISION_CONFLICT`, before anything changes) verdicts that would contradict standing
   * ones: two records a human decided are different people, joined by a chain of "same" verdicts (a
   * merge, an accepted review…). Which of them held would otherwise depend on how keys sort. A
   * contradiction already there (a store written before this check) does not block others.
   * @param next - verdicts the operation sets (`null`: none left).
   * @param revoking - the decisions a revocation takes back (their verdicts no longer stand).
   */
  private checkVerdicts(next: readonly Verdict[], revoking: ReadonlySet<string> = new Set()): void {
    if (next.length === 0) return;
    const key = pairKey;
    const overlay = new Map<number, HumanVerdict | null>();
    const added = new Map<number, number[]>(); // pairs of the operation, by record
    for (const [x, y, verdict] of next) {
      overlay.set(key(x, y), verdict);
      for (const [p, q] of [[x, y], [y, x]] as const) {
        const list = added.get(p);
        if (list) list.push(q);
        else added.set(p, [q]);
      }
    }
    // A record's human verdicts, before or after the operation.
    const verdicts = (x: number, after: boolean): [number, HumanVerdict][] => {
      const out: [number, HumanVerdict][] = [];
      const seen = new Set<number>();
      for (const edge of this.graph.edgesOf(x)) {
        const y = edge.a === x ? edge.b : edge.a;
        seen.add(y);
        const k = key(x, y);
        const v = after && overlay.has(k) ? overlay.get(k)! : edge.human;
        if (v) out.push([y, v]);
      }
      if (after) for (const y of added.get(x) ?? []) if (!seen.has(y) && overlay.get(key(x, y))) out.push([y, overlay.get(key(x, y))!]);
      return out;
    };
    // Pairs said to be different people inside one group of records joined by "same" verdicts.
    const contradictions = (after: boolean): Map<number, [number, number]> => {
      const group = new Map<number, number>();
      const found = new Map<number, [number, number]>();
      for (const start of added.keys()) {
        if (group.has(start)) continue;
        const members = [start];
        group.set(start, start);
        for (let q = 0; q < members.length; q++)
          for (const [y, v] of verdicts(members[q]!, after))
            if (v === 'same' && !group.has(y)) {
              group.set(y, start);
              members.push(y);
            }
        for (const x of members)
          for (const [y, v] of verdicts(x, after)) if (v === 'different' && group.get(y) === start) found.set(key(x, y), [x, y]);
      }
      return found;
    };
    const after = contradictions(true);
    if (after.size === 0) return;
    const before = contradictions(false);
    for (const [k, [x, y]] of after) {
      if (before.has(k)) continue;
      const [left, right] = [this.graph.recordAt(x), this.graph.recordAt(y)];
      const names = `${left.source}/${left.key} and ${right.source}/${right.key}`;
      const advice = 'nothing was changed: revoke one of the decisions, or split the records apart, first';
      if (revoking.size === 0 && overlay.get(k) === 'different')
        throw new IdentikitError('DECISION_CONFLICT', `This decision sets apart records ${names}, which standing decisions hold together; ${advice}`, { left, right });
      // A standing "different" (one a revocation brings back, too): the decision behind it.
      const history = this.pairHistory.get(pairId(refKey(left), refKey(right))) ?? [];
      const decisionId = [...history]
        .reverse()
        .find((id) => !revoking.has(id) && !this.decisions.get(id)!.revoked && this.decisions.get(id)!.verdict !== null)!
        .replace(/\+$/, '');
      throw new IdentikitError('DECISION_CONFLICT', `Records ${names} would be one person, yet decision ${decisionId} says they are different people; ${advice}`, {
        left,
        right,
        decisionId,
      });
    }
  }

  /** Applies a decision to the graph; returns the graph change. */
  private applyDecision(d: StoredDecision): GraphChange {
    this.dirty = true;
    const decision: Decision = { ...d, revoked: false };
    this.decisions.set(d.id, decision);
    const touched: [number, number, string][] = [];
    if (d.kind === 'revoke') {
      const target = this.decisions.get(d.revokes!);
      if (target) target.revoked = true;
      for (const p of target?.pairs ?? []) {
        const x = this.graph.indexOf(refKey(p.left));
        const y = this.graph.indexOf(refKey(p.right));
        if (x >= 0 && y >= 0) touched.push([x, y, pairId(refKey(p.left), refKey(p.right))]);
      }
    } else {
      for (const p of d.pairs) {
        const x = this.graph.indexOf(refKey(p.left));
        const y = this.graph.indexOf(refKey(p.right));
        if (x < 0 || y < 0) continue;
        const key = pairId(refKey(p.left), refKey(p.right));
        const list = this.pairHistory.get(key);
        if (list) list.push(d.id);
        else this.pairHistory.set(key, [d.id]);
        touched.push([x, y, key]);
      }
    }
    return this.graph.decide(touched.map(([x, y, key]) => [x, y, this.verdictOf(key)]));
  }

  private async decideAndCommit(
    kind: DecisionKind,
    verdict: HumanVerdict | null,
    pairs: [number, number][],
    note: DecisionNote,
    revokes?: string,
  ): Promise<DecisionResult> {
    this.checkVerdicts(pairs.map(([x, y]) => [x, y, verdict]));
    const d: StoredDecision = { id: ulid(), kind, at: this.clock().toISOString(), verdict, pairs: this.stored(pairs) };
    if (revokes !== undefined) d.revokes = revokes;
    if (note.by !== undefined) d.by = note.by;
    if (note.note !== undefined) d.note = note.note;
    const change = this.applyDecision(d);
    const events: ReferentialEvent[] = [{ type: 'decision.recorded', decisionId: d.id, kind }];
    events.push(...this.describe(change, 'manual', []));
    events.push(...this.reviewEvents());
    await this.commit({ decisions: [d] }, events);
    const profileIds = [...new Set(pairs.flat().map((i) => this.ids[this.graph.profileOf(i)]!))].sort();
    return { decisionId: d.id, profileIds };
  }

  private mergeProfiles(a: ProfileOrRecord, b: ProfileOrRecord, note: DecisionNote): Promise<DecisionResult> {
    const xs = this.membersOfTarget(a);
    const ys = this.membersOfTarget(b);
    if (xs.some((x) => ys.includes(x))) throw new IdentikitError('INVALID_INPUT', 'Both name the same profile: nothing to merge', {});
    return this.decideAndCommit('merge', 'same', this.pairsOf(xs, ys), note);
  }

  private separateProfiles(a: ProfileOrRecord, b: ProfileOrRecord, note: DecisionNote): Promise<DecisionResult> {
    const xs = typeof a === 'string' ? this.membersOfTarget(a) : [this.indexOf(a)];
    const ys = typeof b === 'string' ? this.membersOfTarget(b) : [this.indexOf(b)];
    if (xs.some((x) => ys.includes(x))) throw new IdentikitError('INVALID_INPUT', 'A record cannot be separated from itself', {});
    return this.decideAndCommit('separate', 'different', this.pairsOf(xs, ys), note);
  }

  private async splitRecords(refs: readonly RecordRef[], note: DecisionNote): Promise<DecisionResult> {
    if (!Array.isArray(refs) || refs.length === 0)
      throw new IdentikitError('INVALID_INPUT', 'split expects a non-empty array of records', { field: 'records' });
    const out = [...new Set(refs.map((r) => this.indexOf(r)))];
    const anchor = this.graph.profileOf(out[0]!);
    if (out.some((x) => this.graph.profileOf(x) !== anchor))
      throw new IdentikitError('INVALID_INPUT', 'The records to split out must all belong to one profile', { field: 'records' });
    const rest = (this.graph.membersOf(anchor) ?? []).filter((m) => !out.includes(m));
    if (rest.length === 0)
      throw new IdentikitError('INVALID_INPUT', 'Those are all the records of the profile: nothing to split from', { field: 'records' });
    // Apart from the rest, and together (as they were in the profile).
    const d1 = this.pairsOf(out, rest);
    const together = out.slice(1).map((x): [number, number] => [out[0]!, x]);
    this.checkVerdicts([...d1.map(([x, y]): Verdict => [x, y, 'different']), ...together.map(([x, y]): Verdict => [x, y, 'same'])]);
    const id = ulid();
    const at = this.clock().toISOString();
    const decisions: StoredDecision[] = [{ id, kind: 'split', at, verdict: 'different', pairs: this.stored(d1) }];
    if (together.length > 0) decisions.push({ id: `${id}+`, kind: 'split', at, verdict: 'same', pairs: this.stored(together) });
    for (const d of decisions) {
      if (note.by !== undefined) d.by = note.by;
      if (note.note !== undefined) d.note = note.note;
    }
    const change: GraphChange = { before: new Map(), after: new Map() };
    for (const d of decisions) mergeChanges(change, this.applyDecision(d));
    const events: ReferentialEvent[] = [{ type: 'decision.recorded', decisionId: id, kind: 'split' }];
    events.push(...this.describe(change, 'manual', []));
    events.push(...this.reviewEvents());
    await this.commit({ decisions }, events);
    const profileIds = [...new Set([...out, ...rest].map((i) => this.ids[this.graph.profileOf(i)]!))].sort();
    return { decisionId: id, profileIds };
  }

  private reviewItems(limit: number): ReviewItem[] {
    if (limit !== Infinity && !(Number.isInteger(limit) && limit >= 0))
      throw new IdentikitError('INVALID_INPUT', 'limit must be a non-negative integer', { field: 'limit', value: limit });
    if (limit === 0) return [];
    const rounded = (edge: Edge) => Math.round(edge.weight * 1000) / 1000;
    let edges: Edge[];
    if (limit >= this.graph.reviewCount) edges = [...this.graph.reviews()];
    else {
      // Heaviest first, up to the limit-th pair and every pair that ties with it once rounded.
      edges = [];
      for (const edge of this.graph.heaviestReviews()) {
        if (edges.length >= limit && rounded(edge) < rounded(edges[limit - 1]!)) break;
        edges.push(edge);
      }
    }
    const items = edges.map((edge) => ({
      id: this.reviewId(edge),
      left: this.graph.recordAt(edge.a),
      right: this.graph.recordAt(edge.b),
      leftProfileId: this.ids[this.graph.profileOf(edge.a)]!,
      rightProfileId: this.ids[this.graph.profileOf(edge.b)]!,
      probability: probability(edge.weight),
      weight: rounded(edge),
    }));
    items.sort((x, y) => y.weight - x.weight || (x.id < y.id ? -1 : 1));
    return items.slice(0, limit);
  }

  private settleReview(reviewId: string, kind: 'accept' | 'reject', note: DecisionNote): Promise<DecisionResult> {
    if (typeof reviewId !== 'string')
      throw new IdentikitError('INVALID_INPUT', 'reviewId must be the id of a review (a string)', { field: 'reviewId', value: reviewId });
    const edge = this.pendingReview(reviewId);
    if (!edge) throw new IdentikitError('NOT_FOUND', `No pending review ${reviewId}`, { reviewId });
    return this.decideAndCommit(kind, kind === 'accept' ? 'same' : 'different', [[edge.a, edge.b]], note);
  }

  private async revokeDecision(decisionId: string, note: DecisionNote): Promise<DecisionResult> {
    if (typeof decisionId !== 'string')
      throw new IdentikitError('INVALID_INPUT', 'decisionId must be the id of a decision (a string)', { field: 'decisionId', value: decisionId });
    const target = this.decisions.get(decisionId);
    if (!target) throw new IdentikitError('NOT_FOUND', `No decision ${decisionId} to revoke`, { decisionId });
    if (target.kind === 'revoke')
      throw new IdentikitError('INVALID_INPUT', `Decision ${decisionId} is a revocation, which cannot be revoked: make the decision again instead`, {
        decisionId,
      });
    if (target.revoked) throw new IdentikitError('INVALID_INPUT', `Decision ${decisionId} is already revoked`, { decisionId });
    // A split is two decisions (apart, and together): revoke both.
    const companion = this.decisions.get(`${decisionId}+`);
    const pairs = [...target.pairs, ...(companion?.pairs ?? [])]
      .map((p) => [this.graph.indexOf(refKey(p.left)), this.graph.indexOf(refKey(p.right))] as [number, number])
      .filter(([x, y]) => x >= 0 && y >= 0);
    // The pairs' verdicts once revoked: those of the decisions before (or after) it that still stand.
    const revoked = [target, ...(companion && !companion.revoked ? [companion] : [])];
    for (const d of revoked) d.revoked = true;
    const next = pairs.map(([x, y]): Verdict => [x, y, this.verdictOf(pairId(refKey(this.graph.recordAt(x)), refKey(this.graph.recordAt(y))))]);
    for (const d of revoked) d.revoked = false;
    this.checkVerdicts(next, new Set(revoked.map((d) => d.id)));
    const at = this.clock().toISOString();
    const decisions: StoredDecision[] = [{ id: ulid(), kind: 'revoke', at, verdict: null, pairs: [], revokes: decisionId }];
    if (companion && !companion.revoked)
      decisions.push({ id: `${decisions[0]!.id}+`, kind: 'revoke', at, verdict: null, pairs: [], revokes: companion.id });
    for (const d of decisions) {
      if (note.by !== undefined) d.by = note.by;
      if (note.note !== undefined) d.note = note.note;
    }
    const change: GraphChange = { before: new Map(), after: new Map() };
    for (const d of decisions) mergeChanges(change, this.applyDecision(d));
    const events: ReferentialEvent[] = [{ type: 'decision.recorded', decisionId: decisions[0]!.id, kind: 'revoke' }];
    events.push(...this.describe(change, 'manual', []));
    events.push(...this.reviewEvents());
    await this.commit({ decisions }, events);
    const profileIds = [...new Set(pairs.flat().map((i) => this.ids[this.graph.profileOf(i)]!))].sort();
    return { decisionId: decisions[0]!.id, profileIds };
  }

  // ── Flags ────────────────────────────────────────────────────────────────────────────────

  private applyFlag(f: StoredFlag): number {
    this.dirty = true;
    const a = this.attributes.indexOf(f.attribute);
    if (a < 0) return -1;
    if (f.status === 'invalid') this.flags[a]!.set(f.normalized, f.reason ?? 'invalid');
    else this.flags[a]!.delete(f.normalized);
    return a;
  }

  private async flag(attribute: string, value: string, status: 'invalid' | 'valid', reason?: string): Promise<void> {
    const a = this.attributes.indexOf(attribute);
    if (a < 0) throw new IdentikitError('INVALID_INPUT', `Unknown attribute "${attribute}"`, { field: 'attribute', value: attribute });
    if (typeof value !== 'string' || value.trim() === '')
      throw new IdentikitError('INVALID_INPUT', 'value must be a non-empty string', { field: 'value', value });
    if (status === 'invalid' && (typeof reason !== 'string' || reason.trim() === ''))
      throw new IdentikitError('INVALID_INPUT', 'reason must be a non-empty string, e.g. "NPAI" or "bounced"', { field: 'reason', value: reason });
    const { value: normalized, problem } = this.normalizers.normalize(a, value);
    // A value that normalizes to nothing is held by no record: a flag on it could never apply.
    if (normalized === null)
      throw new IdentikitError('INVALID_INPUT', `value ${JSON.stringify(value)} is not a valid ${attribute}${problem ? `: ${problem}` : ''}`, {
        field: 'value',
        value,
      });
    const f: StoredFlag = { attribute, normalized, status, at: this.clock().toISOString() };
    if (reason !== undefined) f.reason = reason;
    // Golden records of every profile holding the value, before and after the flag.
    const anchors = new Set<number>();
    const holders = this.graph.holdersOf(a, normalized);
    const holding = (i: number) => {
      this.keepGolden(i);
      anchors.add(this.graph.profileOf(i));
    };
    if (holders) holders.forEach(holding);
    else for (let i = 0; i < this.graph.size; i++) if (this.graph.valueOf(i, a) === normalized) holding(i);
    this.applyFlag(f);
    const events: ReferentialEvent[] = [{ type: 'value.flagged', attribute, normalized, status, ...(reason !== undefined ? { reason } : {}) }];
    for (const anchor of [...anchors].sort((x, y) => x - y)) events.push(...this.refreshGolden(anchor));
    await this.commit({ flags: [f] }, events);
  }
}

/** A pair of records and the verdict a decision gives it (`null`: none). */
type Verdict = [number, number, HumanVerdict | null];

/** Folds a later graph change into an earlier one: before the first, after the second. */
function mergeChanges(into: GraphChange, next: GraphChange): void {
  for (const [anchor, members] of next.before) {
    // A profile the first change made (the very same members array) is no "before" of the whole.
    if (into.after.get(anchor) === members) into.after.delete(anchor);
    else if (!into.before.has(anchor)) into.before.set(anchor, members);
  }
  for (const [anchor, members] of next.after) into.after.set(anchor, members);
}

function changedAttributes(before: ChosenValues | undefined, after: ChosenValues, attributes: readonly string[]): string[] {
  const changed = attributes.filter((a) => {
    // A multi-valued attribute also changes with its known values (a new e-mail, one that bounced).
    if (before !== undefined && before.known[a] !== after.known[a]) return true;
    const x = before?.values[a] ?? null;
    const y = after.values[a] ?? null;
    if (x === null || y === null) return x !== y;
    return x.value !== y.value || x.normalized !== y.normalized || x.status !== y.status;
  });
  // Kept in the change log: at its exact length (a filtered list reserves room to grow).
  return changed.length === 0 ? changed : changed.slice();
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Whether a record sent again says nothing new: the same instant observed (however written) and the
 * same attributes as they count (absent, `null` and blank are all missing; text is trimmed).
 */
function sameRecord(a: SourceRecord, b: SourceRecord): boolean {
  if (a.observedAt !== b.observedAt && (a.observedAt === undefined || b.observedAt === undefined || Date.parse(a.observedAt) !== Date.parse(b.observedAt)))
    return false;
  const own = (attributes: SourceRecord['attributes'], k: string) => (Object.prototype.hasOwnProperty.call(attributes, k) ? attributes[k] : undefined);
  for (const k of new Set([...Object.keys(a.attributes), ...Object.keys(b.attributes)]))
    if (typedText(own(a.attributes, k)) !== typedText(own(b.attributes, k))) return false;
  return true;
}


