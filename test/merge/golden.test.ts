import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIdentikitError } from '../../src/errors.js';
import type { Assignment } from '../../src/identity/dedupe.js';
import type { SourceRecord } from '../../src/identity/record.js';
import { goldenRecords } from '../../src/merge/golden.js';

const rec = (source: string, key: string, observedAt: string | undefined, attributes: SourceRecord['attributes']): SourceRecord =>
  observedAt === undefined ? { source, key, attributes } : { source, key, observedAt, attributes };
const to = (profileId: string, ...records: SourceRecord[]): Assignment[] =>
  records.map((r) => ({ source: r.source, key: r.key, profileId }));

describe('goldenRecords (mostFrequent)', () => {
  it('chooses the most frequent value by trimmed lower-case text, showing the most recent raw value', () => {
    const a = rec('web', 'w1', '2025-01-01T00:00:00Z', { email: 'JP@X.FR', city: 'Paris' });
    const b = rec('pos', 'p1', '2026-01-01T00:00:00Z', { email: ' jp@x.fr ', city: 'Lyon' });
    const c = rec('paper', 'f1', '2024-01-01T00:00:00Z', { email: 'other@x.fr', city: '' });
    const [g] = goldenRecords([a, b, c], to('P1', a, b, c), { attributes: ['email', 'city', 'phone'] });
    expect(g!.profileId).toBe('P1');
    expect(g!.sources).toEqual(['paper', 'pos', 'web']);
    expect(g!.records.map((r) => r.key)).toEqual(['f1', 'p1', 'w1']);
    expect(g!.values.email).toEqual({
      value: 'jp@x.fr',
      normalized: 'jp@x.fr',
      support: 2,
      policy: 'mostFrequent',
      provenance: { source: 'pos', key: 'p1', observedAt: '2026-01-01T00:00:00Z' },
    });
    // Paris and Lyon once each: the most recent wins; the empty value does not count.
    expect(g!.values.city?.value).toBe('Lyon');
    expect(g!.values.city?.support).toBe(1);
    expect(g!.values.phone).toBeNull();
  });

  it('groups by the given normalizer, and values it rejects never win', () => {
    const digits = (_a: string, raw: string) => {
      const d = raw.replace(/\D/g, '').replace(/^33/, '0');
      return d.length === 10 ? d : null;
    };
    const a = rec('web', 'a', '2025-01-01T00:00:00Z', { phone: '06 12 34 56 78' });
    const b = rec('pos', 'b', '2025-06-01T00:00:00Z', { phone: '+33612345678' });
    const c = rec('cc', 'c', '2026-01-01T00:00:00Z', { phone: '07 00 00 00 01' });
    const d = rec('cc', 'd', '2026-02-01T00:00:00Z', { phone: 'n/a' });
    const [g] = goldenRecords([a, b, c, d], to('P', a, b, c, d), { attributes: ['phone'], normalize: digits });
    expect(g!.values.phone).toMatchObject({ value: '+33612345678', normalized: '0612345678', support: 2 });
    expect(g!.values.phone?.provenance).toEqual({ source: 'pos', key: 'b', observedAt: '2025-06-01T00:00:00Z' });
  });

  it('breaks count ties by recency (offsets respected), then by lowest source/key', () => {
    // 10:00+02:00 is 08:00Z, earlier than 09:00Z.
    const a = rec('web', 'a', '2025-01-01T10:00:00+02:00', { city: 'Paris' });
    const b = rec('web', 'b', '2025-01-01T09:00:00Z', { city: 'Lyon' });
    expect(goldenRecords([a, b], to('P', a, b), { attributes: ['city'] })[0]!.values.city?.value).toBe('Lyon');

    const c = rec('web', 'c', undefined, { city: 'Nice' });
    const d = rec('pos', 'z', undefined, { city: 'Metz' });
    const g = goldenRecords([c, d], to('P', c, d), { attributes: ['city'] })[0]!;
    expect(g.values.city).toEqual({
      value: 'Metz',
      normalized: 'metz',
      support: 1,
      policy: 'mostFrequent',
      provenance: { source: 'pos', key: 'z' },
    });
    // A dated record is more recent than an undated one.
    const e = rec('zzz', 'e', '2020-01-01T00:00:00Z', { city: 'Brest' });
    expect(goldenRecords([c, d, e], to('P', c, d, e), { attributes: ['city'] })[0]!.values.city?.value).toBe('Brest');
  });

  it('returns one golden record per profile ordered by profile id; numbers become text', () => {
    const a = rec('s', '1', undefined, { card: 123 });
    const b = rec('s', '2', undefined, { card: true });
    const c = rec('s', '3', undefined, { card: null });
    const golden = goldenRecords([a, b, c], [...to('p-b', a), ...to('p-a', b, c)], { attributes: ['card'] });
    expect(golden.map((g) => [g.profileId, g.records.length, g.values.card?.value ?? null])).toEqual([
      ['p-a', 2, 'true'],
      ['p-b', 1, '123'],
    ]);
  });

  it('rejects records and assignments that do not correspond', () => {
    const a = rec('s', '1', undefined, {});
    const b = rec('s', '2', undefined, {});
    const missing = (() => {
      try {
        goldenRecords([a, b], to('P', a), { attributes: [] });
      } catch (error) {
        return error;
      }
    })();
    expect(isIdentikitError(missing) && missing.code).toBe('INVALID_INPUT');
    expect(() => goldenRecords([a], to('P', a, b), { attributes: [] })).toThrow(/unknown record s\/2/);
  });

  it('does not depend on the order of records or assignments', () => {
    const values = ['Paris', 'paris', 'Lyon', 'LYON ', 'Nice', ''];
    const arb = fc.uniqueArray(
      fc.record({
        key: fc.string({ minLength: 1, maxLength: 3 }),
        source: fc.constantFrom('web', 'pos'),
        city: fc.constantFrom(...values),
        day: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
        profile: fc.constantFrom('A', 'B'),
      }),
      { selector: (r) => `${r.source}/${r.key}`, minLength: 1, maxLength: 12 },
    );
    fc.assert(
      fc.property(arb, fc.integer(), (rows, seed) => {
        const records = rows.map((r) => rec(r.source, r.key, r.day ? `2025-01-0${r.day}T00:00:00Z` : undefined, { city: r.city }));
        const assignments = rows.map((r) => ({ source: r.source, key: r.key, profileId: r.profile }));
        const shuffle = <T>(xs: T[]): T[] => {
          const out = [...xs];
          let s = seed;
          for (let i = out.length - 1; i > 0; i--) {
            s = (s * 1103515245 + 12345) | 0;
            const j = Math.abs(s) % (i + 1);
            [out[i], out[j]] = [out[j]!, out[i]!];
          }
          return out;
        };
        const options = { attributes: ['city'] };
        expect(goldenRecords(shuffle(records), shuffle(assignments), options)).toEqual(
          goldenRecords(records, assignments, options),
        );
      }),
    );
  });
});

