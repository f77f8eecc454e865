import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  createReferential,
  dedupe,
  isIdentikitError,
  memoryStore,
  profileIdOf,
  trainModel,
  type AttributePolicy,
  type ChangeEntry,
  type EventOf,
  type IdentikitError,
  type KnownValue,
  type RecordRef,
  type Referential,
  type ReferentialOptions,
  type ReferentialStore,
  type SourceRecord,
} from '../../src/index.js';

// ── Helpers ────────────────────────────────────────────────────────────────────────────────

/** 2026-01-<day> at 10:00 UTC, ISO 8601. */
const day = (d: number): string => `2026-01-${String(d).padStart(2, '0')}T10:00:00Z`;

const rec = (source: string, key: string, observedAt: string, attributes: SourceRecord['attributes']): SourceRecord => ({
  source,
  key,
  observedAt,
  attributes,
});

/** A fixed clock, so undated records and the change log get reproducible times. */
const fixedClock = () => new Date('2026-06-01T00:00:00Z');

const open = (options: ReferentialOptions = {}): Promise<Referential> => createReferential({ clock: fixedClock, ...options });

/** Runs `fn`, expects it to reject with an IdentikitError, and returns the error. */
async function rejection(fn: () => Promise<unknown>): Promise<IdentikitError> {
  try {
    await fn();
  } catch (error) {
    if (isIdentikitError(error)) return error;
    throw new Error(`expected an IdentikitError, got ${String(error)}`);
  }
  throw new Error('expected a rejection, the call resolved');
}

/** The same for a synchronous call. */
function thrown(fn: () => unknown): IdentikitError {
  try {
    fn();
  } catch (error) {
    if (isIdentikitError(error)) return error;
    throw new Error(`expected an IdentikitError, got ${String(error)}`);
  }
  throw new Error('expected a throw, the call returned');
}

const refOf = (r: { source: string; key: string }) => `${r.source}/${r.key}`;

/** The referential's partition of `records`, as a sorted list of sorted `source/key` groups. */
async function partitionOf(referential: Referential, records: readonly SourceRecord[]): Promise<string[][]> {
  const groups = new Map<string, string[]>();
  for (const r of records) {
    const p = await referential.lookup(r.source, r.key);
    if (!p) throw new Error(`${refOf(r)} has no profile`);
    groups.set(p.id, [...(groups.get(p.id) ?? []), refOf(r)]);
  }
  return [...groups.values()].map((g) => g.sort()).sort((x, y) => (x[0]! < y[0]! ? -1 : 1));
}

/** Everything visible of the profiles of `records`: id, records and golden record, by record. */
async function snapshot(referential: Referential, records: readonly SourceRecord[]) {
  const out: Record<string, unknown> = {};
  for (const r of records) {
    const p = await referential.lookup(r.source, r.key);
    out[refOf(r)] = p && { id: p.id, records: p.records.map(refOf).sort(), keys: p.keys, golden: p.golden };
  }
  return out;
}

function batchPartition(records: readonly SourceRecord[], result: ReturnType<typeof dedupe>): string[][] {
  const groups = new Map<string, string[]>();
  for (const a of result.assignments) groups.set(a.profileId, [...(groups.get(a.profileId) ?? []), refOf(a)]);
  expect(result.assignments).toHaveLength(records.length);
  return [...groups.values()].map((g) => g.sort()).sort((x, y) => (x[0]! < y[0]! ? -1 : 1));
}

// ── Fixtures ───────────────────────────────────────────────────────────────────────────────

// Jean-Pierre Dupont, on the web and at the till: same name, same mobile in two formats.
const jpWeb = rec('web', 'W-1', day(1), {
  firstName: 'Jean-Pierre',
  lastName: 'Dupont',
  email: 'jp.dupont@gmail.com',
  phone: '06 12 34 56 78',
});
const jpPos = rec('pos', 'T-9', day(2), { firstName: 'JEAN PIERRE', lastName: 'DUPONT', phone: '+33612345678', postcode: '75011' });

// Claire Martin: an e-mail on the web, a phone at the till, both at the call center (the bridge).
const claireWeb = rec('web', 'W-2', day(3), { firstName: 'Claire', lastName: 'Martin', email: 'claire.martin@gmail.com' });
const clairePos = rec('pos', 'T-2', day(4), { firstName: 'Claire', lastName: 'Martin', phone: '06 11 22 33 44' });
const claireCc = rec('cc', 'C-1', day(5), {
  firstName: 'CLAIRE',
  lastName: 'MARTIN',
  email: 'Claire.Martin@gmail.com',
  phone: '+33 6 11 22 33 44',
});

// Sophie Bernard and a "Sophia Bernard" in the same postcode: a case for a human.
const sophie = rec('web', 'W-3', day(6), { firstName: 'Sophie', lastName: 'Bernard', postcode: '69003' });
const sophia = rec('pos', 'T-3', day(7), { firstName: 'Sophia', lastName: 'Bernard', postcode: '69003' });

// Paul Durand in two records that match on name and postcode.
const paulWeb = rec('web', 'W-4', day(8), { firstName: 'Paul', lastName: 'Durand', email: 'paul.durand@free.fr', postcode: '33000' });
const paulPos = rec('pos', 'T-4', day(9), { firstName: 'Paul', lastName: 'Durand', phone: '07 55 44 33 22', postcode: '33000' });

const people = [jpWeb, jpPos, claireWeb, clairePos, claireCc, sophie, sophia, paulWeb, paulPos];

// ── Ingest outcomes ────────────────────────────────────────────────────────────────────────

describe('ingest outcomes', () => {
  it('created: a record like nothing stored gets a profile of its own, named after it', async () => {
    const referential = await open();
    const r = await referential.ingest(jpWeb);
    expect(r).toMatchObject({ record: { source: 'web', key: 'W-1' }, version: 1, outcome: 'created', absorbed: [] });
    expect(r.profileId).toBe(profileIdOf(jpWeb));
    expect(r.profileId).toMatch(/^p_[0-9a-v]{11}$/);
    expect(referential.stats()).toMatchObject({ records: 1, profiles: 1, reviews: 0 });
  });

  it('attached: the same person from another channel (same name, same mobile in another format)', async () => {
    const referential = await open();
    const first = await referential.ingest(jpWeb);
    const second = await referential.ingest(jpPos);
    expect(second.outcome).toBe('attached');
    expect(second.profileId).toBe(first.profileId);
    expect(second.absorbed).toEqual([]);
    expect(referential.stats()).toMatchObject({ records: 2, profiles: 1 });
    const [match] = second.matches;
    expect(match).toBeDefined();
    expect(match!.decision).toBe('match');
    expect(match!.fields.find((f) => f.attribute === 'phone')).toMatchObject({
      level: 'exact',
      left: '+33612345678',
      right: '+33612345678',
    });
  });

  it('merged: a record sharing the e-mail with one profile and the phone with another bridges them', async () => {
    const referential = await open();
    const a = await referential.ingest(claireWeb);
    const b = await referential.ingest(clairePos);
    expect(b.outcome).toBe('created');
    expect(b.profileId).not.toBe(a.profileId);
    const bridge = await referential.ingest(claireCc);
    expect(bridge.outcome).toBe('merged');
    // The survivor is the profile of the earliest-observed record (claireWeb).
    expect(bridge.profileId).toBe(a.profileId);
    expect(bridge.absorbed).toEqual([b.profileId]);
    expect(referential.stats()).toMatchObject({ records: 3, profiles: 1 });
    const attributesMatched = bridge.matches.map((m) => m.fields.filter((f) => f.level === 'exact').map((f) => f.attribute).sort());
    expect(attributesMatched).toEqual(
      expect.arrayContaining([
        ['email', 'firstName', 'lastName'],
        ['firstName', 'lastName', 'phone'],
      ]),
    );
  });

  it('review: ambiguous evidence keeps the record apart, with the pair waiting for a human', async () => {
    const referential = await open();
    const first = await referential.ingest(sophie);
    const second = await referential.ingest(sophia);
    expect(second.outcome).toBe('review');
    expect(second.profileId).not.toBe(first.profileId);
    expect(second.matches).toEqual([]);
    expect(second.reviews).toHaveLength(1);
    expect(second.reviews[0]!.decision).toBe('review');
    expect(referential.stats()).toMatchObject({ records: 2, profiles: 2, reviews: 1 });
    const [item] = referential.reviews();
    expect([refOf(item!.left), refOf(item!.right)].sort()).toEqual(['pos/T-3', 'web/W-3']);
    // Each record is alone in its profile: the profile has the record's own id.
    expect(item).toMatchObject({ leftProfileId: profileIdOf(item!.left), rightProfileId: profileIdOf(item!.right) });
    expect(item!.probability).toBeGreaterThanOrEqual(0.6);
    expect(item!.probability).toBeLessThan(0.9);
  });

  it('updated: the same source and key with new values is a new version; history keeps them all', async () => {
    const referential = await open();
    await referential.ingest(jpWeb);
    const v2 = rec('web', 'W-1', day(10), { ...jpWeb.attributes, email: 'jean-pierre.dupont@orange.fr' });
    const r = await referential.ingest(v2);
    expect(r).toMatchObject({ outcome: 'updated', version: 2, profileId: profileIdOf(jpWeb) });
    const v3 = rec('web', 'W-1', day(11), { ...jpWeb.attributes, city: 'Paris' });
    expect((await referential.ingest(v3)).version).toBe(3);
    const history = await referential.history('web', 'W-1');
    expect(history.map((h) => h.version)).toEqual([1, 2, 3]);
    expect(history.map((h) => h.record.attributes.email)).toEqual([
      'jp.dupont@gmail.com',
      'jean-pierre.dupont@orange.fr',
      'jp.dupont@gmail.com',
    ]);
    expect(history.every((h) => h.receivedAt === fixedClock().toISOString())).toBe(true);
    expect(referential.stats().records).toBe(1);
    const profile = await referential.lookup('web', 'W-1');
    expect(profile!.golden.values.city?.value).toBe('Paris');
    expect(await referential.history('web', 'nope')).toEqual([]);
  });

  it('unchanged: the exact same record twice adds no version and no event', async () => {
    const referential = await open();
    await referential.ingest(jpWeb);
    const before = referential.stats();
    const events: ChangeEntry[] = [];
    referential.on('*', (e) => events.push(e));
    const again = await referential.ingest({ ...jpWeb, attributes: { ...jpWeb.attributes } });
    expect(again).toMatchObject({ outcome: 'unchanged', version: 1, profileId: profileIdOf(jpWeb) });
    expect(events).toEqual([]);
    expect(referential.stats()).toEqual(before);
    expect(await referential.history('web', 'W-1')).toHaveLength(1);
  });

  it('ingestMany stores a batch in one commit, with outcomes relative to the profiles already there', async () => {
    const referential = await open();
    await referential.ingest(claireWeb);
    await referential.ingest(clairePos);
    const seqBefore = referential.stats().lastSeq;
    const results = await referential.ingestMany([claireCc, paulWeb, claireCc]);
    expect(results.map((r) => r.outcome)).toEqual(['merged', 'created', 'unchanged']);
    expect(results[0]).toMatchObject({ profileId: profileIdOf(claireWeb), absorbed: [profileIdOf(clairePos)] });
    expect(results[2]!.profileId).toBe(profileIdOf(claireWeb));
    expect(referential.stats()).toMatchObject({ records: 4, profiles: 2 });
    const log = await referential.changes(seqBefore);
    expect(log.filter((e) => e.type === 'record.ingested')).toHaveLength(2);
  });

  it('ingestMany of new records gives the same profiles as ingesting them one by one', async () => {
    const one = await open();
    for (const r of people) await one.ingest(r);
    const many = await open();
    const results = await many.ingestMany(people);
    expect(results.map((r) => refOf(r.record))).toEqual(people.map(refOf));
    expect(await snapshot(many, people)).toEqual(await snapshot(one, people));
    for (const r of results) expect(r.profileId).toBe((await many.lookup(r.record.source, r.record.key))!.id);
  });

  it('updated: a new version that no longer matches leaves its profile (an automatic split)', async () => {
    const referential = await open();
    await referential.ingestMany([jpWeb, jpPos]);
    const events: ChangeEntry[] = [];
    referential.on('*', (e) => events.push(e));
    const r = await referential.ingest(rec('pos', 'T-9', day(3), { firstName: 'Marc', lastName: 'Petit', phone: '07 00 00 00 01' }));
    expect(r).toMatchObject({ outcome: 'updated', version: 2, profileId: profileIdOf(jpPos), matches: [] });
    expect(await partitionOf(referential, [jpWeb, jpPos])).toEqual([['pos/T-9'], ['web/W-1']]);
    expect(events.find((e) => e.type === 'profile.split')).toMatchObject({
      profileId: profileIdOf(jpWeb),
      into: [profileIdOf(jpWeb), profileIdOf(jpPos)].sort(),
      cause: 'automatic',
    });
    expect(events.find((e) => e.type === 'profile.created')).toMatchObject({
      profileId: profileIdOf(jpPos),
      records: [{ source: 'pos', key: 'T-9' }],
    });
    expect((await referential.lookup('web', 'W-1'))!.golden.values.postcode).toBeNull();
  });

  it('writes are serialized: concurrent calls run one after another, in call order', async () => {
    const referential = await open();
    const results = await Promise.all([claireWeb, clairePos, claireCc, paulWeb].map((r) => referential.ingest(r)));
    expect(results.map((r) => r.outcome)).toEqual(['created', 'created', 'merged', 'created']);
    const log = await referential.changes(0);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, k) => k + 1));
    expect(log.filter((e) => e.type === 'record.ingested').map((e) => (e as EventOf<'record.ingested'>).record.key)).toEqual([
      'W-2',
      'T-2',
      'C-1',
      'W-4',
    ]);
  });

  it('the referential keeps its own copy of an ingested record: changing the caller\'s object later changes nothing', async () => {
    const referential = await open();
    const input = rec('cc', 'C-5', day(4), { firstName: 'Zoé', lastName: 'Zylberstein', city: 'Nice' });
    await referential.ingest(input);
    input.attributes.city = 'Brest';
    expect((await referential.lookup('cc', 'C-5'))!.golden.values.city!.value).toBe('Nice');
    expect((await referential.history('cc', 'C-5'))[0]!.record.attributes.city).toBe('Nice');
    // Ingested again, the changed object is a new version.
    expect((await referential.ingest(input)).outcome).toBe('updated');
  });

  it('asynchronous reads see the writes called before them, awaited or not', async () => {
    const referential = await open();
    const writes = [referential.ingest(claireWeb), referential.ingest(clairePos), referential.merge(claireWeb, clairePos)];
    const [profile, found] = await Promise.all([referential.lookup('pos', 'T-2'), referential.resolve({ attributes: { phone: '06 11 22 33 44' } })]);
    expect(profile!.records.map(refOf)).toEqual(['pos/T-2', 'web/W-2']);
    expect(found[0]!.profileId).toBe(profile!.id);
    await Promise.all(writes);
    const more = referential.ingest({ ...paulWeb });
    const [history, log] = await Promise.all([referential.history('web', 'W-4'), referential.changes(0, Infinity)]);
    expect(history).toHaveLength(1);
    expect(log.filter((e) => e.type === 'record.ingested')).toHaveLength(3);
    await more;
  });

  it('a call takes its arguments when it is made: changing them before its turn in the queue changes nothing', async () => {
    const referential = await open();
    await referential.ingestMany(people);
    const input = rec('cc', 'C-5', day(4), { firstName: 'Zoé', lastName: 'Zylberstein', city: 'Nice' });
    const batch = [rec('cc', 'C-6', day(4), { firstName: 'Yves', lastName: 'Yon' })];
    const a = { source: 'web', key: 'W-1' };
    const b = { source: 'web', key: 'W-4' };
    const out = [{ source: 'pos', key: 'T-2' }];
    const query = { attributes: { phone: '06 11 22 33 44' } };
    const calls = [referential.ingest(input), referential.ingestMany(batch), referential.merge(a, b), referential.split(out)];
    const found = referential.resolve(query);
    const bad = { source: 'web', key: '', attributes: {} };
    const refused = rejection(() => referential.ingest(bad));
    // All of it is changed at once, before any of the calls ran.
    Object.assign(input, { key: 'C-7' });
    input.attributes.city = 'Brest';
    batch.push(rec('cc', 'C-8', day(4), { firstName: 'Xavier', lastName: 'Xu' }));
    Object.assign(b, { key: 'W-3' });
    out[0]!.key = 'T-4';
    query.attributes.phone = '07 55 44 33 22';
    bad.key = 'fixed';
    await Promise.all(calls);
    expect((await referential.history('cc', 'C-5')).map((v) => v.record.attributes.city)).toEqual(['Nice']);
    expect(await referential.lookup('cc', 'C-7')).toBeNull();
    expect(await referential.lookup('cc', 'C-8')).toBeNull();
    expect((await referential.lookup('web', 'W-4'))!.id).toBe((await referential.lookup('web', 'W-1'))!.id);
    expect((await referential.lookup('web', 'W-3'))!.id).not.toBe((await referential.lookup('web', 'W-1'))!.id);
    expect((await referential.lookup('pos', 'T-2'))!.records.map(refOf)).toEqual(['pos/T-2']);
    // Claire's phone was asked for (before or after the split, as reads go), not Paul's.
    const [top] = await found;
    expect([(await referential.lookup('pos', 'T-2'))!.id, (await referential.lookup('web', 'W-2'))!.id]).toContain(top!.profileId);
    expect(top!.profileId).not.toBe((await referential.lookup('pos', 'T-4'))!.id);
    expect((await refused).code).toBe('INVALID_RECORD');
    expect(await referential.lookup('web', 'fixed')).toBeNull();
  });
});

