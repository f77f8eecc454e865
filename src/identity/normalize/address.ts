/**
 * Postal address normalization, French first (in the spirit of the RNVP, the French postal address
 * standard) with the English street types found in Australian and British data: street line, postcode
 * and city.
 * @module
 */
import type { CountryCode } from 'libphonenumber-js';
import { foldText, isPlaceholder } from './text.js';
import type { Normalized } from './types.js';

/** The parts of a street line, see {@link parseAddress}. All values are folded (`[a-z0-9 ]`). */
export interface ParsedAddress {
  /** House number without suffix (`12`), `null` when none. */
  number: string | null;
  /** Number suffix: `bis`, `ter`, `quater`, `quinquies` or a letter (`a`, `c`…), `null` when none. */
  suffix: string | null;
  /** Canonical street type (`rue`, `avenue`, `boulevard`, `street`, `road`…), `null` when none. */
  streetType: string | null;
  /** The rest of the street line (`victor hugo`, `saint germain`), `null` when empty. */
  streetName: string | null;
  /** Everything that is not the street line: flat, building, staircase, floor, PO box, cedex… */
  complement: string | null;
}

function table(entries: Record<string, readonly string[]>): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const [canonical, spellings] of Object.entries(entries)) {
    map.set(canonical, canonical);
    for (const s of spellings) map.set(s, canonical);
  }
  return map;
}

/** French street types, recognised right after the house number. Folded spellings → canonical word. */
const FRENCH_TYPES = table({
  rue: ['r'],
  avenue: ['av', 'ave', 'aven', 'avn'],
  boulevard: ['bd', 'bld', 'blvd', 'bvd', 'boul', 'bould'],
  allee: ['all', 'allees'],
  chemin: ['ch', 'chem', 'chm', 'che'],
  place: ['pl', 'plc'],
  impasse: ['imp'],
  route: ['rte'],
  faubourg: ['fbg', 'fg', 'faub'],
  square: ['sq', 'squ'],
  quai: ['qu', 'qua'],
  cours: ['crs'],
  passage: ['pas', 'pass', 'psg'],
  residence: ['res', 'resid', 'rsd'],
  lotissement: ['lot', 'lotis', 'lotiss'],
  hameau: ['ham', 'hmu'],
  'lieu dit': ['ld', 'lieudit'],
  cite: ['cit'],
  sente: [],
  sentier: ['sent'],
  voie: [],
  villa: ['vla'],
  esplanade: ['espl', 'esp'],
  promenade: ['prom'],
  montee: ['mte'],
  parvis: ['pvs'],
  'rond point': ['rpt', 'rdpt', 'rondpoint'],
  terrasse: ['tsse'],
  traverse: ['trav'],
  carrefour: ['carr'],
  quartier: ['qrt'],
});

/** Two-word spellings of French street types. */
const FRENCH_TYPES_2 = new Map<string, string>([
  ['rond point', 'rond point'],
  ['rd pt', 'rond point'],
  ['lieu dit', 'lieu dit'],
]);

/** English street types, recognised at the end of the line (`12 smith st`). */
const ENGLISH_TYPES = table({
  street: ['st', 'str'],
  road: ['rd'],
  avenue: ['ave', 'av'],
  drive: ['dr', 'drv'],
  place: ['pl'],
  court: ['ct', 'crt'],
  crescent: ['cres', 'cr', 'cresc'],
  close: ['cl'],
  lane: ['ln'],
  terrace: ['tce', 'terr'],
  parade: ['pde'],
  circuit: ['cct', 'circ'],
  highway: ['hwy'],
  boulevard: ['blvd', 'bvd'],
  way: ['wy'],
  grove: ['gr', 'gve'],
  square: ['sq'],
  esplanade: ['esp'],
  promenade: [],
});

