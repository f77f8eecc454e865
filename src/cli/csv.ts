/**
 * Reading a CSV export into source records: decoding, delimiter sniffing, parsing with line numbers,
 * column mapping and conversion to {@link SourceRecord}s.
 *
 * Every problem is an `INVALID_INPUT` {@link IdentikitError} whose message names the file and line.
 * @module
 */
import { CsvError, parse } from 'csv-parse/sync';
import { z } from 'zod';
import { IdentikitError } from '../errors.js';
import type { SourceRecord } from '../identity/record.js';
import { foldHeader, idAliases, recognizeHeader } from './columns.js';

/** Separators recognized in a header line. */
export type Delimiter = ',' | ';' | '\t';

/** One data row with the (1-based) line it starts on. */
export interface CsvRow {
  line: number;
  fields: string[];
}

/** A parsed CSV file. */
export interface CsvTable {
  delimiter: Delimiter;
  headers: string[];
  /** Line of the header row. */
  headerLine: number;
  rows: CsvRow[];
}

function inputError(message: string, details: Record<string, unknown> = {}): IdentikitError {
  return new IdentikitError('INVALID_INPUT', message, details);
}

/**
 * Decodes UTF-8 bytes (a BOM is dropped). Bytes that are not UTF-8 — typically a Latin-1 or
 * Windows-1252 export — are an error naming the first faulty line.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    const at = text.indexOf('\uFFFD');
    const line = text.slice(0, Math.max(0, at)).split('\n').length;
    throw inputError(
      `${file} line ${line}: the file is not valid UTF-8 (a Latin-1/Windows-1252 export?); save it as UTF-8`,
      { file, line },
    );
  }
}

/**
 * Picks the separator of a CSV text from its header line: the most frequent of `,` `;` and tab
 * outside double quotes; `,` when none appears.
 */
export function sniffDelimiter(text: string): Delimiter {
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  let seen = false; // whether the header line has started (leading blank lines are skipped)
  for (const ch of text.startsWith('\uFEFF') ? text.slice(1) : text) {
    if (ch !== '\n' && ch !== '\r') seen = true;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (seen) break; // end of the first non-empty line: the header
    } else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  let best: Delimiter = ',';
  for (const d of [';', '\t'] as const) if (counts[d] > counts[best]) best = d;
  return best;
}

interface CsvParseError extends Error {
  code?: string;
  lines?: number;
  /** UTF-8 bytes read when the parser stopped. */
  bytes?: number;
}

/**
 * Line numbers of byte offsets into a text's UTF-8 bytes (csv-parse counts bytes): CRLF, LF and a
 * lone CR each end one line. `firstFrom` is the line of the first byte at or after an offset that is
 * not blank (where a record starts); `lastBefore` the line of the last byte before an offset that
 * is not a line break (where the parser stopped).
 */
function lineIndex(bytes: Uint8Array): { firstFrom(offset: number): number; lastBefore(offset: number): number } {
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 13 && bytes[i + 1] === 10) i++;
    if (bytes[i] === 13 || bytes[i] === 10) starts.push(i + 1);
  }
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const blank = (b: number | undefined) => b === 32 || b === 9 || b === 13 || b === 10;
  return {
    firstFrom(offset) {
      let at = offset;
      while (at < bytes.length && blank(bytes[at])) at++;
      return lineOf(at);
    },
    lastBefore(offset) {
      let at = Math.min(offset, bytes.length) - 1;
      while (at > 0 && (bytes[at] === 13 || bytes[at] === 10)) at--;
      return lineOf(Math.max(0, at));
    },
  };
}

/**
 * Parses CSV text: `,` `;` or tab separated (sniffed), quoted or not, CRLF or LF, with or without
 * BOM. Fields are trimmed and empty lines skipped. A row whose field count differs from the header's
 * is an error naming its line.
 */
