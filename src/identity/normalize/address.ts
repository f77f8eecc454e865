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
});

/** Complements that take no value. */
const NO_VALUE: ReadonlySet<string> = new Set(['rdc']);

/**
 * Complements whose value is optional (`cedex`, `cedex 01`). Every other complement only counts when
 * followed by a short value (`bat b`, `esc 3`, `porte 4`, `bp 123`) or, for `NAMED_VALUE`, a
 * name: alone, the word is part of a name.
 */
const OPTIONAL_VALUE: ReadonlySet<string> = new Set(['cedex']);

/**
 * Complements that also take a name as value when written after the street name:
 * `12 rue x batiment les tilleuls`, `12 rue x esc gauche`, `12 rue x appartement gauche`; not right
 * after the street type (`12 rue bat mimosa`) nor after an article (`12 rue du bat d argent`).
 */
const NAMED_VALUE: ReadonlySet<string> = new Set(['batiment', 'escalier', 'appartement']);

/**
 * Articles and prepositions of street names: a word after one of them is part of the name, not a
 * complement (`rue du bat d argent`, `rue de l escalier`, `chemin de chez tissot`), and a number after
 * one of them is not a house number (`rue des 3 cours`). A floor after `au` is a complement, `au`
 * included: `12 rue x au 1er etage`, `12 rue x au rdc`.
 */
const LINKING_WORDS: ReadonlySet<string> = new Set(['de', 'du', 'des', 'd', 'l', 'la', 'le', 'les', 'au', 'aux']);

/** Civilities that make `chez` a care-of line (`chez m dupont`, `chez mme martin`). */
const CIVILITIES: ReadonlySet<string> = new Set([
  'm', 'mr', 'mme', 'mlle', 'melle', 'mm', 'mmes', 'monsieur', 'madame', 'mademoiselle', 'messieurs', 'famille',
]);

/** Postal boxes written with dots: `B.P. 12`, `C.S. 30001`, `T.S.A. 123` (folded, they would be `b p 12`). */
const DOTTED_BOX = /\b(?:b\.\s*p|c\.\s*s|t\.\s*s\.\s*a)\b\.?/gi;

const SEGMENT_SEPARATOR = /[,;\n\r]+|\s-\s(?!\d)/;
const DIGITS = /^\d+$/;
const RANGE = /^(\s*(?:n°\s*)?\d{1,5})\s*(?:-|\/|à)\s*\d{1,5}(?!\d)/i;
/** A range after other words; `reduceRange` checks that a French street type follows (`bat a 12-14 rue x`). */
const INNER_RANGE = /\s((?:n°\s*)?\d{1,5})(\s*(?:-|\/|à)\s*)(\d{1,5})(?!\d)(?=\s+([^\s,;]+)(?:\s+([^\s,;]+))?)/gi;
const NUMBER_WITH_SUFFIX = /^(\d{1,5})(bis|ter|quater|quinquies|[abctq])$/;
const HOUSE_NUMBER = /^\d{1,5}$/;
const ORDINAL = /^\d+(?:e|er|ere|eme|nd|nde|st|rd|th)$/;
const SHORT_VALUE = /^(?:\d{1,6}[a-z]?|[a-z]\d{0,4})$/;
const POSTCODE_FR = /^\d{5}$/;
const HAS_LETTER = /[a-z]/;
const LETTERS = /^[a-z]+$/;
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

/**
 * Whether the `chez` at `i` starts a care-of line: followed by a civility (`chez m dupont`), or written
 * after a street line (`12 rue x chez dupont`). Otherwise it names a place, a hamlet of Charente,
 * Poitou or Savoie: `chez blanchet`, `lieu dit chez blanchet`, `chemin de chez tissot`.
 */
function isCareOf(tokens: readonly string[], i: number): boolean {
  const next = tokens[i + 1];
  if (tokens[i] !== 'chez' || next === undefined) return false;
  if (CIVILITIES.has(next)) return true;
  const previous = tokens[i - 1];
  return previous !== undefined && !LINKING_WORDS.has(previous) && !FRENCH_TYPES.has(previous) && previous !== 'dit';
}