/** English-only canonical types: written at the end of the canonical line (`12 smith street`). */
const ENGLISH_FULL_WORDS: ReadonlySet<string> = new Set([
  'street',
  'road',
  'drive',
  'court',
  'crescent',
  'close',
  'lane',
  'terrace',
  'parade',
  'circuit',
  'highway',
  'way',
  'grove',
]);

/** Abbreviations expanded inside street names. */
const NAME_WORDS: ReadonlyMap<string, string> = new Map([
  ['st', 'saint'],
  ['ste', 'sainte'],
  ['gal', 'general'],
  ['gen', 'general'],
  ['gl', 'general'],
  ['mal', 'marechal'],
  ['pdt', 'president'],
  ['pres', 'president'],
  ['dr', 'docteur'],
  ['cdt', 'commandant'],
  ['cmdt', 'commandant'],
]);

/** Complement keywords (folded) → canonical word. */
const COMPLEMENTS: ReadonlyMap<string, string> = table({
  appartement: ['appt', 'app', 'apt', 'appart', 'apart', 'apartment'],
  batiment: ['bat', 'bt', 'bati', 'bldg', 'building', 'immeuble', 'imm'],
  escalier: ['esc', 'escal'],
  etage: ['etg', 'floor'],
  porte: [],
  bp: [],
  cs: [],
  tsa: [],
  cedex: [],
  rdc: [],
  unit: [],
  flat: [],
  suite: [],
  chez: [],
});

/** Complements that only count when followed by a short value (`porte 4`, not `rue de la porte`). */
const NEEDS_VALUE: ReadonlySet<string> = new Set(['porte', 'unit', 'flat', 'suite']);

/** Complements that take no value. */
const NO_VALUE: ReadonlySet<string> = new Set(['rdc', 'chez']);

const SEGMENT_SEPARATOR = /[,;\n\r]+|\s-\s(?!\d)/;
const DIGITS = /^\d+$/;
const RANGE = /^(\s*(?:n°\s*)?\d{1,5})\s*(?:-|\/|à)\s*\d{1,5}(?!\d)/i;
const NUMBER_WITH_SUFFIX = /^(\d{1,5})(bis|ter|quater|quinquies|[abctq])$/;
const HOUSE_NUMBER = /^\d{1,5}$/;
const ORDINAL = /^\d+(?:e|er|ere|eme|nd|nde|st|rd|th)$/;
const SHORT_VALUE = /^(?:\d{1,6}[a-z]?|[a-z]\d{0,4})$/;
const POSTCODE_FR = /^\d{5}$/;
const HAS_LETTER = /[a-z]/;
const NUMBER_PREFIXES: ReadonlySet<string> = new Set(['n', 'no', 'num', 'numero']);
const SEPARATE_SUFFIX_LETTERS: ReadonlySet<string> = new Set(['a', 'b', 'c', 't', 'q']);
const SUFFIXES: ReadonlyMap<string, string> = new Map([
  ['b', 'bis'],
  ['t', 'ter'],
  ['q', 'quater'],
  ['bis', 'bis'],
  ['ter', 'ter'],
  ['quater', 'quater'],
  ['quinquies', 'quinquies'],
]);

function suffixOf(token: string): string {
  return SUFFIXES.get(token) ?? token;
}

/** Length of the complement that starts at `i` (0 when `tokens[i]` does not start one). */
function complementLength(tokens: readonly string[], i: number): number {
  const t = tokens[i]!;
  if (ORDINAL.test(t) && tokens[i + 1] !== undefined && COMPLEMENTS.get(tokens[i + 1]!) === 'etage') return 2;
  const keyword = COMPLEMENTS.get(t);
  if (keyword === undefined) return 0;
  if (NO_VALUE.has(keyword)) return keyword === 'chez' ? tokens.length - i : 1;
  let j = i + 1;
  if (tokens[j] !== undefined && NUMBER_PREFIXES.has(tokens[j]!) && tokens[j + 1] !== undefined && SHORT_VALUE.test(tokens[j + 1]!)) j++;
  const value = tokens[j];
  if (value !== undefined && SHORT_VALUE.test(value)) return j - i + 1;
  return NEEDS_VALUE.has(keyword) ? 0 : 1;
}

