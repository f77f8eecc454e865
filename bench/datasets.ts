/**
 * Loaders of the labelled record-linkage datasets kept in `../shared/datasets/` (never copied into the
 * project). Each loader returns the records as a user would feed them to `dedupe`, the true entity of
 * every record (same order) and the attribute configuration of the dataset.
 *
 * The entity column is never put into the records' attributes. Some record ids leak the entity
 * (`rec-123-dup-0`, `Q123-1`); they are used as record *keys* only, which the matcher never compares.
 *
 * The datasets folder is `../shared/datasets` relative to the project root, or `$IDENTIKIT_DATASETS`.
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { IdentityConfigInput } from '../src/identity/config.js';
import type { SourceRecord } from '../src/identity/record.js';

/** One labelled benchmark dataset, ready for `dedupe`. */
export interface LabelledDataset {
  /** Short name used by `--only`. */
  name: string;
  /** Human description (file, task). */
  description: string;
  records: SourceRecord[];
  /** True entity id of each record, in the order of `records`. */
  truth: string[];
  /** Attributes and country only: blocking, model and thresholds stay at their defaults. */
  config: IdentityConfigInput;
}

/** A dataset that can be loaded on demand, with the figures its README states. */
export interface DatasetSpec {
  name: string;
  /** Figures from the dataset's README, checked by `bench/check-datasets.ts`. */
  expected: { records: number; entities: number; truePairs: number };
  load: () => LabelledDataset;
}

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The datasets folder: `$IDENTIKIT_DATASETS`, else `<project>/../shared/datasets`. */
export function datasetsDir(): string {
  const fromEnv = process.env['IDENTIKIT_DATASETS'];
  return fromEnv && fromEnv.trim() !== '' ? resolve(fromEnv) : resolve(projectRoot, '..', 'shared', 'datasets');
}

/** True when the datasets folder exists (benchmarks skip cleanly otherwise). */
export function datasetsAvailable(): boolean {
  return existsSync(datasetsDir());
}

type Row = Record<string, string>;

function readCsv(relativePath: string, options: { columns?: string[]; delimiter?: string } = {}): Row[] {
  const file = resolve(datasetsDir(), relativePath);
  const text = readFileSync(file, 'utf8');
  return parse(text, {
    columns: options.columns ?? true,
    delimiter: options.delimiter ?? ',',
    trim: true,
    bom: true,
    skip_empty_lines: true,
    relax_quotes: false,
  }) as Row[];
}

function field(row: Row, column: string): string {
  const value = row[column];
  if (value === undefined) throw new Error(`column "${column}" missing in row ${JSON.stringify(row)}`);
  return value;
}

/** Empty string → undefined, so attributes are simply missing. */
function opt(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const t = value.trim();
  return t === '' ? undefined : t;
}

/** Drops undefined attributes so records carry only what the source knows. */
function attrs(input: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(input)) if (v !== undefined) out[k] = v;
  return out;
}

// ---------------------------------------------------------------------------------------------- FEBRL

const febrlColumns = [
  'rec_id',
  'given_name',
  'surname',
  'street_number',
  'address_1',
  'address_2',
  'suburb',
  'postcode',
  'state',
  'date_of_birth',
  'soc_sec_id',
];

const febrlConfig: IdentityConfigInput = {
  country: 'AU',
  attributes: {
    firstName: { kind: 'givenName' },
    lastName: { kind: 'familyName' },
    // `text`, not `identifier`: identifiers become blocking keys on their own, and "1", "2"… are shared by thousands.
    streetNumber: { kind: 'text' },
    address: { kind: 'address' },
    address2: { kind: 'text' },
    city: { kind: 'city' },
    postcode: { kind: 'postcode' },
    state: { kind: 'category' },
    birthDate: { kind: 'date' },
    ssn: { kind: 'identifier' },
  },
};

function febrlEntity(recId: string): string {
  const m = /^rec-(\d+)-/.exec(recId);
  if (!m) throw new Error(`unexpected FEBRL rec_id "${recId}"`);
  return m[1]!;
}

function febrlRecord(source: string, row: Row): SourceRecord {
  return {
    source,
    key: field(row, 'rec_id'),
    attributes: attrs({
      firstName: opt(row['given_name']),
      lastName: opt(row['surname']),
      streetNumber: opt(row['street_number']),
      address: opt(row['address_1']),
      address2: opt(row['address_2']),
      city: opt(row['suburb']),
      postcode: opt(row['postcode']),
      state: opt(row['state']),
      // Raw `YYYYMMDD` as the files have it (some are impossible, e.g. day 33): the normalizer's job.
      birthDate: opt(row['date_of_birth']),
      ssn: opt(row['soc_sec_id']),
    }),
  };
}

function loadFebrl(name: string, parts: { file: string; source: string }[], header: boolean): LabelledDataset {
  const records: SourceRecord[] = [];
  const truth: string[] = [];
  for (const part of parts) {
    const rows = readCsv(part.file, header ? {} : { columns: febrlColumns });
    for (const row of rows) {
      records.push(febrlRecord(part.source, row));
      truth.push(febrlEntity(field(row, 'rec_id')));
    }
  }
  return {
    name,
    description: parts.map((p) => p.file).join(' + '),
    records,
    truth,
    config: febrlConfig,
  };
}

