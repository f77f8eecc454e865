/**
 * Referential accuracy benchmark: does incremental ingestion give the batch result, whatever the
 * order records arrive in?
 *
 * For each set of `bench/accuracy.ts` (labelled datasets from `bench/datasets.ts`, plus the synthetic
 * French customers): `dedupe(records, config, { explain: false })` once, then
 * `model = trainModel(records, config)` and, for three arrival orders (the given order, reversed, and
 * a seeded shuffle), a fresh `createReferential({ ...config, model })` fed with `ingestMany` in
 * batches of `--batch`. Each row reports pairwise precision/recall/F1 against the truth
 * (`clusterMetrics`), and agreement with the batch partition: `clusterMetrics(incremental, batch)` F1
 * and the records whose profile does not hold exactly the records of their batch profile. Each order
 * is also compared with the first: the pending reviews (by id) and every profile's id and golden
 * values must be the same.
 * Target: agreement F1 1.0 (no record differs) in every order, and no review or golden record
 * differing between orders.
 *
 *   npx tsx bench/referential-accuracy.ts [--only febrl3,synthetic] [--all] [--people 20000] [--seed 42]
 *        [--shuffle-seed 1] [--batch 1000] [--impl auto|dist|src] [--json out.json]
 *
 * Sets are chosen as in `bench/accuracy.ts` (`selectSets`: `--only` names them, `synthetic` the synthetic
 * set; `--people 0` leaves it out). A set whose files are absent is reported as skipped. Always exits 0: it reports, it does not gate.
 * @module
 */
import { parseArgs } from 'node:util';
import type { IdentityConfigInput } from '../src/identity/config.js';
import type { SourceRecord } from '../src/identity/record.js';
import { datasets, datasetsAvailable, datasetsDir, selectSets } from './datasets.js';
import { loadLibrary, parseImpl, type Library } from './load-library.js';
import { clusterMetrics, householdMerges, type HouseholdMergeStats } from './metrics.js';
import { report, runIfMain } from './report.js';
import { generateCustomers, mulberry32 } from './synthetic.js';

interface BenchCase {
  name: string;
  records: SourceRecord[];
  truth: string[];
  config: IdentityConfigInput;
  households?: string[];
}

/** One row: the batch run, or one incremental order. */
export interface ReferentialAccuracyRow {
  dataset: string;
  /** `batch`, `given`, `reversed` or `shuffled (seed n)`. */
  run: string;
  records: number;
  profiles?: number;
  precision?: number;
  recall?: number;
  f1?: number;
  /** Incremental only: pairwise F1 of the incremental partition against the batch one. */
  agreementF1?: number;
  /** Incremental only: records whose profile differs from their batch profile (as a set of records). */
  recordsDiffering?: number;
  /** Incremental only: pending reviews at the end. */
  reviews?: number;
  /** Incremental only: reviews pending here and not in the first order, or the reverse. */
  reviewsDiffering?: number;
  /** Incremental only: profiles whose id or golden values differ from the first order's. */
  goldensDiffering?: number;
  /** Synthetic only: household members merged with a relative. */
  households?: HouseholdMergeStats;
  /** dedupe (batch) or ingestion (incremental) seconds; training and reading profiles excluded. */
  seconds?: number;
  /** Incremental only: trainModel seconds (once per set). */
  trainSeconds?: number;
  /** Incremental only: seconds to read every record's profile back (`lookup`). */
  lookupSeconds?: number;
  /** `pass`, `MISS: …`, `-` (batch), `skipped: …` or `ERROR: …`. */
  status: string;
}

/** Records whose cluster (as a set of records) is not the same in `a` and `b`. */
export function recordsDiffering(a: readonly string[], b: readonly string[]): number {
  const size = (ids: readonly string[]) => {
    const m = new Map<string, number>();
    for (const id of ids) m.set(id, (m.get(id) ?? 0) + 1);
    return m;
  };
  const sa = size(a);
  const sb = size(b);
  const cells = new Map<string, number>();
  for (let i = 0; i < a.length; i++) {
    const k = `${a[i]}\u0000${b[i]}`;
    cells.set(k, (cells.get(k) ?? 0) + 1);
  }
  let differing = 0;
  for (let i = 0; i < a.length; i++) {
    const n = cells.get(`${a[i]}\u0000${b[i]}`)!;
    if (n !== sa.get(a[i]!) || n !== sb.get(b[i]!)) differing++;
  }
  return differing;
}

function orders(n: number, shuffleSeed: number): { run: string; order: number[] }[] {
  const given = Array.from({ length: n }, (_, i) => i);
  const shuffled = [...given];
  const random = mulberry32(shuffleSeed);
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = shuffled[i]!;
    shuffled[i] = shuffled[j]!;
    shuffled[j] = t;
  }
  return [
    { run: 'given', order: given },
    { run: 'reversed', order: [...given].reverse() },
    { run: `shuffled (seed ${shuffleSeed})`, order: shuffled },
  ];
}