function canonicalComplement(tokens: readonly string[]): string {
  return tokens.map((t) => COMPLEMENTS.get(t) ?? t).join(' ');
}

interface Segment {
  street: string[];
  complement: string[];
}

/** Splits a segment's tokens into leading complements, street part and trailing complements. */
function splitSegment(tokens: string[]): Segment {
  const complement: string[] = [];
  let start = 0;
  for (;;) {
    if (start >= tokens.length) break;
    const len = complementLength(tokens, start);
    if (len === 0) break;
    for (let k = start; k < start + len; k++) complement.push(tokens[k]!);
    start += len;
  }
  let end = tokens.length;
  for (let i = start + 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (POSTCODE_FR.test(t) || complementLength(tokens, i) > 0) {
      end = i;
      break;
    }
  }
  for (let k = end; k < tokens.length; k++) complement.push(tokens[k]!);
  return { street: tokens.slice(start, end), complement };
}

function isNumberOnly(tokens: readonly string[]): boolean {
  if (tokens.length === 0) return false;
  for (const t of tokens) {
    if (!(DIGITS.test(t) || NUMBER_WITH_SUFFIX.test(t) || SUFFIXES.has(t) || NUMBER_PREFIXES.has(t))) return false;
  }
  return DIGITS.test(tokens[0]!) || NUMBER_WITH_SUFFIX.test(tokens[0]!) || NUMBER_PREFIXES.has(tokens[0]!);
}

function hasStreetType(tokens: readonly string[]): boolean {
  for (const t of tokens) if (FRENCH_TYPES.has(t) || ENGLISH_TYPES.has(t)) return true;
  return false;
}

const EMPTY: ParsedAddress = { number: null, suffix: null, streetType: null, streetName: null, complement: null };

/**
 * Splits a free-text street line into house number, number suffix, street type, street name and
 * complement. Used by {@link normalizeAddress}.
 *
 * - Parts separated by `,`, `;`, a new line or ` - ` are considered separately: the one with a house
 *   number or a street type is the street line, the others are complements (`Apt 3, 5 rue X`). A part
 *   that is only a number is joined to the next one (`12, rue de la Paix`).
 * - House number: the first number (`n°`/`no` dropped); a range `12-14`, `12/14`, `12 à 14` keeps
 *   `12` (numbers only separated by a space are not a range); suffix attached or
 *   separate: `12bis`, `12 bis`, `12B`, `12 b` → `bis`; `t` → `ter`, `q` → `quater`; `12a` → `a`, `12c` → `c`
 *   (other letters are not taken as suffixes: `15e` is an ordinal).
 * - Street type: French types right after the number (`av`, `av.`, `ave` → `avenue`; `bd`, `bld`,
 *   `boul` → `boulevard`; `r` → `rue`; `all` → `allee`; `ch`, `chem` → `chemin`; `pl` → `place`;
 *   `imp` → `impasse`; `rte` → `route`; `fbg`, `faub` → `faubourg`; `sq` → `square`; `qu`, `qua` → `quai`;
 *   `crs` → `cours`; `pas`, `pass` → `passage`; `res` → `residence`; `lot` → `lotissement`; `ham` →
 *   `hameau`; `ld` → `lieu dit`; `rpt` → `rond point`; `espl` → `esplanade`; `prom` → `promenade`;
 *   `mte` → `montee`…), otherwise English types at the end of the line (`st` → `street`, `rd` → `road`,
 *   `ave` → `avenue`, `dr` → `drive`, `pl` → `place`, `ct` → `court`, `cres` → `crescent`, `cl` →
 *   `close`, `ln` → `lane`, `tce` → `terrace`, `pde` → `parade`, `cct` → `circuit`, `hwy` → `highway`…).
 *   `montee` is the only canonical form of the "montée" type: plain `mont` is a word of street names.
 * - Street name: `st`/`ste` → `saint`/`sainte` (`rue st jacques` → `rue saint jacques`), `gal` →
 *   `general`, `mal` → `marechal`, `pdt` → `president`, `dr` → `docteur`, `cdt` → `commandant`.
 * - Complements, kept out of the street line: `appt 12`, `bat b`, `esc 3`, `2eme etage`, `porte 4`,
 *   `bp 123`, `cs 123`, `tsa 123`, `cedex`, `rdc`, `chez …`, `unit 4`, `flat 2`, `suite 5`, and a
 *   French postcode with what follows it (`… 75001 paris`).
 * - A number written after the street (`avenue victor hugo 12`) is not recognised: it stays in the
 *   name (`route nationale 7` is a street name, not a house number).
 *
 * @example
 * ```ts
 * parseAddress('12 bis av. Victor Hugo')
 * // { number: '12', suffix: 'bis', streetType: 'avenue', streetName: 'victor hugo', complement: null }
 * parseAddress('Apt 3, 5 rue X')
 * // { number: '5', suffix: null, streetType: 'rue', streetName: 'x', complement: 'appartement 3' }
 * ```
 */
