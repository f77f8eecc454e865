/**
 * Speed benchmark: for each size, a fresh Node process (`--max-old-space-size=8192`) generates about
 * that many synthetic records, runs `dedupe` once on them and reports the dedupe time alone, records/s
 * and the process's peak RSS. By default `dedupe` comes from the built package (`dist/`, as users run
 * it; `npm run bench:speed` builds first); `--src` measures the sources through tsx instead.
 *
 *   npx tsx bench/speed.ts [--sizes 10000,100000,200000,1000000] [--src] [--explain] [--json out.json]
 *
 * Always exits 0: it reports, it does not gate.
 * @module
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { report, runIfMain } from './report.js';
import { loadForBenchmark, projectRoot } from './load-dedupe.js';
import type { SpeedSample } from './speed-worker.js';

const DEFAULT_SIZES = [10_000, 100_000, 200_000, 1_000_000];
/** Targets from the issue: seconds of dedupe by size, and peak memory for every size. */
const timeTargets: Record<number, number> = { 200_000: 6, 1_000_000: 60 };
const MAX_RSS_KB = 4 * 1024 * 1024;
const CHILD_TIMEOUT_MS = 30 * 60_000;

/** One size's outcome. */
export interface SpeedResult {
  size: number;
  sample?: SpeedSample;
  targets: string[];
  status: string;
}

function measure(size: number, impl: 'src' | 'dist', explain: boolean): SpeedResult {
  const worker = resolve(projectRoot, 'bench', 'speed-worker.ts');
  const args = ['--max-old-space-size=8192', '--expose-gc', '--import', 'tsx', worker, '--records', String(size)];
  if (impl === 'src') args.push('--src');
  if (explain) args.push('--explain');
  const child = spawnSync(process.execPath, args, {
    cwd: projectRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: CHILD_TIMEOUT_MS,
    maxBuffer: 64 * 2 ** 20,
  });
  const targets: string[] = [];
  const limit = timeTargets[size];
  if (limit !== undefined) targets.push(`< ${limit} s`);
  targets.push('< 4 GB');
  if (child.status !== 0) {
    const why = child.error
      ? child.error.message
      : child.signal
        ? `killed by ${child.signal}`
        : `exit ${child.status}`;
    const tail = (child.stderr ?? '').trim().split('\n').slice(-3).join(' / ');
    return { size, targets, status: `ERROR: ${why}${tail ? ` (${tail.slice(0, 300)})` : ''}` };
  }
  const last = child.stdout.trim().split('\n').pop() ?? '';
  const sample = JSON.parse(last) as SpeedSample;
  const misses: string[] = [];
  if (limit !== undefined && sample.dedupeSeconds >= limit) misses.push(`${sample.dedupeSeconds.toFixed(1)} s ≥ ${limit} s`);
  if (sample.maxRssKb >= MAX_RSS_KB) misses.push(`peak ${(sample.maxRssKb / 2 ** 20).toFixed(2)} GB ≥ 4 GB`);
  return { size, sample, targets, status: misses.length === 0 ? 'pass' : `MISS: ${misses.join('; ')}` };
}

/** Prints the results as an aligned Markdown table. */
export function printSpeedTable(results: SpeedResult[]): void {
  const header = ['size', 'records', 'dedupe s', 'records/s', 'peak RSS MB', 'generate s', 'pairs compared', 'profiles', 'targets', 'status'];
  const rows = results.map((r) => {
    const s = r.sample;
    return [
      r.size.toLocaleString('en-US'),
      s ? s.records.toLocaleString('en-US') : '',
      s ? s.dedupeSeconds.toFixed(2) : '',
      s ? Math.round(s.recordsPerSecond).toLocaleString('en-US') : '',
      s ? (s.maxRssKb / 1024).toFixed(0) : '',
      s ? s.generateSeconds.toFixed(2) : '',
      s ? s.pairsCompared.toLocaleString('en-US') : '',
      s ? s.profiles.toLocaleString('en-US') : '',
      r.targets.join(', '),
      r.status,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

/** Runs the speed benchmark with command-line arguments (unknown options are ignored). */
export async function runSpeed(argv: string[]): Promise<SpeedResult[]> {
  const { values } = parseArgs({
    args: argv,
    strict: false,
    options: {
      sizes: { type: 'string' },
      src: { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
      json: { type: 'string' },
    },
  });
  const sizes =
    typeof values.sizes === 'string'
      ? values.sizes.split(',').map((s) => Number(s.trim().replace(/_/g, '')))
      : DEFAULT_SIZES;
  if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) {
    console.log(`--sizes must be positive integers, e.g. --sizes 10000,200000`);
    return [];
  }
  const impl = values.src === true ? 'src' : 'dist';
  // Fail early, with the reason, before spawning anything.
  if (!(await loadForBenchmark(impl, 'speed'))) return [];
  console.log(
    `speed benchmark (dedupe from ${impl}/, explain: ${values.explain === true}, one fresh process per size, ` +
      `--max-old-space-size=8192, Node ${process.version})`,
  );
  const results: SpeedResult[] = [];
  for (const size of sizes) {
    process.stderr.write(`speed: ${size.toLocaleString('en-US')} records…\n`);
    results.push(measure(size, impl, values.explain === true));
  }
  return report(results, printSpeedTable, values.json);
}

await runIfMain(import.meta.url, runSpeed);