async function evaluate(c: BenchCase, lib: Library, batchSize: number, shuffleSeed: number): Promise<ReferentialAccuracyRow[]> {
  const rows: ReferentialAccuracyRow[] = [];
  const b0 = performance.now();
  const batch = lib.dedupe(c.records, c.config, { explain: false });
  const batchSeconds = (performance.now() - b0) / 1000;
  const batchIds = batch.assignments.map((a, i) => {
    const r = c.records[i]!;
    if (a.source !== r.source || a.key !== r.key) throw new Error(`dedupe assignment ${i} is not in input order`);
    return a.profileId;
  });
  const bm = clusterMetrics(batchIds, c.truth);
  rows.push({
    dataset: c.name,
    run: 'batch',
    records: c.records.length,
    profiles: bm.predictedClusters,
    precision: bm.precision,
    recall: bm.recall,
    f1: bm.f1,
    ...(c.households ? { households: householdMerges(batchIds, c.truth, c.households) } : {}),
    seconds: batchSeconds,
    status: '-',
  });

  const t0 = performance.now();
  const model = lib.trainModel(c.records, c.config);
  const trainSeconds = (performance.now() - t0) / 1000;

  // What the first order ends with: every other order must end the same (sequence neutrality).
  let firstReviews: Set<string> | undefined;
  let firstGoldens: Map<string, string> | undefined;
  for (const { run, order } of orders(c.records.length, shuffleSeed)) {
    process.stderr.write(`  ${c.name}: ${run}…\n`);
    try {
      const referential = await lib.createReferential({ ...c.config, model });
      const arrival = order.map((i) => c.records[i]!);
      const i0 = performance.now();
      for (let k = 0; k < arrival.length; k += batchSize) await referential.ingestMany(arrival.slice(k, k + batchSize), { explain: false });
      const seconds = (performance.now() - i0) / 1000;
      const l0 = performance.now();
      const ids: string[] = [];
      const goldens = new Map<string, string>();
      for (const r of c.records) {
        const profile = await referential.lookup(r.source, r.key);
        if (!profile) throw new Error(`record ${r.source}/${r.key} has no profile after ingestion`);
        ids.push(profile.id);
        if (!goldens.has(profile.id)) goldens.set(profile.id, JSON.stringify(profile.golden.values));
      }
      const lookupSeconds = (performance.now() - l0) / 1000;
      const reviews = new Set(referential.reviews().map((r) => r.id));
      firstReviews ??= reviews;
      firstGoldens ??= goldens;
      const reviewsDiffering = [...reviews].filter((id) => !firstReviews!.has(id)).length + [...firstReviews].filter((id) => !reviews.has(id)).length;
      let goldensDiffering = 0;
      for (const id of new Set([...goldens.keys(), ...firstGoldens.keys()])) if (goldens.get(id) !== firstGoldens.get(id)) goldensDiffering++;
      const m = clusterMetrics(ids, c.truth);
      const agreement = clusterMetrics(ids, batchIds);
      const differing = recordsDiffering(ids, batchIds);
      rows.push({
        dataset: c.name,
        run,
        records: c.records.length,
        profiles: m.predictedClusters,
        precision: m.precision,
        recall: m.recall,
        f1: m.f1,
        agreementF1: agreement.f1,
        recordsDiffering: differing,
        reviews: reviews.size,
        reviewsDiffering,
        goldensDiffering,
        ...(c.households ? { households: householdMerges(ids, c.truth, c.households) } : {}),
        seconds,
        trainSeconds,
        lookupSeconds,
        status:
          differing > 0
            ? `MISS: ${differing.toLocaleString('en-US')} records differ from batch`
            : reviewsDiffering + goldensDiffering > 0
              ? `MISS: ${reviewsDiffering} reviews, ${goldensDiffering} golden records differ from the first order`
              : 'pass',
      });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      rows.push({ dataset: c.name, run, records: c.records.length, status: `ERROR: ${message.split('\n')[0]!.slice(0, 200)}` });
    }
  }
  return rows;
}

const fmt = (x: number | undefined, digits = 4): string => (x === undefined ? '' : x.toFixed(digits));
const int = (x: number | undefined): string => (x === undefined ? '' : x.toLocaleString('en-US'));

