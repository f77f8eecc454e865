/**
 * One normalizer per attribute kind, chosen from the configuration, plus the normalization of a
 * whole batch of records into columns the matcher reads.
 * @module
 */
import type { CountryCode } from 'libphonenumber-js';
import type { AttributeConfig, AttributeKind, IdentityConfig } from './config.js';
import { normalizeAddress, normalizeCity, normalizePostcode } from './normalize/address.js';
import { normalizeDate } from './normalize/date.js';
import { normalizeEmail } from './normalize/email.js';
import { normalizeName } from './normalize/name.js';
import { normalizePhone } from './normalize/phone.js';
import { foldText, isPlaceholder } from './normalize/text.js';
import type { Normalized } from './normalize/types.js';
import type { AttributeValue, SourceRecord } from './record.js';

/** Normalizes one raw string of a given attribute. */
export type AttributeNormalizer = (raw: string) => Normalized;

const MISSING: Normalized = { value: null };

function normalizeFolded(raw: string): Normalized {
  const folded = foldText(raw);
  return folded === '' || isPlaceholder(folded) ? MISSING : { value: folded };
}

function normalizeIdentifier(raw: string): Normalized {
  // A placeholder is recognised as typed (`Non renseigné`, `?`), before spaces and accents are touched.
  if (isPlaceholder(foldText(raw))) return MISSING;
  const value = raw.trim().toUpperCase().replace(/[\s.\-_/]+/g, '');
  if (value === '' || isPlaceholder(value.toLowerCase())) return MISSING;
  if (/^0+$/.test(value)) return { value: null, problem: 'identifier made only of zeros' };
  return { value };
}

/**
 * The date two-digit years are read against when records are matched (`07/03/27` is 1927, not
 * 2027): a fixed date, not today, so that a referential rebuilt from its facts later, or a batch run
 * next year, normalizes the same facts the same way.
 */
const TWO_DIGIT_YEARS_AS_OF = new Date(Date.UTC(2026, 11, 1)); // read by its UTC calendar date, in any time zone

/** Builds the normalizer of one attribute from its configuration and the default country. */
export function normalizerFor(attribute: AttributeConfig, country: CountryCode): AttributeNormalizer {
  const kind: AttributeKind = attribute.kind;
  switch (kind) {
    case 'email': {
      const options = { providerRules: attribute.providerRules ?? false };
      return (raw) => normalizeEmail(raw, options);
    }
    case 'phone': {
      const options = { defaultCountry: country };
      return (raw) => normalizePhone(raw, options);
    }
    case 'givenName':
    case 'familyName':
    case 'fullName':
      return normalizeName;
    case 'date': {
      const options = { country, now: TWO_DIGIT_YEARS_AS_OF };
      return (raw) => normalizeDate(raw, options);
    }
    case 'address':
      return normalizeAddress;
    case 'postcode':
      return (raw) => normalizePostcode(raw, country);
    case 'city':
      return normalizeCity;
    case 'identifier':
      return normalizeIdentifier;
    case 'text':
    case 'category':
      return normalizeFolded;
  }
}

/** Raw attribute value → string, or `null` when missing. */
export function rawString(value: AttributeValue): string | null {
  if (value === null || value === undefined) return null;
  const s = typeof value === 'string' ? value : String(value);
  return BLANK.test(s) ? null : s;
}

const BLANK = /^\s*$/;

// Kinds whose values repeat a lot across records: caching their normalization pays.
const cachedKinds = new Set<AttributeKind>(['givenName', 'familyName', 'city', 'postcode', 'date', 'text', 'category']);
const CACHE_LIMIT = 500_000;

/** A batch of records normalized into one column of values per attribute. */
export interface NormalizedColumns {
  /** Attribute names, in configuration order. */
  attributes: string[];
  /** `columns[a][i]`: normalized value of attribute `a` for record `i`, or `null`. */
  columns: (string | null)[][];
  /** How many typed values were rejected as invalid, per attribute. */
  invalid: number[];
}

/** One normalizer per configured attribute, with a cache of raw → normalized for kinds whose values repeat. */
export interface CachedNormalizers {
  /** Attribute names, in configuration order. */
  attributes: string[];
  /** Normalizes one raw value of attribute `a` (cached for names, cities, postcodes, dates…). */
  normalize(a: number, raw: string): Normalized;
  /** A record's normalized values, in attribute order (`null` for missing or invalid). */
  values(record: SourceRecord): (string | null)[];
}

/** Builds the cached normalizers of a configuration. */
export function cachedNormalizers(config: IdentityConfig): CachedNormalizers {
  const attributes = Object.keys(config.attributes);
  const normalizers = attributes.map((name) => normalizerFor(config.attributes[name]!, config.country));
  const caches = attributes.map((name) => (cachedKinds.has(config.attributes[name]!.kind) ? new Map<string, Normalized>() : null));
  const normalize = (a: number, raw: string): Normalized => {
    const cache = caches[a];
    let result = cache?.get(raw);
    if (result === undefined) {
      result = normalizers[a]!(raw);
      if (cache) {
        if (cache.size >= CACHE_LIMIT) cache.clear();
        cache.set(raw, result);
      }
    }
    return result;
  };
  return {
    attributes,
    normalize,
    values: (record) =>
      attributes.map((name, a) => {
        const raw = rawString(record.attributes[name]);
        return raw === null ? null : normalize(a, raw).value;
      }),
  };
}

/**
 * Normalizes every configured attribute of every record. Attributes a record carries but the
 * configuration does not name are ignored.
 */
export function normalizeColumns(
  records: readonly SourceRecord[],
  config: IdentityConfig,
  onRecord?: (done: number) => void,
): NormalizedColumns {
  const { attributes, normalize } = cachedNormalizers(config);
  const n = records.length;
  const columns: (string | null)[][] = [];
  const invalid: number[] = [];
  attributes.forEach((name, a) => {
    const column = new Array<string | null>(n);
    let bad = 0;
    for (let i = 0; i < n; i++) {
      const raw = rawString(records[i]!.attributes[name]);
      if (raw === null) {
        column[i] = null;
        continue;
      }
      const result = normalize(a, raw);
      if (result.problem !== undefined) bad++;
      column[i] = result.value;
    }
    columns.push(column);
    invalid.push(bad);
    onRecord?.(n);
  });
  return { attributes, columns, invalid };
}
