import { describe, expect, it, vi } from 'vitest';
import { isIdentikitError } from '../../src/errors.js';
import type { SourceRecord } from '../../src/identity/record.js';
import { createReferential } from '../../src/merge/referential.js';

// Two records whose 53-bit ids collide cannot be found by chance in a test (about 2^27 records
// would be needed): the id function is made to collide for keys starting with "SAME".
vi.mock('../../src/identity/profile-id.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/identity/profile-id.js')>();
  return {
    ...actual,
    profileIdOf: (record: Pick<SourceRecord, 'source' | 'key'>) =>
      record.key.startsWith('SAME') ? 'p_00000000001' : actual.profileIdOf(record),
  };
});

const rec = (source: string, key: string, firstName: string): SourceRecord => ({
  source,
  key,
  observedAt: '2026-01-05T10:00:00Z',
  attributes: { firstName, lastName: 'Martin', email: `${firstName.toLowerCase()}.martin@free.fr` },
});

async function rejection(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('profile id collisions', () => {
  it('a new record whose id another record has is refused (ID_COLLISION); nothing changes', async () => {
    const referential = await createReferential();
    await referential.ingest(rec('web', 'SAME-1', 'Claire'));
    const before = referential.stats();
    const error = await rejection(() => referential.ingest(rec('pos', 'SAME-2', 'Paul')));
    expect(isIdentikitError(error) && error.code).toBe('ID_COLLISION');
    expect(isIdentikitError(error) && error.details).toEqual({ source: 'pos', key: 'SAME-2', id: 'p_00000000001' });
    expect(referential.stats()).toEqual(before);
    expect((await referential.profile('p_00000000001'))!.records).toEqual([{ source: 'web', key: 'SAME-1' }]);
    // The record already there can be updated; others go on being ingested.
    expect((await referential.ingest({ ...rec('web', 'SAME-1', 'Claire'), observedAt: '2026-02-01T10:00:00Z' })).outcome).toBe('updated');
    expect((await referential.ingest(rec('pos', 'T-9', 'Paul'))).outcome).toBe('created');
  });

  it('within one batch too: the whole batch is refused before anything is stored', async () => {
    const referential = await createReferential();
    const error = await rejection(() => referential.ingestMany([rec('web', 'W-1', 'Anne'), rec('web', 'SAME-1', 'Claire'), rec('pos', 'SAME-2', 'Paul')]));
    expect(isIdentikitError(error) && error.code).toBe('ID_COLLISION');
    expect(referential.stats().records).toBe(0);
    await referential.ingestMany([rec('web', 'W-1', 'Anne'), rec('web', 'SAME-1', 'Claire'), rec('web', 'SAME-1', 'Claire')]);
    expect(referential.stats().records).toBe(2);
  });
});
