import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dedupe } from '../../src/identity/dedupe.js';
import { isIdentikitError } from '../../src/errors.js';
import { customers, records } from './fixtures.js';
import { defaultAttributes } from '../../src/identity/config.js';

/** Partition as a sorted list of sorted `source/key` groups, comparable across runs. */
function partition(result: ReturnType<typeof dedupe>): string[][] {
  const groups = new Map<string, string[]>();
  for (const a of result.assignments) {
    const list = groups.get(a.profileId) ?? [];
    list.push(`${a.source}/${a.key}`);
    groups.set(a.profileId, list);
  }
  return [...groups.values()].map((g) => g.sort()).sort((x, y) => (x[0]! < y[0]! ? -1 : 1));
}

function truthPartition(): string[][] {
  const groups = new Map<string, string[]>();
  for (const c of customers) groups.set(c.truth, [...(groups.get(c.truth) ?? []), `${c.source}/${c.key}`]);
  return [...groups.values()].map((g) => g.sort()).sort((x, y) => (x[0]! < y[0]! ? -1 : 1));
}

describe('dedupe', () => {
  const result = dedupe(records);

  it('finds each person across channels, and keeps the household and namesakes apart', () => {
    expect(partition(result)).toEqual(truthPartition());
    expect(result.stats.records).toBe(records.length);
    expect(result.stats.profiles).toBe(7);
  });

  it('returns one assignment per record, in input order', () => {
    expect(result.assignments.map((a) => a.key)).toEqual(records.map((r) => r.key));
  });

  it('explains each accepted pair with per-field levels and weights', () => {
    const pair = result.matches.find(
      (m) => [m.left.key, m.right.key].sort().join() === ['T042-1', 'W-001'].sort().join(),
    );
    expect(pair).toBeDefined();
    expect(pair!.decision).toBe('match');
    const phone = pair!.fields.find((f) => f.attribute === 'phone')!;
    expect(phone).toMatchObject({ level: 'exact', left: '+33612345678', right: '+33612345678' });
    expect(phone.weight).toBeGreaterThan(0);
    const total = pair!.fields.reduce((s, f) => s + f.weight, 0);
    expect(pair!.weight).toBeGreaterThan(total - 20); // prior weight is included
    expect(pair!.probability).toBeGreaterThanOrEqual(0.99);
  });

  it('detects swapped given and family names and says so', () => {
    const pair = result.matches.find((m) => m.left.key === 'P-9' || m.right.key === 'P-9');
    expect(pair).toBeDefined();
    expect(pair!.fields.some((f) => f.note === 'given and family names swapped')).toBe(true);
  });

  it('never puts records a veto forbids in one profile', () => {
    const byKey = new Map(result.assignments.map((a) => [a.key, a.profileId]));
    expect(byKey.get('W-002')).not.toBe(byKey.get('W-003')); // family e-mail, different people
    expect(byKey.get('W-005')).not.toBe(byKey.get('W-006')); // junk e-mail
    expect(byKey.get('W-001')).not.toBe(byKey.get('T201-8')); // namesake
  });

  it('gives the same partition and profile ids whatever the input order', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(records, { minLength: records.length }), (shuffled) => {
        const again = dedupe(shuffled);
        expect(partition(again)).toEqual(partition(result));
        const ids = new Map(again.assignments.map((a) => [`${a.source}/${a.key}`, a.profileId]));
        for (const a of result.assignments) expect(ids.get(`${a.source}/${a.key}`)).toBe(a.profileId);
      }),
      { numRuns: 25 },
    );
  });

  it('is idempotent: the same batch twice gives the same result', () => {
    expect(partition(dedupe(records))).toEqual(partition(result));
  });

  it('rejects a bad record with a typed error naming the record and field, before any work', () => {
    const bad = [...records, { source: 'web', key: '', attributes: {} }];
    try {
      dedupe(bad as never);
      expect.unreachable();
    } catch (error) {
      expect(isIdentikitError(error)).toBe(true);
      if (!isIdentikitError(error)) return;
      expect(error.code).toBe('INVALID_RECORD');
      expect(error.message).toContain(`index ${records.length}`);
      expect(error.message).toContain('key');
    }
  });

  it('rejects two records with the same source and key', () => {
    expect(() => dedupe([records[0]!, { ...records[1]!, source: 'web', key: 'W-001' }])).toThrowError(
      expect.objectContaining({ code: 'DUPLICATE_RECORD' }),
    );
  });

  it('rejects a configuration naming an unknown attribute', () => {
    expect(() => dedupe(records, { rules: [{ name: 'card', exact: ['card'] }] })).toThrowError(
      expect.objectContaining({ code: 'INVALID_CONFIG', message: expect.stringContaining('rules.0.exact.0') }),
    );
  });

  it('applies a deterministic rule, and a veto overrides it to review', () => {
    const twins = [
      { source: 'pos', key: 'A', attributes: { firstName: 'Léa', lastName: 'Roux', loyaltyCard: 'FID-9' } },
      { source: 'web', key: 'B', attributes: { firstName: 'Zoé', lastName: 'Petit', loyaltyCard: 'FID-9' } },
    ];
    const rules = [{ name: 'same loyalty card', exact: ['loyaltyCard'] }];
    const out = dedupe(twins, { rules, vetoes: [] });
    expect(out.assignments[0]!.profileId).toBe(out.assignments[1]!.profileId);
    expect(out.matches[0]!.rules).toEqual(['same loyalty card']);
    const vetoed = dedupe(twins, { rules });
    expect(vetoed.assignments[0]!.profileId).not.toBe(vetoed.assignments[1]!.profileId);
    expect(vetoed.reviews[0]).toMatchObject({ decision: 'review', rules: ['same loyalty card'], vetoes: ['different firstName'] });
  });

  it('a record that fits a father and his son equally well waits for review, even on decisive evidence, whatever the keys', () => {
    for (const [a, b] of [
      ['A', 'B'],
      ['B', 'A'],
    ] as const) {
      const home = { lastName: 'Dupont', address: '12 rue des Lilas', postcode: '75011', phone: '01 42 68 53 00' };
      const records = [
        { source: 'crm', key: a, attributes: { firstName: 'Jean', birthDate: '1951-03-12', ...home } },
        { source: 'crm', key: b, attributes: { firstName: 'Jean', birthDate: '1984-09-05', ...home } },
        { source: 'pos', key: 'T', attributes: { firstName: 'Jean', lastName: 'Dupont', phone: '01 42 68 53 00', postcode: '75011' } },
      ];
      const out = dedupe(records);
      expect(new Set(out.assignments.map((x) => x.profileId)).size).toBe(3);
      const pending = out.reviews.filter((r) => r.left.key === 'T' || r.right.key === 'T');
      expect(pending).toHaveLength(2);
      expect(pending[0]!.weight).toBe(pending[1]!.weight);
    }
  });

  it('the tie holds with a second till visit or a second record of the father, whatever the keys and sources', () => {
    const home = { lastName: 'Dupont', address: '12 rue des Lilas', postcode: '75011', phone: '01 42 68 53 00' };
    const till = { firstName: 'Jean', lastName: 'Dupont', phone: '01 42 68 53 00', postcode: '75011' };
    for (const [family, a, b] of [
      ['web', 'A', 'B'],
      ['web', 'B', 'A'],
      ['crm', 'A', 'B'],
    ] as const) {
      const records = [
        { source: family, key: a, attributes: { firstName: 'Jean', birthDate: '1951-03-12', ...home } },
        { source: family, key: b, attributes: { firstName: 'Jean', birthDate: '1984-09-05', ...home } },
        { source: 'pos', key: 'T1', attributes: till },
        { source: 'pos', key: 'T2', attributes: till },
      ];
      const id = new Map(dedupe(records).assignments.map((x) => [`${x.source}/${x.key}`, x.profileId]));
      expect(id.get('pos/T1')).toBe(id.get('pos/T2')); // the two visits are one another's
      for (const relative of [a, b]) expect(id.get('pos/T1')).not.toBe(id.get(`${family}/${relative}`));
    }
    // The father with two records: the till still fits him and his son equally.
    for (const [father, second, son] of [
      ['A', 'AA', 'B'],
      ['B', 'BB', 'A'],
    ] as const) {
      const records = [
        { source: 'crm', key: father, attributes: { firstName: 'Jean', birthDate: '1951-03-12', ...home } },
        { source: 'crm', key: second, attributes: { firstName: 'Jean', birthDate: '1951-03-12', ...home } },
        { source: 'crm', key: son, attributes: { firstName: 'Jean', birthDate: '1984-09-05', ...home } },
        { source: 'pos', key: 'T', attributes: till },
      ];
      const id = new Map(dedupe(records).assignments.map((x) => [`${x.source}/${x.key}`, x.profileId]));
      expect(id.get(`crm/${father}`)).toBe(id.get(`crm/${second}`));
      expect([id.get(`crm/${father}`), id.get(`crm/${son}`)]).not.toContain(id.get('pos/T'));
    }
  });

  it('a shared identifier never lifts a veto, even when a veto names it in `unless`; a personal one does', () => {
    const pair = [
      { source: 'pos', key: 'A', attributes: { firstName: 'Jean', lastName: 'Roux', birthDate: '1971-03-12', postcode: '75011', loyaltyCard: 'FID-9' } },
      { source: 'web', key: 'B', attributes: { firstName: 'Jean', lastName: 'Roux', birthDate: '2001-09-14', postcode: '75011', loyaltyCard: 'FID-9' } },
    ];
    const vetoes = [{ name: 'different birthDate', attribute: 'birthDate', levels: ['far' as const], unless: ['loyaltyCard'] }];
    const family = dedupe(pair, { vetoes }); // loyaltyCard is shared by default (a family card)
    expect(family.assignments[0]!.profileId).not.toBe(family.assignments[1]!.profileId);
    expect(family.reviews[0]?.vetoes ?? family.matches[0]?.vetoes).toEqual(['different birthDate']);
    const attributes = {
      firstName: { kind: 'givenName' as const },
      lastName: { kind: 'familyName' as const },
      birthDate: { kind: 'date' as const },
      postcode: { kind: 'postcode' as const },
    };
    const shared = dedupe(pair, { vetoes, attributes: { ...attributes, loyaltyCard: { kind: 'identifier', shared: true } } });
    expect(shared.assignments[0]!.profileId).not.toBe(shared.assignments[1]!.profileId);
    const personal = dedupe(pair, { vetoes, attributes: { ...attributes, loyaltyCard: { kind: 'identifier', shared: false } } });
    expect(personal.assignments[0]!.profileId).toBe(personal.assignments[1]!.profileId);
  });
});