// ── Explanations ───────────────────────────────────────────────────────────────────────────

describe('explanations', () => {
  it('each result explains its matches with fields and weights when explain is on (the default)', async () => {
    const referential = await open();
    await referential.ingest(jpWeb);
    const r = await referential.ingest(jpPos);
    expect(r.matches).toHaveLength(1);
    const m = r.matches[0]!;
    expect([refOf(m.left), refOf(m.right)].sort()).toEqual(['pos/T-9', 'web/W-1']);
    expect(m.weight).toBeGreaterThan(0);
    expect(m.probability).toBeGreaterThanOrEqual(0.9);
    const byAttribute = Object.fromEntries(m.fields.map((f) => [f.attribute, f]));
    expect(byAttribute.firstName).toMatchObject({ level: 'exact', left: 'jean pierre', right: 'jean pierre' });
    expect(byAttribute.firstName!.weight).toBeGreaterThan(0);
    expect(byAttribute.lastName!.level).toBe('exact');
    expect(byAttribute.phone!.weight).toBeGreaterThan(0);
    expect(byAttribute.email).toMatchObject({ level: 'missing', weight: 0 });
    // The same pair, explained on demand.
    expect(referential.explain(jpWeb, jpPos)).toEqual(m);
  });

  it('{ explain: false } returns no explanations, but the same resolution', async () => {
    const referential = await open();
    await referential.ingest(claireWeb, { explain: false });
    await referential.ingest(clairePos, { explain: false });
    const r = await referential.ingest(claireCc, { explain: false });
    expect(r.outcome).toBe('merged');
    expect(r.matches).toEqual([]);
    expect(r.reviews).toEqual([]);
    const other = await open();
    await other.ingest(sophie);
    const review = await other.ingest(sophia, { explain: false });
    expect(review.outcome).toBe('review');
    expect(review.reviews).toEqual([]);
    const many = await other.ingestMany([paulWeb, paulPos], { explain: false });
    expect(many.map((x) => x.matches.length)).toEqual([0, 0]);
    expect(many[1]!.profileId).toBe(many[0]!.profileId);
    const explained = await (await open()).ingestMany([paulWeb, paulPos]);
    expect(explained.map((x) => x.matches.length)).toEqual([1, 1]);
  });

  it('explain() of an unknown record is NOT_FOUND', async () => {
    const referential = await open();
    await referential.ingest(jpWeb);
    expect(thrown(() => referential.explain(jpWeb, { source: 'web', key: 'nope' })).code).toBe('NOT_FOUND');
  });
});

// ── Resolve ────────────────────────────────────────────────────────────────────────────────

describe('resolve without storing', () => {
  it('scores a stored record\'s own values as the stored pair is scored, swapped names included', async () => {
    const referential = await open();
    const k28 = rec('pos', 'K28', day(4), { firstName: 'Jean', lastName: 'Dupond', email: 'd@x.fr', phone: '0611111111', postcode: '75011' });
    const k0 = rec('web', 'K0', day(1), { firstName: 'Dupont', lastName: 'Jean', email: 'b@x.fr', birthDate: '1990-03-04' });
    await referential.ingest(k28);
    await referential.ingest(k0);
    const stored = referential.explain(k0, k28);
    const resolved = (await referential.resolve({ attributes: k0.attributes })).find((c) => c.explanation.right.key === 'K28')!;
    expect(resolved.weight).toBe(stored.weight);
    expect(resolved.decision).toBe(stored.decision);
    expect(resolved.explanation.fields.map((f) => [f.attribute, f.level, f.weight])).toEqual(stored.fields.map((f) => [f.attribute, f.level, f.weight]));
  });

  it('ranks a match above a heavier pair a veto sent to review, so limit 1 answers the match', async () => {
    const referential = await open();
    const contacts = { email: 'jean.dupont@gmail.com', phone: '06 12 34 56 78', address: '12 rue de la Paix' };
    const place = { postcode: '75011', city: 'Paris' };
    // The father: the query's contacts and address, another birth date. The son: name, birth date and place.
    await referential.ingest(rec('crm', 'A-91', day(1), { firstName: 'Jean', lastName: 'Dupont', ...contacts, ...place, birthDate: '1950-03-04' }));
    await referential.ingest(rec('web', 'B-91', day(2), { firstName: 'Jean', lastName: 'Dupont', ...place, birthDate: '1984-07-12' }));
    const query = { attributes: { firstName: 'Jean', lastName: 'Dupont', ...contacts, ...place, birthDate: '1984-07-12' } };
    const all = await referential.resolve(query);
    expect(all.map((c) => [c.explanation.right.key, c.decision])).toEqual([
      ['B-91', 'match'],
      ['A-91', 'review'],
    ]);
    expect(all[1]!.weight).toBeGreaterThan(all[0]!.weight);
    expect(all[1]!.explanation.vetoes).toEqual(['different birthDate']);
    expect((await referential.resolve(query, { limit: 1 })).map((c) => c.explanation.right.key)).toEqual(['B-91']);
  });

  it('ranks reviews above a heavier no-match, and candidates of one decision by weight', async () => {
    // Sophia: a review on name and postcode. The elder Sophie: name, postcode and address too, but another birth date (a veto).
    const place = { lastName: 'Bernard', postcode: '69003' };
    const sophiaR = rec('web', 'R-1', day(1), { firstName: 'Sophia', ...place });
    const elder = rec('cc', 'R-3', day(3), { firstName: 'Sophie', ...place, birthDate: '1950-05-05', address: '3 rue de la Paix' });
    const query = { attributes: { firstName: 'Sophie', ...place, birthDate: '1980-01-01', address: '3 rue de la Paix' } };
    const ranked = async (options: ReferentialOptions) => {
      const referential = await open(options);
      await referential.ingestMany([sophiaR, elder]);
      const candidates = await referential.resolve(query);
      return candidates.map((c) => ({ key: c.explanation.right.key, decision: c.decision, weight: c.weight, vetoes: c.explanation.vetoes }));
    };
    // The vetoed pair would have matched: a review, heavier than Sophia's, so first.
    const byDefault = await ranked({});
    expect(byDefault.map((c) => [c.key, c.decision])).toEqual([
      ['R-3', 'review'],
      ['R-1', 'review'],
    ]);
    expect(byDefault[0]!.weight).toBeGreaterThan(byDefault[1]!.weight);
    expect(byDefault[0]!.vetoes).toEqual(['different birthDate']);
    // With a stricter match threshold it would only have been a review: vetoed, a no-match, after the lighter review.
    const strict = await ranked({ thresholds: { match: 0.95 } });
    expect(strict.map((c) => [c.key, c.decision])).toEqual([
      ['R-1', 'review'],
      ['R-3', 'no-match'],
    ]);
    expect(strict[1]!.weight).toBeGreaterThan(strict[0]!.weight);
    expect(strict[1]!.weight).toBe(byDefault[0]!.weight);
  });

  it('ranks candidates for an e-mail + name query, explains the best, and stores nothing', async () => {
    const referential = await open();
    await referential.ingestMany(people);
    const before = referential.stats();
    const candidates = await referential.resolve({
      attributes: { firstName: 'claire', lastName: 'Martin', email: 'CLAIRE.MARTIN@gmail.com' },
    });
    expect(candidates.length).toBeGreaterThanOrEqual(1);
    const [best] = candidates;
    expect(best!.profileId).toBe(profileIdOf(claireWeb));
    expect(best!.decision).toBe('match');
    expect(best!.probability).toBeGreaterThanOrEqual(0.9);
    expect(best!.explanation.fields.find((f) => f.attribute === 'email')).toMatchObject({ level: 'exact' });
    expect(best!.explanation.left).toEqual({ source: '(query)', key: '' });
    for (let k = 1; k < candidates.length; k++) expect(candidates[k]!.weight).toBeLessThanOrEqual(candidates[k - 1]!.weight);
    expect(referential.stats()).toEqual(before);
    expect(await referential.lookup('(query)', '')).toBeNull();
  });

  it('ranks candidates for a name + phone query, best first, and respects limit', async () => {
    const referential = await open();
    // Two Jean-Pierre Dupont: one with the queried phone, one with another phone in the same postcode.
    await referential.ingest(jpPos);
    const namesake = rec('cc', 'C-9', day(3), { firstName: 'Jean-Pierre', lastName: 'Dupont', postcode: '75011', phone: '06 98 76 54 32' });
    await referential.ingest(namesake);
    const before = referential.stats();
    expect(before.profiles).toBe(2);
    const query = { attributes: { firstName: 'Jean-Pierre', lastName: 'Dupont', postcode: '75011', phone: '0612345678' } };
    const all = await referential.resolve(query);
    expect(all).toHaveLength(2);
    expect(all[0]!.profileId).toBe(profileIdOf(jpPos));
    expect(all[0]!.weight).toBeGreaterThan(all[1]!.weight);
    const one = await referential.resolve(query, { limit: 1 });
    expect(one).toEqual([all[0]]);
    expect(referential.stats()).toEqual(before);
  });

  it('ranks candidates for a phone-only query (a caller number), even below the match threshold', async () => {
    const referential = await open();
    await referential.ingestMany(people);
    // Another profile with a phone one digit off: reached by no blocking key, so not a candidate.
    await referential.ingest(rec('cc', 'C-8', day(12), { firstName: 'Marc', lastName: 'Petit', phone: '06 12 34 56 79' }));
    const before = referential.stats();
    const candidates = await referential.resolve({ attributes: { phone: '+33 6 12 34 56 78' } });
    expect(candidates.map((c) => c.profileId)).toEqual([profileIdOf(jpWeb)]);
    const [best] = candidates;
    // A phone alone is short even of a review: the caller's profile is still the one found.
    expect(best!.decision).toBe('no-match');
    expect(best!.probability).toBeCloseTo(0.1497, 4);
    expect(best!.probability).toBeCloseTo(1 / (1 + 2 ** -best!.weight), 3);
    expect(best!.explanation.fields.find((f) => f.attribute === 'phone')).toMatchObject({ level: 'exact', left: '+33612345678' });
    expect(best!.weight).toBe(Math.round(best!.explanation.weight * 1000) / 1000);
    expect(referential.stats()).toEqual(before);
    expect(await referential.changes(before.lastSeq)).toEqual([]);
  });

  it('a query like nobody gives no candidate', async () => {
    const referential = await open();
    await referential.ingestMany(people);
    expect(await referential.resolve({ attributes: { firstName: 'Zoé', lastName: 'Zylberstein', postcode: '97400' } })).toEqual([]);
  });

  it('a bad query or limit is INVALID_INPUT', async () => {
    const referential = await open();
    await referential.ingest(jpWeb);
    const notObject = await rejection(() => referential.resolve({ attributes: 'phone' as never }));
    expect(notObject.code).toBe('INVALID_INPUT');
    expect((notObject.details.issues as { path: unknown[] }[]).some((i) => i.path[0] === 'attributes')).toBe(true);
    expect((await rejection(() => referential.resolve({ attributes: { phone: { x: 1 } as never } }))).code).toBe('INVALID_INPUT');
    expect((await rejection(() => referential.resolve(null as never))).code).toBe('INVALID_INPUT');
    expect((await rejection(() => referential.resolve({ attributes: { phone: '0612345678' } }, { limit: 0 }))).code).toBe(
      'INVALID_INPUT',
    );
    expect((await rejection(() => referential.resolve({ attributes: { phone: '0612345678' } }, { limit: 1.5 }))).code).toBe(
      'INVALID_INPUT',
    );
    expect(referential.stats().records).toBe(1);
  });
});

// ── Cross-references ───────────────────────────────────────────────────────────────────────