describe('goldenRecords callbacks', () => {
  it('give `time` and `normalize` the record\'s position in the records given, not in its profile', () => {
    const records: SourceRecord[] = [
      { source: 'web', key: 'A', attributes: { city: 'Paris' } },
      { source: 'web', key: 'B', attributes: { city: 'Nice' } },
      { source: 'web', key: 'C', attributes: { city: 'Lyon' } },
    ];
    const times = [300, 999_999, 200]; // by position: A is more recent than C
    const seen: string[] = [];
    const assignments: Assignment[] = [
      { source: 'web', key: 'A', profileId: 'p1' },
      { source: 'web', key: 'B', profileId: 'p2' },
      { source: 'web', key: 'C', profileId: 'p1' },
    ];
    const golden = goldenRecords(records, assignments, {
      attributes: ['city'],
      policies: { city: { policy: 'mostRecent' } },
      time: (record, index) => {
        seen.push(`${record.key}@${index}`);
        return times[index]!;
      },
      normalize: (_attribute, raw, record, index) => {
        seen.push(`${record.key}#${index}`);
        return raw.toLowerCase();
      },
    });
    expect(golden.find((g) => g.profileId === 'p1')!.values.city!.value).toBe('Paris');
    expect(new Set(seen)).toEqual(new Set(['A@0', 'B@1', 'C@2', 'A#0', 'B#1', 'C#2']));
  });
});
