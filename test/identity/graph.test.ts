import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveConfig, type IdentityConfig } from '../../src/identity/config.js';
import { dedupe } from '../../src/identity/dedupe.js';
import { IdentityGraph } from '../../src/identity/graph.js';
import { normalizeColumns } from '../../src/identity/normalizers.js';
import { recordRef, type SourceRecord } from '../../src/identity/record.js';
import { SHARED_GROUP_LIMIT } from '../../src/identity/scoring.js';
import { freezeModel, trainModel } from '../../src/identity/train.js';
import { records } from './fixtures.js';

const config = resolveConfig({ country: 'FR' });

function load(graph: IdentityGraph, list: readonly SourceRecord[]): void {
  const { columns } = normalizeColumns(list, config);
  list.forEach((r, k) => graph.upsert({ source: r.source, key: r.key }, recordRef(r), k, columns.map((c) => c[k] ?? null)));
}

/** The partition as a sorted list of sorted record refs. */
function partition(graph: IdentityGraph, list: readonly SourceRecord[]): string[][] {
  const groups = new Map<number, string[]>();
  for (const r of list) {
    const anchor = graph.profileOf(graph.indexOf(recordRef(r)));
    const g = groups.get(anchor);
    if (g) g.push(recordRef(r));
    else groups.set(anchor, [recordRef(r)]);
  }
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

function batchPartition(list: readonly SourceRecord[], cfg: IdentityConfig = config): string[][] {
  const { assignments } = dedupe(list, cfg);
  const groups = new Map<string, string[]>();
  assignments.forEach((a) => {
    const g = groups.get(a.profileId);
    if (g) g.push(recordRef(a));
    else groups.set(a.profileId, [recordRef(a)]);
  });
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

/** Upserts one record with its values normalized under `cfg`, at time 0. */
function upsertOne(graph: IdentityGraph, cfg: IdentityConfig, r: SourceRecord): void {
  graph.upsert({ source: r.source, key: r.key }, recordRef(r), 0, normalizeColumns([r], cfg).columns.map((c) => c[0] ?? null));
}

/** A till customer: names, a birth date and, when given, an e-mail. */
const customer = (key: string, firstName: string, lastName: string, birthDate: string, email?: string): SourceRecord => ({
  source: 'pos',
  key,
  attributes: { firstName, lastName, birthDate, ...(email ? { email } : {}) },
});

/** `count` people, no two of them alike, all giving the same (shop's) e-mail. */
function strangers(count: number, email: string): SourceRecord[] {
  const names = ['Adam', 'Bruno', 'Cyril', 'Denis', 'Emile', 'Fabien', 'Gilles', 'Henri', 'Igor', 'Jules'];
  const families = ['Dupont', 'Lefebvre', 'Garnier', 'Rousseau', 'Fontaine', 'Chevalier', 'Mercier', 'Blanc', 'Guerin', 'Boyer'];
  return Array.from({ length: count }, (_, k) =>
    customer(`m${String(k).padStart(2, '0')}`, names[k % 10]!, families[(3 * k + Math.floor(k / 10)) % 10]!, `19${50 + k}-0${1 + (k % 9)}-1${k % 10}`, email),
  );
}

const values = (attributes: SourceRecord['attributes']) =>
  normalizeColumns([{ source: 's', key: 'k', attributes }], config).columns.map((c) => c[0] ?? null);

describe('IdentityGraph', () => {
  it('gives the batch partition, whatever the arrival order', () => {
    const frozen = freezeModel(config, trainModel(records, config));
    const expected = batchPartition(records);
    for (const order of [records, [...records].reverse(), [...records].sort((a, b) => (a.key < b.key ? 1 : -1))]) {
      const graph = new IdentityGraph(config, frozen);
      load(graph, order);
      expect(partition(graph, records)).toEqual(expected);
    }
  });

  it('weighs nothing for a phone that turns out to be shared by two people, and scores its pairs again', () => {
    const graph = new IdentityGraph(config, freezeModel(config));
    const a = { source: 'web', key: 'a', attributes: { firstName: 'Jean', lastName: 'Martin', phone: '06 11 22 33 44' } };
    const b = { source: 'pos', key: 'b', attributes: { firstName: 'Jean', lastName: 'Martin', phone: '0611223344' } };
    load(graph, [a, b]);
    expect(graph.profileOf(0)).toBe(graph.profileOf(1));
    expect(graph.explain(0, 1).fields.find((f) => f.attribute === 'phone')!.weight).toBeGreaterThan(5);
    // Someone else, clearly another person, gives the same number: a household phone.
    load(graph, [{ source: 'cc', key: 'c', attributes: { firstName: 'Colette', lastName: 'Martin', phone: '06 11 22 33 44' } }]);
    const phone = graph.explain(0, 1).fields.find((f) => f.attribute === 'phone')!;
    expect(phone).toMatchObject({ weight: 0, note: 'shared by several people' });
    expect(graph.profileOf(0)).not.toBe(graph.profileOf(1));
  });

  it('updates a record in place: its old pairs go, its new ones come, and its profile follows', () => {
    const graph = new IdentityGraph(config, freezeModel(config));
    const a = { source: 'web', key: 'a', attributes: { firstName: 'Jean', lastName: 'Martin', phone: '06 11 22 33 44', birthDate: '1970-01-02' } };
    const b = { source: 'pos', key: 'b', attributes: { firstName: 'Jean', lastName: 'Martin', phone: '06 11 22 33 44', birthDate: '1970-01-02' } };
    const c = { source: 'cc', key: 'c', attributes: { firstName: 'Anne', lastName: 'Roux', phone: '07 81 22 33 44', birthDate: '1985-05-05' } };
    load(graph, [a, b, c]);
    expect(graph.profiles).toBe(2);
    const moved = graph.upsert({ source: 'pos', key: 'b' }, recordRef(b), 0, values(c.attributes))!;
    expect(moved.index).toBe(1);
    expect(graph.size).toBe(3);
    expect(graph.profileOf(1)).toBe(graph.profileOf(2));
    expect(graph.profileOf(0)).not.toBe(graph.profileOf(1));
    expect([...moved.change.before.values()].flat().sort()).toEqual([0, 1, 2]);
    // The same values again change nothing.
    expect(graph.upsert({ source: 'pos', key: 'b' }, recordRef(b), 0, values(c.attributes))).toBeNull();
  });

  it('resolves a query without storing it', () => {
    const graph = new IdentityGraph(config, freezeModel(config));
    load(graph, records);
    const size = graph.size;
    const [best] = graph.resolve(values({ firstName: 'Helene', lastName: 'Lefevre', email: 'h.lefevre@free.fr' }), 3);
    expect(graph.recordAt(best!.record).key).toMatch(/^(W-004|T105-3)$/);
    expect(best!.decision).toBe(2);
    expect(graph.size).toBe(size);
    expect(graph.resolve(values({ firstName: 'Nobody', lastName: 'Known' }), 3)).toEqual([]);
  });

  it('compares a key shared by more records than maxBlockSize through a window, and still finds the duplicate', () => {
    const small = resolveConfig({ country: 'FR', blocking: { maxBlockSize: 4, window: 3 } });
    const graph = new IdentityGraph(small, freezeModel(small));
    const list: SourceRecord[] = ['Adam', 'Bruno', 'Cyril', 'Denis', 'Emile', 'Fabien', 'Gilles'].map((firstName, k) => ({
      source: 'web',
      key: `k${k}`,
      attributes: { firstName, lastName: 'Morel', email: 'junk@boutique-morel.fr', birthDate: `19${50 + k}-01-01` },
    }));
    list.push({ source: 'pos', key: 'dup', attributes: { firstName: 'Denis', lastName: 'Morel', email: 'junk@boutique-morel.fr', birthDate: '1953-01-01' } });
    const { columns } = normalizeColumns(list, small);
    list.forEach((r, k) => graph.upsert({ source: r.source, key: r.key }, recordRef(r), k, columns.map((c) => c[k] ?? null)));
    expect(graph.profileOf(graph.indexOf(recordRef(list[7]!)))).toBe(graph.profileOf(graph.indexOf(recordRef(list[3]!))));
    expect(graph.profiles).toBe(7);
  });

  it('drops the pairs a shared e-mail alone proposed once more than SHARED_GROUP_LIMIT hold it, as the batch does, in any order', () => {
    // Catherine Morel's two records share only a shop's e-mail with 29 (then 30) other customers.
    const attributes = { firstName: { kind: 'givenName' }, lastName: { kind: 'familyName' }, email: { kind: 'email' }, birthDate: { kind: 'date' } } as const;
    // The configured priors, not EM: the blocks' pairs (what changes here) then do not move the weights.
    const model = { estimate: 'none' } as const;
    const emailOnly = resolveConfig({ country: 'FR', attributes, model, blocking: { keys: [{ name: 'email', parts: ['email:exact'] }] } });
    const withNames = resolveConfig({
      country: 'FR',
      attributes,
      model,
      blocking: { keys: [{ name: 'email', parts: ['email:exact'] }, { name: 'lastName+birthDate', parts: ['lastName:phonetic', 'birthDate:exact'] }] },
    });
    const shop = 'contact@magasin.fr';
    const crowd = [
      customer('c1', 'Catherine', 'Morel', '1970-05-04', shop),
      customer('c2', 'Catherine', 'Morel', '1970-05-04', shop),
      // 29 other people: no two of them alike.
      ...strangers(SHARED_GROUP_LIMIT - 1, shop),
    ];
    const batchOf = (cfg: IdentityConfig, list: readonly SourceRecord[]) => batchPartition(list, cfg);
    const together = (p: string[][]) => p.some((g) => g.includes(recordRef(crowd[0]!)) && g.includes(recordRef(crowd[1]!)));
    for (const config of [emailOnly, withNames]) {
      const frozen = freezeModel(config, trainModel(crowd, config));
      const ingest = (order: readonly number[], list: readonly SourceRecord[]) => {
        const graph = new IdentityGraph(config, frozen);
        const { columns } = normalizeColumns(list, config);
        for (const k of order) graph.upsert({ source: 'pos', key: list[k]!.key }, recordRef(list[k]!), 0, columns.map((c) => c[k] ?? null));
        return { graph, columns };
      };
      // 30 holders: the e-mail proposes its pairs; one more and it proposes none.
      const thirty = crowd.slice(0, SHARED_GROUP_LIMIT);
      expect(together(batchOf(config, thirty))).toBe(true);
      expect(partition(ingest(thirty.map((_, k) => k), thirty).graph, thirty)).toEqual(batchOf(config, thirty));
      const expected = batchOf(config, crowd);
      // Only another shared key keeps Catherine's records together past the limit.
      expect(together(expected)).toBe(config === withNames);
      const everyone = crowd.map((_, k) => k);
      fc.assert(
        fc.property(fc.shuffledSubarray(everyone, { minLength: crowd.length, maxLength: crowd.length }), (order) => {
          expect(partition(ingest(order, crowd).graph, crowd)).toEqual(expected);
        }),
        { numRuns: 25 },
      );
      // A holder moves to an e-mail of its own: back to 30 holders, the pairs are proposed again; and back.
      const moved = crowd.map((r, k) => (k === crowd.length - 1 ? customer(r.key, 'Jules', 'Boyer', '1978-09-18', 'jules@example.fr') : r));
      const { graph, columns } = ingest(everyone, crowd);
      const last = crowd.length - 1;
      const movedValues = normalizeColumns(moved, config).columns.map((c) => c[last] ?? null);
      graph.upsert({ source: 'pos', key: crowd[last]!.key }, recordRef(crowd[last]!), 0, movedValues);
      expect(partition(graph, moved)).toEqual(batchOf(config, moved));
      expect(together(partition(graph, moved))).toBe(true);
      graph.upsert({ source: 'pos', key: crowd[last]!.key }, recordRef(crowd[last]!), 0, columns.map((c) => c[last] ?? null));
      expect(partition(graph, crowd)).toEqual(expected);
      // A query with the shared e-mail alone finds no one through it.
      const query = normalizeColumns([customer('q', 'Catherine', 'Morel', '1970-05-04', shop)], config).columns.map((c) => c[0] ?? null);
      if (config === emailOnly) expect(graph.resolve(query, 5)).toEqual([]);
    }
  });

  it('a shared e-mail back to SHARED_GROUP_LIMIT holders makes a pair count again that a window had ruled out', () => {
    // Robert's two records share the shop's e-mail and the Martin block. Past 30 holders the e-mail
    // proposes nothing, and once the Martin block is windowed and Roberta sorts between them, no
    // block proposes their pair: they part, as in batch. One holder leaving brings it back.
    const config = resolveConfig({
      country: 'FR',
      attributes: { firstName: { kind: 'givenName' }, lastName: { kind: 'familyName' }, email: { kind: 'email' }, birthDate: { kind: 'date' } },
      model: { estimate: 'none' },
      blocking: { keys: [{ name: 'email', parts: ['email:exact'] }, { name: 'lastName', parts: ['lastName:exact'] }], maxBlockSize: 3, window: 2 },
    });
    const shop = 'contact@magasin.fr';
    const robert = customer('a1', 'Robert', 'Martin', '1970-05-04', shop);
    const robertt = customer('a3', 'Robertt', 'Martin', '1970-05-04', shop);
    const roberta = customer('a2', 'Roberta', 'Martin', '1990-11-21');
    const zoe = customer('a4', 'Zoe', 'Martin', '1999-01-01');
    const others = strangers(SHARED_GROUP_LIMIT - 1, shop);
    const moved = { ...others[0]!, attributes: { ...others[0]!.attributes, email: 'own@example.fr' } };
    const everyone = [robert, robertt, roberta, zoe, ...others];
    const final = [robert, robertt, roberta, zoe, moved, ...others.slice(1)];
    const batchOf = (list: readonly SourceRecord[]) => batchPartition(list, config);
    const graph = new IdentityGraph(config, freezeModel(config, trainModel(final, config)));
    const upsert = (r: SourceRecord) => upsertOne(graph, config, r);
    for (const r of [robert, robertt, ...others, zoe, roberta]) upsert(r);
    expect(partition(graph, everyone)).toEqual(batchOf(everyone));
    upsert(moved);
    const together = (p: string[][]) => p.some((g) => g.includes(recordRef(robert)) && g.includes(recordRef(robertt)));
    expect(together(batchOf(final))).toBe(true);
    expect(partition(graph, final)).toEqual(batchOf(final));
  });

  it('compares a windowed block all-pairs again once an update brings it back to maxBlockSize', () => {
    // Robert's two records arrive once the Martin block is windowed, Roberta sorted between them:
    // no pair. Zoe moving to another family name leaves three Martins, compared all-pairs in batch.
    const config = resolveConfig({
      country: 'FR',
      attributes: { firstName: { kind: 'givenName' }, lastName: { kind: 'familyName' }, birthDate: { kind: 'date' } },
      model: { estimate: 'none' },
      blocking: { keys: [{ name: 'lastName', parts: ['lastName:exact'] }], maxBlockSize: 3, window: 2 },
    });
    const robert = customer('a1', 'Robert', 'Martin', '1970-05-04');
    const roberta = customer('a2', 'Roberta', 'Martin', '1990-11-21');
    const robertt = customer('a3', 'Robertt', 'Martin', '1970-05-04');
    const zoe = customer('a4', 'Zoe', 'Martin', '1999-01-01');
    const moved = customer('a4', 'Zoe', 'Durand', '1999-01-01');
    const final = [robert, robertt, roberta, moved];
    const batch = batchPartition(final, config);
    expect(batch.some((g) => g.includes(recordRef(robert)) && g.includes(recordRef(robertt)))).toBe(true);
    const graph = new IdentityGraph(config, freezeModel(config, trainModel(final, config)));
    for (const r of [roberta, zoe, robert, robertt, moved]) upsertOne(graph, config, r);
    expect(partition(graph, final)).toEqual(batch);
  });

  it('honours human verdicts: "different" splits, "same" merges past a veto, null restores', () => {
    const graph = new IdentityGraph(config, freezeModel(config));
    load(graph, records);
    const jean = graph.indexOf(recordRef({ source: 'web', key: 'W-001' }));
    const till = graph.indexOf(recordRef({ source: 'pos', key: 'T042-1' }));
    const namesake = graph.indexOf(recordRef({ source: 'pos', key: 'T201-8' }));
    expect(graph.profileOf(jean)).toBe(graph.profileOf(till));
    graph.decide([[jean, till, 'different']]);
    expect(graph.profileOf(jean)).not.toBe(graph.profileOf(till));
    graph.decide([[jean, namesake, 'same']]);
    expect(graph.profileOf(jean)).toBe(graph.profileOf(namesake));
    graph.decide([
      [jean, till, null],
      [jean, namesake, null],
    ]);
    expect(graph.profileOf(jean)).toBe(graph.profileOf(till));
    expect(graph.profileOf(jean)).not.toBe(graph.profileOf(namesake));
  });

  it('with windowed blocks too, the partition is the batch one whatever the order', () => {
    // Only the family-name blocks, in blocks of at most 3 compared through a window of 2: Catherine
    // and Katherine (one person) sort far apart once the Morels between them have arrived, so the
    // batch never compares them; arriving first, they were compared while the block was small.
    const small = resolveConfig({
      country: 'FR',
      attributes: { firstName: { kind: 'givenName' }, lastName: { kind: 'familyName' }, email: { kind: 'email' }, birthDate: { kind: 'date' } },
      blocking: { keys: [{ name: 'lastName', parts: ['lastName:exact'] }], maxBlockSize: 3, window: 2 },
    });
    const morel = (key: string, firstName: string, birthDate: string): SourceRecord => ({
      source: 'web',
      key,
      attributes: { firstName, lastName: 'Morel', email: 'junk@boutique-morel.fr', birthDate },
    });
    const crowd = [
      morel('a', 'Catherine', '1970-05-04'),
      morel('b', 'Katherine', '1970-05-04'),
      ...['Denis', 'Emile', 'Fabien', 'Gilles', 'Henri'].map((name, k) => morel(`m${k}`, name, `198${k}-01-01`)),
    ];
    const { assignments } = dedupe(crowd, small);
    const groups = new Map<string, string[]>();
    assignments.forEach((a) => groups.set(a.profileId, [...(groups.get(a.profileId) ?? []), recordRef(a)]));
    const expected = [...groups.values()].map((g) => g.sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
    expect(expected).toHaveLength(crowd.length); // the batch keeps Catherine and Katherine apart
    const frozen = freezeModel(small, trainModel(crowd, small));
    const { columns } = normalizeColumns(crowd, small);
    const ingest = (order: readonly number[]) => {
      const graph = new IdentityGraph(small, frozen);
      for (const k of order) {
        const r = crowd[k]!;
        graph.upsert({ source: r.source, key: r.key }, recordRef(r), 0, columns.map((c) => c[k] ?? null));
      }
      return graph;
    };
    // Arriving first, the two were compared and matched; the window later rules the pair out.
    const early = ingest(crowd.map((_, k) => k));
    expect(early.explain(0, 1).decision).toBe('match');
    expect(partition(early, crowd)).toEqual(expected);
    fc.assert(
      fc.property(fc.shuffledSubarray(crowd.map((_, k) => k), { minLength: crowd.length, maxLength: crowd.length }), (order) => {
        expect(partition(ingest(order), crowd)).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});