describe('cross-references', () => {
  it('a source named like an Object property (constructor, __proto__, toString) is a source like any other', async () => {
    const referential = await open();
    const person = { firstName: 'Anne', lastName: 'Roy', email: 'anne.roy@gmail.com', phone: '06 11 22 33 44' };
    await referential.ingestMany([rec('constructor', 'K1', day(1), person), rec('__proto__', 'K2', day(2), person), rec('web', 'W1', day(3), person)]);
    const profile = (await referential.lookup('web', 'W1'))!;
    expect(Object.keys(profile.keys).sort()).toEqual(['__proto__', 'constructor', 'web']);
    expect(profile.keys['constructor']).toEqual(['K1']);
    expect(Object.getOwnPropertyDescriptor(profile.keys, '__proto__')!.value).toEqual(['K2']);
    expect(({} as Record<string, unknown>)['K2']).toBeUndefined(); // nothing leaked into Object.prototype
  });

  it('lists records by source then key, and names a profile after the lowest of its earliest records in that order', async () => {
    const referential = await open();
    const person = { firstName: 'Anne', lastName: 'Roy', email: 'anne.roy@gmail.com', phone: '06 11 22 33 44' };
    // Same time; 'zz' is shorter than 'aaa' but sorts after it.
    await referential.ingestMany([rec('zz', 'K1', day(1), person), rec('aaa', 'K1', day(1), person)]);
    const profile = (await referential.lookup('zz', 'K1'))!;
    expect(profile.records.map(refOf)).toEqual(['aaa/K1', 'zz/K1']);
    expect(profile.golden.records.map(refOf)).toEqual(['aaa/K1', 'zz/K1']);
    expect(profile.id).toBe(profileIdOf({ source: 'aaa', key: 'K1' }));
  });

  it('lookup(source, key) gives the profile, and profile(id).keys lists its keys per source', async () => {
    const referential = await open();
    await referential.ingestMany(people);
    const viaPos = await referential.lookup('pos', 'T-2');
    const viaCc = await referential.lookup('cc', 'C-1');
    expect(viaPos!.id).toBe(profileIdOf(claireWeb));
    expect(viaCc!.id).toBe(viaPos!.id);
    const profile = await referential.profile(viaPos!.id);
    expect(profile!.redirectedFrom).toBeUndefined();
    expect(Object.fromEntries(Object.entries(profile!.keys).map(([s, k]) => [s, [...k].sort()]))).toEqual({
      web: ['W-2'],
      pos: ['T-2'],
      cc: ['C-1'],
    });
    expect(profile!.records.map(refOf).sort()).toEqual(['cc/C-1', 'pos/T-2', 'web/W-2']);
    expect(profile!.golden.profileId).toBe(profile!.id);
    expect(profile!.golden.sources).toEqual(['cc', 'pos', 'web']);
    expect(await referential.lookup('pos', 'nope')).toBeNull();
    expect(await referential.lookup('nope', 'T-2')).toBeNull();
    expect(await referential.profile('p_00000000000')).toBeNull();
  });

  it('several keys of one source are all listed', async () => {
    const referential = await open();
    await referential.ingestMany([paulWeb, paulPos, rec('pos', 'T-5', day(12), { ...paulPos.attributes })]);
    const p = await referential.lookup('web', 'W-4');
    expect([...p!.keys.pos!].sort()).toEqual(['T-4', 'T-5']);
    expect(p!.keys.web).toEqual(['W-4']);
  });
});

// ── Stable ids ─────────────────────────────────────────────────────────────────────────────

describe('stable ids', () => {
  it('after an automatic merge the absorbed id resolves to the survivor, with redirectedFrom set', async () => {
    const referential = await open();
    const a = await referential.ingest(claireWeb);
    const b = await referential.ingest(clairePos);
    await referential.ingest(claireCc);
    const redirected = await referential.profile(b.profileId);
    expect(redirected).not.toBeNull();
    expect(redirected!.id).toBe(a.profileId);
    expect(redirected!.redirectedFrom).toBe(b.profileId);
    const direct = await referential.profile(a.profileId);
    expect(direct!.redirectedFrom).toBeUndefined();
    expect({ ...redirected, redirectedFrom: undefined }).toEqual({ ...direct, redirectedFrom: undefined });
  });

  it('redirects chain: after an earlier record and then a manual merge rename a profile, every older id finds it, also after reopening', async () => {
    const store = memoryStore();
    const referential = await open({ store });
    await referential.ingest(clairePos);
    expect((await referential.ingest(claireCc)).profileId).toBe(profileIdOf(clairePos));
    // Claire's web record was observed earlier (day 3): the profile of three records is named after it.
    expect(await referential.ingest(claireWeb)).toMatchObject({ outcome: 'attached', profileId: profileIdOf(claireWeb) });
    await referential.ingest(jpWeb);
    // Merged by hand with a record observed earlier still (day 1): renamed again.
    expect((await referential.merge(clairePos, jpWeb)).profileIds).toEqual([profileIdOf(jpWeb)]);
    const records = ['cc/C-1', 'pos/T-2', 'web/W-1', 'web/W-2'];
    for (const reader of [referential, await open({ store })]) {
      for (const r of [clairePos, claireCc, claireWeb]) {
        const p = await reader.profile(profileIdOf(r));
        expect(p).toMatchObject({ id: profileIdOf(jpWeb), redirectedFrom: profileIdOf(r) });
        expect(p!.records.map(refOf)).toEqual(records);
      }
      const survivor = await reader.profile(profileIdOf(jpWeb));
      expect(survivor!.redirectedFrom).toBeUndefined();
      expect(survivor!.records.map(refOf)).toEqual(records);
    }
  });

  it('the survivor is the profile of the earliest-observed record, whatever the arrival order', async () => {
    // The earliest-observed record sorts last by source/key and arrives last of the two.
    const early = rec('web', 'Z-9', '2025-03-01T08:00:00Z', { firstName: 'Claire', lastName: 'Martin', email: 'claire.martin@gmail.com' });
    const late = rec('cc', 'A-1', '2026-02-01T08:00:00Z', { firstName: 'Claire', lastName: 'Martin', phone: '06 11 22 33 44' });
    const bridge = rec('app', 'M-5', '2026-03-01T08:00:00Z', {
      firstName: 'Claire',
      lastName: 'Martin',
      email: 'claire.martin@gmail.com',
      phone: '0611223344',
    });
    const orders = [
      [late, early, bridge],
      [early, late, bridge],
      [bridge, late, early],
      [late, bridge, early],
    ];
    for (const order of orders) {
      const referential = await open();
      for (const r of order) await referential.ingest(r);
      const p = await referential.lookup('app', 'M-5');
      expect(p!.id).toBe(profileIdOf(early));
      expect((await referential.profile(profileIdOf(late)))!.id).toBe(profileIdOf(early));
      expect((await referential.profile(profileIdOf(bridge)))!.id).toBe(profileIdOf(early));
    }
  });

  it('ties on observedAt go to the lowest source/key', async () => {
    const x = rec('web', 'B', day(1), { firstName: 'Paul', lastName: 'Durand', postcode: '33000' });
    const y = rec('pos', 'A', day(1), { firstName: 'Paul', lastName: 'Durand', postcode: '33000' });
    for (const order of [
      [x, y],
      [y, x],
    ]) {
      const referential = await open();
      const results = await referential.ingestMany(order);
      expect(results.every((r) => r.profileId === profileIdOf(y))).toBe(true);
    }
  });

  it('the merged event names the survivor and the absorbed profile with its records', async () => {
    const referential = await open();
    await referential.ingestMany([claireWeb, clairePos]);
    const merged: EventOf<'profile.merged'>[] = [];
    referential.on('profile.merged', (e) => merged.push(e));
    await referential.ingest(claireCc);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({
      type: 'profile.merged',
      profileId: profileIdOf(claireWeb),
      absorbed: [{ profileId: profileIdOf(clairePos), records: [{ source: 'pos', key: 'T-2' }] }],
      cause: 'automatic',
    });
  });
});

// ── Golden records ─────────────────────────────────────────────────────────────────────────

describe('golden records', () => {
  // One person on three channels: two cities (one spelt two ways), two addresses, two e-mails.
  const g1 = rec('web', 'G-1', day(1), {
    firstName: 'Hélène',
    lastName: 'Lefèvre',
    email: 'h.lefevre@free.fr',
    phone: '06 21 43 65 87',
    city: 'Lyon',
    address: '3 rue de la Paix',
    postcode: '69003',
  });
  const g2 = rec('pos', 'G-2', day(2), {
    firstName: 'HELENE',
    lastName: 'LEFEVRE',
    phone: '+33621436587',
    city: 'Villeurbanne',
    address: '18 avenue Jean Jaurès',
    postcode: '69003',
  });
  const g3 = rec('cc', 'G-3', day(3), {
    firstName: 'Helene',
    lastName: 'Lefevre',
    email: 'helene.lefevre@gmail.com',
    phone: '0621436587',
    city: 'LYON',
    address: '18 av. Jean-Jaurès',
    postcode: '69003',
  });
  const hel = [g1, g2, g3];

  async function goldenWith(options: ReferentialOptions, records = hel) {
    const referential = await open(options);
    await referential.ingestMany(records);
    const p = await referential.lookup('web', 'G-1');
    expect(p!.records).toHaveLength(records.length);
    return { referential, golden: p!.golden };
  }

  it('mostFrequent by default, grouping values by their normalized form, with provenance', async () => {
    const { golden } = await goldenWith({});
    expect(golden.values.phone).toMatchObject({ normalized: '+33621436587', support: 3, policy: 'mostFrequent' });
    // The raw value shown is the most recent observation's.
    expect(golden.values.phone!.value).toBe('0621436587');
    expect(golden.values.phone!.provenance).toEqual({ source: 'cc', key: 'G-3', observedAt: day(3) });
    expect(golden.values.postcode).toMatchObject({ value: '69003', support: 3 });
    expect(golden.values.city).toMatchObject({ value: 'LYON', normalized: 'lyon', support: 2, provenance: { key: 'G-3' } });
    expect(golden.values.address).toMatchObject({ normalized: '18 avenue jean jaures', support: 2, value: '18 av. Jean-Jaurès' });
    expect(golden.values.birthDate).toBeNull();
    expect(golden.records).toEqual([
      { source: 'cc', key: 'G-3', observedAt: day(3) },
      { source: 'pos', key: 'G-2', observedAt: day(2) },
      { source: 'web', key: 'G-1', observedAt: day(1) },
    ]);
  });

  it('mostRecent takes the latest observation', async () => {
    const { golden } = await goldenWith({ survivorship: { city: { policy: 'mostRecent' }, address: { policy: 'mostRecent' } } });
    expect(golden.values.city).toMatchObject({ value: 'LYON', policy: 'mostRecent', provenance: { source: 'cc', key: 'G-3' } });
    expect(golden.values.address!.provenance.key).toBe('G-3');
  });

  it('mostTrustedSource follows the ranking of sources', async () => {
    const { golden } = await goldenWith({
      survivorship: {
        city: { policy: 'mostTrustedSource', sources: ['pos', 'web'] },
        address: { policy: 'mostTrustedSource', sources: ['web', 'cc'] },
      },
    });
    expect(golden.values.city).toMatchObject({ value: 'Villeurbanne', policy: 'mostTrustedSource', provenance: { source: 'pos' } });
    expect(golden.values.address).toMatchObject({ value: '3 rue de la Paix', provenance: { source: 'web', key: 'G-1' } });
  });

  it('longest takes the longest value', async () => {
    const { golden } = await goldenWith({ survivorship: { city: { policy: 'longest' } } });
    expect(golden.values.city).toMatchObject({ value: 'Villeurbanne', policy: 'longest', support: 1 });
  });

  it('firstSeen takes the earliest observation', async () => {
    const { golden } = await goldenWith({ survivorship: { address: { policy: 'firstSeen' }, city: { policy: 'firstSeen' } } });
    expect(golden.values.address).toMatchObject({
      value: '3 rue de la Paix',
      policy: 'firstSeen',
      provenance: { source: 'web', key: 'G-1' },
    });
    // Lyon was seen first (G-1): the value is shown as G-1 typed it, with G-1 as provenance.
    expect(golden.values.city).toMatchObject({ normalized: 'lyon', value: 'Lyon', policy: 'firstSeen', provenance: { source: 'web', key: 'G-1' } });
  });

  it('a custom function chooses among the known values', async () => {
    const { golden } = await goldenWith({
      survivorship: {
        city: { policy: (values) => values.find((v) => v.value === v.value.toUpperCase()) ?? null },
        address: { policy: () => null },
      },
    });
    expect(golden.values.city).toMatchObject({ value: 'LYON', policy: 'custom' });
    expect(golden.values.address).toBeNull();
  });

  it('e-mails and phones are multi-valued by default: golden.known lists each with status and provenance', async () => {
    const { golden } = await goldenWith({});
    const emails = golden.known!.email!;
    expect(emails.map((v) => v.normalized)).toEqual(['h.lefevre@free.fr', 'helene.lefevre@gmail.com']);
    expect(emails.every((v) => v.status === 'valid' && v.support === 1)).toBe(true);
    expect(emails[0]!.provenance).toEqual([{ source: 'web', key: 'G-1', observedAt: day(1), value: emails[0]!.value }]);
    const phones = golden.known!.phone!;
    expect(phones).toHaveLength(1);
    expect(phones[0]!.provenance.map((p) => p.key)).toEqual(['G-3', 'G-2', 'G-1']);
    expect(golden.known!.city).toBeUndefined();
    // Another attribute made multi-valued by its policy.
    const { golden: withCity } = await goldenWith({ survivorship: { city: { multiValued: true } } });
    expect(withCity.known!.city!.map((v) => [v.normalized, v.support])).toEqual([
      ['lyon', 2],
      ['villeurbanne', 1],
    ]);
  });

  it('a tie goes to the most recent value unless tie-breakers say otherwise; nonEmpty takes the most recent', async () => {
    // G-1 (day 1) says Lyon, G-2 (day 2) Villeurbanne: one record each.
    const city = async (policy?: AttributePolicy) => (await goldenWith(policy ? { survivorship: { city: policy } } : {}, [g1, g2])).golden.values.city;
    expect(await city()).toMatchObject({ value: 'Villeurbanne', policy: 'mostFrequent', support: 1, provenance: { key: 'G-2' } });
    expect(await city({ tieBreakers: ['firstSeen'] })).toMatchObject({ value: 'Lyon', policy: 'mostFrequent', provenance: { key: 'G-1' } });
    expect(await city({ policy: 'nonEmpty' })).toMatchObject({ value: 'Villeurbanne', policy: 'nonEmpty', provenance: { key: 'G-2' } });
    expect(await city({ policy: 'nonEmpty', tieBreakers: ['firstSeen'] })).toMatchObject({ value: 'Lyon', policy: 'nonEmpty' });
  });

  it('a phone flagged as a wrong number gives way to the other known phone, flagged before or after the records arrive', async () => {
    // One person (one birth date): G-2 and G-3 give another phone than G-1, which wins on support.
    const born = { birthDate: '1988-11-05' };
    const records = [
      { ...g1, attributes: { ...g1.attributes, ...born } },
      { ...g2, attributes: { ...g2.attributes, ...born, phone: '07 81 22 33 44' } },
      { ...g3, attributes: { ...g3.attributes, ...born, phone: '07 81 22 33 44' } },
    ];
    const { referential, golden } = await goldenWith({}, records);
    expect(golden.values.phone).toMatchObject({ normalized: '+33781223344', support: 2 });
    const events: ChangeEntry[] = [];
    referential.on('*', (e) => events.push(e));
    await referential.flagValue('phone', '+33 7 81 22 33 44', 'wrong number');
    const flagged = (await referential.lookup('web', 'G-1'))!.golden;
    expect(flagged.values.phone).toMatchObject({ normalized: '+33621436587', value: '06 21 43 65 87', support: 1, provenance: { key: 'G-1' } });
    expect(flagged.values.phone!.status).toBeUndefined();
    const known = Object.fromEntries(flagged.known!.phone!.map((v) => [v.normalized, v]));
    expect(known['+33781223344']).toMatchObject({ status: 'invalid', reasons: ['wrong number'], support: 2 });
    expect(known['+33621436587']!.status).toBe('valid');
    expect(events.map((e) => e.type)).toEqual(['value.flagged', 'profile.updated']);
    expect(events[0]).toMatchObject({ attribute: 'phone', normalized: '+33781223344', status: 'invalid', reason: 'wrong number' });
    expect(events[1]).toMatchObject({ profileId: profileIdOf(g1), changed: ['phone'] });
    // Flagged before the records arrive: the identical golden record.
    const early = await open();
    await early.flagValue('phone', '+33 7 81 22 33 44', 'wrong number');
    await early.ingestMany(records);
    expect((await early.lookup('web', 'G-1'))!.golden).toEqual(flagged);
  });

  it('a flagged e-mail (bounced) is never chosen while a valid one exists; clearFlag restores it', async () => {
    const { referential, golden } = await goldenWith({ survivorship: { email: { policy: 'firstSeen' } } });
    expect(golden.values.email!.normalized).toBe('h.lefevre@free.fr');
    const events: ChangeEntry[] = [];
    referential.on('*', (e) => events.push(e));
    await referential.flagValue('email', 'H.Lefevre@free.fr', 'bounced');
    const flagged = (await referential.lookup('web', 'G-1'))!.golden;
    expect(flagged.values.email!.normalized).toBe('helene.lefevre@gmail.com');
    expect(flagged.values.email!.status).toBeUndefined();
    const known = Object.fromEntries(flagged.known!.email!.map((v) => [v.normalized, v]));
    expect(known['h.lefevre@free.fr']).toMatchObject({ status: 'invalid', reasons: ['bounced'] });
    expect(known['helene.lefevre@gmail.com']!.status).toBe('valid');
    expect(events.map((e) => e.type)).toEqual(['value.flagged', 'profile.updated']);
    expect(events[0]).toMatchObject({ attribute: 'email', normalized: 'h.lefevre@free.fr', status: 'invalid', reason: 'bounced' });
    expect(events[1]).toMatchObject({ changed: ['email'] });

    await referential.clearFlag('email', 'h.lefevre@free.fr');
    const cleared = (await referential.lookup('web', 'G-1'))!.golden;
    expect(cleared).toEqual(golden);
  });

  it('an address flagged NPAI is not chosen while a valid one exists; when all are flagged one is kept, marked invalid', async () => {
    const { referential, golden } = await goldenWith({ survivorship: { address: { policy: 'mostRecent' } } });
    expect(golden.values.address!.provenance.key).toBe('G-3');
    await referential.flagValue('address', '18 av. Jean-Jaurès', 'NPAI');
    const after = (await referential.lookup('web', 'G-1'))!.golden;
    expect(after.values.address).toMatchObject({ value: '3 rue de la Paix', provenance: { key: 'G-1' } });
    expect(after.values.address!.status).toBeUndefined();
    await referential.flagValue('address', '3 rue de la Paix', 'NPAI');
    const none = (await referential.lookup('web', 'G-1'))!.golden;
    expect(none.values.address).toMatchObject({ status: 'invalid', provenance: { key: 'G-3' } });
    await referential.clearFlag('address', '18 avenue Jean Jaurès');
    await referential.clearFlag('address', '3 rue de la Paix');
    expect((await referential.lookup('web', 'G-1'))!.golden).toEqual(golden);
  });

  it('a flag reaches the records holding the value now, not those that held it before an update', async () => {
    const { referential } = await goldenWith({ survivorship: { email: { policy: 'firstSeen' } } });
    // G-1 changes its e-mail: the old one is no longer any record's.
    await referential.ingest({ ...g1, attributes: { ...g1.attributes, email: 'helene.l@orange.fr' } });
    expect((await referential.lookup('web', 'G-1'))!.golden.values.email!.normalized).toBe('helene.l@orange.fr');
    const events: ChangeEntry[] = [];
    referential.on('*', (e) => events.push(e));
    await referential.flagValue('email', 'h.lefevre@free.fr', 'bounced');
    expect(events.map((e) => e.type)).toEqual(['value.flagged']);
    await referential.flagValue('email', 'helene.l@orange.fr', 'bounced');
    expect(events.map((e) => e.type)).toEqual(['value.flagged', 'value.flagged', 'profile.updated']);
    expect((await referential.lookup('web', 'G-1'))!.golden.values.email!.normalized).toBe('helene.lefevre@gmail.com');
  });

  it('a flag applies to values ingested after it', async () => {
    const referential = await open();
    await referential.flagValue('email', 'h.lefevre@free.fr', 'bounced');
    await referential.ingestMany(hel);
    const golden = (await referential.lookup('web', 'G-1'))!.golden;
    expect(golden.values.email!.normalized).toBe('helene.lefevre@gmail.com');
    expect(golden.known!.email!.find((v) => v.normalized === 'h.lefevre@free.fr')!.status).toBe('invalid');
  });

  it('bad flags are INVALID_INPUT', async () => {
    const referential = await open();
    await referential.ingestMany(hel);
    expect((await rejection(() => referential.flagValue('shoeSize', '42', 'NPAI'))).code).toBe('INVALID_INPUT');
    expect((await rejection(() => referential.flagValue('email', '  ', 'bounced'))).code).toBe('INVALID_INPUT');
    expect((await rejection(() => referential.flagValue('email', 'h.lefevre@free.fr', ''))).code).toBe('INVALID_INPUT');
    // A value no record can hold (it normalizes to nothing) could never be matched by the flag.
    const notAPhone = await rejection(() => referential.flagValue('phone', 'not a phone', 'wrong number'));
    expect(notAPhone.code).toBe('INVALID_INPUT');
    expect(notAPhone.details).toMatchObject({ field: 'value', value: 'not a phone' });
    // Still usable.
    await referential.flagValue('email', 'h.lefevre@free.fr', 'bounced');
    expect((await referential.lookup('web', 'G-1'))!.golden.values.email!.normalized).toBe('helene.lefevre@gmail.com');
  });
});

