/**
 * The in-memory store: the default, with no Node-only API (it runs in browsers and edge runtimes).
 * Commits are atomic: each is applied synchronously, after it has been checked, in one step. What it
 * returns are copies (as a database's rows would be): a reader cannot rewrite what it holds.
 * @module
 */
import type { ChangeEntry } from '../merge/events.js';
import type { Commit, ReferentialStore, ScanOptions, StoredRecordVersion } from './store.js';

/** Creates an empty in-memory store. */
export function memoryStore(): ReferentialStore {
  const log: Commit[] = [];
  const changes: ChangeEntry[] = [];
  // One version (most records) is kept as it is, several in a list.
  const versions = new Map<string, StoredRecordVersion | StoredRecordVersion[]>();
  const refOf = (source: string, key: string) => `${source.length}:${source}/${key}`;
  return {
    capabilities: { atomicCommit: true },
    async commit(unit) {
      const last = changes.length === 0 ? 0 : changes[changes.length - 1]!.seq;
      (unit.changes ?? []).forEach((c, k) => {
        if (c.seq !== last + k + 1) throw new Error(`change log out of sequence: ${c.seq} after ${last + k}`);
      });
      // Everything that can fail is done before anything is applied.
      const refs = (unit.records ?? []).map((v) => refOf(v.record.source, v.record.key));
      const facts: Commit = {};
      if (unit.records?.length) facts.records = unit.records;
      if (unit.decisions?.length) facts.decisions = unit.decisions;
      if (unit.flags?.length) facts.flags = unit.flags;
      if (facts.records || facts.decisions || facts.flags) log.push(facts);
      for (const [k, v] of (unit.records ?? []).entries()) {
        const ref = refs[k]!;
        const known = versions.get(ref);
        if (known === undefined) versions.set(ref, v);
        else if (Array.isArray(known)) known.push(v);
        else versions.set(ref, [known, v]);
      }
      for (const c of unit.changes ?? []) changes.push(c);
    },
    async *facts(options: ScanOptions = {}) {
      const size = Number.isFinite(options.pageSize) ? Math.max(1, Math.floor(options.pageSize!)) : 1000;
      for (let k = 0; k < log.length; k += size) {
        options.signal?.throwIfAborted();
        const page: Commit = { records: [], decisions: [], flags: [] };
        for (const c of log.slice(k, k + size)) {
          page.records!.push(...(c.records ?? []));
          page.decisions!.push(...(c.decisions ?? []));
          page.flags!.push(...(c.flags ?? []));
        }
        yield structuredClone(page);
      }
    },
    async changes(after, limit) {
      // seq n is at index n − 1.
      return structuredClone(changes.slice(Math.max(0, after), Math.max(0, after) + Math.max(0, limit)));
    },
    async lastSeq() {
      return changes.length === 0 ? 0 : changes[changes.length - 1]!.seq;
    },
    async history(source, key) {
      const known = versions.get(refOf(source, key));
      return structuredClone(known === undefined ? [] : Array.isArray(known) ? known : [known]);
    },
  };
}