/** Length of the complement that starts at `i` (0 when `tokens[i]` does not start one). */
function complementLength(tokens: readonly string[], i: number): number {
  const t = tokens[i]!;
  if (isCareOf(tokens, i)) return tokens.length - i;
  if (ORDINAL.test(t) && tokens[i + 1] !== undefined && COMPLEMENTS.get(tokens[i + 1]!) === 'etage') return 2;
  // `au 1er etage`, `au rdc`: the floor, not the end of a name.
  if (t === 'au' && tokens[i + 1] !== undefined) {
    const next = tokens[i + 1]!;
    if (COMPLEMENTS.get(next) === 'rdc' || (ORDINAL.test(next) && COMPLEMENTS.get(tokens[i + 2] ?? '') === 'etage')) {
      return 1 + complementLength(tokens, i + 1);
    }
  }
  const keyword = COMPLEMENTS.get(t);
  if (keyword === undefined) return 0;
  if (NO_VALUE.has(keyword)) return 1;
  let j = i + 1;
  if (tokens[j] !== undefined && NUMBER_PREFIXES.has(tokens[j]!) && tokens[j + 1] !== undefined && SHORT_VALUE.test(tokens[j + 1]!)) j++;
  const value = tokens[j];
  if (value !== undefined && SHORT_VALUE.test(value)) return j - i + 1;
  return OPTIONAL_VALUE.has(keyword) ? 1 : 0;
}

/** Whether a French street type (one or two words) starts at `i`. */
function frenchTypeAt(tokens: readonly string[], i: number): boolean {
  const t = tokens[i];
  if (t === undefined) return false;
  return FRENCH_TYPES.has(t) || (i + 1 < tokens.length && FRENCH_TYPES_2.has(`${t} ${tokens[i + 1]}`));
}

/** Whether a street line (house number, optional suffix, French street type) starts at `i`. */
function streetStartsAt(tokens: readonly string[], i: number): boolean {
  const j = i < tokens.length - 1 && NUMBER_PREFIXES.has(tokens[i]!) ? i + 1 : i;
  const n = tokens[j];
  if (n === undefined) return false;
  if (NUMBER_WITH_SUFFIX.test(n)) return frenchTypeAt(tokens, j + 1);
  if (!HOUSE_NUMBER.test(n)) return false;
  return frenchTypeAt(tokens, j + 1) || (isSuffix(tokens[j + 1]) && frenchTypeAt(tokens, j + 2));
}

/** Whether a token is a house number suffix written apart: `bis`, `ter`, `b`, `a` (`12 bis`, `12 b`). */
function isSuffix(token: string | undefined): boolean {
  return token !== undefined && (SUFFIXES.has(token) || SEPARATE_SUFFIX_LETTERS.has(token));
}

/**
 * Index of the first word of the street name in the part that starts at `i`: after the house number
 * (and its `n°`, its suffix) and a French street type.
 */
function nameStart(tokens: readonly string[], i: number): number {
  let j = NUMBER_PREFIXES.has(tokens[i] ?? '') && HOUSE_NUMBER.test(tokens[i + 1] ?? '') ? i + 1 : i;
  if (HOUSE_NUMBER.test(tokens[j] ?? '')) j += isSuffix(tokens[j + 1]) ? 2 : 1;
  else if (NUMBER_WITH_SUFFIX.test(tokens[j] ?? '')) j++;
  if (FRENCH_TYPES.has(tokens[j] ?? '')) j++;
  else if (frenchTypeAt(tokens, j)) j += 2;
  return j;
}

/**
 * Whether a street part is a French postcode and a city (`16200 jarnac`, `33330 st emilion`): a
 * 5-digit number followed by a word of letters that is not a number suffix, and no street type (French
 * anywhere, English at the end). `10250 grande rue`, `12345 main street`, `14135 22nd`,
 * `10250 bis le bourg`, `75001 paris 12 rue x` are street lines with a 5-digit house number. After
 * another part (`later`), the city's name may hold street-type words (`47300 villeneuve sur lot`).
 */
/** First words of towns named after a saint (`Saint-Avé`, whose `ave` is no avenue). */
const SAINTS: ReadonlySet<string> = new Set(['saint', 'sainte', 'st', 'ste']);

function isPostcodeAndCity(tokens: readonly string[], later: boolean): boolean {
  const i = NUMBER_PREFIXES.has(tokens[0]!) ? 1 : 0;
  const next = tokens[i + 1];
  if (!POSTCODE_FR.test(tokens[i] ?? '') || next === undefined || !LETTERS.test(next) || isSuffix(next)) return false;
  // After another part, a postcode and a city, whatever words the city's name holds
  // (`lieu dit pech merle, 47300 villeneuve sur lot`), unless a street line starts right there.
  if (later) {
    // No French house number has five digits: after a postcode, French words are a town, whatever
    // they hold (`villeneuve sur lot`, `villeneuve s lot`, `la terrasse`, `80400 ham`); an English
    // street line ends with its type (`10250 smith st`), a saint's town does not (`56890 saint ave`).
    const words = tokens.length - i - 1;
    if (words > 1 && ENGLISH_TYPES.has(tokens[tokens.length - 1]!) && !(words === 2 && SAINTS.has(next))) return false;
    return !tokens.some((_, k) => k > i && streetStartsAt(tokens, k));
  }
  // An English type is the last word after a name (`10250 smith st`), `16200 st` is `16200 saint`.
  const english = tokens.length - i > 2 && ENGLISH_TYPES.has(tokens[tokens.length - 1]!);
  return !english && !tokens.some((_, k) => frenchTypeAt(tokens, k));
}