// ── Human decisions ────────────────────────────────────────────────────────────────────────

describe('human decisions', () => {
  // X and Z: one name, two birth dates (a veto: never an automatic merge). Y: no birth date, Z's
  // phone and postcode (Y × Z a strong match); X × Y: the name only (no match).
  const X = rec('web', 'W-1', day(1), { firstName: 'Jean', lastName: 'Dupont', birthDate: '1971-03-12', email: 'jean.dupont@gmail.com' });
  const Y = rec('pos', 'T-1', day(2), { firstName: 'Jean', lastName: 'Dupont', phone: '06 12 34 56 78', postcode: '75011' });
  const Z = rec('cc', 'C-1', day(3), { firstName: 'Jean', lastName: 'Dupont', birthDate: '2001-09-14', phone: '06 12 34 56 78', postcode: '75011' });

  it.each([
    ['web', 'a veto between the two decisions\' other records'],
    ['ab', 'whichever record sorts first'],
  ])('human "same" pairs joined through a record stand together (source %s): %s does not undo them', async (source) => {
    const x = { ...X, source };
    const store = memoryStore();
    const referential = await open({ store });
    await referential.ingestMany([x, Y]);
    expect(referential.explain(x, Y).decision).toBe('no-match');
    await referential.merge(x, Y);
    await referential.ingest(Z);
    expect(referential.explain(x, Z).vetoes.length).toBeGreaterThan(0);
    const [item] = referential.reviews();
    expect([item!.left, item!.right].map(refOf).sort()).toEqual(['cc/C-1', 'pos/T-1']);
    const accepted = await referential.accept(item!.id);
    expect(accepted.profileIds).toHaveLength(1);
    const all = [refOf(x), 'cc/C-1', 'pos/T-1'].sort();
    expect(await partitionOf(referential, [x, Y, Z])).toEqual([all]);
    expect(await partitionOf(await open({ store }), [x, Y, Z])).toEqual([all]);
  });

  it('a review that human verdicts answer leaves the queue; a decision that contradicts standing ones is DECISION_CONFLICT', async () => {
    const store = memoryStore();
    const referential = await open({ store });
    await referential.ingestMany([claireWeb, clairePos]);
    await referential.separate(profileIdOf(claireWeb), profileIdOf(clairePos));
    await referential.ingest(claireCc); // the bridge waits: one review per side
    const items = referential.reviews();
    expect(items).toHaveLength(2);
    const toWeb = items.find((i) => [i.left, i.right].some((r) => refOf(r) === 'web/W-2'))!;
    await referential.accept(toWeb.id);
    // cc is web's person and web is not pos's: cc is not pos's person either, which nobody need review.
    expect(referential.reviews()).toEqual([]);
    expect((await open({ store })).reviews()).toEqual([]);
    // A merge of the two profiles is the steward overruling the separation: every cross pair is "same".
    await referential.merge(claireCc, clairePos);
    expect(await partitionOf(referential, [claireWeb, clairePos, claireCc])).toEqual([['cc/C-1', 'pos/T-2', 'web/W-2']]);
    // Setting one pair of it apart would contradict the others (cc = pos = web): refused, nothing changes.
    const stats = referential.stats();
    const log = await referential.changes(0, Infinity);
    const error = await rejection(() => referential.separate(claireCc, claireWeb));
    expect(error.code).toBe('DECISION_CONFLICT');
    expect([error.details.left, error.details.right].map((r) => refOf(r as RecordRef)).sort()).toEqual(['cc/C-1', 'web/W-2']);
    expect(error.details.decisionId).toBeUndefined(); // the refused decision is what sets them apart
    expect(error.message).toMatch(/^This decision sets apart records/);
    expect(referential.stats()).toEqual(stats);
    expect(await referential.changes(0, Infinity)).toEqual(log);
    // A split is the way.
    await referential.split([claireCc]);
    expect(await partitionOf(referential, [claireWeb, clairePos, claireCc])).toEqual([['cc/C-1'], ['pos/T-2', 'web/W-2']]);
  });

  it('a review or decision id that is not a string is INVALID_INPUT naming it (an unknown one NOT_FOUND)', async () => {
    const referential = await open();
    for (const id of [5, null, {}]) {
      expect((await rejection(() => referential.accept(id as never))).details).toMatchObject({ field: 'reviewId' });
      expect((await rejection(() => referential.reject(id as never))).code).toBe('INVALID_INPUT');
      expect((await rejection(() => referential.revoke(id as never))).details).toMatchObject({ field: 'decisionId' });
    }
    expect((await rejection(() => referential.accept('r_nope'))).code).toBe('NOT_FOUND');
    expect((await rejection(() => referential.revoke('nope'))).code).toBe('NOT_FOUND');
  });

  it('a revocation that would bring back a contradiction is refused with DECISION_CONFLICT', async () => {
    const referential = await open();
    await referential.ingestMany([claireWeb, clairePos, paulWeb]);
    const apart = await referential.separate(profileIdOf(claireWeb), profileIdOf(clairePos));
    const together = await referential.merge(claireWeb, clairePos); // the later verdict wins
    await referential.merge(paulWeb, claireWeb); // Paul's record = both of Claire's
    const stats = referential.stats();
    // Without the merge, web and pos would be apart again, while Paul's record is both of them.
    const error = await rejection(() => referential.revoke(together.decisionId));
    expect(error.code).toBe('DECISION_CONFLICT');
    // The decision whose verdict the revocation would bring back.
    expect(error.details.decisionId).toBe(apart.decisionId);
    expect(error.message).toContain(`decision ${apart.decisionId} says they are different people`);
    expect(referential.stats()).toEqual(stats);
    expect(await partitionOf(referential, [claireWeb, clairePos, paulWeb])).toEqual([['pos/T-2', 'web/W-2', 'web/W-4']]);
  });

  it('revoking a merge leaves the pairs a later merge set: a vetoed pair one of them joined stays together', async () => {
    const W = rec('pos', 'T-7', day(2), { firstName: 'Jean', lastName: 'Dupont', birthDate: '2001-09-14', email: 'jd@free.fr' });
    const V = rec('app', 'A-1', day(4), { firstName: 'Jean', lastName: 'Dupont', postcode: '13008' });
    const referential = await open();
    await referential.ingestMany([X, W, V]);
    expect(referential.explain(X, W).vetoes.length).toBeGreaterThan(0);
    const first = await referential.merge(X, W); // X = W
    await referential.merge(X, V); // {X, W} = V: V = X and V = W
    await referential.revoke(first.decisionId);
    // V is still the same person as X and as W (the later merge's pairs), so all three stay one.
    expect(await partitionOf(referential, [X, W, V])).toEqual([['app/A-1', 'pos/T-7', 'web/W-1']]);
  });

  it('merge(a, b) joins two profiles; revoke restores the exact previous partition and golden records', async () => {
    const referential = await open();
    await referential.ingestMany(people);
    const before = await snapshot(referential, people);
    const statsBefore = referential.stats();
    const merged = await referential.merge(profileIdOf(jpWeb), { source: 'web', key: 'W-4' }, { by: 'steward', note: 'same person' });
    expect(merged.decisionId).toMatch(/^[0-9A-Z]{26}$/);
    expect(merged.profileIds).toEqual([profileIdOf(jpWeb)]);
    const joined = await referential.lookup('pos', 'T-4');
    expect(joined!.id).toBe(profileIdOf(jpWeb));
    expect(joined!.records.map(refOf).sort()).toEqual(['pos/T-4', 'pos/T-9', 'web/W-1', 'web/W-4']);
    expect(referential.stats().profiles).toBe(statsBefore.profiles - 1);
    // The absorbed id redirects.
    expect((await referential.profile(profileIdOf(paulWeb)))!.redirectedFrom).toBe(profileIdOf(paulWeb));

    const revoked = await referential.revoke(merged.decisionId);
    expect(revoked.profileIds).toEqual([profileIdOf(jpWeb), profileIdOf(paulWeb)].sort());
    expect(await snapshot(referential, people)).toEqual(before);
    const { lastSeq: _lastSeq, ...figures } = statsBefore;
    expect(referential.stats()).toMatchObject(figures);
    expect((await rejection(() => referential.revoke(merged.decisionId))).code).toBe('INVALID_INPUT');
  });

  it('merge(a, b) then split of the records b held restores the exact previous profiles, reviews and figures', async () => {
    const referential = await open();
    await referential.ingestMany(people);
    const before = await snapshot(referential, people);
    const reviews = referential.reviews();
    const { lastSeq: _lastSeq, ...figures } = referential.stats();
    await referential.merge(jpWeb, paulWeb);
    expect((await referential.lookup('pos', 'T-4'))!.id).toBe(profileIdOf(jpWeb));
    const split = await referential.split([paulWeb, paulPos]);
    expect(split.profileIds).toEqual([profileIdOf(jpWeb), profileIdOf(paulWeb)].sort());
    expect(await snapshot(referential, people)).toEqual(before);
    expect(referential.reviews()).toEqual(reviews);
    const { lastSeq: _seq, ...now } = referential.stats();
    expect(now).toEqual(figures);
    // Paul's id names his own profile again, not a redirect.
    expect((await referential.profile(profileIdOf(paulWeb)))!.redirectedFrom).toBeUndefined();
  });

  it('decisions on two pairs stay apart even when keys hold the characters a pair key is made of', async () => {
    const referential = await open();
    const person = (n: string, phone: string) => ({ firstName: n, lastName: 'Roy', email: `${n.toLowerCase()}.roy@gmail.com`, phone });
    const x1 = rec('a', 'k', day(1), person('Anne', '0611111111'));
    const y1 = rec('b', 'm\u00001:c/n', day(2), person('Marc', '0622222222'));
    const x2 = rec('a', 'k\u00001:b/m', day(3), person('Paul', '0633333333'));
    const y2 = rec('c', 'n', day(4), person('Paul', '0633333333'));
    await referential.ingestMany([x1, y1, x2, y2]);
    const together = async () => (await referential.lookup('a', x2.key))!.id === (await referential.lookup('c', 'n'))!.id;
    expect(await together()).toBe(true);
    await referential.separate(x1, y1);
    const d = await referential.separate(x2, y2);
    expect(await together()).toBe(false);
    await referential.revoke(d.decisionId);
    expect(await together()).toBe(true);
  });

  it('after a merge is revoked, the absorbed id names its own profile again', async () => {
    const referential = await open();
    await referential.ingestMany([jpWeb, paulWeb]);
    const d = await referential.merge(jpWeb, paulWeb);
    expect((await referential.profile(profileIdOf(paulWeb)))!.id).toBe(profileIdOf(jpWeb));
    const revoked = await referential.revoke(d.decisionId);
    const paul = await referential.profile(profileIdOf(paulWeb));
    expect(paul!.id).toBe(profileIdOf(paulWeb));
    expect(paul!.redirectedFrom).toBeUndefined();
    expect(paul!.records).toEqual([{ source: 'web', key: 'W-4' }]);
    // A revocation cannot itself be revoked: the decision is made again instead.
    const error = await rejection(() => referential.revoke(revoked.decisionId));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('is a revocation');
    expect((await rejection(() => referential.revoke('01NOSUCHDECISION0000000000'))).code).toBe('NOT_FOUND');
  });

  it('a manual split is told by events: split, then the new profile and the update of the rest', async () => {
    const referential = await open();
    await referential.ingestMany([claireWeb, clairePos, claireCc]);
    const events: ChangeEntry[] = [];
    referential.on('*', (e) => events.push(e));
    const d = await referential.split([clairePos]);
    expect(events[0]).toMatchObject({ type: 'decision.recorded', decisionId: d.decisionId, kind: 'split' });
    expect(events.find((e) => e.type === 'profile.split')).toMatchObject({ profileId: profileIdOf(claireWeb), cause: 'manual' });
    expect(events.find((e) => e.type === 'profile.created')).toMatchObject({ profileId: profileIdOf(clairePos) });
    expect(events.find((e) => e.type === 'profile.updated')).toMatchObject({
      profileId: profileIdOf(claireWeb),
      removed: [{ source: 'pos', key: 'T-2' }],
    });
  });

  // Father (born 1971) and son (born 2001), both "Jean Dupont", share the family mailbox; W-0 (no
  // birth date) matches both decisively and equally well: it waits for a human, who cannot be told
  // which of them it is by the clustering. The human "same" on father × W-2 must hold: a record a
  // human placed is never set apart by the clustering.
  it('a manual merge is not undone by a decisive automatic match', async () => {
    const home = { lastName: 'Dupont', email: 'famille.dupont@orange.fr', postcode: '75011' };
    const w0 = rec('web', 'WEB-0', day(1), { firstName: 'Jean', ...home, address: '12 bis avenue Victor Hugo' });
    const father = rec('web', 'WEB-1', day(1), { firstName: 'Jean', ...home, birthDate: '1971-03-12', city: 'Paris' });
    const w2 = rec('web', 'WEB-2', day(1), { firstName: 'Jean', lastName: 'Dupont', email: 'jean.dupont@gmail.com', postcode: '75011' });
    const son = rec('web', 'WEB-3', day(1), { firstName: 'Jean', ...home, birthDate: '2001-09-14', city: 'Paris' });
    const referential = await open();
    for (const r of [w0, father, w2, son]) await referential.ingest(r);
    expect(await partitionOf(referential, [w0, father, w2, son])).toEqual([['web/WEB-0'], ['web/WEB-1'], ['web/WEB-2'], ['web/WEB-3']]);
    expect(referential.reviews().map((i) => [i.left, i.right].map(refOf).sort())).toEqual(
      expect.arrayContaining([
        ['web/WEB-0', 'web/WEB-1'],
        ['web/WEB-0', 'web/WEB-3'],
      ]),
    );
    const d = await referential.merge(father, w2);
    expect(d.profileIds).toHaveLength(1);
    expect((await referential.lookup('web', 'WEB-1'))!.id).toBe((await referential.lookup('web', 'WEB-2'))!.id);
  });

  // Jean and Marie Dupont share an address and nearly an e-mail but no blocking key: they are never
  // compared. A merge and its revocation (or separate and its revocation) must leave them as they
  // were: no pair pending review.
  it('revoking a merge leaves no review behind', async () => {
    const jean = rec('web', 'W-10', day(1), {
      firstName: 'Jean',
      lastName: 'Dupont',
      email: 'faimlle.dupont@orange.fr',
      address: '12 bis avenue Victor Hugo',
    });
    const marie = rec('web', 'W-11', day(2), {
      firstName: 'Marie',
      lastName: 'Dupont',
      email: 'famille.dupont@orange.fr',
      address: '12 bis avenue Victor Hugo',
      postcode: '75011',
    });
    const referential = await open();
    await referential.ingestMany([jean, marie]);
    expect(referential.reviews()).toEqual([]);
    expect(referential.explain(jean, marie).decision).toBe('review'); // scored on demand only
    const d = await referential.merge(jean, marie);
    await referential.revoke(d.decisionId);
    expect(await partitionOf(referential, [jean, marie])).toEqual([['web/W-10'], ['web/W-11']]);
    expect(referential.reviews()).toEqual([]);
    expect(referential.stats().reviews).toBe(0);
    const s = await referential.separate(jean, marie);
    await referential.revoke(s.decisionId);
    expect(referential.reviews()).toEqual([]);
  });

  it('merge of a profile with itself is INVALID_INPUT', async () => {
    const referential = await open();
    await referential.ingestMany([jpWeb, jpPos]);
    expect((await rejection(() => referential.merge(jpWeb, jpPos))).code).toBe('INVALID_INPUT');
  });

  it('split(records) separates them; they never rejoin automatically, even through a bridging record', async () => {
    const referential = await open();
    await referential.ingestMany([claireWeb, clairePos, claireCc]);
    const before = await snapshot(referential, [claireWeb, clairePos, claireCc]);
    const split = await referential.split([{ source: 'pos', key: 'T-2' }]);
    expect(split.profileIds).toEqual([profileIdOf(claireWeb), profileIdOf(clairePos)].sort());
    expect(await partitionOf(referential, [claireWeb, clairePos, claireCc])).toEqual([['cc/C-1', 'web/W-2'], ['pos/T-2']]);
    // A new record with the e-mail of one side and the phone of the other, same name.
    const bridge = rec('app', 'M-1', day(20), {
      firstName: 'Claire',
      lastName: 'Martin',
      email: 'claire.martin@gmail.com',
      phone: '06 11 22 33 44',
    });
    const r = await referential.ingest(bridge);
    // It joins the e-mail side; its pair with the split record waits for a human.
    expect(r).toMatchObject({ outcome: 'attached', profileId: profileIdOf(claireWeb), absorbed: [] });
    expect(referential.reviews().map((v) => [refOf(v.left), refOf(v.right)].sort())).toEqual([['app/M-1', 'pos/T-2']]);
    const all = [claireWeb, clairePos, claireCc, bridge];
    const partition = await partitionOf(referential, all);
    expect(partition).toHaveLength(2);
    expect(partition.find((g) => g.includes('pos/T-2'))).not.toContain('web/W-2');
    // A new version of the split record does not bring it back either.
    await referential.ingest(rec('pos', 'T-2', day(21), { ...clairePos.attributes, email: 'claire.martin@gmail.com' }));
    expect((await referential.lookup('pos', 'T-2'))!.id).not.toBe((await referential.lookup('web', 'W-2'))!.id);

    // Revoking the split (without the new records) restores the profile.
    const fresh = await open();
    await fresh.ingestMany([claireWeb, clairePos, claireCc]);
    const d = await fresh.split([clairePos]);
    await fresh.revoke(d.decisionId);
    expect(await snapshot(fresh, [claireWeb, clairePos, claireCc])).toEqual(before);
  });

  it('split of several records keeps them together, apart from the rest', async () => {
    const referential = await open();
    const t5 = rec('pos', 'T-5', day(12), { ...paulPos.attributes });
    await referential.ingestMany([paulWeb, paulPos, t5]);
    expect(referential.stats().profiles).toBe(1);
    await referential.split([paulPos, t5]);
    expect(await partitionOf(referential, [paulWeb, paulPos, t5])).toEqual([['pos/T-4', 'pos/T-5'], ['web/W-4']]);
  });

  it('split refuses records of several profiles, all the records of a profile, or nothing', async () => {
    const referential = await open();
    await referential.ingestMany(people);
    expect((await rejection(() => referential.split([jpWeb, paulWeb]))).code).toBe('INVALID_INPUT');
    expect((await rejection(() => referential.split([jpWeb, jpPos]))).code).toBe('INVALID_INPUT');
    expect((await rejection(() => referential.split([]))).code).toBe('INVALID_INPUT');
    expect((await rejection(() => referential.split([{ source: 'web', key: 'nope' }]))).code).toBe('NOT_FOUND');
  });

  it('separate(a, b) is honoured by later automatic resolution', async () => {
    const referential = await open();
    await referential.ingestMany([claireWeb, clairePos]);
    const d = await referential.separate(profileIdOf(claireWeb), profileIdOf(clairePos), { by: 'steward' });
    expect(d.profileIds).toEqual([profileIdOf(claireWeb), profileIdOf(clairePos)].sort());
    const r = await referential.ingest(claireCc);
    // The bridge matches both sides, which may not be one person: it waits apart, one review per side.
    expect(r).toMatchObject({ outcome: 'review', profileId: profileIdOf(claireCc), absorbed: [] });
    expect(referential.reviews().map((v) => [refOf(v.left), refOf(v.right)].sort()).sort()).toEqual([
      ['cc/C-1', 'pos/T-2'],
      ['cc/C-1', 'web/W-2'],
    ]);
    expect((await referential.lookup('web', 'W-2'))!.id).not.toBe((await referential.lookup('pos', 'T-2'))!.id);
    // Revoked, the bridge merges them again.
    await referential.revoke(d.decisionId);
    expect(await partitionOf(referential, [claireWeb, clairePos, claireCc])).toEqual([['cc/C-1', 'pos/T-2', 'web/W-2']]);
  });

  it('separate of two records of one profile takes them apart', async () => {
    const referential = await open();
    await referential.ingestMany([jpWeb, jpPos]);
    await referential.separate(jpWeb, jpPos);
    expect(await partitionOf(referential, [jpWeb, jpPos])).toEqual([['pos/T-9'], ['web/W-1']]);
    expect((await rejection(() => referential.separate(jpWeb, jpWeb))).code).toBe('INVALID_INPUT');
  });

  it('reviews() lists pending pairs; accept(id) merges them', async () => {
    const referential = await open();
    await referential.ingestMany([sophie, sophia, paulWeb]);
    const items = referential.reviews();
    expect(items).toHaveLength(1);
    const [item] = items;
    expect(item!.id).toMatch(/^r_/);
    expect(new Set([item!.leftProfileId, item!.rightProfileId])).toEqual(new Set([profileIdOf(sophie), profileIdOf(sophia)]));
    expect(referential.reviews({ limit: 0 })).toEqual([]);
    const accepted = await referential.accept(item!.id, { by: 'steward' });
    expect(accepted.profileIds).toEqual([profileIdOf(sophie)]);
    expect((await referential.lookup('pos', 'T-3'))!.id).toBe(profileIdOf(sophie));
    expect(referential.reviews()).toEqual([]);
    expect(referential.stats().reviews).toBe(0);
    // Revoking the acceptance puts the pair back in the queue.
    await referential.revoke(accepted.decisionId);
    expect(referential.reviews().map((r) => r.id)).toEqual([item!.id]);
    expect((await referential.lookup('pos', 'T-3'))!.id).toBe(profileIdOf(sophia));
  });

  it('reviews({ limit }) is the head of the whole queue, ties included, and each listed id can be settled', async () => {
    const referential = await open();
    // Sophie/Sophia pairs in other families and towns: several pending pairs, some of equal weight.
    const families = ['Bernard', 'Garnier', 'Rousseau', 'Moreau', 'Lambert', 'Fontaine'];
    const towns = ['69003', '69003', '13008', '75011', '69003', '33000'];
    const pairs = families.flatMap((lastName, k) => [
      rec('web', `W-3${k}`, day(6), { firstName: 'Sophie', lastName, postcode: towns[k]! }),
      rec('pos', `T-3${k}`, day(7), { firstName: 'Sophia', lastName, postcode: towns[k]! }),
    ]);
    await referential.ingestMany(pairs);
    const all = referential.reviews();
    expect(all.length).toBeGreaterThanOrEqual(families.length);
    for (let limit = 0; limit <= all.length + 1; limit++) expect(referential.reviews({ limit })).toEqual(all.slice(0, limit));
    await referential.reject(all[all.length - 1]!.id);
    await referential.accept(all[0]!.id);
    expect(referential.reviews()).toEqual(all.slice(1, -1));
    // An id that looks right but names no pending pair.
    for (const limit of [-1, 2.5, Number.NaN]) expect(thrown(() => referential.reviews({ limit })).code).toBe('INVALID_INPUT');
    const swapped = `r_${all[1]!.id.slice(13)}${all[1]!.id.slice(2, 13)}`;
    expect((await rejection(() => referential.accept(swapped))).code).toBe('NOT_FOUND');
    expect((await rejection(() => referential.accept(all[1]!.id.slice(0, -1)))).code).toBe('NOT_FOUND');
  });

  it('reject(id) keeps them apart and takes the pair out of the queue', async () => {
    const referential = await open();
    await referential.ingestMany([sophie, sophia]);
    const [item] = referential.reviews();
    const rejected = await referential.reject(item!.id);
    expect(rejected.profileIds).toEqual([profileIdOf(sophie), profileIdOf(sophia)].sort());
    expect(referential.reviews()).toEqual([]);
    expect((await referential.lookup('pos', 'T-3'))!.id).not.toBe((await referential.lookup('web', 'W-3'))!.id);
    // A stronger record later does not join them automatically.
    await referential.ingest(rec('web', 'W-3', day(22), { ...sophie.attributes, firstName: 'Sophia' }));
    expect((await referential.lookup('pos', 'T-3'))!.id).not.toBe((await referential.lookup('web', 'W-3'))!.id);
    expect((await rejection(() => referential.accept(item!.id))).code).toBe('NOT_FOUND');
  });

  it('a review settled by another decision leaves the queue', async () => {
    const referential = await open();
    await referential.ingestMany([sophie, sophia]);
    const [item] = referential.reviews();
    expect(referential.stats().reviews).toBe(1);
    await referential.merge(sophie, sophia);
    expect(referential.reviews()).toEqual([]);
    expect(referential.stats().reviews).toBe(0);
    expect((await rejection(() => referential.accept(item!.id))).code).toBe('NOT_FOUND');
    expect((await rejection(() => referential.reject(item!.id))).code).toBe('NOT_FOUND');
  });

  it('unknown ids are NOT_FOUND', async () => {
    const referential = await open();
    await referential.ingestMany(people);
    const codes = await Promise.all([
      rejection(() => referential.revoke('01ZZZZZZZZZZZZZZZZZZZZZZZZ')),
      rejection(() => referential.accept('r_nope')),
      rejection(() => referential.reject('r_nope')),
      rejection(() => referential.merge('p_nope', profileIdOf(jpWeb))),
      rejection(() => referential.merge(profileIdOf(jpWeb), { source: 'web', key: 'nope' })),
      rejection(() => referential.separate('p_nope', profileIdOf(jpWeb))),
      rejection(() => referential.split([{ source: 'nope', key: 'W-1' }])),
    ]);
    expect(codes.map((e) => e.code)).toEqual(Array(7).fill('NOT_FOUND'));
    // Nothing changed, and it still works.
    expect(referential.stats().records).toBe(people.length);
    await referential.merge(profileIdOf(jpWeb), profileIdOf(paulWeb));
    expect((await referential.lookup('web', 'W-4'))!.id).toBe(profileIdOf(jpWeb));
  });

  it('the decision is recorded in the change log with its kind', async () => {
    const referential = await open();
    await referential.ingestMany([jpWeb, paulWeb]);
    const d = await referential.merge(jpWeb, paulWeb);
    const log = await referential.changes(0);
    expect(log.find((e) => e.type === 'decision.recorded')).toMatchObject({ decisionId: d.decisionId, kind: 'merge' });
    expect(log.find((e) => e.type === 'profile.merged')).toMatchObject({ cause: 'manual', profileId: profileIdOf(jpWeb) });
  });
});