export function parseAddress(raw: string): ParsedAddress {
  const segments: string[][] = [];
  for (const part of raw.split(SEGMENT_SEPARATOR)) {
    // A range `12-14`, `12/14`, `12 à 14` keeps its first number.
    const folded = foldText(part.replace(RANGE, '$1 '));
    if (folded !== '') segments.push(folded.split(' '));
  }
  if (segments.length === 0) return EMPTY;
  // Join number-only parts to the following part: `12, rue de la paix`.
  for (let i = segments.length - 2; i >= 0; i--) {
    if (isNumberOnly(segments[i]!)) segments.splice(i, 2, [...segments[i]!, ...segments[i + 1]!]);
  }
  const split = segments.map(splitSegment);
  let chosen = split.findIndex((s) => s.street.length > 0 && houseNumberStart(s.street) && hasStreetType(s.street));
  if (chosen < 0) chosen = split.findIndex((s) => s.street.length > 0 && hasStreetType(s.street));
  if (chosen < 0) chosen = split.findIndex((s) => s.street.length > 0 && houseNumberStart(s.street));
  if (chosen < 0) chosen = split.findIndex((s) => s.street.length > 0);
  const complementTokens: string[] = [];
  for (let i = 0; i < split.length; i++) {
    const s = split[i]!;
    if (i !== chosen) complementTokens.push(...s.street);
    complementTokens.push(...s.complement);
  }
  const complement = complementTokens.length > 0 ? canonicalComplement(complementTokens) : null;
  if (chosen < 0) return { ...EMPTY, complement };
  return { ...parseStreet(split[chosen]!.street), complement };
}

function houseNumberStart(tokens: readonly string[]): boolean {
  let t = tokens[0]!;
  if (NUMBER_PREFIXES.has(t) && tokens.length > 1) t = tokens[1]!;
  return HOUSE_NUMBER.test(t) || NUMBER_WITH_SUFFIX.test(t);
}