/**
 * Cuts a part that does not start with a house number before its street line, so that what precedes
 * it (a residence, a floor) is a part of its own: `residence les pins 12 rue x` reads like
 * `residence les pins, 12 rue x`. A number after an article (`rue des 3 cours`) or a complement keyword
 * (`bp 12 route de lyon`, the value of `bp`) does not start a street line.
 */
function cutBeforeStreet(tokens: string[]): string[][] {
  if (houseNumberStart(tokens)) return [tokens];
  for (let k = 1; k < tokens.length; k++) {
    const previous = tokens[k - 1]!;
    if (LINKING_WORDS.has(previous) || COMPLEMENTS.has(previous) || NUMBER_PREFIXES.has(previous)) continue;
    // A postcode and a city named like a street type (`le bourg 80400 ham`) are no street line.
    if (POSTCODE_FR.test(tokens[k]!)) continue;
    if (streetStartsAt(tokens, k)) return [tokens.slice(0, k), tokens.slice(k)];
  }
  return [tokens];
}

function canonicalComplement(tokens: readonly string[]): string {
  return tokens.map((t) => COMPLEMENTS.get(t) ?? t).join(' ');
}

interface Segment {
  tokens: string[];
  /** The street part is `tokens.slice(start, end)`, the rest is complements. */
  start: number;
  end: number;
}

/** Splits a segment's tokens into leading complements, street part and trailing complements. */
function splitSegment(tokens: string[], later: boolean): Segment {
  let start = 0;
  for (;;) {
    if (start >= tokens.length) break;
    const len = complementLength(tokens, start);
    if (len === 0) break;
    start += len;
  }
  let end = tokens.length;
  const name = nameStart(tokens, start);
  for (let i = start + 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    // A postcode ends the street part, unless it is the house number after `n°`.
    if (POSTCODE_FR.test(t) && !(i === start + 1 && NUMBER_PREFIXES.has(tokens[start]!))) {
      end = i;
      break;
    }
    // After an article, a complement keyword is a word of the name: `rue du bat d argent`.
    if (LINKING_WORDS.has(tokens[i - 1]!)) continue;
    // After a street name, `bat`, `esc`, `appt` also take a name: `12 rue x bat mimosa`.
    const named = i > name && i + 1 < tokens.length && NAMED_VALUE.has(COMPLEMENTS.get(t) ?? '');
    if (named || complementLength(tokens, i) > 0) {
      end = i;
      break;
    }
  }
  // A part starting with a French postcode and a city is a complement: `chez blanchet, 16200 jarnac`.
  if (start < end && isPostcodeAndCity(tokens.slice(start, end), later)) start = end = tokens.length;
  return { tokens, start, end };
}

function isNumberOnly(tokens: readonly string[]): boolean {
  if (tokens.length === 0) return false;
  for (const t of tokens) {
    if (!(DIGITS.test(t) || NUMBER_WITH_SUFFIX.test(t) || SUFFIXES.has(t) || NUMBER_PREFIXES.has(t))) return false;
  }
  return DIGITS.test(tokens[0]!) || NUMBER_WITH_SUFFIX.test(tokens[0]!) || NUMBER_PREFIXES.has(tokens[0]!);
}

/** Adjectives a road's type may follow (`grande rue`, `vieille route`, `ancien chemin de lyon`). */
const ROAD_ADJECTIVES: ReadonlySet<string> = new Set(['grande', 'grand', 'petite', 'petit', 'haute', 'haut', 'basse', 'bas', 'vieille', 'vieux', 'ancien', 'ancienne', 'nouvelle', 'belle']);
/** Types that name a place rather than a road, however they are spelled (`ld`, `rdpt`). */
const PLACES: ReadonlySet<string> = new Set(['lieu dit', 'rond point']);