// ── Events and the change log ──────────────────────────────────────────────────────────────

describe('events and the change log', () => {
  it("on('profile.merged') receives typed events; on('*') receives everything in order; unsubscribe stops", async () => {
    const referential = await open();
    const merged: EventOf<'profile.merged'>[] = [];
    const all: ChangeEntry[] = [];
    const offMerged = referential.on('profile.merged', (e) => {
      expectTypeOf(e).toEqualTypeOf<EventOf<'profile.merged'>>();
      merged.push(e);
    });
    referential.on('*', (e) => all.push(e));
    await referential.ingestMany([claireWeb, clairePos]);
    await referential.ingest(claireCc);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.absorbed[0]!.profileId).toBe(profileIdOf(clairePos));
    expect(merged[0]!.seq).toBeGreaterThan(0);
    expect(all.map((e) => e.seq)).toEqual(all.map((_, k) => k + 1));
    expect(all.filter((e) => e.type === 'record.ingested').map((e) => (e as EventOf<'record.ingested'>).outcome)).toEqual([
      'created',
      'created',
      'merged',
    ]);
    expect(all).toEqual(await referential.changes(0));
    offMerged();
    const paulCc = rec('cc', 'C-4', day(13), {
      firstName: 'Paul',
      lastName: 'Durand',
      email: 'paul.durand@free.fr',
      phone: '07 55 44 33 22',
    });
    await referential.ingestMany([paulWeb, paulCc]);
    await referential.ingest(paulPos);
    expect(merged).toHaveLength(1);
    expect(all.length).toBe(referential.stats().lastSeq);
  });

  it('changes(after, limit) is an ordered log, seq strictly increasing without gaps, readable from a cursor', async () => {
    const referential = await open();
    await referential.ingestMany(people.slice(0, 4));
    for (const r of people.slice(4)) await referential.ingest(r);
    await referential.merge(jpWeb, paulWeb);
    const log = await referential.changes(0, 10_000);
    expect(log.length).toBe(referential.stats().lastSeq);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, k) => k + 1));
    expect(log.every((e) => e.at === fixedClock().toISOString())).toBe(true);
    // Read from a cursor, page by page.
    const pages: ChangeEntry[] = [];
    let cursor = 0;
    for (;;) {
      const page = await referential.changes(cursor, 3);
      if (page.length === 0) break;
      expect(page.length).toBeLessThanOrEqual(3);
      pages.push(...page);
      cursor = page[page.length - 1]!.seq;
    }
    expect(pages).toEqual(log);
    expect(await referential.changes(log.length)).toEqual([]);
    expect(await referential.changes(5, 2)).toEqual(log.slice(5, 7));
    expect(await referential.changes()).toEqual(log);
  });

  it('an async handler that rejects is reported to onHandlerError; a reporter that throws changes nothing', async () => {
    const failures: unknown[] = [];
    let reporterFails = false;
    const referential = await open({
      onHandlerError: (error) => {
        failures.push(error);
        if (reporterFails) throw new Error('reporter down');
      },
    });
    const seen: string[] = [];
    referential.on('record.ingested', async () => {
      await Promise.resolve();
      throw new Error('async boom');
    });
    referential.on('*', (e) => seen.push(e.type));
    expect((await referential.ingest(jpWeb)).outcome).toBe('created');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(failures.map((e) => (e as Error).message)).toEqual(['async boom']);
    reporterFails = true;
    referential.on('record.ingested', () => {
      throw new Error('sync boom');
    });
    // The write is stored and told to every other handler, whatever the reporter does.
    expect((await referential.ingest(jpPos)).outcome).toBe('attached');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(failures.map((e) => (e as Error).message)).toEqual(['async boom', 'sync boom', 'async boom']);
    expect(seen.filter((t) => t === 'record.ingested')).toHaveLength(2);
    expect(await referential.history('pos', 'T-9')).toHaveLength(1);
  });

  it('each subscription is its own: the same function subscribed twice is called twice, and one unsubscribe ends one', async () => {
    const referential = await open();
    const calls: number[] = [];
    const handler = (e: ChangeEntry) => calls.push(e.seq);
    const first = referential.on('record.ingested', handler);
    referential.on('record.ingested', handler);
    await referential.ingest(jpWeb);
    expect(calls).toEqual([1, 1]);
    first();
    first(); // a second call is a no-op
    await referential.ingest(paulWeb);
    expect(calls).toHaveLength(3);
    // A handler unsubscribed by an earlier one, during an event, is not called with it.
    const order: string[] = [];
    let stopB = () => {};
    referential.on('record.ingested', () => {
      order.push('A');
      stopB();
    });
    stopB = referential.on('record.ingested', () => order.push('B'));
    await referential.ingest(sophie);
    expect(order).toEqual(['A']);
    // One subscribed during an event (to any type) waits for the next event.
    const late: number[] = [];
    let added = false;
    referential.on('record.ingested', () => {
      if (!added) referential.on('*', (e) => late.push(e.seq));
      added = true;
    });
    await referential.ingest(sophia);
    const log = await referential.changes(0, 10_000);
    const sophiaIngested = log.find((e) => e.type === 'record.ingested' && e.record.key === 'T-3')!;
    expect(late[0]).toBe(sophiaIngested.seq + 1);
  });

  it('a handler that throws does not break ingest; onHandlerError captures it and other handlers still run', async () => {
    const failures: { error: unknown; event: ChangeEntry }[] = [];
    const referential = await open({ onHandlerError: (error, event) => failures.push({ error, event }) });
    const seen: string[] = [];
    referential.on('record.ingested', () => {
      throw new Error('boom');
    });
    referential.on('record.ingested', (e) => seen.push(e.record.key));
    const r = await referential.ingest(jpWeb);
    expect(r.outcome).toBe('created');
    await referential.ingest(jpPos);
    expect(seen).toEqual(['W-1', 'T-9']);
    expect(failures).toHaveLength(2);
    expect((failures[0]!.error as Error).message).toBe('boom');
    expect(failures[0]!.event).toMatchObject({ type: 'record.ingested', record: { key: 'W-1' }, seq: 1 });
    expect(referential.stats().records).toBe(2);
    expect(await referential.history('pos', 'T-9')).toHaveLength(1);
  });

  it('a record sent again with missing values spelled otherwise, or the same instant written otherwise, is unchanged', async () => {
    const referential = await open();
    const base = rec('web', 'W-95', '2026-01-09T10:00:00Z', { firstName: 'Anne', lastName: 'Roy', email: 'anne.roy@gmail.com' });
    await referential.ingest(base);
    for (const again of [
      { ...base, attributes: { ...base.attributes, address: null } },
      { ...base, attributes: { ...base.attributes, address: '   ' } },
      { ...base, attributes: { ...base.attributes, firstName: ' Anne ' } },
      { ...base, observedAt: '2026-01-09T11:00:00+01:00' },
    ])
      expect((await referential.ingest(again)).outcome).toBe('unchanged');
    expect(await referential.history('web', 'W-95')).toHaveLength(1);
    expect((await referential.ingest({ ...base, attributes: { ...base.attributes, city: 'Lyon' } })).outcome).toBe('updated');
  });

  it('the record.ingested event carries the outcome, version and profile', async () => {
    const referential = await open();
    const events: EventOf<'record.ingested'>[] = [];
    referential.on('record.ingested', (e) => events.push(e));
    await referential.ingest(sophie);
    await referential.ingest(sophia);
    await referential.ingest({ ...sophie, observedAt: day(23) });
    expect(events.map((e) => [e.record.key, e.version, e.outcome])).toEqual([
      ['W-3', 1, 'created'],
      ['T-3', 1, 'review'],
      ['W-3', 2, 'updated'],
    ]);
    expect(events[1]!.profileId).toBe(profileIdOf(sophia));
    const log = await referential.changes(0);
    expect(log.filter((e) => e.type === 'review.created')).toHaveLength(1);
  });

  it('a new known e-mail, or one that bounces, is a change of the e-mail attribute even when the chosen one stays', async () => {
    const referential = await open();
    const base = { firstName: 'Anne', lastName: 'Roy', phone: '06 11 22 33 44', postcode: '75011', email: 'anne.roy@gmail.com' };
    await referential.ingestMany([rec('web', 'W-61', day(1), base), rec('pos', 'T-61', day(2), base), rec('cc', 'C-61', day(3), base)]);
    const updates: string[][] = [];
    referential.on('profile.updated', (e) => updates.push(e.changed));
    await referential.ingest(rec('cc', 'C-61', day(3), { ...base, email: 'a.roy@work.fr' }));
    const profile = (await referential.lookup('web', 'W-61'))!;
    expect(profile.golden.values.email!.value).toBe('anne.roy@gmail.com');
    expect(profile.golden.known!.email!.map((k) => k.normalized).sort()).toEqual(['a.roy@work.fr', 'anne.roy@gmail.com']);
    expect(updates).toEqual([['email']]);
    await referential.flagValue('email', 'a.roy@work.fr', 'bounced');
    expect(updates).toEqual([['email'], ['email']]);
  });

  it('an update that moves the anchor record of a profile elsewhere: the merge lists only the record it brought', async () => {
    const referential = await open();
    const anne = { firstName: 'Anne', lastName: 'Roy', email: 'anne.roy@gmail.com', phone: '06 11 22 33 44', postcode: '75011' };
    const marc = { firstName: 'Marc', lastName: 'Petit', email: 'marc.petit@free.fr', phone: '07 55 44 33 22', postcode: '13001' };
    await referential.ingestMany([rec('cc', 'Q-81', day(1), marc), rec('web', 'A-81', day(2), anne), rec('pos', 'B-81', day(3), anne), rec('app', 'C-81', day(4), anne)]);
    const seq = referential.stats().lastSeq;
    await referential.ingest(rec('web', 'A-81', day(2), marc)); // the channel corrects its record: it was Marc
    const log = await referential.changes(seq);
    const merged = log.find((e) => e.type === 'profile.merged');
    expect(merged).toMatchObject({ profileId: profileIdOf(rec('cc', 'Q-81', day(1), marc)), absorbed: [{ records: [{ source: 'web', key: 'A-81' }] }] });
    const split = log.find((e) => e.type === 'profile.split');
    expect(split).toMatchObject({
      profileId: profileIdOf({ source: 'web', key: 'A-81' }),
      into: [profileIdOf({ source: 'pos', key: 'B-81' }), profileIdOf({ source: 'cc', key: 'Q-81' })].sort(),
      cause: 'automatic',
    });
    expect((await referential.lookup('pos', 'B-81'))!.records.map(refOf)).toEqual(['app/C-81', 'pos/B-81']);
  });

  it('a pending review is announced once: an update of one of its records that keeps it pending is no new review', async () => {
    const referential = await open();
    const created: string[] = [];
    referential.on('review.created', (e) => created.push(e.reviewId));
    await referential.ingest(sophie);
    await referential.ingest(sophia);
    const [review] = referential.reviews();
    expect(created).toEqual([review!.id]);
    await referential.ingest({ ...sophia, attributes: { ...sophia.attributes, loyaltyCard: 'LC-123' } });
    expect(referential.reviews().map((r) => r.id)).toEqual([review!.id]);
    expect(created).toEqual([review!.id]);
    // Settled, then put back by a revocation: a review again, announced again (below). And a pair
    // that enters the queue in a batch, leaves it and comes back within that batch is new.
    const other = await open();
    const announced: string[] = [];
    other.on('review.created', (e) => announced.push(e.reviewId));
    await other.ingest(sophie);
    await other.ingest(rec('web', 'Y-1', day(2), { firstName: 'Marc', lastName: 'Petit', postcode: '13001' }));
    await other.ingestMany([
      rec('web', 'Y-1', day(2), { ...sophia.attributes }),
      rec('web', 'Y-1', day(2), { ...sophia.attributes, city: 'Lyon' }),
    ]);
    expect(other.reviews()).toHaveLength(1);
    expect(announced).toEqual(other.reviews().map((r) => r.id));
    const rejected = await referential.reject(review!.id);
    await referential.revoke(rejected.decisionId);
    expect(referential.reviews().map((r) => r.id)).toEqual([review!.id]);
    expect(created).toEqual([review!.id, review!.id]);
  });
});

