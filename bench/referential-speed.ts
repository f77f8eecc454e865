/**
 * Referential speed benchmark: throughput of the in-memory referential while it grows to N records,
 * and the latency of `resolve` at that size.
 *
 * 1. Generates about N synthetic French customers' records (`bench/synthetic.ts`, ≈ 2.43 per person),
 *    round-trips them through JSON (as an application receives them) and puts them in arrival order
 *    (by `observedAt`). Held out of the stream: every record of some people (unknown to the
 *    referential) and one record of others (known), to build `resolve` queries from.
 * 2. Trains a model on the first `--train` records of the stream (`trainModel`, timed on its own) and
 *    opens `createReferential({ country: 'FR', model })` on the default in-memory store.
 * 3. Ingests the stream in order with `ingestMany` in batches of `--batch`, and reports records/s per
 *    segment of growth (`--segment` records) and overall; then ingests the last `--single` records
 *    of the stream one by one with `ingest` (rate and per-call latency). `explain: false` unless
 *    `--explain`. Heap and RSS at the end.
 * 4. Times `--queries` calls of `resolve` at the final size, one by one with `performance.now()`:
 *    phone only, e-mail + name, name + postcode, from the held-out records of known and unknown people.
 *    Before the first call it waits `--settle` seconds: the full GC forced to read the heap leaves
 *    V8's sweeper threads busy for seconds, and on 2 cores they take the main thread's core for a
 *    4 ms scheduling slice now and then (`--settle 0` shows it). The GC pauses that fell inside a
 *    call are counted (`PerformanceObserver`), so a tail can be told from the library's own time.
 * 5. Times a steward's operations at that size: `reviews({ limit: 50 })`, `accept` and `reject` of
 *    listed reviews, `flagValue` of e-mails and of addresses (mean milliseconds per call).
 *
 *   npx tsx bench/referential-speed.ts [--records 1000000] [--batch 1000] [--segment 100000]
 *        [--single 10000] [--train 50000] [--queries 10000] [--seed 7] [--impl auto|dist|src]
 *        [--settle 5] [--explain] [--json out.json]
 *
 * `--impl auto` (default) runs the built package (`dist/index.js`, `npm run build`) when it is up to
 * date with `src/`, else the sources through tsx; the run says which. The measurement runs in a fresh
 * Node process with `--max-old-space-size=8192 --expose-gc` (as `bench/speed.ts` does), unless
 * `--in-process`. Always exits 0: it reports, it does not gate.
 * @module
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { IngestOptions, Referential, ResolveCandidate, ResolveQuery } from '../src/index.js';
import type { SourceRecord } from '../src/identity/record.js';
import { loadLibrary, parseImpl } from './load-library.js';
import { projectRoot } from './load-dedupe.js';
import { report, runIfMain } from './report.js';
import { generateCustomers, meanRecordsPerPerson, mulberry32 } from './synthetic.js';

/** Targets from the issue. */
const MIN_SUSTAINED_RATE = 20_000;
const MAX_RESOLVE_P99_MS = 1;
const CHILD_ENV = 'IDENTIKIT_REFERENTIAL_SPEED_CHILD';
const CHILD_FLAGS = ['--max-old-space-size=8192', '--expose-gc'];

/** One segment of growth. */
export interface Segment {
  /** Referential size before and after the segment. */
  from: number;
  to: number;
  mode: 'ingestMany' | 'ingest';
  seconds: number;
  recordsPerSecond: number;
  /** Profiles after the segment. */
  profiles: number;
  /** V8 heap used after the segment (no forced GC), MB. */
  heapUsedMb: number;
}

