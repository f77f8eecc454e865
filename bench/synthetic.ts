/**
 * Deterministic generator of multi-channel French retail customers, with households, movers and
 * realistic corruption, plus the recall ceiling a perfect matcher could reach on it.
 *
 * Channels and what they know:
 * - `web` (keys `W-0001234`): e-mail always, name, phone often, address sometimes, birth date sometimes.
 * - `pos` (keys `T042-000123`): name, phone or loyalty card, postcode, rarely an e-mail.
 * - `callcenter` (keys `CC-00012345`): name, the phone they called from (mobile or household
 *   landline), sometimes the address.
 * - `paper` (keys `F-2023-00012`): name, full postal address, birth date, handwriting typos.
 *
 * Everything is drawn from one seeded PRNG (mulberry32): the same options give the same records.
 * @module
 */
import type { AttributeValue, SourceRecord } from '../src/identity/record.js';
import {
  cityPopulations,
  communeArticleNouns,
  communePrefixes,
  communeQualifiers,
  communeRegionalPrefixes,
  communeStems,
  communeSuffixes,
  departements,
  emailProviders,
  familyNames,
  femaleGivenNames,
  femaleSaints,
  junkEmails,
  landscapes,
  maleGivenNames,
  postcodeCities,
  rareFemaleGivenNames,
  rareMaleGivenNames,
  regionalSurnames,
  rivers,
  saints,
  streetNames,
  streetTypes,
  surnameCodas,
  surnameInfixes,
  surnameOnsets,
  surnameStems,
  surnameSuffixes,
  surnameVowels,
} from './french-data.js';

/** Options of {@link generateCustomers}. */
export interface GenerateOptions {
  /** Number of people (records ≈ {@link meanRecordsPerPerson} × people). */
  people: number;
  /** PRNG seed (default 42). */
  seed?: number;
}

/** Recall a perfect matcher could reach (see {@link generateCustomers}). */
export interface Ceiling {
  /** reachablePairs / truePairs. */
  recall: number;
  /** Same-person pairs in the same component of the "directly linkable" graph. */
  reachablePairs: number;
  /** Same-person pairs. */
  truePairs: number;
}

/** Descriptive figures of a generated population. */
export interface GenerationStats {
  people: number;
  records: number;
  households: number;
  /** People living in a household of ≥ 2 people. */
  householdMembers: number;
  movers: number;
  recordsByChannel: Record<Channel, number>;
  /** Records carrying a junk e-mail shared by unrelated people. */
  junkEmailRecords: number;
  /** Records carrying a family e-mail (`famille.dupont@…`). */
  familyEmailRecords: number;
  /** Records whose given and family names were swapped. */
  swappedNames: number;
  /** Distribution of records per person, index = number of records. */
  recordsPerPerson: number[];
  /** Same-person pairs the ceiling cannot reach, by channel pair (`pos+web`…). */
  unreachablePairsByChannels: Record<string, number>;
}

/** What {@link generateCustomers} returns. */
export interface GeneratedCustomers {
  records: SourceRecord[];
  /** Person id per record (same order). */
  truth: string[];
  /** Household id per record (same order); people living alone have a household of their own. */
  households: string[];
  ceiling: Ceiling;
  stats: GenerationStats;
}

export type Channel = 'web' | 'pos' | 'callcenter' | 'paper';

/** Distribution of the number of records per person (1–5). */
const recordsPerPersonWeights = [0, 30, 28, 20, 13, 9];

/** Expected records per person; use `people = records / meanRecordsPerPerson` to aim at a record count. */
export const meanRecordsPerPerson =
  recordsPerPersonWeights.reduce((s, w, k) => s + w * k, 0) / recordsPerPersonWeights.reduce((s, w) => s + w, 0);

// ------------------------------------------------------------------------------------------------ PRNG

/** mulberry32: a small, fast, seedable 32-bit PRNG. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    let total = 0;
    for (const item of items) total += weight(item);
    let r = this.next() * total;
    for (const item of items) {
      r -= weight(item);
      if (r < 0) return item;
    }
    return items[items.length - 1]!;
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(Math.floor(this.next() * 10));
    return s;
  }
}

// ------------------------------------------------------------------------------------------ text tools

const stripAccents = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

/** Letters that handwriting, OCR or a hurried operator confuse. */
const confusions: Record<string, string> = {
  a: 'oe',
  e: 'ac',
  i: 'le',
  l: 'it',
  m: 'n',
  n: 'mu',
  o: 'a',
  u: 'nv',
  v: 'u',
  c: 'e',
  r: 'n',
  t: 'l',
  s: 'z',
  z: 's',
  b: 'h',
  h: 'b',
  d: 't',
  g: 'q',
  p: 'b',
};

/** One edit (substitution, deletion, insertion by doubling, transposition) on a letter. */
function typo(rng: Random, s: string): string {
  const letters: number[] = [];
  for (let i = 0; i < s.length; i++) if (/\p{L}/u.test(s[i]!)) letters.push(i);
  if (letters.length < 3) return s;
  const i = rng.pick(letters);
  const ch = s[i]!;
  const op = rng.int(0, 3);
  let out: string;
  if (op === 0) {
    const lower = stripAccents(ch.toLowerCase());
    const options = confusions[lower] ?? 'aeiourstnl';
    let sub = rng.pick([...options]);
    if (ch !== ch.toLowerCase()) sub = sub.toUpperCase();
    out = s.slice(0, i) + sub + s.slice(i + 1);
  } else if (op === 1) {
    out = s.slice(0, i) + s.slice(i + 1);
  } else if (op === 2) {
    out = s.slice(0, i) + ch + s.slice(i);
  } else {
    const j = i + 1 < s.length && /\p{L}/u.test(s[i + 1]!) ? i + 1 : i - 1;
    if (j < 0 || !/\p{L}/u.test(s[j]!)) return s.slice(0, i) + s.slice(i + 1);
    const [a, b] = j > i ? [i, j] : [j, i];
    out = s.slice(0, a) + s[b] + s[a] + s.slice(b + 1);
  }
  return out === s ? s.slice(0, i) + s.slice(i + 1) : out;
}