export function parseCsv(text: string, file: string): CsvTable {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') throw inputError(`${file} is empty`, { file });
  const delimiter = sniffDelimiter(body);
  let parsed: { record: string[]; info: { bytes: number } }[];
  const lineAt = lineIndex(new TextEncoder().encode(body));
  try {
    parsed = parse(body, {
      delimiter,
      bom: true,
      trim: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: false,
    }) as unknown as typeof parsed;
  } catch (error) {
    const e = error as CsvParseError;
    // Every error of the parser is the input's (some codes, such as INVALID_OPENING_QUOTE, have no CSV_ prefix).
    if (error instanceof CsvError) {
      // An unclosed quote runs to the end of the file: name the line where it opened; else the
      // line the parser stopped on (csv-parse's own count takes a CRLF inside quotes for two lines).
      const stopped = typeof e.bytes === 'number' ? lineAt.lastBefore(e.bytes) : e.lines;
      const line = e.code === 'CSV_QUOTE_NOT_CLOSED' ? unclosedQuoteLine(body) ?? stopped : stopped;
      const what = e.message.replace(/\s+(on|at) line \d+/, '');
      throw inputError(`${file} line ${line}: malformed row: ${what}`, { file, line, csvCode: e.code });
    }
    throw error;
  }
  // A record starts where the previous one ended (csv-parse's byte offset), past blank lines.
  let previousEnd = 0;
  const rows: CsvRow[] = [];
  for (const { record, info } of parsed) {
    rows.push({ line: lineAt.firstFrom(previousEnd), fields: record });
    previousEnd = info.bytes;
  }
  const header = rows.shift()!;
  if (rows.length === 0) throw inputError(`${file} has a header line but no records`, { file });
  return { delimiter, headers: header.fields, headerLine: header.line, rows };
}

/** The line on which the last, never closed, double quote opened. */
function unclosedQuoteLine(text: string): number | undefined {
  let line = 1;
  let quoted = false;
  let openedAt: number | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    else if (c === '"') {
      if (quoted && text[i + 1] === '"') i++; // an escaped quote inside a quoted field
      else {
        quoted = !quoted;
        if (quoted) openedAt = line;
      }
    }
  }
  return quoted ? openedAt : undefined;
}

/** CLI-only options that say which column is what (from the `--config` file). */
export interface ColumnOptions {
  /** CSV header → attribute name, or `"ignore"`. Takes precedence over the built-in aliases. */
  columns?: Record<string, string> | undefined;
  idColumn?: string | undefined;
  sourceColumn?: string | undefined;
  observedAtColumn?: string | undefined;
}

/** A column used as input. */
export interface MappedColumn {
  index: number;
  header: string;
}

/** Which column holds what. */
export interface ColumnMapping {
  id: MappedColumn;
  source?: MappedColumn | undefined;
  observedAt?: MappedColumn | undefined;
  attributes: (MappedColumn & { attribute: string })[];
  /** Columns not used, with the reason. */
  ignored: { header: string; reason: 'unrecognized' | 'ignored' | 'duplicate' }[];
}

function findHeader(headers: readonly string[], wanted: string, file: string, option: string): number {
  let index = headers.indexOf(wanted);
  if (index < 0) index = headers.findIndex((h) => foldHeader(h) === foldHeader(wanted));
  if (index < 0) {
    throw inputError(
      `config ${option}: column "${wanted}" not found in ${file} (headers: ${headers.join(', ')})`,
      { file, option, column: wanted },
    );
  }
  return index;
}

/**
 * Decides which column holds the id, the source, the observation date and each attribute: first the
 * config's explicit choices, then the built-in English and French aliases. Only attributes in
 * `attributeNames` are mapped; other columns are reported in `ignored`.
 */
