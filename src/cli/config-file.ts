/**
 * The `--config` file: the identity configuration plus CLI-only keys saying how to read the CSV.
 *
 * ```json
 * {
 *   "country": "FR",
 *   "columns": { "Tél. portable": "phone", "Commentaire": "ignore" },
 *   "idColumn": "N° client",
 *   "source": "crm"
 * }
 * ```
 * @module
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { IdentikitError } from '../errors.js';
import { resolveConfig, type IdentityConfig, type IdentityConfigInput } from '../identity/config.js';
import { validationError } from '../identity/zod-issues.js';
import type { ColumnOptions } from './csv.js';

const header = z.string().trim().min(1, { error: 'must be a non-empty column name' });

/** zod schema of the CLI-only keys of a config file. */
export const cliConfigSchema = z
  .object({
    /** CSV header → attribute name, or `"ignore"`. */
    columns: z.record(header, z.string().min(1, { error: 'must be an attribute name or "ignore"' })).optional(),
    idColumn: header.optional(),
    sourceColumn: header.optional(),
    observedAtColumn: header.optional(),
    /** Source name of records without a source column (default `csv`). */
    source: z
      .string()
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(200, { error: 'must be at most 200 characters' })
      .optional(),
  })
  .strict();

/** Keys of {@link cliConfigSchema}; everything else in the file is identity configuration. */
const cliKeys = new Set(Object.keys(cliConfigSchema.shape));

/** A config file, split and validated. */
export interface CliConfig {
  /** The identity configuration to pass to `dedupe` (with `--country` applied). */
  identity: IdentityConfigInput;
  /** The same, with defaults filled in. */
  resolved: IdentityConfig;
  columns: ColumnOptions;
  /** Default source name. */
  source: string;
}

function configError(file: string, message: string, details: Record<string, unknown> = {}): IdentikitError {
  return new IdentikitError('INVALID_CONFIG', `invalid config ${file}: ${message}`, { file, ...details });
}

/** Line and column of a character offset, 1-based. */
function position(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}

/**
 * Parses and validates a config file's text (`file` is only used in messages). Throws an
 * `INVALID_CONFIG` {@link IdentikitError} naming the faulty field.
 * @param country - the `--country` option, overriding the file's `country`.
 */
export function parseConfig(text: string | undefined, file: string, country?: string): CliConfig {
  let json: unknown = {};
  if (text !== undefined) {
    try {
      json = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
    } catch (error) {
      const message = (error as Error).message;
      const at = /position (\d+)/.exec(message);
      throw configError(file, `not valid JSON${at ? ` (${position(text, Number(at[1]))})` : ''}: ${message}`);
    }
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw configError(file, 'must be a JSON object');
  }
  const cli: Record<string, unknown> = {};
  const identity: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) (cliKeys.has(key) ? cli : identity)[key] = value;
  if (country !== undefined) identity.country = country;

  const parsed = cliConfigSchema.safeParse(cli);
  if (!parsed.success) throw validationError('INVALID_CONFIG', `invalid config ${file}`, parsed.error, { file });
  let resolved: IdentityConfig;
  try {
    resolved = resolveConfig(identity as IdentityConfigInput);
  } catch (error) {
    if (error instanceof IdentikitError) {
      const issues = (error.details.issues as { path: unknown[] }[] | undefined) ?? [];
      const blameCountry = country !== undefined && issues.length > 0 && issues.every((i) => i.path[0] === 'country');
      const where = blameCountry ? '--country' : `config ${file}`;
      throw new IdentikitError(
        error.code,
        `invalid ${where}: ${error.message.replace(/^Invalid configuration: /, '')}`,
        { ...error.details, file },
        { cause: error },
      );
    }
    throw error;
  }
  const names = Object.keys(resolved.attributes);
  const unknown = Object.entries(parsed.data.columns ?? {})
    .filter(([, target]) => target !== 'ignore' && !names.includes(target))
    .map(([column, target]) => `"${column}" → "${target}"`);
  if (unknown.length > 0) {
    throw configError(
      file,
      `columns: unknown attribute${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} ` +
        `(configured attributes: ${names.join(', ')}; or "ignore")`,
    );
  }
  const { columns, idColumn, sourceColumn, observedAtColumn, source } = parsed.data;
  return {
    identity: identity as IdentityConfigInput,
    resolved,
    columns: { columns, idColumn, sourceColumn, observedAtColumn },
    source: source ?? 'csv',
  };
}

/** Reads and validates a config file; without a file, the defaults (and `--country`). */
export function loadConfig(path: string | undefined, displayName: string | undefined, country?: string): CliConfig {
  if (path === undefined) return parseConfig(undefined, '(defaults)', country);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new IdentikitError(
      'INVALID_INPUT',
      `cannot read config ${displayName ?? path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
      { file: displayName ?? path },
    );
  }
  return parseConfig(text, displayName ?? path, country);
}
