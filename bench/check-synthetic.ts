/**
 * Prints what the synthetic generator produces: figures, ceiling, a sample of records, generation time
 * and memory. Also validates every record against the record schema.
 *
 *   npx tsx bench/check-synthetic.ts [--people 10000] [--seed 42] [--sample 12]
 * @module
 */
import { parseArgs } from 'node:util';
import { sourceRecordSchema } from '../src/identity/record.js';
import { truePairCount } from './metrics.js';
import { generateCustomers } from './synthetic.js';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '42' },
    sample: { type: 'string', default: '12' },
  },
});

const people = Number(values.people);
const seed = Number(values.seed);
const started = performance.now();
const g = generateCustomers({ people, seed });
const seconds = (performance.now() - started) / 1000;
const rssMb = process.resourceUsage().maxRSS / 1024;

let invalid = 0;
const refs = new Set<string>();
for (const r of g.records) {
  if (!sourceRecordSchema.safeParse(r).success) invalid++;
  refs.add(`${r.source}/${r.key}`);
}

const again = generateCustomers({ people: Math.min(people, 2000), seed });
const again2 = generateCustomers({ people: Math.min(people, 2000), seed });
const deterministic = JSON.stringify(again) === JSON.stringify(again2);

console.log(`people ${people}, seed ${seed}: ${g.records.length} records in ${seconds.toFixed(2)} s, peak RSS ${rssMb.toFixed(0)} MB`);
console.log(`invalid records: ${invalid}; duplicate keys: ${g.records.length - refs.size}; deterministic: ${deterministic}`);
console.log(`true pairs: ${truePairCount(g.truth)} (generator says ${g.ceiling.truePairs})`);
console.log(
  `ceiling: recall ${g.ceiling.recall.toFixed(4)} (${g.ceiling.reachablePairs} reachable / ${g.ceiling.truePairs} true pairs)`,
);
console.log('stats:', JSON.stringify(g.stats));
console.log(
  `household members: ${g.stats.householdMembers} (${((100 * g.stats.householdMembers) / g.stats.people).toFixed(1)}% of people)`,
);
const attrCounts = new Map<string, Map<string, number>>();
for (const r of g.records) {
  let m = attrCounts.get(r.source);
  if (!m) attrCounts.set(r.source, (m = new Map()));
  m.set('#', (m.get('#') ?? 0) + 1);
  for (const k of Object.keys(r.attributes)) m.set(k, (m.get(k) ?? 0) + 1);
}
for (const [source, m] of attrCounts) {
  const total = m.get('#')!;
  const parts = [...m].filter(([k]) => k !== '#').map(([k, v]) => `${k} ${((100 * v) / total).toFixed(0)}%`);
  console.log(`  ${source.padEnd(10)} ${String(total).padStart(7)}: ${parts.join(', ')}`);
}
const n = Number(values.sample);
console.log(`\nsample (${n} records of the first households):`);
const firstHouseholds = new Set(g.households.slice(0, 0));
for (let i = 0; i < g.records.length && firstHouseholds.size < 400; i++) firstHouseholds.add(g.households[i]!);
const order = g.records
  .map((r, i) => ({ r, person: g.truth[i]!, household: g.households[i]! }))
  .filter((x) => x.household <= 'H0000006')
  .sort((a, b) => (a.person < b.person ? -1 : a.person > b.person ? 1 : 0))
  .slice(0, n);
for (const x of order) {
  console.log(`${x.household} ${x.person} ${x.r.source}/${x.r.key} ${x.r.observedAt} ${JSON.stringify(x.r.attributes)}`);
}