type Case = 'title' | 'upper' | 'lower';

function applyCase(s: string, c: Case): string {
  return c === 'upper' ? s.toUpperCase() : c === 'lower' ? s.toLowerCase() : s;
}

/** E-mail local part from names: `jean-pierre` → `jeanpierre` / `jean-pierre`; accents and particles' spaces removed. */
function emailWord(s: string, keepHyphen: boolean): string {
  const base = stripAccents(s).toLowerCase().replace(/'/g, '');
  return keepHyphen ? base.replace(/\s+/g, '') : base.replace(/[\s-]+/g, '');
}

// ----------------------------------------------------------------------------------------- vocabulary
//
// The vocabulary is one fixed synthetic France (built once, independent of the seed); the seed only
// drives what is drawn from it. Family names: the real list is the Zipf-weighted head (top ≈ 0.4%,
// the list ≈ 15% of people), then a synthetic tail of ~1.3 million ranks drawn ∝ 1/rank, each rank
// turned into a French-looking name by a hash of the rank. Given names: the common lists weighted
// ∝ rank^-0.5 (top ≈ 1.7% of people), then ~2,000 rarer names, compounds and spellings. Places: the
// real big-city postcodes plus ~5,000 generated postcodes (~25,000 communes) in every département,
// weighted by population.

const randomOf = (items: readonly string[], next: () => number): string => items[Math.floor(next() * items.length)]!;
const capitalize = (s: string): string => (s === '' ? s : s[0]!.toUpperCase() + s.slice(1));

/** Cumulative sums of weights. */
function cumulative(weights: readonly number[]): Float64Array {
  const cum = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) cum[i] = total += weights[i]!;
  return cum;
}

/** First index whose cumulative weight exceeds `u` (u in [0, total)). */
function searchCumulative(cum: Float64Array, u: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid]! > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Share of people carrying the most common family name (Martin). */
const TOP_FAMILY_SHARE = 0.004;
/** Ranks of the synthetic family-name space (France has ~1.3 million surnames). */
const FAMILY_RANKS = 1_300_000;

const familyHeadCum = cumulative(familyNames.map((_, r) => TOP_FAMILY_SHARE / Math.sqrt(r + 1)));
/** Share of people whose family name is in the real list (≈ 15%). */
const familyHeadMass = familyHeadCum[familyHeadCum.length - 1]!;

/** Gluing a particle or prefix to a stem: `Le ` + `Bras` → `Le Bras`, `Ker` + `Bras` → `Kerbras`. */
function glue(prefix: string, stem: string): string {
  if (prefix === '' || prefix.endsWith(' ') || prefix.endsWith('-')) return prefix + capitalize(stem);
  return prefix + stem[0]!.toLowerCase() + stem.slice(1);
}

/** One simple synthetic surname. */
function syntheticSurname(next: () => number): string {
  const roll = next();
  let name: string;
  if (roll < 0.55) {
    name = randomOf(surnameStems, next) + (next() < 0.45 ? randomOf(surnameInfixes, next) : '') + randomOf(surnameSuffixes, next);
  } else if (roll < 0.78) {
    // One or two syllables; the second starts with a single consonant after a light coda.
    name = randomOf(surnameOnsets, next) + randomOf(surnameVowels, next);
    if (next() < 0.5) name += randomOf(['', 'r', 'l', 'n', 's'], next) + randomOf([...'bdglmnrstv'], next) + randomOf(surnameVowels, next);
    if (next() < 0.7) {
      // A light coda before a suffix (none after a nasal vowel): `Brou` + `ss` + `ard`.
      if (!/[aoei]n$/.test(name)) name += randomOf(['', '', 'r', 'l', 'ss', 'll', 'c', 'ch', 'rr', 'tt'], next);
      name += randomOf(surnameSuffixes, next);
    } else name += randomOf(surnameCodas, next);
  } else {
    let r = next() * regionalSurnames.reduce((s, g) => s + g.weight, 0);
    let group = regionalSurnames[0]!;
    for (const g of regionalSurnames) {
      group = g;
      if ((r -= g.weight) < 0) break;
    }
    const infix = next() < 0.3 ? randomOf(surnameInfixes, next) : '';
    return glue(randomOf(group.prefixes, next), randomOf(group.stems, next) + infix + randomOf(group.suffixes, next));
  }
  const particle = next();
  if (particle < 0.05) return glue(next() < 0.7 ? 'Le ' : 'La ', name);
  if (particle < 0.1) return glue(randomOf(['Le', 'La', 'De', 'Du', 'Des', 'Del'], next), name);
  if (particle < 0.12) return /^[AEIOUÉ]/.test(name) ? `d'${name}` : glue(next() < 0.7 ? 'de ' : 'du ', name);
  return name;
}

/** The synthetic family name of a tail rank (a pure function of the rank). */
function tailFamilyName(rank: number): string {
  const next = mulberry32(Math.imul(rank, 0x9e3779b1) ^ 0x2545f491);
  const name = syntheticSurname(next);
  if (next() < 0.035) {
    // Compound `X-Y`, the second part sometimes a common name.
    const second = next() < 0.4 ? familyNames[Math.floor(next() * 100)]! : syntheticSurname(next);
    if (!/[\s']/.test(name) && !/[\s']/.test(second)) return `${name}-${second}`;
  }
  return name;
}