function parseStreet(tokens: readonly string[]): Omit<ParsedAddress, 'complement'> {
  let i = 0;
  let number: string | null = null;
  let suffix: string | null = null;
  if (NUMBER_PREFIXES.has(tokens[0]!) && tokens.length > 1 && (HOUSE_NUMBER.test(tokens[1]!) || NUMBER_WITH_SUFFIX.test(tokens[1]!))) i = 1;
  const first = tokens[i];
  if (first !== undefined) {
    const attached = NUMBER_WITH_SUFFIX.exec(first);
    if (HOUSE_NUMBER.test(first)) {
      number = String(Number(first));
      i++;
    } else if (attached !== null) {
      number = String(Number(attached[1]));
      suffix = suffixOf(attached[2]!);
      i++;
    } else {
      i = 0;
    }
  }
  if (number !== null && suffix === null) {
    const s = tokens[i];
    if (s !== undefined && (SUFFIXES.has(s) || SEPARATE_SUFFIX_LETTERS.has(s))) {
      suffix = suffixOf(s);
      i++;
    }
  }
  let end = tokens.length;
  let streetType: string | null = null;
  const head = tokens[i];
  const pair =
    i + 1 < end && (head === 'rond' || head === 'rd' || head === 'lieu')
      ? FRENCH_TYPES_2.get(`${head} ${tokens[i + 1]}`)
      : undefined;
  if (pair !== undefined) {
    streetType = pair;
    i += 2;
  } else if (i < end && FRENCH_TYPES.has(tokens[i]!)) {
    streetType = FRENCH_TYPES.get(tokens[i]!)!;
    i++;
  } else if (end - i >= 2 && ENGLISH_TYPES.has(tokens[end - 1]!)) {
    streetType = ENGLISH_TYPES.get(tokens[end - 1]!)!;
    end--;
  }
  let streetName: string | null = null;
  for (let k = i; k < end; k++) {
    const t = tokens[k]!;
    const word = NAME_WORDS.get(t) ?? t;
    streetName = streetName === null ? word : `${streetName} ${word}`;
  }
  return { number, suffix, streetType, streetName };
}

/**
 * Normalizes a street line to a canonical form: `number [suffix] type name`, all folded, complements
 * removed (see {@link parseAddress} for the rules).
 *
 * The street type is written where the language puts it: French and shared types right after the
 * number (`12 avenue victor hugo`, `10 avenue park` for `10 Park Ave`), English-only types at the end
 * (`12 Smith St` → `12 smith street`, `12 Lane Cove Rd` → `12 lane cove road`). The result parses
 * back to the same parts, so normalizing it again changes nothing.
 *
 * Flagged: a line with a house number but no street (`12`), or only a complement (`BP 123`).
 * Placeholders (`n/a`, `inconnue`, `-`) give `{ value: null }`.
 *
 * @example
 * ```ts
 * normalizeAddress('12 bis av. Victor Hugo')   // { value: '12 bis avenue victor hugo' }
 * normalizeAddress('15 bd St-Germain')         // { value: '15 boulevard saint germain' }
 * normalizeAddress('22 FBG ST HONORE')         // { value: '22 faubourg saint honore' }
 * normalizeAddress('Apt 3, 5 rue X')           // { value: '5 rue x' }
 * normalizeAddress('42 Smith St')              // { value: '42 smith street' }
 * ```
 */
export function normalizeAddress(raw: string): Normalized {
  if (raw.length <= 20 && isPlaceholder(foldText(raw))) return { value: null };
  const p = parseAddress(raw);
  if (p.streetType === null && (p.streetName === null || !HAS_LETTER.test(p.streetName))) {
    if (p.number !== null) return { value: null, problem: 'address has a house number but no street' };
    return { value: null, problem: `address has no street line${p.complement ? ` (only "${p.complement}")` : ''}` };
  }
  let value = p.number ?? '';
  if (p.suffix !== null) value += ` ${p.suffix}`;
  const trailing = p.streetType !== null && ENGLISH_FULL_WORDS.has(p.streetType);
  if (p.streetType !== null && !trailing) value += value === '' ? p.streetType : ` ${p.streetType}`;
  if (p.streetName !== null) value += value === '' ? p.streetName : ` ${p.streetName}`;
  if (trailing) value += value === '' ? p.streetType : ` ${p.streetType}`;
  return isPlaceholder(value) ? { value: null } : { value };
}

