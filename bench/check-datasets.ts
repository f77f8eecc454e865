/**
 * Checks the dataset loaders: records, entities and true pairs must equal each README's figures,
 * keys must be unique within each source, and no attribute may carry the entity column.
 *
 *   npx tsx bench/check-datasets.ts
 * @module
 */
import { datasets, datasetsAvailable, datasetsDir } from './datasets.js';
import { truePairCount } from './metrics.js';

function main(): void {
  if (!datasetsAvailable()) {
    console.log(`datasets folder not found: ${datasetsDir()} (set IDENTIKIT_DATASETS)`);
    return;
  }
  console.log(`datasets: ${datasetsDir()}\n`);
  const header = ['dataset', 'records', 'entities', 'true pairs', 'attributes', 'check'];
  const rows: string[][] = [];
  let failures = 0;
  for (const spec of datasets) {
    const started = performance.now();
    const d = spec.load();
    const ms = performance.now() - started;
    const entities = new Set(d.truth).size;
    const truePairs = truePairCount(d.truth);
    const problems: string[] = [];
    const e = spec.expected;
    if (d.records.length !== e.records) problems.push(`records ${d.records.length} ≠ ${e.records}`);
    if (d.truth.length !== d.records.length) problems.push('truth length ≠ records');
    if (entities !== e.entities) problems.push(`entities ${entities} ≠ ${e.entities}`);
    if (truePairs !== e.truePairs) problems.push(`true pairs ${truePairs} ≠ ${e.truePairs}`);
    const keys = new Set<string>();
    const configured = new Set(Object.keys(d.config.attributes ?? {}));
    const used = new Set<string>();
    for (const r of d.records) {
      const ref = `${r.source}/${r.key}`;
      if (keys.has(ref)) problems.push(`duplicate key ${ref}`);
      keys.add(ref);
      for (const [name, value] of Object.entries(r.attributes)) {
        used.add(name);
        if (!configured.has(name)) problems.push(`attribute ${name} not configured`);
        if (value === '' || value === null || value === undefined) problems.push(`empty attribute ${name}`);
      }
    }
    // The entity id must never appear as an attribute value.
    let leaks = 0;
    d.records.forEach((r, i) => {
      for (const v of Object.values(r.attributes)) if (String(v) === d.truth[i]) leaks++;
    });
    if (leaks > d.records.length * 0.001) problems.push(`${leaks} attribute values equal the entity id`);
    if (problems.length > 0) failures++;
    rows.push([
      spec.name,
      String(d.records.length),
      String(entities),
      String(truePairs),
      [...configured].map((a) => (used.has(a) ? a : `${a}(unused)`)).join(','),
      problems.length === 0 ? `ok (${ms.toFixed(0)} ms)` : `FAIL: ${[...new Set(problems)].slice(0, 5).join('; ')}`,
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  console.log(failures === 0 ? '\nall datasets match their README' : `\n${failures} dataset(s) FAIL`);
  process.exitCode = failures === 0 ? 0 : 1;
}

main();