function drawFamilyName(rng: Random): string {
  const u = rng.float();
  if (u < familyHeadMass) return familyNames[searchCumulative(familyHeadCum, u)]!;
  // Tail ranks H+1 … FAMILY_RANKS with density ∝ rank^-0.8 (inverse CDF).
  const lo = Math.pow(familyNames.length + 1, 0.2);
  const hi = Math.pow(FAMILY_RANKS, 0.2);
  const rank = Math.floor(Math.pow(lo + ((u - familyHeadMass) / (1 - familyHeadMass)) * (hi - lo), 5));
  return tailFamilyName(rank);
}

interface WeightedNames {
  names: string[];
  cum: Float64Array;
}

/** Common names ∝ rank^-0.5 (85%), then the rarer tail ∝ rank^-0.6 (15%), in a fixed shuffled order. */
function givenNameVocabulary(common: string[], rare: string[], compounds: string[]): WeightedNames {
  const seen = new Set(common);
  const tail: string[] = [];
  const add = (name: string): void => {
    if (!seen.has(name)) {
      seen.add(name);
      tail.push(name);
    }
  };
  for (const name of rare) add(name);
  for (const name of compounds) add(name);
  // Spellings without accents (Kevin, Mickael, Chloe…) are registered names too.
  for (const name of common) if (stripAccents(name) !== name && !name.includes('-')) add(stripAccents(name));
  const shuffle = new Random(0x51f15eed);
  for (let i = tail.length - 1; i > 0; i--) {
    const j = shuffle.int(0, i);
    [tail[i], tail[j]] = [tail[j]!, tail[i]!];
  }
  const head = common.map((_, r) => 1 / Math.sqrt(r + 1));
  const headTotal = head.reduce((s, w) => s + w, 0);
  const rareWeights = tail.map((_, r) => Math.pow(r + 1, -0.6));
  const rareTotal = rareWeights.reduce((s, w) => s + w, 0);
  return {
    names: [...common, ...tail],
    cum: cumulative([...head.map((w) => (0.85 * w) / headTotal), ...rareWeights.map((w) => (0.15 * w) / rareTotal)]),
  };
}

/** French-born given names of a list (before its first compound), usable in compounds. */
const classic = (list: string[], firstCompound: string): string[] =>
  list.slice(0, Math.max(0, list.indexOf(firstCompound))).filter((n) => !n.includes('-'));

let givenVocabulary: { male: WeightedNames; female: WeightedNames } | undefined;

function givenNames(): { male: WeightedNames; female: WeightedNames } {
  if (givenVocabulary) return givenVocabulary;
  const male = classic(maleGivenNames, 'Jean-Pierre');
  const female = classic(femaleGivenNames, 'Marie-Claude');
  const rareMale = rareMaleGivenNames.slice(0, rareMaleGivenNames.indexOf('Abdelkader'));
  const rareFemale = rareFemaleGivenNames.slice(0, rareFemaleGivenNames.indexOf('Amel'));
  const compound = (prefixes: string[], seconds: string[]): string[] =>
    prefixes.flatMap((p) => seconds.filter((n) => n !== p && !n.includes('-')).map((n) => `${p}-${n}`));
  const maleCompounds = [
    ...compound(['Jean', 'Pierre', 'Louis', 'Paul', 'Marc', 'Henri', 'Charles', 'François', 'Jacques', 'Luc'], male),
    ...compound(['Jean', 'Pierre', 'Louis'], rareMale),
  ];
  const femaleCompounds = [
    ...compound(['Marie', 'Anne', 'Rose', 'Marie-Anne'], female),
    ...compound(['Marie', 'Anne'], rareFemale),
    ...[...female, ...rareFemale].filter((n) => n !== 'Marie').map((n) => `${n}-Marie`),
  ];
  givenVocabulary = {
    male: givenNameVocabulary(maleGivenNames, rareMaleGivenNames, maleCompounds),
    female: givenNameVocabulary(femaleGivenNames, rareFemaleGivenNames, femaleCompounds),
  };
  return givenVocabulary;
}

interface Place {
  postcode: string;
  cities: string[];
  cityCum: Float64Array;
}

let placeVocabulary: { places: Place[]; cum: Float64Array } | undefined;

/** One synthetic commune name in the style of a région. */
function communeName(rng: Random, style: string): string {
  const suffixes = communeSuffixes[style] ?? communeSuffixes['default']!;
  const stem = (): string => {
    const regional = communeRegionalPrefixes[style];
    const base = rng.pick(communeStems) + rng.pick(suffixes);
    return regional && rng.chance(0.35) ? glue(rng.pick(regional), base) : base;
  };
  const saint = (): string => (rng.chance(0.8) ? `Saint-${rng.pick(saints)}` : `Sainte-${rng.pick(femaleSaints)}`);
  const roll = rng.float();
  if (roll < 0.4) return stem();
  if (roll < 0.58) return saint();
  if (roll < 0.66) return `${saint()}-${rng.chance(0.5) ? `de-${stem()}` : rng.pick(['sur-', 'en-']) + rng.pick(rivers)}`;
  if (roll < 0.78) {
    const link = rng.float();
    if (link < 0.45) return `${stem()}-sur-${rng.pick(rivers)}`;
    if (link < 0.7) return `${stem()}-en-${rng.pick(landscapes)}`;
    if (link < 0.8) return `${stem()}-lès-${stem()}`;
    return `${stem()}-${rng.pick(communeQualifiers)}`;
  }
  if (roll < 0.86) return rng.pick(communeArticleNouns);
  if (roll < 0.93) return `${rng.pick(communeArticleNouns)}-${rng.chance(0.5) ? stem() : saint()}`;
  return `${rng.pick(communePrefixes)}-${rng.chance(0.3) ? rng.pick(['sur-', 'en-']) + rng.pick(rivers) : stem()}`;
}

