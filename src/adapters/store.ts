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
  left: { source: string; key: string };
  right: { source: string; key: string };
}

/** A human decision: a verdict on pairs of records (a merge is a `same` verdict on every cross pair). */
export interface StoredDecision {
  /** A ULID. */
  id: string;
  kind: DecisionKind;
  /** ISO 8601 time. */
  at: string;
  /** The verdict the decision sets on each pair; `null` for a revocation. */
  verdict: HumanVerdict | null;
  pairs: StoredPair[];
  /** For a revocation: the decision revoked. */
  revokes?: string;
  /** Who decided, and why (free text). */
  by?: string;
  note?: string;
}

/** A flag on a normalized value of an attribute: `invalid` (NPAI, bounced…) or `valid` again. */
export interface StoredFlag {
  attribute: string;
  normalized: string;
  status: 'invalid' | 'valid';
  reason?: string;
  at: string;
}

/** Everything one operation writes, applied atomically. */
export interface Commit {
  records?: StoredRecordVersion[];
  decisions?: StoredDecision[];
  flags?: StoredFlag[];
  changes?: ChangeEntry[];
}

/** Options of a scan. */
export interface ScanOptions {
  /** Entries per page (a hint). */
  pageSize?: number;
  signal?: AbortSignal;
}

/** The store contract. */
export interface ReferentialStore {
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
