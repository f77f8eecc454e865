/**
 * A referential fed by the web shop, a till and the call center, as an app embeds it.
 *
 *   npx tsx examples/referential-at-the-till.ts
 *
 * The till looks a customer up by phone before creating anyone, the call center's record of the
 * same person (another e-mail, another phone) starts a profile of its own until a web form bridges
 * the two profiles and they merge, a steward undoes a wrong merge, and every channel follows the
 * change log from its own cursor.
 * @module
 */
import { createReferential, type ChangeEntry, type SourceRecord } from '../src/index.js';

/** Runs the scenario and returns what each step printed (the test suite checks it). */
export async function runTillScenario(log: (line: string) => void = console.log): Promise<{ changes: ChangeEntry[] }> {
  const referential = await createReferential({
    country: 'FR',
    survivorship: {
      // The till is where people give their address face to face: trust it first.
      address: { policy: 'mostTrustedSource', sources: ['pos', 'web', 'callcenter'] },
      email: { policy: 'mostRecent', multiValued: true },
    },
  });
  referential.on('profile.merged', (e) => log(`merged: ${e.absorbed.map((a) => a.profileId).join(', ')} → ${e.profileId}`));

  const web: SourceRecord = {
    source: 'web',
    key: 'W-1001',
    observedAt: '2025-11-02T10:00:00Z',
    attributes: { firstName: 'Hélène', lastName: 'Lefèvre', email: 'helene.lefevre@orange.fr', phone: '06 45 78 12 90', birthDate: '02/07/1982' },
  };
  const created = await referential.ingest(web);
  log(`web sign-up: ${created.outcome} ${created.profileId}`);

  // At the till: who is this? (nothing is stored by a lookup)
  const [candidate] = await referential.resolve({ attributes: { phone: '+33 6 45 78 12 90', lastName: 'LEFEVRE' } });
  log(`till lookup: ${candidate?.profileId} (${candidate?.decision}, p=${candidate?.probability.toFixed(3)})`);

  const till = await referential.ingest({
    source: 'pos',
    key: 'T042-000871',
    observedAt: '2026-01-15T16:20:00Z',
    attributes: { firstName: 'HELENE', lastName: 'LEFEVRE', phone: '0645781290', address: '5 rue du Moulin', postcode: '44000', city: 'Nantes' },
  });
  log(`till sale: ${till.outcome} ${till.profileId} because ${till.matches[0]?.fields.filter((f) => f.weight > 0).map((f) => f.attribute).join(' + ')}`);

  // The call center knew her under another e-mail, from another phone: a profile of its own...
  const call = await referential.ingest({
    source: 'callcenter',
    key: 'CC-5521',
    observedAt: '2026-02-01T09:00:00Z',
    attributes: { firstName: 'Hélène', lastName: 'Lefèvre', email: 'h.lefevre@free.fr', phone: '07 81 22 33 44' },
  });
  log(`call center: ${call.outcome} ${call.profileId}`);

  // ...until a newsletter form gives both e-mails' owner's new phone: it bridges the two.
  const form = await referential.ingest({
    source: 'web',
    key: 'W-1377',
    observedAt: '2026-03-10T12:00:00Z',
    attributes: { firstName: 'Helene', lastName: 'Lefevre', email: 'helene.lefevre@orange.fr', phone: '07 81 22 33 44', birthDate: '02/07/1982' },
  });
  log(`newsletter form: ${form.outcome} ${form.profileId}`);

  const profile = (await referential.lookup('callcenter', 'CC-5521'))!;
  log(`cross-reference: ${JSON.stringify(profile.keys)}`);
  log(`golden address: ${profile.golden.values.address?.value} (from ${profile.golden.values.address?.provenance.source})`);
  log(`known e-mails: ${profile.golden.known?.email?.map((v) => v.value).join(', ')}`);
  log(`old id ${call.profileId} → ${(await referential.profile(call.profileId))?.id}`);

  // A steward says the call-center record is someone else after all, then changes her mind.
  const split = await referential.split([{ source: 'callcenter', key: 'CC-5521' }], { by: 'steward', note: 'other person' });
  log(`split: ${split.profileIds.join(' | ')}`);
  await referential.revoke(split.decisionId, { by: 'steward' });
  log(`revoked: ${(await referential.lookup('callcenter', 'CC-5521'))?.id}`);

  // Another channel catches up from its cursor.
  const changes = await referential.changes(0);
  log(`change log: ${changes.length} entries, ${[...new Set(changes.map((c) => c.type))].join(', ')}`);
  return { changes };
}

if (import.meta.url === `file://${process.argv[1]}`) await runTillScenario();