// ------------------------------------------------------------------------------------------ splink fake

const splinkFakeConfig: IdentityConfigInput = {
  country: 'GB',
  attributes: {
    firstName: { kind: 'givenName' },
    lastName: { kind: 'familyName' },
    birthDate: { kind: 'date' },
    city: { kind: 'city' },
    email: { kind: 'email' },
  },
};

function loadSplinkFake(name: string, file: string): LabelledDataset {
  const rows = readCsv(file);
  return {
    name,
    description: file,
    records: rows.map((row) => ({
      source: 'fake',
      key: field(row, 'unique_id'),
      attributes: attrs({
        firstName: opt(row['first_name']),
        lastName: opt(row['surname']),
        birthDate: opt(row['dob']),
        city: opt(row['city']),
        email: opt(row['email']),
      }),
    })),
    truth: rows.map((row) => field(row, 'cluster')),
    config: splinkFakeConfig,
  };
}

// --------------------------------------------------------------------------------- splink historical_50k

function historicalConfig(withFullName: boolean): IdentityConfigInput {
  return {
    country: 'GB',
    attributes: {
      ...(withFullName ? { fullName: { kind: 'fullName' as const } } : {}),
      firstName: { kind: 'givenName' },
      lastName: { kind: 'familyName' },
      birthDate: { kind: 'date' },
      birthPlace: { kind: 'text' },
      postcode: { kind: 'postcode' },
      gender: { kind: 'category' },
      occupation: { kind: 'text' },
    },
  };
}

/**
 * historical_50k. `first_name` and `surname` are derived from `full_name`; by default only they are
 * given. The `withFullName` variant also gives `full_name` (titles such as "1st baron clifford of
 * chudleigh" included) as a `fullName` attribute. `first_and_surname` is always left out (redundant).
 */
function loadHistorical(name: string, withFullName: boolean): LabelledDataset {
  const file = 'splink_historical_50k/historical_50k.csv';
  const rows = readCsv(file);
  return {
    name,
    description: `${file}${withFullName ? ' (with full_name)' : ''}`,
    records: rows.map((row) => ({
      source: 'wikidata',
      key: field(row, 'unique_id'),
      attributes: attrs({
        fullName: withFullName ? opt(row['full_name']) : undefined,
        firstName: opt(row['first_name']),
        lastName: opt(row['surname']),
        birthDate: opt(row['dob']),
        birthPlace: opt(row['birth_place']),
        postcode: opt(row['postcode_fake']),
        gender: opt(row['gender']),
        occupation: opt(row['occupation']),
      }),
    })),
    truth: rows.map((row) => field(row, 'cluster')),
    config: historicalConfig(withFullName),
  };
}

// ------------------------------------------------------------------------------------------------ RLdata

const rldataConfig: IdentityConfigInput = {
  country: 'DE',
  attributes: {
    firstName: { kind: 'givenName' },
    lastName: { kind: 'familyName' },
    birthDate: { kind: 'date' },
  },
};

function joinParts(...parts: (string | undefined)[]): string | undefined {
  return opt(parts.map((p) => opt(p)).filter((p): p is string => p !== undefined).join(' '));
}

function isoDate(y: string | undefined, m: string | undefined, d: string | undefined): string | undefined {
  const yy = opt(y);
  const mm = opt(m);
  const dd = opt(d);
  if (!yy || !mm || !dd) return undefined;
  return `${yy.padStart(4, '0')}-${mm.padStart(2, '0')}-${dd.padStart(2, '0')}`;
}

function loadRldata(name: string, file: string): LabelledDataset {
  const rows = readCsv(file);
  return {
    name,
    description: file,
    records: rows.map((row) => ({
      source: 'rldata',
      key: field(row, 'record_id'),
      attributes: attrs({
        firstName: joinParts(row['fname_c1'], row['fname_c2']),
        lastName: joinParts(row['lname_c1'], row['lname_c2']),
        birthDate: isoDate(row['by'], row['bm'], row['bd']),
      }),
    })),
    truth: rows.map((row) => field(row, 'label_true')),
    config: rldataConfig,
  };
}

// ------------------------------------------------------------------------------ census (SecondString)

const censusColumns = ['file', 'id', 'last', 'first', 'middle', 'number', 'street'];