/** Département code of a postcode of the real list. */
const departementOf = (postcode: string): string =>
  postcode.startsWith('97') ? postcode.slice(0, 3) : postcode.startsWith('20') ? (postcode < '20200' ? '2A' : '2B') : postcode.slice(0, 2);

function places(): { places: Place[]; cum: Float64Array } {
  if (placeVocabulary) return placeVocabulary;
  const rng = new Random(0x0f7a4ce5);
  const list: Place[] = [];
  const weights: number[] = [];
  const used = new Set<string>();
  const realByDepartement = new Map<string, number>();
  const postcodesOfCity = new Map<string, number>();
  for (const [, city] of postcodeCities) postcodesOfCity.set(city, (postcodesOfCity.get(city) ?? 0) + 1);
  for (const [postcode, city] of postcodeCities) {
    if (used.has(postcode)) continue;
    used.add(postcode);
    const population = (cityPopulations[city] ?? 50) / postcodesOfCity.get(city)!;
    list.push({ postcode, cities: [city], cityCum: cumulative([1]) });
    weights.push(population);
    const d = departementOf(postcode);
    realByDepartement.set(d, (realByDepartement.get(d) ?? 0) + population);
  }
  for (const d of departements) {
    // Paris is only its arrondissements; elsewhere the real big cities leave the rest to other communes.
    if (d.code === '75') continue;
    const residual = Math.max(d.population - (realByDepartement.get(d.code) ?? 0), 0.3 * d.population);
    const overseas = d.code.length === 3;
    const count = overseas ? Math.min(40, Math.round(4 + residual / 25)) : Math.min(160, Math.round(24 + residual / 16));
    const number = (): string => {
      if (overseas) return d.code + String(rng.chance(0.7) ? 10 * rng.int(0, 9) : rng.int(0, 99)).padStart(2, '0');
      const [lo, hi] = d.code === '2A' ? [0, 199] : d.code === '2B' ? [200, 699] : [1, 999];
      const n = rng.chance(0.8) ? 10 * rng.int(Math.ceil(lo / 10), Math.floor(hi / 10)) : rng.int(lo, hi);
      return d.prefix + String(n).padStart(3, '0');
    };
    const names = new Set<string>();
    const codes: string[] = [];
    const main = overseas ? `${d.code}00` : d.code === '2B' ? '20200' : `${d.prefix}000`;
    if (!used.has(main)) codes.push(main);
    for (let tries = 0; codes.length < count && tries < 20 * count; tries++) {
      const code = number();
      if (!used.has(code) && !codes.includes(code)) codes.push(code);
    }
    const raw = codes.map((_, i) => Math.pow(i + 1, -0.5) * (0.6 + 0.8 * rng.float()));
    const rawTotal = raw.reduce((s, w) => s + w, 0);
    codes.forEach((postcode, i) => {
      used.add(postcode);
      // The main town's postcode holds one or two communes; rural postcodes group several.
      const communes = i === 0 ? rng.int(1, 2) : 1 + Math.floor(rng.float() * rng.float() * 20);
      const cities: string[] = [];
      for (let tries = 0; cities.length < communes && tries < 10 * communes; tries++) {
        const name = communeName(rng, d.style);
        if (!names.has(name)) {
          names.add(name);
          cities.push(name);
        }
      }
      const cityWeights = cities.map((_, j) => (j === 0 ? 3 : Math.pow(j + 1, -1.2) * (0.5 + rng.float())));
      list.push({ postcode, cities, cityCum: cumulative(cityWeights) });
      weights.push((residual * raw[i]!) / rawTotal);
    });
  }
  placeVocabulary = { places: list, cum: cumulative(weights) };
  return placeVocabulary;
}

// --------------------------------------------------------------------------------------------- people

interface Address {
  id: number;
  number: number;
  suffix: '' | 'bis' | 'ter';
  type: (typeof streetTypes)[number];
  street: string;
  postcode: string;
  city: string;
}

interface Household {
  id: string;
  familyName: string;
  address: Address;
  landline?: string | undefined;
  familyEmail?: string | undefined;
  size: number;
}

interface Person {
  id: string;
  household: Household;
  givenName: string;
  familyName: string;
  birthDate: { y: number; m: number; d: number };
  address: Address;
  /** Movers: where they lived before `movedAt`. */
  oldAddress?: Address | undefined;
  movedAt?: number | undefined;
  mobile?: string | undefined;
  email?: string | undefined;
  loyaltyCard?: string | undefined;
}

/** What one record really carries, for the ceiling: true values only, undefined when absent or corrupted. */
interface Evidence {
  email?: string | undefined;
  mobile?: string | undefined;
  card?: string | undefined;
  name: boolean;
  birthDate?: string | undefined;
  address?: number | undefined;
  postcode?: string | undefined;
}

interface DraftRecord {
  channel: Channel;
  observedAt: number;
  attributes: Record<string, AttributeValue>;
  evidence: Evidence;
  person: Person;
}

const DAY = 86_400_000;
const START = Date.UTC(2019, 0, 1);
const END = Date.UTC(2025, 11, 31);

