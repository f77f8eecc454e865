/**
 * Diagnosis of one dataset: where do missed true pairs and false matches come from?
 * Classifies false negatives as not compared (blocking), vetoed, under-scored or split by
 * clustering, and prints samples with their explanations.
 *
 *   npx tsx bench/diagnose.ts <dataset> [--samples 8]
 * @module
 */
import { parseArgs } from 'node:util';
import { dedupe } from '../src/identity/dedupe.js';
import type { PairExplanation } from '../src/identity/explanation.js';
import { datasets } from './datasets.js';
import { generateCustomers } from './synthetic.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { samples: { type: 'string', default: '8' }, people: { type: 'string', default: '20000' } },
});
const name = positionals[0] ?? 'febrl3';
const samples = Number(values.samples);
const data =
  name === 'synthetic'
    ? (() => {
        const g = generateCustomers({ people: Number(values.people), seed: 42 });
        return { records: g.records, truth: g.truth, households: g.households, config: { country: 'FR' as const } };
      })()
    : datasets.find((d) => d.name === name)!.load();
const refOf = (i: number) => `${data.records[i]!.source}/${data.records[i]!.key}`;
const truthOf = new Map(data.records.map((r, i) => [`${r.source}/${r.key}`, data.truth[i]!]));
const scored = new Map<string, PairExplanation>();
const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
const result = dedupe(data.records, data.config, {
  onPair: (p) => scored.set(key(`${p.left.source}/${p.left.key}`, `${p.right.source}/${p.right.key}`), p),
});
const profile = new Map(result.assignments.map((a) => [`${a.source}/${a.key}`, a.profileId]));
console.log(result.stats);
console.log(JSON.stringify(result.weights));

const byEntity = new Map<string, number[]>();
data.truth.forEach((t, i) => byEntity.set(t, [...(byEntity.get(t) ?? []), i]));
const classes = { notCompared: [] as string[], vetoed: [] as PairExplanation[], low: [] as PairExplanation[], review: [] as PairExplanation[], split: [] as PairExplanation[] };
for (const members of byEntity.values()) {
  for (let x = 0; x < members.length; x++)
    for (let y = x + 1; y < members.length; y++) {
      const a = refOf(members[x]!);
      const b = refOf(members[y]!);
      if (profile.get(a) === profile.get(b)) continue;
      const p = scored.get(key(a, b));
      if (!p) classes.notCompared.push(key(a, b));
      else if (p.vetoes.length > 0) classes.vetoed.push(p);
      else if (p.decision === 'no-match') classes.low.push(p);
      else if (p.decision === 'review') classes.review.push(p);
      else classes.split.push(p);
    }
}
const show = (p: PairExplanation) =>
  `  ${p.left.key} ~ ${p.right.key} ${p.decision} p=${p.probability.toFixed(3)} w=${p.weight} ${p.vetoes.join(',')}\n` +
  p.fields.map((f) => `      ${f.attribute}: ${f.level} ${f.weight}  [${f.left ?? ''}] [${f.right ?? ''}]${f.note ? ' ' + f.note : ''}`).join('\n');
console.log(`missed true pairs: not compared ${classes.notCompared.length}, vetoed ${classes.vetoed.length}, no-match ${classes.low.length}, review ${classes.review.length}, matched but split ${classes.split.length}`);
for (const [label, list] of Object.entries(classes)) {
  if (label === 'notCompared') {
    for (const k of list.slice(0, samples) as string[]) {
      const [a, b] = k.split('|');
      const ra = data.records.find((r) => `${r.source}/${r.key}` === a)!;
      const rb = data.records.find((r) => `${r.source}/${r.key}` === b)!;
      console.log(`  not compared: ${JSON.stringify(ra.attributes)}\n                ${JSON.stringify(rb.attributes)}`);
    }
    continue;
  }
  console.log(`-- ${label}`);
  for (const p of (list as PairExplanation[]).slice(0, samples)) console.log(show(p));
}
const households = 'households' in data ? (data.households as string[]) : undefined;
const householdOf = new Map(data.records.map((r, i) => [`${r.source}/${r.key}`, households?.[i] ?? '']));
const sameHousehold = (m: PairExplanation) => {
  const h = householdOf.get(`${m.left.source}/${m.left.key}`);
  return h !== undefined && h !== '' && h === householdOf.get(`${m.right.source}/${m.right.key}`);
};
const falseMatches = result.matches
  .filter((m) => truthOf.get(`${m.left.source}/${m.left.key}`) !== truthOf.get(`${m.right.source}/${m.right.key}`))
  .sort((x, y) => Number(sameHousehold(y)) - Number(sameHousehold(x)));
console.log(`false matches within a household: ${falseMatches.filter(sameHousehold).length}`);
console.log(`-- false matches (direct): ${falseMatches.length}`);
for (const p of falseMatches.slice(0, samples)) console.log(show(p));