/** Whether a street line starts with a road's one-word type (possibly after an adjective). */
function startsWithRoad(tokens: readonly string[]): boolean {
  const k = ROAD_ADJECTIVES.has(tokens[0]!) && tokens.length > 1 ? 1 : 0;
  const type = FRENCH_TYPES.get(tokens[k]!);
  return type !== undefined && !PLACES.has(type);
}

function hasStreetType(tokens: readonly string[]): boolean {
  return tokens.some((t, i) => ENGLISH_TYPES.has(t) || frenchTypeAt(tokens, i));
}

const EMPTY: ParsedAddress = { number: null, suffix: null, streetType: null, streetName: null, complement: null };

/**
 * Splits a free-text street line into house number, number suffix, street type, street name and
 * complement. Used by {@link normalizeAddress}.
 *
 * - Parts separated by `,`, `;`, a new line or ` - ` are considered separately: the one with a house
 *   number or a street type is the street line, the others are complements (`Apt 3, 5 rue X`). A part
 *   that is only a number is joined to the next one (`12, rue de la Paix`), unless that one starts with
 *   a house number (`3, 12 rue X` → `12 rue x`). A part that does not start with a house number is cut
 *   before a house number followed by a French street type (one or two words: `rue`, `rond-point`,
 *   `lieu-dit`), so that a residence or a floor written before the street line, with or without a
 *   comma, is a complement (`Résidence Les Pins 12 rue X` = `Résidence Les Pins, 12 rue X`); not after
 *   an article or a preposition (`avenue des 3 Cours`) or a complement keyword (`BP 12 route de Lyon`).
 *   A range before a French street type always starts a part (`Bât A 12-14 rue X` = `Bât A, 12-14 rue
 *   X`). A part that is a French postcode and a city is a complement (`Chez Blanchet, 16200 Jarnac`):
 *   the 5-digit number must be followed by a word of letters (not a suffix) and the part must have no
 *   street type (French anywhere, English at the end); otherwise it is a house number (`14135 22nd`,
 *   `10250 Grande Rue`, `12345 Main Street`, `10250bis Le Bourg`, `75001 Paris 12 rue X`).
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
 *   `general`, `mal` → `marechal`, `pdt` → `president`, `dr` → `docteur`, `cdt` → `commandant`;
 *   `pres` → `president` after `du` only (`av du Prés. Kennedy`; `rue des Prés` are meadows).
 * - Complements, kept out of the street line: `appt 12`, `bat b`, `esc 3`, `2eme etage`, `porte 4`,
 *   `bp 123`, `cs 123`, `tsa 123` (also written `B.P.`, `C.S.`, `T.S.A.`), `cedex`, `cedex 01`, `rdc`,
 *   `unit 4`, `flat 2`, `suite 5`, `au 1er etage`, `au rdc`, and a French postcode with what follows
 *   it (`… 75001 paris`). Apart from `cedex` and `rdc`, a keyword needs a value after it: a short one
 *   (`bat b`, `esc 3`), or, for `bat` (`immeuble`), `esc` and `appt` written after the street name,
 *   any word (`12 rue X Bâtiment Les Tilleuls`, `12 rue X Esc. Gauche` → `12 rue x`). Alone
 *   (`12 rue x escalier`), right after the street type (`12 rue Bât Mimosa`) or after an article or a
 *   preposition it is a word of the street name (`12 rue du Bât-d'Argent` → `12 rue du bat d argent`,
 *   `12 rue de l'Escalier`).
 * - `chez`: a care-of line, dropped with the rest of its part, when a civility follows it
 *   (`chez M. Dupont`, `chez Mme …`) or when it comes after the street line (`12 rue X chez Dupont`).
 *   Otherwise it names a place, a hamlet (`Chez Blanchet`, `Lieu-dit Chez Blanchet`,
 *   `12 chemin de chez Tissot`), and is kept in the street name; as any other part, it is a
 *   complement when another part is the street line (`Chez Dupont, 12 rue X`).
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
  let segments: string[][] = [];
  // `B.P. 12` is `BP 12`.
  let text = raw.includes('.') ? raw.replace(DOTTED_BOX, (box) => `${box.replace(/[.\s]/g, '')} `) : raw;
  // A range before a street type starts the street line: `Bât A 12-14 rue X` is `Bât A, 12 rue X`.
  if (/\S\s+(?:n°\s*)?\d+\s*(?:-|\/|à)\s*\d/i.test(text)) text = text.replace(INNER_RANGE, reduceRange);
  for (const part of text.split(SEGMENT_SEPARATOR)) {
    // A range `12-14`, `12/14`, `12 à 14` keeps its first number.
    const folded = foldText(part.replace(RANGE, '$1 '));
    if (folded !== '') segments.push(folded.split(' '));
  }
  if (segments.length === 0) return EMPTY;
  // Join number-only parts to the following part: `12, rue de la paix`; not to a part with its own
  // house number (`3, 12 rue x`, the 3 is a flat's).
  for (let i = segments.length - 2; i >= 0; i--) {
    if (isNumberOnly(segments[i]!) && !houseNumberStart(segments[i + 1]!)) {
      segments.splice(i, 2, [...segments[i]!, ...segments[i + 1]!]);
    }
  }
  segments = segments.flatMap(cutBeforeStreet);
  const split = segments.map((tokens, k) => splitSegment(tokens, k > 0));
  const streetOf = (s: Segment): string[] => s.tokens.slice(s.start, s.end);
  let chosen = split.findIndex((s) => s.end > s.start && houseNumberStart(streetOf(s)) && hasStreetType(streetOf(s)));
  // A road before a place named in two words (`lieu dit les granges, chemin des vignes`), in either order.
  if (chosen < 0) chosen = split.findIndex((s) => s.end > s.start && startsWithRoad(streetOf(s)));
  if (chosen < 0) chosen = split.findIndex((s) => s.end > s.start && hasStreetType(streetOf(s)));
  if (chosen < 0) chosen = split.findIndex((s) => s.end > s.start && houseNumberStart(streetOf(s)));
  if (chosen < 0) chosen = split.findIndex((s) => s.end > s.start);
  const complementTokens: string[] = [];
  for (let i = 0; i < split.length; i++) {
    const s = split[i]!;
    if (i === chosen) complementTokens.push(...s.tokens.slice(0, s.start), ...s.tokens.slice(s.end));
    else complementTokens.push(...s.tokens);
  }
  const complement = complementTokens.length > 0 ? canonicalComplement(complementTokens) : null;
  if (chosen < 0) return { ...EMPTY, complement };
  return { ...parseStreet(streetOf(split[chosen]!)), complement };
}

/**
 * Replacement for `INNER_RANGE`: a new part and the first number when a French street type follows
 * and the two numbers are a run of houses on one side of a street (ascending, same parity, at most
 * 10 apart: `12-14`, `12 - 14`, `1/3`), and the word before it does not take a value: after `appt`,
 * `bat`, `bp`… the first number is that value (`Appt 2/12 rue X`, `BP 123 - 12 rue X`).
 */