/** Prints the rows as an aligned Markdown table, then per-set notes. */
export function printReferentialAccuracy(rows: ReferentialAccuracyRow[]): void {
  const header = [
    'dataset',
    'run',
    'records',
    'profiles',
    'precision',
    'recall',
    'F1',
    'agreement F1',
    'records ≠ batch',
    'reviews',
    'reviews ≠ 1st',
    'golden ≠ 1st',
    'seconds',
    'status',
  ];
  const cells = rows.map((r) => [
    r.dataset,
    r.run,
    r.status.startsWith('skipped') ? '' : int(r.records),
    int(r.profiles),
    fmt(r.precision),
    fmt(r.recall),
    fmt(r.f1),
    r.agreementF1 === undefined ? '' : r.agreementF1.toFixed(6),
    int(r.recordsDiffering),
    int(r.reviews),
    int(r.reviewsDiffering),
    int(r.goldensDiffering),
    fmt(r.seconds, 2),
    r.status,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]!.length)));
  const line = (c: string[]): string => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of cells) console.log(line(row));
  console.log('\nseconds: dedupe for batch; ingestMany alone for the orders (trainModel and reading profiles back excluded).');
  for (const name of [...new Set(rows.map((r) => r.dataset))]) {
    const incremental = rows.filter((r) => r.dataset === name && r.trainSeconds !== undefined);
    if (incremental.length > 0) {
      const r = incremental[0]!;
      console.log(
        `${name}: trainModel ${fmt(r.trainSeconds, 2)} s; ingestion ${incremental.map((x) => `${Math.round(x.records / x.seconds!).toLocaleString('en-US')}`).join(' / ')} records/s ` +
          `(${incremental.map((x) => x.run).join(' / ')}); lookup of every record ${incremental.map((x) => fmt(x.lookupSeconds, 2)).join(' / ')} s`,
      );
    }
    for (const r of rows.filter((x) => x.dataset === name && x.households)) {
      const h = r.households!;
      console.log(`${name} ${r.run}: household members merged with a relative: ${int(h.merged)} of ${int(h.members)} (${(h.rate * 100).toFixed(2)}%)`);
    }
  }
}

/** Runs the benchmark with command-line arguments (unknown options are ignored). */
export async function runReferentialAccuracy(argv: string[]): Promise<ReferentialAccuracyRow[]> {
  const { values } = parseArgs({
    args: argv,
    strict: false,
    options: {
      only: { type: 'string' },
      all: { type: 'boolean', default: false },
      people: { type: 'string', default: '20000' },
      seed: { type: 'string', default: '42' },
      'shuffle-seed': { type: 'string', default: '1' },
      batch: { type: 'string', default: '1000' },
      impl: { type: 'string' },
      json: { type: 'string' },
    },
  });
  const people = Number(values.people);
  const seed = Number(values.seed);
  const shuffleSeed = Number(values['shuffle-seed']);
  const batchSize = Number(values.batch);
  const impl = parseImpl(values.impl);
  if (impl !== 'src' && impl !== 'dist' && impl !== 'auto') {
    console.log(impl);
    return [];
  }
  if (![people, seed, shuffleSeed].every((n) => Number.isInteger(n) && n >= 0) || !Number.isInteger(batchSize) || batchSize < 1) {
    console.log('--people, --seed and --shuffle-seed must be non-negative integers, --batch a positive one');
    return [];
  }
  const { syntheticName, wanted, unknown, known } = selectSets(values.only, values.all, people);
  if (unknown.length > 0) {
    console.log(`unknown dataset(s) ${unknown.join(', ')}; known: ${known.join(', ')}`);
    return [];
  }

  let lib: Library;
  try {
    const loaded = await loadLibrary(impl);
    lib = loaded.lib;
    console.log(
      `referential accuracy benchmark: library from ${loaded.description}; incremental ingestion (ingestMany, batches of ${batchSize}, ` +
        `explain: false) in three orders vs batch dedupe; default engine settings`,
    );
  } catch (e) {
    console.log(`referential accuracy benchmark skipped: ${e instanceof Error ? e.message : String(e)}`);
    return [];
  }

  const rows: ReferentialAccuracyRow[] = [];
  const haveDatasets = datasetsAvailable();
  const run = async (name: string, load: () => BenchCase): Promise<void> => {
    let c: BenchCase;
    try {
      c = load();
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const why = err.code === 'ENOENT' ? `file not found (${err.path ?? err.message})` : `cannot load: ${String(err.message).split('\n')[0]}`;
      console.log(`${name}: skipped: ${why}`);
      rows.push({ dataset: name, run: '', records: 0, status: `skipped: ${why}` });
      return;
    }
    process.stderr.write(`running ${c.name} (${c.records.length} records)…\n`);
    try {
      rows.push(...(await evaluate(c, lib, batchSize, shuffleSeed)));
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      rows.push({ dataset: c.name, run: 'batch', records: c.records.length, status: `ERROR: ${message.split('\n')[0]!.slice(0, 200)}` });
    }
  };
  for (const spec of datasets) {
    if (!wanted(spec.name)) continue;
    if (!haveDatasets) {
      console.log(`${spec.name}: skipped: datasets folder not found (${datasetsDir()}; set IDENTIKIT_DATASETS)`);
      rows.push({ dataset: spec.name, run: '', records: 0, status: 'skipped: datasets folder not found' });
      continue;
    }
    await run(spec.name, () => spec.load());
  }
  if (wanted(syntheticName)) {
    await run(syntheticName, () => {
      const g = generateCustomers({ people, seed });
      return { name: syntheticName, records: g.records, truth: g.truth, households: g.households, config: { country: 'FR' } };
    });
  }
  return report(rows, printReferentialAccuracy, values.json);
}

await runIfMain(import.meta.url, runReferentialAccuracy);