// ── Bad input and options ──────────────────────────────────────────────────────────────────

describe('bad input', () => {
  const cases: [string, unknown, (string | number)[]][] = [
    ['missing key', { source: 'web', attributes: { firstName: 'Jean' } }, ['key']],
    ['blank key', { source: 'web', key: '  ', attributes: { firstName: 'Jean' } }, ['key']],
    ['attributes not an object', { source: 'web', key: 'X-1', attributes: 'Jean Dupont' }, ['attributes']],
    ['observedAt not ISO', { source: 'web', key: 'X-1', observedAt: '12/03/2026', attributes: { firstName: 'Jean' } }, ['observedAt']],
    ['an attribute value that is an object', { source: 'web', key: 'X-1', attributes: { phone: { n: 1 } } }, ['attributes', 'phone']],
    ['missing source', { key: 'X-1', attributes: { firstName: 'Jean' } }, ['source']],
    ['blank source', { source: ' ', key: 'X-1', attributes: { firstName: 'Jean' } }, ['source']],
    ['observedAt a day that does not exist', { source: 'web', key: 'X-1', observedAt: '2026-02-30T10:00:00Z', attributes: {} }, ['observedAt']],
    ['an attribute value that is an array', { source: 'web', key: 'X-1', attributes: { phone: ['06 12 34 56 78'] } }, ['attributes', 'phone']],
    ['an attribute value that is NaN', { source: 'web', key: 'X-1', attributes: { phone: Number.NaN } }, ['attributes', 'phone']],
    ['a null record', null, []],
  ];

  it.each(cases)('ingest with %s rejects INVALID_RECORD naming the field; nothing is stored', async (_name, bad, path) => {
    const referential = await open();
    await referential.ingest(jpWeb);
    const stats = referential.stats();
    const log = await referential.changes(0);
    const events: ChangeEntry[] = [];
    referential.on('*', (e) => events.push(e));
    const error = await rejection(() => referential.ingest(bad as SourceRecord));
    expect(error.code).toBe('INVALID_RECORD');
    const issues = error.details.issues as { path: (string | number)[]; message: string }[];
    expect(issues.map((i) => i.path)).toContainEqual(path);
    expect(error.message).toContain(path.length > 0 ? `${path.join('.')}: ` : '(root): ');
    expect(referential.stats()).toEqual(stats);
    expect(await referential.changes(0)).toEqual(log);
    expect(events).toEqual([]);
    // Still usable.
    expect((await referential.ingest(jpPos)).outcome).toBe('attached');
  });

  it('a decision note that is not text is refused before anything is decided, so the store stays readable', async () => {
    const store = memoryStore();
    const referential = await open({ store });
    await referential.ingestMany([jpWeb, paulWeb]);
    const badNote = { by: { toString: () => 'alice' }, note: 42 } as unknown as { by: string };
    const error = await rejection(() => referential.merge(jpWeb, paulWeb, badNote));
    expect(error.code).toBe('INVALID_INPUT');
    expect((error.details.issues as { path: string[] }[]).map((i) => i.path)).toEqual([['by'], ['note']]);
    expect((await referential.lookup('web', 'W-4'))!.id).toBe(profileIdOf(paulWeb));
    for (const call of [() => referential.split([jpWeb], badNote), () => referential.separate(jpWeb, paulWeb, badNote)])
      expect((await rejection(call)).code).toBe('INVALID_INPUT');
    expect((await open({ store })).stats()).toEqual(referential.stats());
  });

  it('a malformed record reference is INVALID_INPUT, a record explained against itself too', async () => {
    const referential = await open();
    await referential.ingestMany([jpWeb, paulWeb]);
    const bad = {} as unknown as { source: string; key: string };
    for (const call of [
      () => Promise.resolve().then(() => referential.explain(bad, jpWeb)),
      () => referential.merge(bad, jpWeb),
      () => referential.separate(jpWeb, { key: 'W-4' } as unknown as { source: string; key: string }),
      () => referential.split([bad]),
    ]) {
      const error = await rejection(call);
      expect(error.code).toBe('INVALID_INPUT');
      expect((error.details.issues as { path: string[] }[])[0]!.path).toEqual(['source']);
    }
    expect(thrown(() => referential.explain(jpWeb, jpWeb)).code).toBe('INVALID_INPUT');
    expect(thrown(() => referential.explain(jpWeb, { source: 'web', key: 'nobody' })).code).toBe('NOT_FOUND');
  });

  it('ingestMany names the index of a bad record even in a batch of one; ingest does not', async () => {
    const referential = await open();
    const bad = { source: 'web', key: 'X-1', attributes: 'Jean Dupont' } as unknown as SourceRecord;
    expect((await rejection(() => referential.ingestMany([bad]))).details).toMatchObject({ index: 0 });
    expect((await rejection(() => referential.ingest(bad))).details.index).toBeUndefined();
  });

  it('lookup, history and changes refuse arguments of the wrong type with INVALID_INPUT naming them', async () => {
    const referential = await open();
    await referential.ingest(jpWeb);
    const cases: [() => Promise<unknown>, string][] = [
      [() => referential.lookup(null as unknown as string, 'W-1'), 'source'],
      [() => referential.lookup('web', 7 as unknown as string), 'key'],
      [() => referential.history(undefined as unknown as string, 'W-1'), 'source'],
      [() => referential.changes('abc' as unknown as number), 'after'],
      [() => referential.changes(0, -1), 'limit'],
      [() => referential.changes(0, 2.5), 'limit'],
    ];
    for (const [call, field] of cases) {
      const error = await rejection(call);
      expect(error.code).toBe('INVALID_INPUT');
      expect((error.details.issues as { path: string[] }[])[0]!.path).toEqual([field]);
    }
    expect(await referential.changes(0, 1)).toHaveLength(1);
    expect((await rejection(() => referential.profile(5 as unknown as string))).code).toBe('INVALID_INPUT');
    // Infinity asks for every entry; a null note is no note.
    expect((await referential.changes(0, Infinity)).length).toBe(referential.stats().lastSeq);
    await referential.ingest(paulWeb);
    expect((await referential.merge(jpWeb, paulWeb, null as unknown as undefined)).profileIds).toEqual([profileIdOf(jpWeb)]);
  });

  it('ingestMany with one bad record stores nothing, and names its index', async () => {
    const referential = await open();
    const error = await rejection(() =>
      referential.ingestMany([jpWeb, jpPos, { source: 'web', key: 'X', attributes: { firstName: 'A' }, observedAt: 'yesterday' }]),
    );
    expect(error.code).toBe('INVALID_RECORD');
    expect(error.details.index).toBe(2);
    expect((error.details.issues as { path: unknown[] }[])[0]!.path).toEqual(['observedAt']);
    expect(referential.stats()).toEqual({ records: 0, profiles: 0, reviews: 0, lastSeq: 0 });
    expect(await referential.changes(0)).toEqual([]);
    expect(await referential.history('web', 'W-1')).toEqual([]);
    expect((await rejection(() => referential.ingestMany('nope' as never))).code).toBe('INVALID_INPUT');
    await referential.ingestMany([jpWeb, jpPos]);
    expect(referential.stats()).toMatchObject({ records: 2, profiles: 1 });
  });

  it('ingestMany refuses a hole in the array like an undefined record, naming its index', async () => {
    const referential = await open();
    const batch: SourceRecord[] = [jpWeb, jpPos];
    batch.length = 3; // index 2 is a hole (as with `new Array(n)` or `delete batch[k]`)
    const error = await rejection(() => referential.ingestMany(batch));
    expect(error.code).toBe('INVALID_RECORD');
    expect(error.details.index).toBe(2);
    expect(referential.stats()).toEqual({ records: 0, profiles: 0, reviews: 0, lastSeq: 0 });
    const holes: SourceRecord[] = [jpWeb];
    holes[2] = jpPos;
    expect(thrown(() => dedupe(holes)).details.index).toBe(1);
    expect(thrown(() => trainModel(holes)).details.index).toBe(1);
  });

  it('bad options are INVALID_CONFIG', async () => {
    const unknownAttribute = await rejection(() => open({ survivorship: { shoeSize: { policy: 'mostRecent' } } }));
    expect(unknownAttribute.code).toBe('INVALID_CONFIG');
    expect((unknownAttribute.details.issues as { path: unknown[] }[])[0]!.path).toEqual(['survivorship', 'shoeSize']);
    const badPolicy = await rejection(() => open({ survivorship: { city: { policy: 'loudest' as never } } }));
    expect(badPolicy.code).toBe('INVALID_CONFIG');
    expect((badPolicy.details.issues as { path: unknown[] }[])[0]!.path).toEqual(['survivorship', 'city', 'policy']);
    const noSources = await rejection(() => open({ survivorship: { city: { policy: 'mostTrustedSource' } } }));
    expect(noSources.code).toBe('INVALID_CONFIG');
    expect((noSources.details.issues as { path: unknown[] }[])[0]!.path).toEqual(['survivorship', 'city', 'sources']);
    // As a tie-breaker too: without a ranking every source would rank alike, and it would decide nothing.
    const tieWithoutSources = await rejection(() => open({ survivorship: { city: { policy: 'mostFrequent', tieBreakers: ['mostTrustedSource'] } } }));
    expect((tieWithoutSources.details.issues as { path: unknown[] }[])[0]!.path).toEqual(['survivorship', 'city', 'sources']);
    const badTie = await rejection(() => open({ survivorship: { city: { policy: 'mostRecent', tieBreakers: ['coinFlip' as never] } } }));
    expect(badTie.code).toBe('INVALID_CONFIG');
    const extra = await rejection(() => open({ survivorship: { city: { policy: 'mostRecent', colour: 'red' } as never } }));
    expect(extra.code).toBe('INVALID_CONFIG');
    expect((await rejection(() => open({ thresholds: { match: 2 } } as never))).code).toBe('INVALID_CONFIG');
    const nonAtomic: ReferentialStore = { ...memoryStore(), capabilities: { atomicCommit: false } };
    expect((await rejection(() => open({ store: nonAtomic }))).code).toBe('INVALID_CONFIG');
    // A policy named like an Object.prototype member names no attribute either.
    for (const survivorship of [{ constructor: { policy: 'longest' } }, JSON.parse('{"__proto__": {"policy": "longest"}}')]) {
      const error = await rejection(() => open({ survivorship }));
      expect(error.code).toBe('INVALID_CONFIG');
      expect((error.details.issues as { path: unknown[] }[])[0]!.path).toEqual(['survivorship', Object.keys(survivorship)[0]]);
    }
  });

  it('multiValued written out as undefined keeps the default: e-mails stay multi-valued', async () => {
    const referential = await open({ survivorship: { email: { policy: 'mostRecent', multiValued: undefined } } });
    await referential.ingest(claireWeb);
    const golden = (await referential.lookup('web', 'W-2'))!.golden;
    expect(golden.known?.email?.map((v) => v.normalized)).toEqual(['claire.martin@gmail.com']);
    expect(golden.values.email?.policy).toBe('mostRecent');
  });

  it('takes a dedupe configuration as it is: its model settings are validated, and change nothing', async () => {
    const config = { country: 'FR', model: { estimate: 'none', matchRate: 0.05 } } as const;
    expect(dedupe(people, config).assignments).toHaveLength(people.length);
    const shared = await open(config);
    const plain = await open();
    await shared.ingestMany(people);
    await plain.ingestMany(people);
    expect(await partitionOf(shared, people)).toEqual(await partitionOf(plain, people));
    const bad = await rejection(() => open({ model: { estimate: 'sometimes' } } as never));
    expect(bad.code).toBe('INVALID_CONFIG');
    expect(bad.message).toContain('model.estimate');
  });

  it('a model trained on other attributes is INVALID_CONFIG', async () => {
    const model = trainModel(people, { attributes: { firstName: { kind: 'givenName' }, lastName: { kind: 'familyName' } } });
    expect((await rejection(() => open({ model }))).code).toBe('INVALID_CONFIG');
  });
});