/** Latency percentiles of one group of calls, in milliseconds. */
export interface Latency {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Resolve latency of one group of queries. */
export interface ResolveGroup extends Latency {
  group: string;
  /** Queries that returned at least one candidate. */
  withCandidates: number;
  /** Queries whose best candidate's decision is `match`. */
  topMatch: number;
  /** Queries whose best candidate holds a record of the query's person (0 for unknown people). */
  topSamePerson: number;
  /** Calls of 1 ms or more. */
  overOneMs: number;
  /** Calls during which a GC pause started. */
  withGcPause: number;
}

/** The outcome of one run. */
export interface ReferentialSpeedResult {
  impl: 'src' | 'dist';
  library: string;
  node: string;
  execArgv: string[];
  /** 1, 5 and 15-minute load averages at the start and the end (2 cores: other work skews the figures). */
  loadAverage: { start: number[]; end: number[] };
  requested: number;
  people: number;
  generatedRecords: number;
  /** Records of the arrival stream (all ingested). */
  streamRecords: number;
  /** Records held out of the stream for queries. */
  heldOutRecords: number;
  generateSeconds: number;
  train: { records: number; seconds: number; em: boolean; iterations: number };
  batch: number;
  explain: boolean;
  segments: Segment[];
  /** ingestMany over every batched segment. */
  batched: { records: number; seconds: number; recordsPerSecond: number; slowestSegment: number };
  /** One-by-one ingest of the stream's last records. */
  single?: { records: number; seconds: number; recordsPerSecond: number; latency: Latency };
  final: {
    records: number;
    profiles: number;
    reviews: number;
    heapUsedMb: number;
    heapAfterGcMb: number;
    rssMb: number;
    maxRssMb: number;
  };
  /** Seconds waited after the forced GC before the first timed call. */
  settleSeconds: number;
  /** GC pauses that started during the timed calls: how many, and their total milliseconds. */
  resolveGc: { pauses: number; ms: number };
  resolve: ResolveGroup[];
  /** Mean milliseconds per call of the steward's operations, with the number of calls (and of calls refused). */
  steward: { operation: string; calls: number; refused: number; meanMs: number }[];
  targets: string[];
  status: string;
}

type Shape = 'phone' | 'email+name' | 'name+postcode';
const shapes: { shape: Shape; attributes: string[] }[] = [
  { shape: 'phone', attributes: ['phone'] },
  { shape: 'email+name', attributes: ['email', 'firstName', 'lastName'] },
  { shape: 'name+postcode', attributes: ['firstName', 'lastName', 'postcode'] },
];

interface Query {
  query: ResolveQuery;
  shape: Shape;
  known: boolean;
  /** The person the query was built from. */
  person: string;
}

const present = (v: unknown): boolean => v !== undefined && v !== null && String(v).trim() !== '';

/** The query of shape `k` (or the next one the record supports), or undefined. */
function queryOf(record: SourceRecord, k: number): { query: ResolveQuery; shape: Shape } | undefined {
  for (let d = 0; d < shapes.length; d++) {
    const { shape, attributes } = shapes[(k + d) % shapes.length]!;
    if (!attributes.every((a) => present(record.attributes[a]))) continue;
    const picked: ResolveQuery['attributes'] = {};
    for (const a of attributes) picked[a] = record.attributes[a];
    return { query: { attributes: picked }, shape };
  }
  return undefined;
}

function shuffleInPlace<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = items[i]!;
    items[i] = items[j]!;
    items[j] = t;
  }
}