function reduceRange(
  range: string,
  first: string,
  _separator: string,
  second: string,
  next: string,
  after: string | undefined,
  offset: number,
  text: string,
): string {
  // `Appt 2/12 rue X`, `BP 123 - 12 rue X`: the first number is the value of the word before it.
  const words = foldText(text.slice(Math.max(0, offset - 32), offset)).split(' ');
  let before = words.pop() ?? '';
  if (NUMBER_PREFIXES.has(before)) before = words.pop() ?? ''; // `appt no 2/12`
  // `rdc` and `cedex` take no value; a floor takes the number after it (`etage 2 - 4 rue x`) unless
  // its own came before it (`2e etage 12-14 rue x`, a range).
  const keyword = COMPLEMENTS.get(before);
  const floorFirst = keyword === 'etage' && /\d/.test(words.pop() ?? '');
  if (keyword !== undefined && keyword !== 'cedex' && !NO_VALUE.has(keyword) && !floorFirst) return range;
  const [a, b] = [Number(first.replace(/\D/g, '')), Number(second)];
  if (!(b > a && b - a <= 10 && (b - a) % 2 === 0)) return range;
  return frenchTypeAt(foldText(`${next} ${after ?? ''}`).split(' '), 0) ? `, ${first} ` : range;
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
    // `du pres` is `du president`; `des pres` are meadows.
    const word = t === 'pres' && tokens[k - 1] === 'du' ? 'president' : (NAME_WORDS.get(t) ?? t);
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
const SPREADSHEET_DECIMALS = /^(\d{4,5})[.,]0+$/;
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
 *   zero back (`1000` → `01000`, a spreadsheet ate it, also when it wrote `1000.0`); must then be 5
 *   digits not starting with `00`.
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
    // A spreadsheet's number (`6000.0`) loses its decimals before dots go: Nice, not Oise.
    const s = trimmed.replace(SPREADSHEET_DECIMALS, '$1').replace(CEDEX, '').replace(FR_PREFIX, '').replace(SPACES_DOTS, '');
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
