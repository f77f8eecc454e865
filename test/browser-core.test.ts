/**
 * The core runs without Node: `src/index.ts` is bundled for the browser (a `node:` module, or a
 * package that needs one, cannot be resolved there), then run in a context that holds only what
 * browsers and edge runtimes give: no `process`, `Buffer`, `require` or `module`.
 */
import vm from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** Globals of a browser or an edge runtime that the core may use. */
const webGlobals = {
  console,
  TextEncoder,
  TextDecoder,
  URL,
  Intl,
  AbortController,
  structuredClone,
  queueMicrotask,
  setTimeout,
  clearTimeout,
  performance,
  crypto: globalThis.crypto,
};

async function browserBundle(): Promise<string> {
  const out = await build({
    entryPoints: ['src/index.ts'],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'identikit',
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

describe('the core without Node', () => {
  it('bundles for the browser and resolves, dedupes and explains in a context with web globals only', async () => {
    const context = vm.createContext({ ...webGlobals });
    vm.runInContext(await browserBundle(), context);
    expect(vm.runInContext('typeof process + typeof Buffer + typeof require', context)).toBe('undefinedundefinedundefined');
    const run = vm.runInContext(
      `(async () => {
        const referential = await identikit.createReferential({ country: 'FR' });
        const web = { source: 'web', key: 'W-1', observedAt: '2026-01-10T10:00:00Z',
          attributes: { firstName: 'Hélène', lastName: 'Lefèvre', email: 'helene.lefevre@orange.fr', phone: '06 45 78 12 90' } };
        const till = { source: 'pos', key: 'T-9', observedAt: '2026-01-15T16:20:00Z',
          attributes: { firstName: 'HELENE', lastName: 'LEFEVRE', phone: '+33645781290', postcode: '44000' } };
        const first = await referential.ingest(web);
        const second = await referential.ingest(till);
        const [found] = await referential.resolve({ attributes: { phone: '0645781290' } });
        const profile = await referential.lookup('pos', 'T-9');
        const batch = identikit.dedupe([web, till]);
        return JSON.stringify({
          outcomes: [first.outcome, second.outcome],
          same: found.profileId === profile.id,
          keys: profile.keys,
          email: profile.golden.values.email.value,
          batchProfiles: new Set(batch.assignments.map((a) => a.profileId)).size,
          log: (await referential.changes(0)).map((e) => e.type),
        });
      })()`,
      context,
    ) as Promise<string>;
    expect(JSON.parse(await run)).toEqual({
      outcomes: ['created', 'attached'],
      same: true,
      keys: { pos: ['T-9'], web: ['W-1'] },
      email: 'helene.lefevre@orange.fr',
      batchProfiles: 1,
      log: ['record.ingested', 'profile.created', 'record.ingested', 'profile.updated'],
    });
  });
});