/** Countries using French postcodes (metropolitan France, overseas departments, Monaco). */
const FRENCH_POSTCODE_COUNTRIES: ReadonlySet<string> = new Set(['FR', 'GP', 'MQ', 'GF', 'RE', 'YT', 'PM', 'BL', 'MF', 'MC']);
/** Five-digit postcodes where a leading zero exists and spreadsheets drop it. */
const FIVE_DIGIT_PADDED: ReadonlySet<string> = new Set(['DE', 'US', 'IT', 'ES']);
const FOUR_DIGITS: ReadonlySet<string> = new Set(['AU', 'BE', 'CH', 'AT', 'DK', 'NO', 'LU', 'NZ', 'ZA', 'HU']);
const CEDEX = /\s*cedex(?:\s*\d{1,3})?\s*$/i;
const FR_PREFIX = /^\s*(?:fr?|france)\s*-?\s*(?=\d)/i;
const SPACES_DOTS = /[\s.]+/g;
const INNER_SPACES = /\s+/g;
const FIVE = /^\d{5}$/;
const FOUR = /^\d{4}$/;
const UK = /^([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})$/;
const US_ZIP = /^(\d{5})(?:-?\d{4})?$/;
const CA = /^([A-Z]\d[A-Z])\s*(\d[A-Z]\d)$/;
const NL = /^(\d{4})\s*([A-Z]{2})$/;
const GENERIC = /^[A-Z0-9][A-Z0-9 -]{1,9}$/;

/**
 * Normalizes a postcode for a country (default `FR`).
 *
 * - France (also overseas departments and Monaco): spaces and dots removed (`75 001` → `75001`), a
 *   `F-`/`FR-` prefix and a `CEDEX` suffix (with its number) removed, a 4-digit value gets its leading
 *   zero back (`1000` → `01000`, a spreadsheet ate it); must then be 5 digits not starting with `00`.
 * - United Kingdom: upper case, one space before the inward code (`sw1a1aa` → `SW1A 1AA`).
 * - United States: the 5-digit ZIP (`12345-6789` → `12345`), 4 digits padded like France.
 * - Germany, Italy, Spain: 5 digits (4 digits padded); Canada `A1A 1A1`; Netherlands `1234 AB`;
 *   Australia, Belgium, Switzerland, Austria, Denmark, Norway, Luxembourg, New Zealand, South Africa,
 *   Hungary: 4 digits.
 * - Other countries: upper case, inner spaces collapsed, 2 to 10 letters, digits, spaces or dashes.
 *
 * Flagged: anything that does not fit the country's format. Placeholders give `{ value: null }`.
 *
 * @example
 * ```ts
 * normalizePostcode('75 001')             // { value: '75001' }
 * normalizePostcode('1000')               // { value: '01000' }
 * normalizePostcode('75008 CEDEX 08')     // { value: '75008' }
 * normalizePostcode('sw1a1aa', 'GB')      // { value: 'SW1A 1AA' }
 * normalizePostcode('2000', 'AU')         // { value: '2000' }
 * normalizePostcode('7500', 'FR')         // { value: '07500' }
 * normalizePostcode('750011')             // { value: null, problem: 'invalid postcode for FR: "750011"' }
 * ```
 */
