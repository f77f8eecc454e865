/**
 * One speed measurement, run by `bench/speed.ts` in a fresh process: generates ≈ `--records`
 * synthetic customers, runs `dedupe` once (timed alone), and prints one JSON line with the figures.
 *
 *   node --max-old-space-size=8192 --import tsx bench/speed-worker.ts --records 200000 [--src] [--explain]
 * @module
 */
import { parseArgs } from 'node:util';
import { loadDedupe } from './load-dedupe.js';
import { generateCustomers, meanRecordsPerPerson } from './synthetic.js';

/** What the worker prints (last stdout line, JSON). */
export interface SpeedSample {
  requested: number;
  records: number;
  people: number;
  impl: 'src' | 'dist';
  explain: boolean;
  generateSeconds: number;
  dedupeSeconds: number;
  recordsPerSecond: number;
  profiles: number;
  pairsCompared: number;
  matches: number;
  /** Peak resident set size of the whole process (generation included), in KB. */
  maxRssKb: number;
  heapUsedMb: number;
}

const { values } = parseArgs({
  options: {
    records: { type: 'string' },
    seed: { type: 'string', default: '7' },
    src: { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
  },
});
const requested = Number(values.records);
if (!Number.isInteger(requested) || requested <= 0) throw new Error('--records must be a positive integer');
const impl = values.src === true ? 'src' : 'dist';
const dedupe = await loadDedupe(impl);

const g0 = performance.now();
const people = Math.max(1, Math.round(requested / meanRecordsPerPerson));
// Records arrive in an application as parsed JSON or CSV (flat strings), not as the strings the
// generator builds by concatenation, which V8 keeps as ropes and flattens on first hashing. The
// round trip makes the input what a user would pass; it is counted as generation, not dedupe.
const records = JSON.parse(JSON.stringify(generateCustomers({ people, seed: Number(values.seed) }).records));
const generateSeconds = (performance.now() - g0) / 1000;

// The generator's garbage is not dedupe's: collect it before the clock starts.
(globalThis as { gc?: () => void }).gc?.();
const t0 = performance.now();
const result = dedupe(records, { country: 'FR' }, { explain: values.explain === true });
const dedupeSeconds = (performance.now() - t0) / 1000;

const sample: SpeedSample = {
  requested,
  records: records.length,
  people,
  impl,
  explain: values.explain === true,
  generateSeconds,
  dedupeSeconds,
  recordsPerSecond: records.length / dedupeSeconds,
  profiles: result.stats.profiles,
  pairsCompared: result.stats.pairsCompared,
  matches: result.stats.matches,
  maxRssKb: process.resourceUsage().maxRSS,
  heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20,
};
console.log(JSON.stringify(sample));