describe('record identity and limits', () => {
  it('keeps sources and keys exactly as given, and never confuses a/b + c with a + b/c', () => {
    const out = dedupe([
      { source: 'a/b', key: 'c', attributes: { firstName: 'Léa' } },
      { source: 'a', key: 'b/c', attributes: { firstName: 'Zoé' } },
      { source: 'web', key: ' K1 ', attributes: { firstName: 'Ana' } },
    ]);
    expect(out.stats.records).toBe(3);
    expect(out.assignments[2]!.key).toBe(' K1 ');
  });

  it('refuses an attribute longer than the limit, naming it', () => {
    expect(() => dedupe([{ source: 'web', key: '1', attributes: { address: 'x'.repeat(5000) } }])).toThrowError(
      expect.objectContaining({ code: 'INVALID_RECORD', message: expect.stringContaining('attributes.address') }),
    );
  });

  it('refuses input that is not an array with a typed error', () => {
    expect(() => dedupe(null as never)).toThrowError(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('names in other scripts', () => {
  it('are kept, so the given-name veto still tells Иван from Мария', () => {
    const out = dedupe([
      { source: 'a', key: '1', attributes: { firstName: 'Иван', lastName: 'Петров', phone: '0612345678' } },
      { source: 'a', key: '2', attributes: { firstName: 'Мария', lastName: 'Петрова', phone: '0612345678' } },
      { source: 'b', key: '3', attributes: { firstName: 'ИВАН', lastName: 'Петров', phone: '06 12 34 56 78' } },
    ]);
    const [ivan, maria, ivan2] = out.assignments.map((a) => a.profileId);
    expect(ivan).toBe(ivan2);
    expect(maria).not.toBe(ivan);
  });
});

describe('identifiers and vetoes', () => {
  const config = { attributes: { ...defaultAttributes, customerNumber: { kind: 'identifier' as const } } };
  const father = { firstName: 'Jean', lastName: 'Dupont', address: '12 rue de la Paix', postcode: '75002', phone: '01 42 61 00 00', birthDate: '1950-03-14' };
  const son = { ...father, birthDate: '1982-11-02' };

  it('a consecutive customer number does not lift the birth-date veto (father and son)', () => {
    const out = dedupe(
      [
        { source: 'pos', key: '1', attributes: { ...father, customerNumber: 'C1234567' } },
        { source: 'pos', key: '2', attributes: { ...son, customerNumber: 'C1234568' } },
      ],
      config,
    );
    expect(out.assignments[0]!.profileId).not.toBe(out.assignments[1]!.profileId);
  });

  it('a customer number with two digits swapped is a slip and lifts it', () => {
    const out = dedupe(
      [
        { source: 'pos', key: '1', attributes: { ...father, customerNumber: 'C1234567' } },
        { source: 'web', key: '2', attributes: { ...father, birthDate: '1928-07-30', customerNumber: 'C1243567' } },
      ],
      config,
    );
    expect(out.assignments[0]!.profileId).toBe(out.assignments[1]!.profileId);
    expect(out.matches).toHaveLength(1);
    expect(out.matches[0]!.vetoes).toEqual([]);
    expect(out.matches[0]!.fields.find((f) => f.attribute === 'birthDate')!.level).toBe('far');
  });
});