/** Census A+B concatenated and deduplicated (a small sanity check; US records). */
function loadCensus(name: string): LabelledDataset {
  const records: SourceRecord[] = [];
  const truth: string[] = [];
  const seen = new Map<string, number>();
  for (const file of ['censusTextSegmentedA.tab', 'censusTextSegmentedB.tab']) {
    const rows = readCsv(`census_secondstring/${file}`, { columns: censusColumns, delimiter: '\t' });
    for (const row of rows) {
      const source = field(row, 'file');
      const id = field(row, 'id');
      // The id is the entity; the key is a per-file row number so it does not leak.
      const n = (seen.get(source) ?? 0) + 1;
      seen.set(source, n);
      records.push({
        source,
        key: String(n),
        attributes: attrs({
          firstName: joinParts(row['first'], row['middle']),
          lastName: opt(row['last']),
          address: joinParts(row['number'], row['street']),
        }),
      });
      truth.push(id);
    }
  }
  return {
    name,
    description: 'census_secondstring A + B',
    records,
    truth,
    config: {
      country: 'US',
      attributes: {
        firstName: { kind: 'givenName' },
        lastName: { kind: 'familyName' },
        address: { kind: 'address' },
      },
    },
  };
}

// -------------------------------------------------------------------------------------------- registry

/** Every labelled dataset, in the order the accuracy table lists them. */
export const datasets: DatasetSpec[] = [
  {
    name: 'febrl1',
    expected: { records: 1000, entities: 500, truePairs: 500 },
    load: () => loadFebrl('febrl1', [{ file: 'febrl/dataset1.csv', source: 'febrl' }], true),
  },
  {
    name: 'febrl2',
    expected: { records: 5000, entities: 4000, truePairs: 1934 },
    load: () => loadFebrl('febrl2', [{ file: 'febrl/dataset2.csv', source: 'febrl' }], true),
  },
  {
    name: 'febrl3',
    expected: { records: 5000, entities: 2000, truePairs: 6538 },
    load: () => loadFebrl('febrl3', [{ file: 'febrl/dataset3.csv', source: 'febrl' }], true),
  },
  {
    name: 'febrl4',
    expected: { records: 10000, entities: 5000, truePairs: 5000 },
    load: () =>
      loadFebrl(
        'febrl4',
        [
          { file: 'febrl/dataset4a.csv', source: 'a' },
          { file: 'febrl/dataset4b.csv', source: 'b' },
        ],
        true,
      ),
  },
  {
    name: 'febrl_20k',
    expected: { records: 20000, entities: 19027, truePairs: 1116 },
    load: () => loadFebrl('febrl_20k', [{ file: 'febrl_zingg_20k/febrl_20k.csv', source: 'febrl' }], false),
  },
  {
    name: 'fake_1000',
    expected: { records: 1000, entities: 251, truePairs: 2031 },
    load: () => loadSplinkFake('fake_1000', 'splink_fake/fake_1000.csv'),
  },
  {
    name: 'fake_20000',
    expected: { records: 20000, entities: 5727, truePairs: 33280 },
    load: () => loadSplinkFake('fake_20000', 'splink_fake/fake_20000.csv'),
  },
  {
    name: 'historical_50k',
    expected: { records: 50578, entities: 5156, truePairs: 303961 },
    load: () => loadHistorical('historical_50k', false),
  },
  {
    name: 'historical_50k_fullname',
    expected: { records: 50578, entities: 5156, truePairs: 303961 },
    load: () => loadHistorical('historical_50k_fullname', true),
  },
  {
    name: 'rldata500',
    expected: { records: 500, entities: 450, truePairs: 50 },
    load: () => loadRldata('rldata500', 'rldata/RLdata500.csv'),
  },
  {
    name: 'rldata10000',
    expected: { records: 10000, entities: 9000, truePairs: 1000 },
    load: () => loadRldata('rldata10000', 'rldata/RLdata10000.csv'),
  },
  {
    name: 'census',
    expected: { records: 841, entities: 503, truePairs: 344 },
    load: () => loadCensus('census'),
  },
];

/** Datasets run by default (variants such as `historical_50k_fullname` only with `--only` or `--all`). */
export const defaultDatasetNames = datasets.map((d) => d.name).filter((n) => n !== 'historical_50k_fullname');

/** Which sets a benchmark run covers, from its `--only`, `--all` and `--people` options. */
export interface SetSelection {
  /** The synthetic set's name for this population, e.g. `synthetic_20k`. */
  syntheticName: string;
  /** Whether a set (a dataset or the synthetic set) is to run. */
  wanted(name: string): boolean;
  /** Names given to `--only` that no set has. */
  unknown: string[];
  /** Every name `--only` accepts. */
  known: string[];
}

/**
 * Selects the sets of a run: with `--only a,b` those (`synthetic` names the synthetic set), else every
 * default dataset (all of them with `--all`) and the synthetic set (left out when `people` is 0).
 */
export function selectSets(only: unknown, all: unknown, people: number): SetSelection {
  const syntheticName = `synthetic_${people >= 1000 && people % 1000 === 0 ? `${people / 1000}k` : people}`;
  const names =
    typeof only === 'string'
      ? only
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '')
      : undefined;
  const known = [...datasets.map((d) => d.name), syntheticName, 'synthetic'];
  return {
    syntheticName,
    known,
    unknown: (names ?? []).filter((n) => !known.includes(n)),
    wanted: (name) =>
      name === syntheticName && people <= 0
        ? false
        : names
          ? names.includes(name) || (name === syntheticName && names.includes('synthetic'))
          : all === true || defaultDatasetNames.includes(name) || name === syntheticName,
  };
}