class Generator {
  private readonly rng: Random;
  private personSeq = 0;
  private householdSeq = 0;
  private addressSeq = 0;
  private readonly usedEmails = new Set<string>();
  private readonly usedPhones = new Set<string>();
  private readonly usedCards = new Set<string>();
  readonly stats: GenerationStats = {
    people: 0,
    records: 0,
    households: 0,
    householdMembers: 0,
    movers: 0,
    recordsByChannel: { web: 0, pos: 0, callcenter: 0, paper: 0 },
    junkEmailRecords: 0,
    familyEmailRecords: 0,
    swappedNames: 0,
    recordsPerPerson: [0, 0, 0, 0, 0, 0],
    unreachablePairsByChannels: {},
  };
  reachablePairs = 0;
  truePairs = 0;

  constructor(seed: number) {
    this.rng = new Random(seed);
  }

  private address(): Address {
    const r = this.rng;
    const { places: list, cum } = places();
    const place = list[searchCumulative(cum, r.float() * cum[cum.length - 1]!)]!;
    const postcode = place.postcode;
    const city = place.cities[searchCumulative(place.cityCum, r.float() * place.cityCum[place.cityCum.length - 1]!)]!;
    const suffixRoll = r.float();
    return {
      id: this.addressSeq++,
      number: r.chance(0.7) ? r.int(1, 40) : r.int(41, 250),
      suffix: suffixRoll < 0.05 ? 'bis' : suffixRoll < 0.065 ? 'ter' : '',
      type: r.weighted(streetTypes, (t) => t.weight),
      street: r.pick(streetNames),
      postcode,
      city,
    };
  }

  private unique(set: Set<string>, make: () => string): string {
    for (;;) {
      const v = make();
      if (!set.has(v)) {
        set.add(v);
        return v;
      }
    }
  }

  private mobile(): string {
    // Mainland customers: 069x and 0639 are overseas ranges (Antilles, Guyane, Réunion, Mayotte);
    // 070–072 are not assigned to mobiles (07 mobiles are 073–079).
    const draw = (): string => {
      const n = `0${this.rng.chance(0.7) ? 6 : 7}${this.rng.digits(8)}`;
      return n.startsWith('069') || n.startsWith('0639') || /^07[0-2]/.test(n) ? draw() : n;
    };
    return this.unique(this.usedPhones, draw);
  }

  private landline(): string {
    return this.unique(this.usedPhones, () => `0${this.rng.pick([1, 2, 3, 4, 5, 9])}${this.rng.digits(8)}`);
  }

  private personalEmail(given: string, family: string, birthYear: number): string {
    const r = this.rng;
    const g = emailWord(given, r.chance(0.5));
    const f = emailWord(family, r.chance(0.5));
    const domain = r.weighted(emailProviders, (p) => p.weight).domain;
    const patterns = [
      () => `${g}.${f}`,
      () => `${g}${f}`,
      () => `${g[0]}${f}`,
      () => `${g}.${f}${String(birthYear).slice(2)}`,
      () => `${f}.${g}`,
      () => `${g}_${f}`,
      () => `${g}${r.int(1, 999)}`,
      () => `${g[0]}.${f}${r.int(1, 99)}`,
    ];
    const pattern = r.pick(patterns);
    return this.unique(this.usedEmails, () => {
      const local = pattern();
      return this.usedEmails.has(`${local}@${domain}`) ? `${local}${r.int(2, 9999)}@${domain}` : `${local}@${domain}`;
    });
  }