export function normalizePostcode(raw: string, country: CountryCode = 'FR'): Normalized {
  const trimmed = raw.trim();
  if (trimmed === '' || isPlaceholder(foldText(trimmed))) return { value: null };
  const bad: Normalized = { value: null, problem: `invalid postcode for ${country}: "${trimmed}"` };
  if (FRENCH_POSTCODE_COUNTRIES.has(country)) {
    const s = trimmed.replace(CEDEX, '').replace(FR_PREFIX, '').replace(SPACES_DOTS, '');
    const v = FOUR.test(s) ? `0${s}` : s;
    return FIVE.test(v) && !v.startsWith('00') ? { value: v } : bad;
  }
  const up = trimmed.toUpperCase().replace(INNER_SPACES, ' ');
  if (country === 'GB') {
    const m = UK.exec(up);
    return m ? { value: `${m[1]} ${m[2]}` } : bad;
  }
  if (country === 'US') {
    const m = US_ZIP.exec(up.replace(INNER_SPACES, ''));
    if (m) return { value: m[1]! };
    return FOUR.test(up) ? { value: `0${up}` } : bad;
  }
  if (country === 'CA') {
    const m = CA.exec(up);
    return m ? { value: `${m[1]} ${m[2]}` } : bad;
  }
  if (country === 'NL') {
    const m = NL.exec(up);
    return m ? { value: `${m[1]} ${m[2]}` } : bad;
  }
  if (FIVE_DIGIT_PADDED.has(country)) {
    const s = up.replace(INNER_SPACES, '');
    if (FIVE.test(s)) return { value: s };
    return FOUR.test(s) ? { value: `0${s}` } : bad;
  }
  if (FOUR_DIGITS.has(country)) {
    const s = up.replace(INNER_SPACES, '');
    return FOUR.test(s) ? { value: s } : bad;
  }
  return GENERIC.test(up) ? { value: up } : bad;
}

const CITY_CEDEX = / cedex(?: .*)?$/;
const SUR_ABBREVIATION = /\bs\/\s*/gi;
const ARRONDISSEMENT_WORDS: ReadonlySet<string> = new Set(['arrondissement', 'arrondissements', 'arr', 'arrt', 'arrdt', 'ardt', 'e', 'eme', 'er']);
const CITY_WORDS: ReadonlyMap<string, string> = new Map([
  ['st', 'saint'],
  ['ste', 'sainte'],
  ['sts', 'saints'],
  ['stes', 'saintes'],
]);
const HAS_DIGIT = /\d/;

/**
 * Normalizes a city name: folded (see `foldText`: accents, case, hyphens and apostrophes to spaces),
 * `st`/`ste` → `saint`/`sainte`, `s/` → `sur` (`Boulogne s/ Mer`), `CEDEX` and what follows removed,
 * and every word containing a digit (postcodes, arrondissements `15e`, `3eme`, `1er`) removed together
 * with `arrondissement` / `arr` (`Paris 15e` → `paris`, `Marseille 8e arrondissement` → `marseille`,
 * `75015 Paris` → `paris`).
 *
 * Flagged: nothing left that has a letter (`75015`). Placeholders give `{ value: null }`.
 *
 * @example
 * ```ts
 * normalizeCity('Saint-Étienne')             // { value: 'saint etienne' }
 * normalizeCity('ST ETIENNE CEDEX 2')        // { value: 'saint etienne' }
 * normalizeCity('Paris 15e')                 // { value: 'paris' }
 * normalizeCity('Lyon 3ème')                 // { value: 'lyon' }
 * normalizeCity("L'Haÿ-les-Roses")           // { value: 'l hay les roses' }
 * ```
 */
export function normalizeCity(raw: string): Normalized {
  let folded = foldText(raw.includes('/') ? raw.replace(SUR_ABBREVIATION, ' sur ') : raw);
  if (isPlaceholder(folded)) return { value: null };
  folded = folded.replace(CITY_CEDEX, '');
  if (folded === 'cedex' || folded.startsWith('cedex ')) folded = '';
  const words = folded.split(' ');
  const kept: string[] = [];
  let afterNumber = false;
  for (const w of words) {
    if (HAS_DIGIT.test(w)) {
      afterNumber = true;
      continue;
    }
    if (afterNumber && ARRONDISSEMENT_WORDS.has(w)) continue;
    if ((w === 'arrondissement' || w === 'arrondissements') && kept.length > 0) continue;
    afterNumber = false;
    if (w !== '') kept.push(CITY_WORDS.get(w) ?? w);
  }
  const value = kept.join(' ');
  if (isPlaceholder(value) && value !== '') return { value: null };
  if (!HAS_LETTER.test(value)) return { value: null, problem: `no city name in "${raw.trim()}"` };
  return { value };
}
