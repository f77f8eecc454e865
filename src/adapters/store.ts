/**
 * The storage contract of the referential.
 *
 * A store keeps the facts (every version of every source record, the human decisions, the value
 * flags) and the change log. Profiles, golden records, cross-references and the review queue are
 * derived from the facts, so the referential rebuilds them when it opens a store; a store never has
 * to compute anything. Writes come as one {@link Commit} per operation, which a store applies
 * atomically (all of it or none of it): a store that cannot must say so in its capabilities, and
 * the referential then refuses to open it.
 *
 * Scans are async iterables of pages. This contract is what the coming SQLite and PostgreSQL
 * adapters implement; `memoryStore()` (in `memory.ts`) is the default.
 * @module
 */
import type { SourceRecord } from '../identity/record.js';
import type { ChangeEntry, DecisionKind } from '../merge/events.js';
import type { HumanVerdict } from '../identity/graph.js';

/** What a store guarantees. */
export interface StoreCapabilities {
  /** A commit is applied entirely or not at all, even if the process dies in the middle. */
  atomicCommit: boolean;
}

/** One version of one source record, as received. */
export interface StoredRecordVersion {
  /** The record as validated (never rewritten). */
  record: SourceRecord;
  /** 1 for the first version of this source and key. */
  version: number;
  /** ISO 8601 time the referential received it. */
  receivedAt: string;
}

/** A pair of records named by source and key. */
export interface StoredPair {
  /** One record of the pair (the verdict does not depend on which is `left`). */
  left: {
    /** The record's source system. */
    source: string;
    /** The record's key in its source. */
    key: string;
  };
  /** The other record of the pair. */
  right: {
    /** The record's source system. */
    source: string;
    /** The record's key in its source. */
    key: string;
  };
}

/** A human decision: a verdict on pairs of records (a merge is a `same` verdict on every cross pair). */
export interface StoredDecision {
  /**
   * A ULID; followed by `+` for the second decision of a split of several records (the one keeping
   * them together) and for the decision revoking that one.
   */
  id: string;
  /** What the human did: `merge`, `split`, `separate`, `accept`, `reject` or `revoke`. */
  kind: DecisionKind;
  /** ISO 8601 time. */
  at: string;
  /** The verdict the decision sets on each pair; `null` for a revocation. */
  verdict: HumanVerdict | null;
  /** The pairs the verdict is set on; empty for a revocation (its pairs are those of the decision in `revokes`). */
  pairs: StoredPair[];
  /** For a revocation: the decision revoked. */
  revokes?: string;
  /** Who decided (free text). */
  by?: string;
  /** Why (free text). */
  note?: string;
}

/** A flag on a normalized value of an attribute: `invalid` (NPAI, bounced…) or `valid` again. */
export interface StoredFlag {
  /** The attribute's name in the configuration. */
  attribute: string;
  /** The value's normalized form: the flag concerns every record whose value normalizes to it. */
  normalized: string;
  /** `invalid` to flag the value, `valid` to clear an earlier flag; the latest flag of a value wins. */
  status: 'invalid' | 'valid';
  /** Why the value is invalid (`NPAI`, `bounced`…); absent when `status` is `valid`. */
  reason?: string;
  /** ISO 8601 time the flag was set or cleared. */
  at: string;
}

/** Everything one operation writes, applied atomically. */
export interface Commit {
  /** New record versions. */
  records?: StoredRecordVersion[];
  /** Human decisions (a split of several records writes two, and so does its revocation). */
  decisions?: StoredDecision[];
  /** Value flags set or cleared. */
  flags?: StoredFlag[];
  /**
   * Change log entries, their `seq` following the store's `lastSeq()` without a gap; absent from
   * the pages `facts` yields.
   */
  changes?: ChangeEntry[];
}

/** Options of a scan. */
export interface ScanOptions {
  /** Entries per page (a hint). */
  pageSize?: number;
  /** Aborts the scan: once it fires, the iteration throws instead of yielding another page. */
  signal?: AbortSignal;
}

/** The store contract. */
export interface ReferentialStore {
  /** What the store guarantees; `createReferential` refuses a store without `atomicCommit`. */
  readonly capabilities: StoreCapabilities;
  /** Applies one commit atomically. */
  commit(unit: Commit): Promise<void>;
  /** Every fact in commit order, as pages (records, decisions and flags; not the change log). */
  facts(options?: ScanOptions): AsyncIterable<Commit>;
  /** Change log entries with `seq > after`, in order, at most `limit`. */
  changes(after: number, limit: number): Promise<ChangeEntry[]>;
  /** The last sequence number of the change log (0 when empty). */
  lastSeq(): Promise<number>;
  /** Every version of one record, oldest first (empty when unknown). */
  history(source: string, key: string): Promise<StoredRecordVersion[]>;
}