  private givenName(used: Set<string>): string {
    const { male, female } = givenNames();
    const { names, cum } = this.rng.chance(0.5) ? male : female;
    for (;;) {
      const name = names[searchCumulative(cum, this.rng.float() * cum[cum.length - 1]!)]!;
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  }

  private birthDate(minYear: number, maxYear: number, used: Set<string>): Person['birthDate'] {
    for (;;) {
      const y = this.rng.int(minYear, maxYear);
      const m = this.rng.int(1, 12);
      const d = this.rng.int(1, new Date(Date.UTC(y, m, 0)).getUTCDate());
      const key = `${y}-${m}-${d}`;
      if (!used.has(key)) {
        used.add(key);
        return { y, m, d };
      }
    }
  }

  /** One household: 1 person (most), or 2–4 relatives sharing address, landline, sometimes a family e-mail. */
  household(maxPeople: number): Person[] {
    const r = this.rng;
    const multi = maxPeople >= 2 && r.chance(0.125);
    const size = multi ? Math.min(maxPeople, r.int(2, 4)) : 1;
    const familyName = drawFamilyName(r);
    const household: Household = {
      id: `H${String(++this.householdSeq).padStart(7, '0')}`,
      familyName,
      address: this.address(),
      landline: r.chance(multi ? 0.7 : 0.3) ? this.landline() : undefined,
      familyEmail: undefined,
      size,
    };
    if (multi && r.chance(0.25)) {
      const domain = r.weighted(emailProviders, (p) => p.weight).domain;
      household.familyEmail = this.unique(this.usedEmails, () => {
        const base = `famille.${emailWord(familyName, false)}`;
        return this.usedEmails.has(`${base}@${domain}`) ? `${base}${r.int(1, 999)}@${domain}` : `${base}@${domain}`;
      });
    }
    const usedGiven = new Set<string>();
    const usedDates = new Set<string>();
    const people: Person[] = [];
    const headYear = r.int(1940, 2002);
    for (let i = 0; i < size; i++) {
      // First the head, then a partner of similar age (sometimes another family name), then children.
      const role = i === 0 ? 'head' : i === 1 && r.chance(0.7) ? 'partner' : 'child';
      const family = role === 'partner' && r.chance(0.2) ? drawFamilyName(r) : familyName;
      const birthDate =
        role === 'head'
          ? this.birthDate(headYear, headYear, usedDates)
          : role === 'partner'
            ? this.birthDate(headYear - 6, headYear + 6, usedDates)
            : this.birthDate(Math.min(headYear + 20, 2008), Math.min(headYear + 40, 2008), usedDates);
      const given = this.givenName(usedGiven);
      const person: Person = {
        id: `P${String(++this.personSeq).padStart(8, '0')}`,
        household,
        givenName: given,
        familyName: family,
        birthDate,
        address: household.address,
        mobile: r.chance(0.9) || !household.landline ? this.mobile() : undefined,
        email: r.chance(0.85) ? this.personalEmail(given, family, birthDate.y) : undefined,
        loyaltyCard: r.chance(0.5) ? this.unique(this.usedCards, () => `29${r.digits(11)}`) : undefined,
      };
      if (r.chance(0.05)) {
        person.oldAddress = this.address();
        this.stats.movers++;
      }
      people.push(person);
    }
    this.stats.households++;
    this.stats.people += size;
    if (size >= 2) this.stats.householdMembers += size;
    return people;
  }

  /** The records of one person, oldest first, with the ceiling's contribution. */
  records(person: Person): DraftRecord[] {
    const r = this.rng;
    const k = r.weighted([1, 2, 3, 4, 5], (n) => recordsPerPersonWeights[n]!);
    this.stats.recordsPerPerson[k]!++;
    const times: number[] = [];
    for (let i = 0; i < k; i++) {
      // A day in the period, during opening hours (07:00–21:00 UTC).
      const day = Math.floor(r.float() * ((END - START) / DAY));
      times.push(START + day * DAY + (7 * 60 + Math.floor(r.float() * 14 * 60)) * 60_000);
    }
    times.sort((a, b) => a - b);
    if (person.oldAddress) {
      // Moved somewhere between the first and last record (or, with one record, anywhere in the period).
      const first = times[0]!;
      const last = times[times.length - 1]!;
      person.movedAt = k === 1 ? START + r.float() * (END - START) : first + r.float() * (last - first) + 1;
    }
    const canWeb = person.email !== undefined || person.household.familyEmail !== undefined;
    const drafts: DraftRecord[] = [];
    for (const t of times) {
      const channel = r.weighted<Channel>(
        ['web', 'pos', 'callcenter', 'paper'],
        (c) => (c === 'web' ? (canWeb ? 35 : 0) : c === 'pos' ? 35 : 15),
      );
      drafts.push(this.record(person, channel, t));
    }
    // Ceiling: union-find over directly linkable record pairs of this person.
    const parent = drafts.map((_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
    for (let i = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++) {
        if (linkable(drafts[i]!.evidence, drafts[j]!.evidence)) parent[find(i)] = find(j);
      }
    }
    const sizes = new Map<number, number>();
    for (let i = 0; i < k; i++) sizes.set(find(i), (sizes.get(find(i)) ?? 0) + 1);
    for (const s of sizes.values()) this.reachablePairs += (s * (s - 1)) / 2;
    for (let i = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++) {
        if (find(i) === find(j)) continue;
        const pair = [drafts[i]!.channel, drafts[j]!.channel].sort().join('+');
        this.stats.unreachablePairsByChannels[pair] = (this.stats.unreachablePairsByChannels[pair] ?? 0) + 1;
      }
    }
    this.truePairs += (k * (k - 1)) / 2;
    this.stats.records += k;
    return drafts;
  }

  private phoneFormat(phone: string, channel: Channel): string {
    const r = this.rng;
    const pairs = phone.match(/../g)!;
    const national = phone.slice(1);
    const roll = r.float();
    if (channel === 'pos' && roll < 0.6) return phone;
    if (roll < 0.3) return pairs.join(' ');
    if (roll < 0.5) return phone;
    if (roll < 0.62) return pairs.join('.');
    if (roll < 0.7) return pairs.join('-');
    if (roll < 0.85) return `+33 ${national[0]} ${national.slice(1).match(/../g)!.join(' ')}`;
    if (roll < 0.95) return `+33${national}`;
    return `0033${national}`;
  }

  private dateFormat(d: Person['birthDate'], channel: Channel): string {
    const dd = String(d.d).padStart(2, '0');
    const mm = String(d.m).padStart(2, '0');
    const roll = this.rng.float();
    if (channel === 'web' && roll < 0.6) return `${d.y}-${mm}-${dd}`;
    if (roll < 0.75) return `${dd}/${mm}/${d.y}`;
    if (roll < 0.85) return `${dd}-${mm}-${d.y}`;
    if (roll < 0.92) return `${dd}.${mm}.${d.y}`;
    return `${d.d}/${d.m}/${d.y}`;
  }

  private addressLine(a: Address, c: Case, channel: Channel): string {
    const r = this.rng;
    const type = r.chance(channel === 'paper' ? 0.5 : 0.35) ? r.pick(a.type.abbreviations) : a.type.full;
    let street = a.street;
    if (r.chance(0.2)) street = stripAccents(street);
    if (r.chance(0.1)) street = street.replace(/^(de la|de l'|du|des|de) /, '');
    if (r.chance(0.3)) street = street.replace(/Saint-/, 'St-').replace(/Général/, 'Gal');
    let suffix = '';
    if (a.suffix !== '') suffix = r.pick([` ${a.suffix}`, a.suffix, ` ${a.suffix[0]!.toUpperCase()}`]);
    const sep = r.chance(0.12) ? ', ' : ' ';
    let line = `${a.number}${suffix}${sep}${type} ${street}`;
    if (channel === 'paper' && r.chance(0.1)) line = typo(r, line);
    return applyCase(line, c);
  }

  private nameCase(channel: Channel): Case {
    const roll = this.rng.float();
    switch (channel) {
      case 'web':
        return roll < 0.75 ? 'title' : roll < 0.95 ? 'lower' : 'upper';
      case 'pos':
        return roll < 0.6 ? 'upper' : 'title';
      case 'callcenter':
        return roll < 0.7 ? 'title' : 'upper';
      case 'paper':
        return roll < 0.5 ? 'upper' : 'title';
    }
  }

  private presentGiven(name: string, channel: Channel): string {
    const r = this.rng;
    let s = name;
    if (s.includes('-')) {
      const roll = r.float();
      if (roll < 0.15) s = s.replace('-', ' ');
      else if (roll < 0.2) s = s.split('-')[0]!;
    }
    if (r.chance(typoRate[channel])) s = typo(r, s);
    return s;
  }

  private presentFamily(name: string, channel: Channel): string {
    const r = this.rng;
    let s = name;
    const particle = /^(de la |de |du |d'|le |la )/i.exec(s);
    if (particle) {
      const roll = r.float();
      if (roll < 0.08) s = s.replace(/[\s']/g, '').replace(/^./, (c) => c.toUpperCase());
      else if (roll < 0.16) s = s.slice(particle[0].length);
      else if (roll < 0.22) s = s.replace(/^(de la |de |du |d')/, (p) => p[0]!.toUpperCase() + p.slice(1));
    }
    if (s.includes('-') && r.chance(0.1)) s = s.replace('-', ' ');
    if (r.chance(typoRate[channel])) s = typo(r, s);
    return s;
  }

  private record(person: Person, channel: Channel, t: number): DraftRecord {
    const r = this.rng;
    const h = person.household;
    const address = person.oldAddress && person.movedAt !== undefined && t < person.movedAt ? person.oldAddress : person.address;
    const attributes: Record<string, AttributeValue> = {};
    const evidence: Evidence = { name: false };
    const c = this.nameCase(channel);
    const accents = r.chance(accentLoss[channel]);

    // Names.
    const withName = channel === 'web' ? r.chance(0.95) : channel === 'pos' ? r.chance(0.97) : true;
    if (withName) {
      let given = this.presentGiven(person.givenName, channel);
      let family = this.presentFamily(person.familyName, channel);
      if (accents) {
        given = stripAccents(given);
        family = stripAccents(family);
      }
      given = applyCase(given, c);
      family = applyCase(family, c);
      const missingGiven = channel === 'pos' && r.chance(0.03);
      if (r.chance(0.02)) {
        [given, family] = [family, given];
        this.stats.swappedNames++;
      }
      if (!missingGiven) attributes['firstName'] = given;
      attributes['lastName'] = family;
      evidence.name = !missingGiven;
    }

    const phone = (preferMobile: number): void => {
      const useMobile = person.mobile !== undefined && (h.landline === undefined || r.chance(preferMobile));
      const number = useMobile ? person.mobile : h.landline;
      if (number === undefined) return;
      attributes['phone'] = this.phoneFormat(number, channel);
      if (useMobile) evidence.mobile = number;
    };
    const email = (): void => {
      if (r.chance(channel === 'web' ? 0.015 : 0.2)) {
        attributes['email'] = applyCase(r.pick(junkEmails), r.chance(0.2) ? 'upper' : 'lower');
        this.stats.junkEmailRecords++;
        return;
      }
      const useFamily = h.familyEmail !== undefined && (person.email === undefined || r.chance(0.4));
      const value = useFamily ? h.familyEmail : person.email;
      if (value === undefined) return;
      if (useFamily) this.stats.familyEmailRecords++;
      const typoed = r.chance(0.01);
      let shown = typoed ? typo(r, value) : value;
      if (r.chance(0.05)) shown = shown.toUpperCase();
      if (r.chance(0.03)) shown = ` ${shown} `;
      attributes['email'] = shown;
      if (!useFamily && !typoed) evidence.email = value;
    };
    const postal = (withStreet: boolean): void => {
      if (withStreet) {
        attributes['address'] = this.addressLine(address, c === 'lower' ? 'title' : c, channel);
        evidence.address = address.id;
      }
      const pcTypo = r.chance(0.01);
      attributes['postcode'] = pcTypo ? postcodeTypo(r, address.postcode) : address.postcode;
      if (!pcTypo) evidence.postcode = address.postcode;
      if (withStreet || r.chance(0.5)) {
        let city = address.city;
        if (accents || r.chance(0.2)) city = stripAccents(city);
        if (r.chance(0.1)) city = city.replace(/-/g, ' ');
        attributes['city'] = applyCase(city, c === 'lower' ? 'title' : c);
      }
    };
    const birth = (): void => {
      const bd = person.birthDate;
      if (channel === 'paper' && r.chance(0.02)) {
        // Misread digit: the date no longer says the truth.
        attributes['birthDate'] = this.dateFormat({ ...bd, d: bd.d <= 9 ? bd.d + 10 : bd.d - 10 }, channel);
        return;
      }
      attributes['birthDate'] = this.dateFormat(bd, channel);
      evidence.birthDate = `${bd.y}-${bd.m}-${bd.d}`;
    };

    switch (channel) {
      case 'web':
        email();
        if (r.chance(0.85)) phone(0.9);
        // Delivery address of online orders; the loyalty card when the account is linked to it.
        if (r.chance(0.7)) postal(true);
        if (r.chance(0.35)) birth();
        if (person.loyaltyCard !== undefined && r.chance(0.3)) {
          attributes['loyaltyCard'] = person.loyaltyCard;
          evidence.card = person.loyaltyCard;
        }
        break;
      case 'pos': {
        const card = person.loyaltyCard !== undefined && r.chance(0.7);
        if (card) {
          attributes['loyaltyCard'] = person.loyaltyCard;
          evidence.card = person.loyaltyCard;
        }
        if (!card || r.chance(0.75)) phone(0.85);
        if (r.chance(0.92)) postal(false);
        if (r.chance(0.1)) email();
        break;
      }
      case 'callcenter':
        phone(0.75);
        // Agents ask for the postcode (often the full address) to find the customer, sometimes the e-mail.
        if (r.chance(0.85)) postal(r.chance(0.5));
        if (r.chance(0.4)) email();
        if (r.chance(0.15)) birth();
        break;
      case 'paper':
        postal(true);
        if (r.chance(0.85)) birth();
        if (r.chance(0.4)) phone(0.6);
        if (r.chance(0.2)) email();
        break;
    }
    this.stats.recordsByChannel[channel]++;
    return { channel, observedAt: t, attributes, evidence, person };
  }
}

const typoRate: Record<Channel, number> = { web: 0.03, pos: 0.05, callcenter: 0.08, paper: 0.15 };
const accentLoss: Record<Channel, number> = { web: 0.15, pos: 0.6, callcenter: 0.3, paper: 0.2 };

function postcodeTypo(rng: Random, postcode: string): string {
  const i = rng.int(2, postcode.length - 1);
  const d = (Number(postcode[i]) + rng.int(1, 9)) % 10;
  return postcode.slice(0, i) + String(d) + postcode.slice(i + 1);
}

/**
 * Two records of the same person are directly linkable when they share a strong identifier (the
 * person's own e-mail, uncorrupted; their mobile; their loyalty card), or both carry given and family
 * name (corruption ignored) and also share the birth date, the street address or the postcode.
 */
function linkable(a: Evidence, b: Evidence): boolean {
  if (a.email !== undefined && a.email === b.email) return true;
  if (a.mobile !== undefined && a.mobile === b.mobile) return true;
  if (a.card !== undefined && a.card === b.card) return true;
  if (!a.name || !b.name) return false;
  return (
    (a.birthDate !== undefined && a.birthDate === b.birthDate) ||
    (a.address !== undefined && a.address === b.address) ||
    (a.postcode !== undefined && a.postcode === b.postcode)
  );
}

function isoMinute(ms: number): string {
  return new Date(ms).toISOString().replace(/:\d\d\.\d{3}Z$/, ':00Z');
}

/**
 * Generates `people` French retail customers with 1–5 records each across channels, ~30% of them in
 * households of 2–4 relatives. Records come out shuffled (deterministically), keyed like each
 * channel's system would key them.
 *
 * **Ceiling**: within each person, records are joined when {@link linkable}; reachable pairs are the
 * pairs inside the connected components of that graph; `recall = reachablePairs / truePairs` is the
 * best recall any matcher can reach from what the records share.
 */
export function generateCustomers(options: GenerateOptions): GeneratedCustomers {
  const seed = options.seed ?? 42;
  const gen = new Generator(seed);
  const drafts: DraftRecord[] = [];
  let remaining = options.people;
  while (remaining > 0) {
    const people = gen.household(remaining);
    remaining -= people.length;
    for (const p of people) for (const d of gen.records(p)) drafts.push(d);
  }
  // Deterministic shuffle so record order says nothing about identity, then per-channel keys.
  const shuffle = new Random(seed ^ 0x5bd1e995);
  for (let i = drafts.length - 1; i > 0; i--) {
    const j = Math.floor(shuffle.float() * (i + 1));
    const tmp = drafts[i]!;
    drafts[i] = drafts[j]!;
    drafts[j] = tmp;
  }
  const seq: Record<Channel, number> = { web: 0, pos: 0, callcenter: 0, paper: 0 };
  const tickets = new Map<number, number>();
  const records: SourceRecord[] = new Array<SourceRecord>(drafts.length);
  const truth: string[] = new Array<string>(drafts.length);
  const households: string[] = new Array<string>(drafts.length);
  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i]!;
    const n = ++seq[d.channel];
    let key: string;
    switch (d.channel) {
      case 'web':
        key = `W-${String(n).padStart(7, '0')}`;
        break;
      case 'pos': {
        const store = shuffle.int(1, 120);
        const ticket = (tickets.get(store) ?? 0) + 1;
        tickets.set(store, ticket);
        key = `T${String(store).padStart(3, '0')}-${String(ticket).padStart(6, '0')}`;
        break;
      }
      case 'callcenter':
        key = `CC-${String(n).padStart(8, '0')}`;
        break;
      case 'paper':
        key = `F-${new Date(d.observedAt).getUTCFullYear()}-${String(n).padStart(6, '0')}`;
        break;
    }
    records[i] = { source: d.channel, key, observedAt: isoMinute(d.observedAt), attributes: d.attributes };
    truth[i] = d.person.id;
    households[i] = d.person.household.id;
  }
  return {
    records,
    truth,
    households,
    ceiling: {
      recall: gen.truePairs === 0 ? 1 : gen.reachablePairs / gen.truePairs,
      reachablePairs: gen.reachablePairs,
      truePairs: gen.truePairs,
    },
    stats: gen.stats,
  };
}