// ── Reopening ──────────────────────────────────────────────────────────────────────────────

describe('reopening a store', () => {
  it('the memory store serves every fact whatever the page size asked (NaN, 0, 1.5 or none)', async () => {
    const store = memoryStore();
    const referential = await open({ store });
    await referential.ingestMany(people);
    await referential.merge(jpWeb, paulWeb);
    const count = async (pageSize?: number) => {
      let records = 0;
      let decisions = 0;
      for await (const page of store.facts(pageSize === undefined ? {} : { pageSize })) {
        records += page.records?.length ?? 0;
        decisions += page.decisions?.length ?? 0;
      }
      return [records, decisions];
    };
    const all = await count();
    expect(all[0]).toBe(people.length);
    for (const size of [Number.NaN, 0, 1.5, 1, -3]) expect(await count(size)).toEqual(all);
  });

  it('queues a review pair that a record leaving a windowed block brings into the window', async () => {
    const blocking = { maxBlockSize: 5, window: 3 };
    const at = (d?: number) => (d === undefined ? {} : { observedAt: day(d) });
    const web = (key: string, attributes: SourceRecord['attributes'], d?: number): SourceRecord => ({ source: 'web', key, ...at(d), attributes });
    const steps = [
      web('K0', { firstName: 'Jeanne', lastName: 'Martins', birthDate: '1961-02-11' }, 3),
      web('K1', { firstName: 'Jean', lastName: 'Martins' }, 3),
      web('K2', { firstName: 'Jeanne', lastName: 'Martins', email: 'j.martin@gmail.com' }, 1),
      web('K3', { firstName: 'Jeanne', lastName: 'Martins' }),
      web('K5', { firstName: 'Jeanne', lastName: 'Martins' }, 2),
      web('K6', { firstName: 'Jean', lastName: 'Martins' }, 1),
      web('K7', { firstName: 'Jeanne', lastName: 'Martin', email: 'jm2@x.fr' }, 1),
      web('K6', { firstName: 'Paul' }, 1), // a new version: K6 leaves the block, which still holds 6 > 5 records
    ];
    const final = [...new Map(steps.map((r) => [r.key, r])).values()];
    const model = trainModel(final, { blocking });
    const store = memoryStore();
    const live = await open({ blocking, model, store });
    for (const r of steps) await live.ingest(r);
    const fresh = await open({ blocking, model });
    for (const r of [...final].reverse()) await fresh.ingest(r);
    const ids = (r: Referential) => r.reviews().map((x) => x.id);
    expect(ids(fresh)).toHaveLength(1);
    expect(ids(live)).toEqual(ids(fresh));
    expect(ids(await open({ blocking, model, store }))).toEqual(ids(fresh));
  });

  it('keeps the same review queue once a pending pair leaves the window of a block that outgrew maxBlockSize', async () => {
    const store = memoryStore();
    const blocking = { maxBlockSize: 6, window: 3 };
    const k5 = rec('cc', 'K5', day(3), { firstName: 'Jeanne', lastName: 'Dupond', email: 'a@x.fr', postcode: '75011' });
    const k6 = rec('web', 'K6', day(4), { firstName: 'Jeanne', lastName: 'Dupont', email: 'c@x.fr', phone: '06 33 33 33 33', birthDate: '1970-01-01' });
    // Namesakes with other birth dates fill the family name's block past maxBlockSize, between the two in its sort order.
    const namesakes = Array.from({ length: 8 }, (_, k) =>
      rec('pos', `F${k}`, day(5), { firstName: 'Jean', lastName: 'Dupont', birthDate: `19${50 + k}-03-0${1 + (k % 9)}` }),
    );
    const live = await open({ store, blocking });
    await live.ingest(k5);
    await live.ingest(k6);
    expect(live.reviews().map((r) => [r.left.key, r.right.key])).toEqual([['K5', 'K6']]);
    for (const r of namesakes) await live.ingest(r);
    const reopened = await open({ store, blocking });
    const otherOrder = await open({ blocking });
    await otherOrder.ingestMany([...namesakes, k6, k5]);
    expect(live.reviews()).toEqual(reopened.reviews());
    expect(live.reviews().map((r) => r.id)).toEqual(otherOrder.reviews().map((r) => r.id));
    expect(live.stats().reviews).toBe(reopened.stats().reviews);
  });

  it('rebuilds the same profiles, golden records and ids, including human decisions and flags', async () => {
    const store = memoryStore();
    const extra = rec('pos', 'T-5', day(12), { ...paulPos.attributes });
    const survivorship = { city: { policy: 'mostRecent' as const }, email: { policy: 'firstSeen' as const } };
    const first = await open({ store, survivorship });
    for (const r of people) await first.ingest(r);
    await first.ingest(rec('web', 'W-1', day(14), { ...jpWeb.attributes, city: 'Paris' })); // a version 2
    await first.ingest(extra);
    await first.split([extra]);
    const merge = await first.merge(jpWeb, sophie);
    await first.revoke(merge.decisionId);
    await first.separate(claireWeb, clairePos);
    // Claire's bridge waits against both separated sides, and Sophie/Sophia: accept the heaviest.
    expect(first.reviews().map((v) => [refOf(v.left), refOf(v.right)].sort()).sort()).toEqual([
      ['cc/C-1', 'pos/T-2'],
      ['cc/C-1', 'web/W-2'],
      ['pos/T-3', 'web/W-3'],
    ]);
    const [review] = first.reviews();
    await first.accept(review!.id);
    await first.flagValue('email', 'jp.dupont@gmail.com', 'bounced');
    const all = [...people, extra];

    const second = await open({ store, survivorship });
    expect(await snapshot(second, all)).toEqual(await snapshot(first, all));
    expect(second.stats()).toEqual(first.stats());
    expect(second.reviews()).toEqual(first.reviews());
    // The absorbed ids still redirect.
    for (const r of all) {
      const a = await first.profile(profileIdOf(r));
      const b = await second.profile(profileIdOf(r));
      expect(b).toEqual(a);
    }
    expect(await second.history('web', 'W-1')).toHaveLength(2);
    // The split decision still holds for new records, and the change log continues without a gap.
    await second.ingest(rec('app', 'M-4', day(24), { ...paulWeb.attributes, phone: '07 55 44 33 22' }));
    expect((await second.lookup('pos', 'T-5'))!.id).not.toBe((await second.lookup('web', 'W-4'))!.id);
    const log = await second.changes(0, 10_000);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, k) => k + 1));
  });

  it('rebuilds revoked splits and cleared flags as revoked and cleared', async () => {
    const store = memoryStore();
    const all = [claireWeb, clairePos, claireCc];
    const first = await open({ store });
    await first.ingestMany(all);
    const before = await snapshot(first, all);
    const d = await first.split([clairePos, claireCc]);
    await first.flagValue('email', 'claire.martin@gmail.com', 'bounced');
    await first.revoke(d.decisionId);
    await first.clearFlag('email', 'claire.martin@gmail.com');
    expect(await snapshot(first, all)).toEqual(before);
    const second = await open({ store });
    expect(await snapshot(second, all)).toEqual(before);
    expect(second.stats()).toEqual(first.stats());
  });

  it('rebuilds a merge decision and the redirect of the absorbed id', async () => {
    const store = memoryStore();
    const first = await open({ store });
    await first.ingestMany([jpWeb, paulWeb]);
    await first.merge(paulWeb, jpWeb);
    const second = await open({ store });
    const p = await second.profile(profileIdOf(paulWeb));
    expect(p).toMatchObject({ id: profileIdOf(jpWeb), redirectedFrom: profileIdOf(paulWeb) });
    expect(await snapshot(second, [jpWeb, paulWeb])).toEqual(await snapshot(first, [jpWeb, paulWeb]));
  });
});

