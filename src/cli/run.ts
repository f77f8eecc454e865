/**
 * The `identikit` command line, runnable in-process: `run(argv, io)` returns the exit code.
 *
 * Exit codes: 0 success, 1 unexpected error (a bug), 2 bad usage or bad input (the message names the
 * file, the line and the problem).
 * @module
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { isIdentikitError, IdentikitError, type ValidationIssue } from '../errors.js';
import { dedupe as realDedupe, type DedupeProgress, type DedupeResult } from '../identity/dedupe.js';
import type { IdentityConfig } from '../identity/config.js';
import { normalizerFor } from '../identity/normalizers.js';
import { goldenRecords } from '../merge/golden.js';
import { loadConfig } from './config-file.js';
import { decodeUtf8, mapColumns, parseCsv, toRecords, type ColumnMapping } from './csv.js';
import { csvLine, OutputWriteError, writeAtomically, type OutputFile } from './output.js';

/** Where the command writes, and the directory relative paths are resolved against. */
export interface CliIO {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown; isTTY?: boolean; columns?: number };
  cwd: string;
}

/** Replaceable collaborators (tests inject failures through these). */
export interface CliDeps {
  dedupe: typeof realDedupe;
}

/** Above this many records, progress is shown even when stderr is not a terminal. */
export const PROGRESS_THRESHOLD = 20_000;

const USAGE = `Usage: identikit <command> [options]

Commands:
  dedupe <input.csv>   Resolve the customer records of a CSV file into profiles

Options:
  -h, --help           Show help (identikit dedupe --help for the command's options)
  -v, --version        Show the version

Run "identikit dedupe --help" for details.
`;

const DEDUPE_USAGE = `Usage: identikit dedupe <input.csv> --out <clusters.csv> [options]

Reads customer records from a CSV file (comma, semicolon or tab separated, UTF-8), finds the
records that are the same person, and writes one line per record with its profile id.

Options:
  -o, --out <file.csv>       Where to write record_id,profile_id (required)
  -c, --config <file.json>   Identity configuration, plus "columns" (header → attribute or "ignore"),
                             "idColumn", "sourceColumn", "observedAtColumn" and "source"
      --country <CC>         Default country for phones, dates and addresses (default FR)
      --golden <file.csv>    Also write one golden record per profile
      --explain <file.jsonl> Also write why each accepted pair matched (one JSON object a line)
  -h, --help                 Show this help

Columns are recognized by their usual English or French names (id, email/courriel, phone/téléphone,
first_name/prénom, last_name/nom, birth_date/date_naissance, address/adresse, postcode/code_postal,
city/ville, loyalty_card/carte_fidelite, source/canal, updated_at/date_maj…).

Exit codes: 0 done, 2 bad usage or input (the message names the line), 1 unexpected error.
`;

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** A usage error: exit 2 with the message and a pointer to the help. */
class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

/**
 * Runs the command line.
 * @param argv - arguments after the program name, e.g. `['dedupe', 'in.csv', '--out', 'out.csv']`.
 * @returns the exit code.
 */
export async function run(
  argv: readonly string[],
  io: CliIO = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() },
  deps: CliDeps = { dedupe: realDedupe },
): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined) throw new UsageError('missing command', USAGE);
    if (command === '-h' || command === '--help' || command === 'help') {
      io.stdout.write(USAGE);
      return 0;
    }
    if (command === '-v' || command === '--version') {
      io.stdout.write(`${readVersion()}\n`);
      return 0;
    }
    if (command === 'dedupe') return dedupeCommand(rest, io, deps);
    throw new UsageError(`unknown command "${command}"`, USAGE);
  } catch (error) {
    return report(error, io);
  }
}

function report(error: unknown, io: CliIO): number {
  if (error instanceof UsageError) {
    io.stderr.write(`identikit: ${error.message}\n\n${error.usage}`);
    return 2;
  }
  if (isIdentikitError(error)) {
    io.stderr.write(`identikit: ${oneLine(error.message)}\n`);
    return 2;
  }
  const e = error as Error;
  io.stderr.write(`identikit: unexpected error (please report it): ${e?.stack ?? String(error)}\n`);
  return 1;
}

function oneLine(s: string): string {
  return s.replace(/\s*\r?\n\s*/g, ' ');
}

interface DedupeArgs {
  input: string;
  out: string;
  config?: string | undefined;
  country?: string | undefined;
  golden?: string | undefined;
  explain?: string | undefined;
}