/** Nearest-rank percentiles of `ms` (sorted in place). */
export function latency(ms: number[]): Latency {
  ms.sort((x, y) => x - y);
  const n = ms.length;
  const at = (p: number) => (n === 0 ? 0 : ms[Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1))]!);
  return { count: n, mean: n === 0 ? 0 : ms.reduce((s, x) => s + x, 0) / n, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

const mb = (bytes: number): number => bytes / 2 ** 20;
/** The Node flags that matter here (heap size, gc), without tsx's loader flags. */
const nodeFlags = (): string[] => process.execArgv.filter((a) => a.startsWith('--max-old-space-size') || a === '--expose-gc');
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

interface Options {
  records: number;
  batch: number;
  segment: number;
  single: number;
  train: number;
  queries: number;
  seed: number;
  settle: number;
  explain: boolean;
  impl: 'src' | 'dist' | 'auto';
}

/** Generates the population and splits it into the arrival stream and the held-out queries. */
function prepare(o: Options) {
  // Held out: every record of `unknownPeople` people, and one record of `wanted` people with two
  // records or more (known); a quarter spare for records that support no query shape.
  const wanted = Math.ceil((o.queries / 2) * 1.25);
  const basePeople = Math.max(1, Math.round((o.records + wanted) / meanRecordsPerPerson));
  // Unknown people: at most a tenth of the population (small runs).
  const unknownPeople = Math.min(wanted, Math.ceil(basePeople / 10));
  const people = basePeople + unknownPeople;
  const g = generateCustomers({ people, seed: o.seed });
  // Records reach an application as parsed JSON (flat strings), not as the generator's concatenated ones.
  const records = JSON.parse(JSON.stringify(g.records)) as SourceRecord[];
  const truth = g.truth;

  const byPerson = new Map<string, number[]>();
  truth.forEach((p, i) => {
    const list = byPerson.get(p);
    if (list) list.push(i);
    else byPerson.set(p, [i]);
  });
  const random = mulberry32(o.seed ^ 0x9e3779b9);
  const persons = [...byPerson.keys()];
  shuffleInPlace(persons, random);
  const unknown = persons.slice(0, unknownPeople);
  const knownSample: string[] = [];
  for (const p of persons.slice(unknown.length)) {
    if (knownSample.length >= wanted) break;
    if (byPerson.get(p)!.length >= 2) knownSample.push(p);
  }
  const heldOut = new Set<number>();
  const unknownRecords: number[] = [];
  for (const p of unknown) {
    const list = byPerson.get(p)!;
    for (const i of list) heldOut.add(i);
    unknownRecords.push(list[Math.floor(random() * list.length)]!);
  }
  const knownRecords: number[] = [];
  for (const p of knownSample) {
    const list = byPerson.get(p)!;
    const i = list[Math.floor(random() * list.length)]!;
    heldOut.add(i);
    knownRecords.push(i);
  }

  // Queries: alternately known and unknown, shapes in turn.
  const queries: Query[] = [];
  let ku = 0;
  let uu = 0;
  while (queries.length < o.queries && (ku < knownRecords.length || uu < unknownRecords.length)) {
    const wantKnown = queries.length % 2 === 0 ? ku < knownRecords.length : uu >= unknownRecords.length;
    const i = wantKnown ? knownRecords[ku++]! : unknownRecords[uu++]!;
    const q = queryOf(records[i]!, queries.length);
    if (q) queries.push({ ...q, known: wantKnown, person: truth[i]! });
  }

  // Arrival order: by observedAt, ties in generator order.
  const arrival = records
    .map((r, i) => ({ r, i }))
    .filter(({ i }) => !heldOut.has(i))
    .sort((x, y) => (x.r.observedAt! < y.r.observedAt! ? -1 : x.r.observedAt! > y.r.observedAt! ? 1 : x.i - y.i));
  const stream = arrival.map(({ r }) => r);
  const streamPersons = arrival.map(({ i }) => truth[i]!);
  return { people, generated: records.length, heldOut: heldOut.size, stream, streamPersons, queries };
}

async function measure(o: Options): Promise<ReferentialSpeedResult> {
  const loadStart = os.loadavg();
  const { lib, impl, description } = await loadLibrary(o.impl);
  console.log(
    `referential speed benchmark: library from ${description}; Node ${[process.version, ...nodeFlags()].join(' ')}`,
  );
  process.stderr.write(`generating ≈ ${o.records.toLocaleString('en-US')} records…\n`);
  const g0 = performance.now();
  const { people, generated, heldOut, stream, streamPersons, queries } = prepare(o);
  const generateSeconds = (performance.now() - g0) / 1000;
  process.stderr.write(
    `${generated.toLocaleString('en-US')} records for ${people.toLocaleString('en-US')} people in ${generateSeconds.toFixed(1)} s; ` +
      `stream ${stream.length.toLocaleString('en-US')}, held out ${heldOut.toLocaleString('en-US')}, ${queries.length} queries\n`,
  );

  gc();
  const trainSample = stream.slice(0, Math.min(o.train, stream.length));
  const t0 = performance.now();
  const model = lib.trainModel(trainSample, { country: 'FR' });
  const train = {
    records: trainSample.length,
    seconds: (performance.now() - t0) / 1000,
    em: model.trainedOn.em,
    iterations: model.trainedOn.iterations,
  };
  process.stderr.write(`trained on ${train.records.toLocaleString('en-US')} records in ${train.seconds.toFixed(2)} s\n`);
  const referential: Referential = await lib.createReferential({ country: 'FR', model });
  const ingestOptions: IngestOptions = { explain: o.explain };

  const single = Math.min(o.single, Math.floor(stream.length / 10));
  const batchedEnd = stream.length - single;
  const segments: Segment[] = [];
  const describe = (from: number, mode: Segment['mode'], seconds: number): Segment => {
    const s: Segment = {
      from,
      to: referential.stats().records,
      mode,
      seconds,
      recordsPerSecond: (referential.stats().records - from) / seconds,
      profiles: referential.stats().profiles,
      heapUsedMb: mb(process.memoryUsage().heapUsed),
    };
    process.stderr.write(
      `  ${s.from.toLocaleString('en-US')}–${s.to.toLocaleString('en-US')} (${mode}): ${s.seconds.toFixed(2)} s, ` +
        `${Math.round(s.recordsPerSecond).toLocaleString('en-US')} records/s, heap ${s.heapUsedMb.toFixed(0)} MB\n`,
    );
    return s;
  };

  gc(); // the generator's and the training's garbage is not the referential's
  // Segment ends every `segment` records; a remainder under half a segment joins the last one.
  const ends: number[] = [];
  for (let end = o.segment; end < batchedEnd; end += o.segment) ends.push(end);
  if (ends.length > 0 && batchedEnd - ends[ends.length - 1]! < o.segment / 2) ends.pop();
  ends.push(batchedEnd);
  for (let k = 0, start = 0; k < ends.length; start = ends[k++]!) {
    const end = ends[k]!;
    const s0 = performance.now();
    for (let i = start; i < end; i += o.batch) await referential.ingestMany(stream.slice(i, Math.min(end, i + o.batch)), ingestOptions);
    segments.push(describe(start, 'ingestMany', (performance.now() - s0) / 1000));
  }
  const batchedSeconds = segments.reduce((s, x) => s + x.seconds, 0);
  const batched = {
    records: batchedEnd,
    seconds: batchedSeconds,
    recordsPerSecond: batchedEnd / batchedSeconds,
    slowestSegment: Math.min(...segments.map((s) => s.recordsPerSecond)),
  };

  let singleResult: ReferentialSpeedResult['single'];
  if (single > 0) {
    const calls: number[] = [];
    for (let i = batchedEnd; i < stream.length; i++) {
      const c0 = performance.now();
      await referential.ingest(stream[i]!, ingestOptions);
      calls.push(performance.now() - c0);
    }
    const seconds = calls.reduce((s, x) => s + x, 0) / 1000;
    segments.push(describe(batchedEnd, 'ingest', seconds));
    singleResult = { records: single, seconds, recordsPerSecond: single / seconds, latency: latency(calls) };
  }

  const stats = referential.stats();
  const heapUsedMb = mb(process.memoryUsage().heapUsed);
  gc();
  const memory = process.memoryUsage();
  const final = {
    records: stats.records,
    profiles: stats.profiles,
    reviews: stats.reviews,
    heapUsedMb,
    heapAfterGcMb: mb(memory.heapUsed),
    rssMb: mb(memory.rss),
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };

  process.stderr.write(
    `resolve: ${queries.length} queries at ${stats.records.toLocaleString('en-US')} records, after ${o.settle} s of settling…\n`,
  );
  await new Promise((done) => setTimeout(done, o.settle * 1000));
  const pauses: { start: number; ms: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push({ start: e.startTime, ms: e.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  const ms: number[] = [];
  const starts: number[] = [];
  const tops: (ResolveCandidate | undefined)[] = [];
  const counts: number[] = [];
  for (const q of queries) {
    const c0 = performance.now();
    const candidates = await referential.resolve(q.query);
    ms.push(performance.now() - c0);
    starts.push(c0);
    tops.push(candidates[0]);
    counts.push(candidates.length);
  }
  await new Promise((done) => setTimeout(done, 0)); // the observer's last entries
  observer.disconnect();
  const hit = ms.map((t, k) => pauses.some((p) => p.start >= starts[k]! && p.start < starts[k]! + t));
  const inLoop = pauses.filter((p) => starts.length > 0 && p.start >= starts[0]! && p.start < starts[starts.length - 1]! + ms[ms.length - 1]!);
  const resolveGc = { pauses: inLoop.length, ms: inLoop.reduce((s, p) => s + p.ms, 0) };
  // After the clock: is the best candidate the query's person?
  const personOf = new Map<string, string>();
  stream.forEach((r, i) => personOf.set(`${r.source}\u0000${r.key}`, streamPersons[i]!));
  const samePerson: boolean[] = [];
  for (let k = 0; k < queries.length; k++) {
    const top = tops[k];
    const profile = top ? await referential.profile(top.profileId) : null;
    samePerson.push(profile?.records.some((r) => personOf.get(`${r.source}\u0000${r.key}`) === queries[k]!.person) ?? false);
  }
  const groupOf = (q: Query): string[] => ['all', q.known ? 'known' : 'unknown', q.shape];
  const resolve: ResolveGroup[] = ['all', 'known', 'unknown', ...shapes.map((s) => s.shape)].map((group) => {
    const ks = queries.map((_, k) => k).filter((k) => groupOf(queries[k]!).includes(group));
    return {
      group,
      ...latency(ks.map((k) => ms[k]!)),
      withCandidates: ks.filter((k) => counts[k]! > 0).length,
      topMatch: ks.filter((k) => tops[k]?.decision === 'match').length,
      topSamePerson: ks.filter((k) => samePerson[k]).length,
      overOneMs: ks.filter((k) => ms[k]! >= 1).length,
      withGcPause: ks.filter((k) => hit[k]).length,
    };
  });

  const steward = await timeSteward(referential, stream);

  const targets = [`every ingestMany segment ≥ ${MIN_SUSTAINED_RATE.toLocaleString('en-US')} records/s`, `resolve p99 < ${MAX_RESOLVE_P99_MS} ms`];
  const misses: string[] = [];
  if (batched.slowestSegment < MIN_SUSTAINED_RATE)
    misses.push(`slowest segment ${Math.round(batched.slowestSegment).toLocaleString('en-US')} records/s`);
  const p99 = resolve.find((r) => r.group === 'all')!.p99;
  if (p99 >= MAX_RESOLVE_P99_MS) misses.push(`resolve p99 ${p99.toFixed(3)} ms`);
  return {
    impl,
    library: description,
    node: process.version,
    execArgv: nodeFlags(),
    loadAverage: { start: loadStart, end: os.loadavg() },
    requested: o.records,
    people,
    generatedRecords: generated,
    streamRecords: stream.length,
    heldOutRecords: heldOut,
    generateSeconds,
    train,
    batch: o.batch,
    explain: o.explain,
    segments,
    batched,
    ...(singleResult ? { single: singleResult } : {}),
    final,
    settleSeconds: o.settle,
    resolveGc,
    resolve,
    steward,
    targets,
    status: misses.length === 0 ? 'pass' : `MISS: ${misses.join('; ')}`,
  };
}

/** Times the steward's operations on the referential as it is (they change it: run them last). */
async function timeSteward(referential: Referential, stream: readonly SourceRecord[]): Promise<ReferentialSpeedResult['steward']> {
  const out: ReferentialSpeedResult['steward'] = [];
  const time = async (operation: string, calls: (() => Promise<unknown>)[]) => {
    let refused = 0;
    const t0 = performance.now();
    // A review an earlier decision settled is refused (NOT_FOUND): counted, not hidden.
    for (const call of calls) await call().catch(() => refused++);
    if (calls.length > 0) out.push({ operation, calls: calls.length, refused, meanMs: (performance.now() - t0) / calls.length });
  };
  await time('reviews({ limit: 50 })', Array.from({ length: 20 }, () => async () => referential.reviews({ limit: 50 })));
  // Pairs far apart in the queue: settling one rarely settles another.
  const queue = referential.reviews();
  const picked = Array.from({ length: Math.min(20, queue.length) }, (_, k) => queue[Math.floor((k * queue.length) / 20)]!.id);
  await time('accept', picked.slice(0, 10).map((id) => () => referential.accept(id)));
  await time('reject', picked.slice(10).map((id) => () => referential.reject(id)));
  const valuesOf = (attribute: string) =>
    stream
      .filter((_, k) => k % 9973 === 0)
      .map((r) => r.attributes[attribute])
      .filter((v): v is string => typeof v === 'string' && v.trim() !== '')
      .slice(0, 10);
  await time('flagValue (e-mail)', valuesOf('email').map((v) => () => referential.flagValue('email', v, 'bounced')));
  await time('flagValue (address)', valuesOf('address').map((v) => () => referential.flagValue('address', v, 'NPAI')));
  return out;
}

const int = (x: number): string => Math.round(x).toLocaleString('en-US');
const ms3 = (x: number): string => x.toFixed(3);

function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

/** Prints a run as aligned Markdown tables. */
export function printReferentialSpeed(results: ReferentialSpeedResult[]): void {
  for (const r of results) {
    console.log(
      `library: ${r.library}; Node ${[r.node, ...r.execArgv].join(' ')}; ${os.cpus().length} cores; ` +
        `load average ${r.loadAverage.start.map((x) => x.toFixed(2)).join(' ')} at the start, ${r.loadAverage.end.map((x) => x.toFixed(2)).join(' ')} at the end\n` +
        `records: ${int(r.generatedRecords)} generated for ${int(r.people)} people in ${r.generateSeconds.toFixed(1)} s ` +
        `(JSON round trip included); ${int(r.streamRecords)} ingested in observedAt order, ${int(r.heldOutRecords)} held out for queries\n` +
        `model: trainModel on the first ${int(r.train.records)} records of the stream in ${r.train.seconds.toFixed(2)} s ` +
        `(EM ${r.train.em ? `yes, ${r.train.iterations} iterations` : 'no'}; not counted below)\n` +
        `ingestion: batches of ${int(r.batch)} with ingestMany, then the last records one by one with ingest; explain: ${r.explain}\n`,
    );
    table(
      ['records', 'call', 'seconds', 'records/s', 'profiles', 'heap MB'],
      r.segments.map((s) => [
        `${int(s.from)} → ${int(s.to)}`,
        s.mode,
        s.seconds.toFixed(2),
        int(s.recordsPerSecond),
        int(s.profiles),
        s.heapUsedMb.toFixed(0),
      ]),
    );
    console.log('');
    const rows: string[][] = [
      [
        `ingestMany (batch ${int(r.batch)})`,
        int(r.batched.records),
        r.batched.seconds.toFixed(2),
        int(r.batched.recordsPerSecond),
        int(r.batched.slowestSegment),
        '',
        '',
      ],
    ];
    if (r.single)
      rows.push([
        'ingest (one by one)',
        int(r.single.records),
        r.single.seconds.toFixed(2),
        int(r.single.recordsPerSecond),
        '',
        `${ms3(r.single.latency.p50)} / ${ms3(r.single.latency.p99)} / ${ms3(r.single.latency.max)}`,
        '',
      ]);
    rows.push([
      'total',
      int(r.final.records),
      (r.batched.seconds + (r.single?.seconds ?? 0)).toFixed(2),
      int(r.final.records / (r.batched.seconds + (r.single?.seconds ?? 0))),
      '',
      '',
      `${int(r.final.profiles)} profiles, ${int(r.final.reviews)} reviews`,
    ]);
    table(['ingestion', 'records', 'seconds', 'records/s', 'slowest segment /s', 'call ms p50 / p99 / max', 'final'], rows);
    console.log(
      `\nmemory at ${int(r.final.records)} records: heap used ${r.final.heapUsedMb.toFixed(0)} MB ` +
        `(${r.final.heapAfterGcMb.toFixed(0)} MB after GC), RSS ${r.final.rssMb.toFixed(0)} MB, peak RSS ${r.final.maxRssMb.toFixed(0)} MB ` +
        `(the process also holds the generated records)\n`,
    );
    console.log(
      `resolve at ${int(r.final.records)} records (limit 5, one call at a time, milliseconds; first call ${r.settleSeconds} s after ` +
        `the forced GC; ${r.resolveGc.pauses} GC pauses during the calls, ${r.resolveGc.ms.toFixed(1)} ms in all):\n`,
    );
    table(
      ['queries', 'count', 'mean', 'p50', 'p95', 'p99', 'max', '≥ 1 ms', 'with a GC pause', 'with candidates', 'top = match', 'top = same person'],
      r.resolve.map((g) => [
        g.group,
        int(g.count),
        ms3(g.mean),
        ms3(g.p50),
        ms3(g.p95),
        ms3(g.p99),
        ms3(g.max),
        int(g.overOneMs),
        int(g.withGcPause),
        int(g.withCandidates),
        int(g.topMatch),
        int(g.topSamePerson),
      ]),
    );
    console.log(`\nsteward's operations at ${int(r.final.records)} records (mean per call):\n`);
    table(
      ['operation', 'calls', 'refused', 'ms'],
      r.steward.map((s) => [s.operation, int(s.calls), int(s.refused), ms3(s.meanMs)]),
    );
    console.log(`\ntargets: ${r.targets.join(', ')}: ${r.status}`);
  }
}

function positiveInt(name: string, value: unknown, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  const n = Number(String(value).replace(/_/g, ''));
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1)) throw new Error(`--${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer`);
  return n;
}

/** Runs the benchmark with command-line arguments (unknown options are ignored). */
export async function runReferentialSpeed(argv: string[]): Promise<ReferentialSpeedResult[]> {
  const { values } = parseArgs({
    args: argv,
    strict: false,
    options: {
      records: { type: 'string' },
      batch: { type: 'string' },
      segment: { type: 'string' },
      single: { type: 'string' },
      train: { type: 'string' },
      queries: { type: 'string' },
      seed: { type: 'string' },
      settle: { type: 'string' },
      impl: { type: 'string' },
      explain: { type: 'boolean', default: false },
      'in-process': { type: 'boolean', default: false },
      json: { type: 'string' },
    },
  });
  const impl = parseImpl(values.impl);
  let options: Options;
  try {
    if (impl !== 'src' && impl !== 'dist' && impl !== 'auto') throw new Error(impl);
    const records = positiveInt('records', values.records, 1_000_000);
    options = {
      records,
      batch: positiveInt('batch', values.batch, 1000),
      segment: positiveInt('segment', values.segment, Math.min(100_000, Math.max(1000, Math.round(records / 10)))),
      single: positiveInt('single', values.single, 10_000, true),
      train: positiveInt('train', values.train, 50_000),
      queries: positiveInt('queries', values.queries, 10_000, true),
      seed: positiveInt('seed', values.seed, 7, true),
      settle: positiveInt('settle', values.settle, 5, true),
      explain: values.explain === true,
      impl,
    };
  } catch (e) {
    console.log(e instanceof Error ? e.message : String(e));
    return [];
  }

  if (values['in-process'] !== true && process.env[CHILD_ENV] !== '1') {
    // A fresh process with a large heap and gc(), as bench/speed.ts runs its workers.
    const child = spawnSync(process.execPath, [...CHILD_FLAGS, '--import', 'tsx', fileURLToPath(import.meta.url), ...argv], {
      cwd: projectRoot,
      stdio: 'inherit',
      env: { ...process.env, [CHILD_ENV]: '1' },
    });
    if (child.status !== 0)
      console.log(`referential speed benchmark: ERROR: ${child.error?.message ?? (child.signal ? `killed by ${child.signal}` : `exit ${child.status}`)}`);
    return [];
  }

  let result: ReferentialSpeedResult;
  try {
    result = await measure(options);
  } catch (e) {
    console.log(`referential speed benchmark: ERROR: ${e instanceof Error ? e.message : String(e)}`);
    return [];
  }
  return report([result], printReferentialSpeed, values.json);
}

await runIfMain(import.meta.url, runReferentialSpeed);