// ── A failing store ────────────────────────────────────────────────────────────────────────

/** A memory store whose next commit fails once after `failNext()`. */
function flakyStore() {
  const inner = memoryStore();
  let fail = false;
  /** While down, the store cannot even be read. */
  let down = false;
  const store: ReferentialStore = {
    capabilities: inner.capabilities,
    async commit(unit) {
      if (fail || down) {
        fail = false;
        throw new Error('disk full');
      }
      return inner.commit(unit);
    },
    facts(options) {
      if (down) throw new Error('connection refused');
      return inner.facts(options);
    },
    changes: (after, limit) => inner.changes(after, limit),
    lastSeq: () => inner.lastSeq(),
    history: (source, key) => inner.history(source, key),
  };
  return { store, inner, failNext: () => (fail = true), setDown: (value: boolean) => (down = value) };
}

describe('a custom survivorship function that throws', () => {
  it('rejects with POLICY_ERROR naming the attribute; nothing of the ingestion is kept', async () => {
    const store = memoryStore();
    const survivorship = {
      city: {
        policy: (values: readonly KnownValue[]) => {
          if (values.some((v) => v.normalized.includes('boom'))) throw new Error('policy bug');
          return values[0] ?? null;
        },
      },
    };
    const referential = await open({ store, survivorship });
    await referential.ingest(claireWeb);
    const before = referential.stats();
    const boom = rec('pos', 'T-77', day(20), { ...claireWeb.attributes, city: 'Boomtown' });
    const error = await rejection(() => referential.ingest(boom));
    expect(error.code).toBe('POLICY_ERROR');
    expect(error.details).toEqual({ attribute: 'city' });
    expect((error.cause as Error).message).toBe('policy bug');
    expect(referential.stats()).toEqual(before);
    expect(await referential.lookup('pos', 'T-77')).toBeNull();
    expect(await referential.history('pos', 'T-77')).toEqual([]);
    // A read made while the failing write runs never sees it, however many ticks after it started.
    for (let ticks = 0; ticks <= 4; ticks++) {
      const failing = rejection(() => referential.ingest(boom));
      const during = (async () => {
        for (let k = 0; k < ticks; k++) await Promise.resolve();
        return referential.lookup('web', 'W-2');
      })();
      expect((await failing).code).toBe('POLICY_ERROR');
      expect((await during)!.records.map(refOf)).toEqual(['web/W-2']);
    }
    // The same record with a value the function accepts is a new record, not "unchanged".
    const fixed = await referential.ingest({ ...boom, attributes: { ...boom.attributes, city: 'Lyon' } });
    expect(fixed.outcome).toBe('attached');
    expect((await open({ store, survivorship })).stats()).toEqual(referential.stats());
  });
});

describe('a store whose commit fails', () => {
  async function expectEqualsStore(referential: Referential, inner: ReferentialStore, records: readonly SourceRecord[]) {
    const fromStore = await open({ store: inner });
    expect(await snapshot(referential, records)).toEqual(await snapshot(fromStore, records));
    expect(referential.stats()).toEqual(fromStore.stats());
  }

  it('ingest rejects with STORE_ERROR; the next operation sees exactly what the store holds', async () => {
    const { store, inner, failNext } = flakyStore();
    const referential = await open({ store });
    await referential.ingestMany([claireWeb, clairePos]);
    const events: ChangeEntry[] = [];
    referential.on('*', (e) => events.push(e));
    failNext();
    const error = await rejection(() => referential.ingest(claireCc));
    expect(error.code).toBe('STORE_ERROR');
    expect((error.cause as Error).message).toBe('disk full');
    expect(events).toEqual([]);
    expect(await referential.history('cc', 'C-1')).toEqual([]);
    // The next write starts from the store's state.
    const r = await referential.ingest(paulWeb);
    expect(r.outcome).toBe('created');
    await expectEqualsStore(referential, inner, [claireWeb, clairePos, claireCc, paulWeb]);
    expect(await referential.lookup('cc', 'C-1')).toBeNull();
    // And the failed record can be ingested again, with its full outcome.
    expect((await referential.ingest(claireCc)).outcome).toBe('merged');
    const log = await referential.changes(0, 10_000);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, k) => k + 1));
    expect(events.map((e) => e.seq)).toEqual(log.slice(log.length - events.length).map((e) => e.seq));
  });

  it('while the store cannot be read back, reads refuse with STORE_ERROR instead of serving what it refused', async () => {
    const { store, inner, setDown } = flakyStore();
    const referential = await open({ store });
    await referential.ingestMany([claireWeb, clairePos]);
    setDown(true);
    expect((await rejection(() => referential.ingest(paulWeb))).code).toBe('STORE_ERROR');
    expect((await rejection(() => referential.lookup('web', 'W-4'))).code).toBe('STORE_ERROR');
    expect((await rejection(() => referential.resolve({ attributes: { email: paulWeb.attributes.email } }))).code).toBe('STORE_ERROR');
    expect((await rejection(() => referential.profile(profileIdOf(paulWeb)))).code).toBe('STORE_ERROR');
    expect(thrown(() => referential.stats()).code).toBe('STORE_ERROR');
    expect(thrown(() => referential.reviews()).code).toBe('STORE_ERROR');
    // Back up: the next read rebuilds from the store, without the refused record.
    setDown(false);
    expect(await referential.lookup('web', 'W-4')).toBeNull();
    await expectEqualsStore(referential, inner, [claireWeb, clairePos, paulWeb]);
  });

  it('reads made while a commit is in flight wait for it, and never see a write the store then refuses', async () => {
    const inner = memoryStore();
    let refuse = false;
    let release: (() => void) | null = null;
    const store: ReferentialStore = {
      capabilities: inner.capabilities,
      async commit(unit) {
        await new Promise<void>((resolve) => (release = resolve));
        release = null;
        if (refuse) throw new Error('disk full');
        return inner.commit(unit);
      },
      facts: (options) => inner.facts(options),
      changes: (after, limit) => inner.changes(after, limit),
      lastSeq: () => inner.lastSeq(),
      history: (source, key) => inner.history(source, key),
    };
    /** Lets the commit waiting on the store go on, once there is one. */
    const releaseCommit = async () => {
      while (!release) await new Promise((resolve) => setTimeout(resolve, 0));
      release();
    };
    const referential = await open({ store });
    const first = referential.ingest(jpWeb);
    await releaseCommit();
    await first;
    refuse = true;
    const write = rejection(() => referential.ingest(jpPos));
    while (!release) await new Promise((resolve) => setTimeout(resolve, 0)); // the write now waits on the store
    const read = referential.lookup('pos', 'T-9');
    const found = referential.resolve({ attributes: { phone: jpPos.attributes.phone } });
    await releaseCommit();
    expect((await write).code).toBe('STORE_ERROR');
    expect(await read).toBeNull();
    expect((await found).map((c) => c.profileId)).toEqual([profileIdOf(jpWeb)]);
    expect((await found)[0]!.explanation.right).toEqual({ source: 'web', key: 'W-1' });
  });

  it('a failed merge leaves no decision behind', async () => {
    const { store, inner, failNext } = flakyStore();
    const referential = await open({ store });
    await referential.ingestMany(people);
    failNext();
    expect((await rejection(() => referential.merge(jpWeb, paulWeb))).code).toBe('STORE_ERROR');
    await referential.ingest(rec('web', 'W-9', day(25), { firstName: 'Zoé', lastName: 'Zylberstein' }));
    expect((await referential.lookup('web', 'W-4'))!.id).toBe(profileIdOf(paulWeb));
    await expectEqualsStore(referential, inner, people);
  });

  it('a failed flag leaves the golden records as they were', async () => {
    const { store, inner, failNext } = flakyStore();
    const referential = await open({ store });
    await referential.ingestMany([jpWeb, jpPos]);
    const before = await snapshot(referential, [jpWeb, jpPos]);
    failNext();
    expect((await rejection(() => referential.flagValue('phone', '0612345678', 'wrong number'))).code).toBe('STORE_ERROR');
    await referential.ingest(paulWeb);
    expect(await snapshot(referential, [jpWeb, jpPos])).toEqual(before);
    await expectEqualsStore(referential, inner, [jpWeb, jpPos, paulWeb]);
  });

  it('a failed split or revoke leaves the decisions as they were', async () => {
    const { store, inner, failNext } = flakyStore();
    const referential = await open({ store });
    const all = [claireWeb, clairePos, claireCc];
    await referential.ingestMany(all);
    failNext();
    expect((await rejection(() => referential.split([clairePos]))).code).toBe('STORE_ERROR');
    const d = await referential.split([clairePos]);
    await expectEqualsStore(referential, inner, all);
    failNext();
    expect((await rejection(() => referential.revoke(d.decisionId))).code).toBe('STORE_ERROR');
    await referential.ingest(paulWeb);
    expect(await partitionOf(referential, all)).toEqual([['cc/C-1', 'web/W-2'], ['pos/T-2']]);
    await expectEqualsStore(referential, inner, [...all, paulWeb]);
    // The revocation can be made again, and then holds.
    await referential.revoke(d.decisionId);
    expect(await partitionOf(referential, all)).toEqual([['cc/C-1', 'pos/T-2', 'web/W-2']]);
  });

  // Reads are not serialized with writes: the state must be back to the store's at once.
  it('reads right after the failure already equal what the store holds', async () => {
    const { store, inner, failNext } = flakyStore();
    const referential = await open({ store });
    await referential.ingestMany([claireWeb, clairePos]);
    failNext();
    await rejection(() => referential.ingest(claireCc));
    expect(await referential.lookup('cc', 'C-1')).toBeNull();
    await expectEqualsStore(referential, inner, [claireWeb, clairePos, claireCc]);
  });
});

// ── What the referential hands out ────────────────────────────────────────────────────────

describe('returned objects', () => {
  it('changing a returned profile does not change the referential', async () => {
    const referential = await open();
    await referential.ingest(jpWeb);
    const p = await referential.lookup('web', 'W-1');
    p!.golden.values.email = null;
    expect((await referential.lookup('web', 'W-1'))!.golden.values.email?.value).toBe('jp.dupont@gmail.com');
  });

  it('changing a returned history does not change the referential or the store', async () => {
    const referential = await open();
    await referential.ingest(jpWeb);
    const [v1] = await referential.history('web', 'W-1');
    v1!.record.attributes.email = 'someone.else@x.fr';
    expect((await referential.history('web', 'W-1'))[0]!.record.attributes.email).toBe('jp.dupont@gmail.com');
    expect((await referential.ingest(jpWeb)).outcome).toBe('unchanged');
  });

  it('neither a reader of the change log nor an event handler can rewrite it', async () => {
    const handlerErrors: unknown[] = [];
    const referential = await open({ onHandlerError: (error) => handlerErrors.push(error) });
    referential.on('record.ingested', (e) => {
      (e as { profileId: string }).profileId = 'tampered';
    });
    const seen: string[] = [];
    referential.on('record.ingested', (e) => seen.push(e.profileId));
    await referential.ingest(jpWeb);
    // The next handler saw the event as it was: the first one's write failed (the event is frozen).
    expect(seen).toEqual([profileIdOf(jpWeb)]);
    const [entry] = await referential.changes(0, 1);
    expect(entry).toMatchObject({ type: 'record.ingested', profileId: profileIdOf(jpWeb) });
    try {
      (entry as { profileId: string }).profileId = 'tampered';
    } catch {
      // A frozen entry refuses the write: as good as a copy.
    }
    expect((await referential.changes(0, 1))[0]).toMatchObject({ profileId: profileIdOf(jpWeb) });
    // A handler's failed write went to onHandlerError, not to the caller of ingest.
    expect(handlerErrors).toHaveLength(1);
    expect(handlerErrors[0]).toBeInstanceOf(TypeError);
  });
});

// ── Incremental and batch agree ────────────────────────────────────────────────────────────

describe('incremental and batch', () => {
  it('records without observedAt count as older than dated ones, whatever their arrival: the same ids and golden records in any order', async () => {
    const undatedWeb: SourceRecord = { source: 'web', key: 'W-71', attributes: { firstName: 'Anne', lastName: 'Roy', email: 'anne.roy@gmail.com', city: 'Paris' } };
    const undatedPos: SourceRecord = { source: 'pos', key: 'T-71', attributes: { firstName: 'Anne', lastName: 'Roy', email: 'anne.roy@gmail.com', city: 'Lyon' } };
    const dated = rec('cc', 'C-71', day(9), { firstName: 'Anne', lastName: 'Roy', email: 'anne.roy@gmail.com', city: 'Nantes' });
    const views: unknown[] = [];
    for (const order of [[undatedWeb, undatedPos, dated], [dated, undatedPos, undatedWeb], [undatedPos, dated, undatedWeb]]) {
      let t = Date.parse('2026-06-01T00:00:00Z');
      const referential = await createReferential({ clock: () => new Date((t += 60_000)) });
      for (const r of order) await referential.ingest(r);
      const profile = (await referential.lookup('web', 'W-71'))!;
      views.push({ id: profile.id, golden: profile.golden.values });
    }
    expect(views[1]).toEqual(views[0]);
    expect(views[2]).toEqual(views[0]);
    // The anchor is the lowest undated record by source/key; the most recent city is the dated one.
    expect(views[0]).toMatchObject({ id: profileIdOf(undatedPos), golden: { city: { value: 'Nantes' } } });
  });

  it('with the model trained on the records, the referential finds the batch partition', async () => {
    const model = trainModel(people);
    const referential = await open({ model });
    for (const r of [...people].reverse()) await referential.ingest(r);
    expect(await partitionOf(referential, people)).toEqual(batchPartition(people, dedupe(people)));
  });
});