export function mapColumns(
  headers: readonly string[],
  attributeNames: readonly string[],
  options: ColumnOptions,
  file: string,
): ColumnMapping {
  const known = new Set(attributeNames);
  const taken = new Set<number>();
  const explicit = new Map<number, string>();
  for (const [header, target] of Object.entries(options.columns ?? {})) {
    const index = findHeader(headers, header, file, `columns["${header}"]`);
    explicit.set(index, target);
  }
  const pick = (option: string, given: string | undefined, role: 'id' | 'source' | 'observedAt'): number => {
    if (given !== undefined) return findHeader(headers, given, file, option);
    return headers.findIndex((h, i) => !explicit.has(i) && recognizeHeader(h)?.role === role);
  };

  const idIndex = pick('idColumn', options.idColumn, 'id');
  if (idIndex < 0) {
    throw inputError(
      `${file}: no id column; headers found: ${headers.join(', ')}; accepted id names: ${idAliases.join(', ')} ` +
        `(or set "idColumn" in --config)`,
      { file, headers: [...headers] },
    );
  }
  taken.add(idIndex);
  const sourceIndex = pick('sourceColumn', options.sourceColumn, 'source');
  if (sourceIndex >= 0) taken.add(sourceIndex);
  const observedIndex = pick('observedAtColumn', options.observedAtColumn, 'observedAt');
  if (observedIndex >= 0) taken.add(observedIndex);

  const attributes: ColumnMapping['attributes'] = [];
  const ignored: ColumnMapping['ignored'] = [];
  const used = new Set<string>();
  // Explicit mappings first, so that an alias never steals an attribute the config assigned.
  for (const [index, target] of explicit) {
    if (taken.has(index)) continue;
    const header = headers[index]!;
    if (target === 'ignore') {
      ignored.push({ header, reason: 'ignored' });
    } else if (used.has(target)) {
      throw inputError(`config columns: two columns are mapped to attribute "${target}" (one is "${header}")`, {
        attribute: target,
      });
    } else {
      used.add(target);
      attributes.push({ index, header, attribute: target });
    }
    taken.add(index);
  }
  headers.forEach((header, index) => {
    if (taken.has(index)) return;
    const role = recognizeHeader(header);
    if (role?.role === 'attribute' && known.has(role.attribute)) {
      if (used.has(role.attribute)) ignored.push({ header, reason: 'duplicate' });
      else {
        used.add(role.attribute);
        attributes.push({ index, header, attribute: role.attribute });
      }
    } else {
      // A second id/source/date column is a duplicate; an alias of an attribute the config does
      // not have is as good as unknown.
      ignored.push({ header, reason: role && role.role !== 'attribute' ? 'duplicate' : 'unrecognized' });
    }
  });
  attributes.sort((a, b) => a.index - b.index);
  const at = (index: number): MappedColumn | undefined =>
    index >= 0 ? { index, header: headers[index]! } : undefined;
  return { id: at(idIndex)!, source: at(sourceIndex), observedAt: at(observedIndex), attributes, ignored };
}

const isoDateTime = z.iso.datetime({ offset: true });
const plainDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Converts an observed-at cell to an ISO 8601 date-time: ISO date-times are kept, a plain
 * `YYYY-MM-DD` becomes midnight UTC, empty means unknown; anything else is an error.
 */
export function toObservedAt(value: string): string | undefined | Error {
  if (value === '') return undefined;
  if (isoDateTime.safeParse(value).success) return value;
  const m = plainDate.exec(value);
  if (m) {
    const iso = `${value}T00:00:00Z`;
    const d = new Date(iso);
    if (!Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value) return iso;
  }
  return new Error(`"${value}" is not a date (use YYYY-MM-DD or an ISO 8601 date-time such as 2026-11-23T10:00:00Z)`);
}

/** Source records of a table, with the CSV line of each. */
export interface CsvRecords {
  records: SourceRecord[];
  /** `lines[i]` is the CSV line of `records[i]`. */
  lines: number[];
  /** `ids[i]` is the id column's value of `records[i]`. */
  ids: string[];
}

/**
 * Turns rows into source records: `key` from the id column, `source` from the source column (or
 * `defaultSource` when absent or empty), `observedAt` converted by {@link toObservedAt}, and the
 * mapped attributes (empty cells omitted). An empty or repeated id is an error naming the line(s).
 */
export function toRecords(table: CsvTable, mapping: ColumnMapping, defaultSource: string, file: string): CsvRecords {
  const records: SourceRecord[] = [];
  const lines: number[] = [];
  const ids: string[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of table.rows) {
    const id = fields[mapping.id.index] ?? '';
    if (id === '') throw inputError(`${file} line ${line}: empty id (column "${mapping.id.header}")`, { file, line });
    const first = seen.get(id);
    if (first !== undefined) {
      throw inputError(`${file} line ${line}: duplicate id "${id}" (already on line ${first})`, {
        file,
        line,
        firstLine: first,
      });
    }
    seen.set(id, line);
    const source = (mapping.source && fields[mapping.source.index]) || defaultSource;
    const record: SourceRecord = { source, key: id, attributes: {} };
    if (mapping.observedAt) {
      const observed = toObservedAt(fields[mapping.observedAt.index] ?? '');
      if (observed instanceof Error) {
        throw inputError(`${file} line ${line}: column "${mapping.observedAt.header}": ${observed.message}`, {
          file,
          line,
        });
      }
      if (observed !== undefined) record.observedAt = observed;
    }
    for (const { index, attribute } of mapping.attributes) {
      const value = fields[index];
      if (value !== undefined && value !== '') record.attributes[attribute] = value;
    }
    records.push(record);
    lines.push(line);
    ids.push(id);
  }
  return { records, lines, ids };
}