function parseDedupeArgs(argv: readonly string[]): DedupeArgs | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: 'string', short: 'o' },
        config: { type: 'string', short: 'c' },
        country: { type: 'string' },
        golden: { type: 'string' },
        explain: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // "Unknown option '--x'. To specify a positional argument starting with a '-'…": keep the first sentence.
    throw new UsageError((error as Error).message.replace(/\. To specify a positional[^]*$/, ''), DEDUPE_USAGE);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length === 0) throw new UsageError('missing the input CSV file', DEDUPE_USAGE);
  if (positionals.length > 1) {
    throw new UsageError(`one input file expected, got ${positionals.join(' ')}`, DEDUPE_USAGE);
  }
  if (!values.out) throw new UsageError('missing --out <clusters.csv>', DEDUPE_USAGE);
  for (const name of ['out', 'config', 'country', 'golden', 'explain'] as const) {
    if (values[name] === '') throw new UsageError(`--${name} must not be empty`, DEDUPE_USAGE);
  }
  return { input: positionals[0]!, ...values, out: values.out };
}

function inputError(message: string, details: Record<string, unknown> = {}): IdentikitError {
  return new IdentikitError('INVALID_INPUT', message, details);
}

function readInput(path: string, shown: string): Uint8Array {
  try {
    if (statSync(path).isDirectory()) throw inputError(`${shown} is a directory, not a CSV file`);
    return readFileSync(path);
  } catch (error) {
    if (isIdentikitError(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw inputError(`cannot read ${shown}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`, {
      file: shown,
    });
  }
}

/** The canonical path of a file that may not exist yet (so two spellings of one file compare equal). */
function canonical(path: string): string {
  try {
    return existsSync(path) ? realpathSync(path) : path;
  } catch {
    return path;
  }
}

function checkOutputs(args: DedupeArgs, cwd: string): void {
  const seen = new Map<string, string>([[canonical(resolve(cwd, args.input)), 'the input file']]);
  if (args.config !== undefined) seen.set(canonical(resolve(cwd, args.config)), 'the config file');
  for (const option of ['out', 'golden', 'explain'] as const) {
    const path = args[option];
    if (path === undefined) continue;
    const full = canonical(resolve(cwd, path));
    const other = seen.get(full);
    if (other) throw new UsageError(`--${option} ${path} is the same file as ${other}`, DEDUPE_USAGE);
    seen.set(full, `--${option}`);
  }
}

/** Rewrites an INVALID_RECORD error from dedupe so that it names the CSV line and column. */
function recordError(
  error: IdentikitError,
  file: string,
  lines: readonly number[],
  mapping: ColumnMapping,
): IdentikitError {
  const index = error.details.index;
  if (typeof index !== 'number' || lines[index] === undefined) return error;
  const issues = (error.details.issues as ValidationIssue[] | undefined) ?? [];
  const column = (path: (string | number)[]): string => {
    const [head, name] = path;
    if (head === 'key') return `column "${mapping.id.header}"`;
    if (head === 'source') return mapping.source ? `column "${mapping.source.header}"` : 'source';
    if (head === 'observedAt' && mapping.observedAt) return `column "${mapping.observedAt.header}"`;
    if (head === 'attributes') {
      const col = mapping.attributes.find((a) => a.attribute === name);
      if (col) return `column "${col.header}"`;
    }
    return path.join('.');
  };
  const text = issues.length
    ? issues.map((i) => `${column(i.path)}: ${i.message}`).join('; ')
    : error.message.replace(/^Invalid record at index \d+: /, '');
  return new IdentikitError('INVALID_RECORD', `${file} line ${lines[index]}: invalid record: ${text}`, {
    ...error.details,
    line: lines[index],
  }, { cause: error });
}

/** Progress on stderr: a cli-progress bar on a terminal, a line every few seconds otherwise. */
function progressReporter(io: CliIO, records: number): { onProgress?: (p: DedupeProgress) => void; stop(): void } {
  const tty = io.stderr.isTTY === true;
  if (!tty && records <= PROGRESS_THRESHOLD) return { stop() {} };
  if (!tty) {
    let last = 0;
    let phase = '';
    return {
      onProgress(p) {
        const now = Date.now();
        if (p.phase === phase && now - last < 2000) return;
        phase = p.phase;
        last = now;
        io.stderr.write(`identikit: ${p.phase} ${p.done}/${p.total}\n`);
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream: io.stderr as unknown as NodeJS.WritableStream,
      format: 'identikit {phase} [{bar}] {percentage}% {value}/{total}',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let phase = '';
  return {
    onProgress(p) {
      if (!started) {
        bar.start(p.total, p.done, { phase: p.phase });
        started = true;
      } else if (p.phase !== phase) {
        bar.setTotal(p.total);
        bar.update(p.done, { phase: p.phase });
      } else bar.update(p.done);
      phase = p.phase;
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

function dedupeCommand(argv: readonly string[], io: CliIO, deps: CliDeps): number {
  const started = performance.now();
  const args = parseDedupeArgs(argv);
  if (args === 'help') {
    io.stdout.write(DEDUPE_USAGE);
    return 0;
  }
  const at = (path: string) => resolve(io.cwd, path);
  checkOutputs(args, io.cwd);

  const config = loadConfig(args.config === undefined ? undefined : at(args.config), args.config, args.country);
  const text = decodeUtf8(readInput(at(args.input), args.input), args.input);
  const table = parseCsv(text, args.input);
  const attributeNames = Object.keys(config.resolved.attributes);
  const mapping = mapColumns(table.headers, attributeNames, config.columns, args.input);
  // Columns without a header (a trailing separator in Excel exports) are dropped silently.
  const unrecognized = mapping.ignored.filter((c) => c.reason !== 'ignored' && c.header !== '').map((c) => c.header);
  if (unrecognized.length > 0) {
    io.stderr.write(
      `identikit: ignoring column${unrecognized.length > 1 ? 's' : ''} ` +
        unrecognized.map((h) => `"${h}"`).join(', ') +
        ` (not recognized or already mapped; map them with "columns" in --config)\n`,
    );
  }
  const { records, lines, ids } = toRecords(table, mapping, config.source, args.input);

  const progress = progressReporter(io, records.length);
  let result: DedupeResult;
  try {
    result = deps.dedupe(records, config.identity, {
      ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
      explain: args.explain !== undefined,
    });
  } catch (error) {
    progress.stop();
    if (isIdentikitError(error) && error.code === 'DUPLICATE_RECORD') {
      const [a, b] = (error.details['indexes'] as number[] | undefined) ?? [];
      if (a !== undefined && b !== undefined)
        throw new IdentikitError(
          'DUPLICATE_RECORD',
          `${args.input} lines ${lines[a]} and ${lines[b]}: two records with the same source and id`,
          { ...error.details, lines: [lines[a], lines[b]] },
          { cause: error },
        );
    }
    if (isIdentikitError(error) && error.code === 'INVALID_RECORD') {
      throw recordError(error, args.input, lines, mapping);
    }
    if (isIdentikitError(error) && error.code === 'INVALID_CONFIG') {
      const what = error.message.replace(/^Invalid configuration: /, '');
      throw new IdentikitError('INVALID_CONFIG', `invalid config${args.config ? ` ${args.config}` : ''}: ${what}`, {
        ...error.details,
      });
    }
    throw error;
  }
  progress.stop();
  if (result.assignments.length !== records.length) {
    throw new Error(`dedupe returned ${result.assignments.length} assignments for ${records.length} records`);
  }

  const files: OutputFile[] = [{ path: at(args.out), lines: clusterLines(ids, result) }];
  if (args.explain !== undefined) {
    files.push({ path: at(args.explain), lines: result.matches.map((m) => JSON.stringify(m)) });
  }
  if (args.golden !== undefined) {
    files.push({ path: at(args.golden), lines: goldenLines(records, result, config.resolved) });
  }
  try {
    writeAtomically(files);
  } catch (error) {
    // A missing directory or a read-only destination is the user's to fix: exit 2, naming the option.
    if (error instanceof OutputWriteError && error.code && userFixable.has(error.code)) {
      const shown = shownOutput(args, error.path, at);
      throw inputError(error.message.replace(error.path, shown));
    }
    throw error;
  }

  const s = result.stats;
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  io.stderr.write(
    `identikit: ${count(s.records, 'record', 'records')} → ${count(s.profiles, 'profile', 'profiles')} · ` +
      `${count(s.pairsCompared, 'pair', 'pairs')} compared · ${count(s.matches, 'match', 'matches')} · ${s.reviews} to review · ${seconds} s\n`,
  );
  return 0;
}

const userFixable = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'ENAMETOOLONG']);

/** The output path as typed on the command line, with its option: `missing/g.csv (--golden)`. */
function shownOutput(args: DedupeArgs, path: string, at: (p: string) => string): string {
  for (const option of ['out', 'golden', 'explain'] as const) {
    const given = args[option];
    if (given !== undefined && at(given) === path) return `${given} (--${option})`;
  }
  return path;
}

function* clusterLines(ids: readonly string[], result: DedupeResult): Generator<string> {
  yield 'record_id,profile_id';
  for (let i = 0; i < ids.length; i++) yield csvLine([ids[i]!, result.assignments[i]!.profileId]);
}

/** Golden records, values grouped by the same normalizers the matcher uses. */
function* goldenLines(
  records: Parameters<typeof goldenRecords>[0],
  result: DedupeResult,
  config: IdentityConfig,
): Generator<string> {
  const attributes = Object.keys(config.attributes);
  const normalizers = new Map(attributes.map((a) => [a, normalizerFor(config.attributes[a]!, config.country)]));
  const normalize = (attribute: string, raw: string) => normalizers.get(attribute)?.(raw).value ?? null;
  yield csvLine(['profile_id', 'record_count', 'sources', ...attributes]);
  for (const g of goldenRecords(records, result.assignments, { attributes, normalize })) {
    yield csvLine([
      g.profileId,
      g.records.length,
      g.sources.join('|'),
      ...attributes.map((a) => g.values[a]?.value ?? ''),
    ]);
  }
}
