/**
 * Referential fuzz: a randomized differential check of the referential's core guarantee, that its
 * state depends on the records it holds and not on the history that brought them.
 *
 * Each run generates a seeded world (people, households, source records) and a sequence of steps:
 * `ingest` of one record or `ingestMany` of 2–8, new records and new versions of known ones (names,
 * contact values, addresses change; a record may come to describe someone else; a batch may hold
 * several versions of one record, or identical copies). The sequence is fed to a referential on a
 * memory store (odd seeds send single records with `ingest`, even seeds with `ingestMany`), and its
 * state at the end must be:
 *
 *  (a) the partition of `dedupe` of the final version of every record, with the same configuration;
 *  (b) the same profile ids, golden records and pending reviews as a fresh referential fed only the
 *      final versions, in a shuffled order, some one by one (`ingest`), some in `ingestMany` chunks;
 *  (c) the same again after reopening the store (a new `createReferential` on it).
 *
 * Every referential uses the model `trainModel` fits on the final records (`dedupe` fits the same).
 * A failing run is shrunk (steps, records of batches, every version of a record and attributes are
 * dropped while the same check still fails) and the minimal sequence is printed.
 *
 * Scenarios, each stressing one mechanism (`mixed` draws on all of them):
 *  - `contact`: a placeholder e-mail and/or phone (`test@test.com`) whose holders cross the
 *    shared-contact limit (30 records) upwards and back while records are updated;
 *  - `nameblock`: few, similar names (Jean/Jeanne/Jehan Martin/Martins/Marten), two cities and four
 *    birth dates, many records with a name only: large, windowed name blocks;
 *  - `household`: relatives sharing a landline, a family e-mail, an address and a family name;
 *  - `undated`: most records without `observedAt`;
 *  - `batchdup`: mostly `ingestMany`, often with several versions of one record in the batch.
 *
 *   npx tsx bench/referential-fuzz.ts [--scenario all|contact|nameblock|household|undated|batchdup|mixed]
 *        [--runs 100] [--seed 1] [--replay <seed>] [--no-shrink] [--json out.json]
 *
 * Run k (from 0) of a scenario uses seed `--seed` + k; the same seed gives the same world and order.
 * `--replay <seed>` runs only that seed (with `--scenario`, one run), printing and shrinking it when it
 * fails; `--no-shrink` prints failures without shrinking them. `--scenario` also takes a
 * comma-separated list. The library is `src/index.ts`, through tsx.
 * Exits 1 when a run fails (it is a checker), 2 on bad arguments, 0 otherwise.
 * @module
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  createReferential,
  dedupe,
  memoryStore,
  normalizePhone,
  trainModel,
  type IdentityConfigInput,
  type Referential,
  type ReferentialStore,
  type SourceRecord,
  type TrainedModel,
} from '../src/index.js';
import { report } from './report.js';
import { mulberry32 } from './synthetic.js';

export type Scenario = 'contact' | 'nameblock' | 'household' | 'undated' | 'batchdup' | 'mixed';
export const SCENARIOS: readonly Scenario[] = ['contact', 'nameblock', 'household', 'undated', 'batchdup', 'mixed'];

/** One step of the sequence: one record is sent with `ingest` (or `ingestMany`, see {@link checkWorld}), several with `ingestMany`. */
export type Step = SourceRecord[];

/** What a world's sequence holds, for the totals. */
export interface WorldStats {
  /** Records introduced. */
  records: number;
  /** Updates planned (new versions of known records); a batch in progress may add a few. */
  updates: number;
  steps: number;
  /** Steps of several records (`ingestMany`). */
  batches: number;
  /** Batches holding several versions of one record. */
  multiVersionBatches: number;
  /** Records without `observedAt`. */
  undated: number;
  /** Times the placeholder's holders went above the shared-contact limit, and back to it or under. */
  crossedAbove: number;
  crossedBack: number;
  /** Most records holding the placeholder at once. */
  maxHolders: number;
}

/** A generated world: its configuration and sequence of steps. */
export interface World {
  scenario: Scenario;
  seed: number;
  config: IdentityConfigInput;
  steps: Step[];
  stats: WorldStats;
}

// ── Generation ──────────────────────────────────────────────────────────────────────────────

const FIRST = ['Jean', 'Marie', 'Paul', 'Luc', 'Anne', 'Sophie', 'Pierre', 'Julie', 'Karim', 'Nadia', 'Hugo', 'Léa', 'Thomas', 'Camille', 'Louis', 'Emma'];
const LAST = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'Roux'];
/** Names close enough to share phonetic blocks (and match as typos or variants). */
const COMMON_FIRST = ['Jean', 'Jeanne', 'Jehan'];
const COMMON_LAST = ['Martin', 'Martins', 'Marten'];
const CITIES: readonly (readonly [string, string])[] = [
  ['75011', 'Paris'],
  ['69003', 'Lyon'],
  ['13001', 'Marseille'],
  ['31000', 'Toulouse'],
  ['33000', 'Bordeaux'],
  ['44000', 'Nantes'],
];
const STREETS = ['rue de la Paix', 'avenue Victor Hugo', 'boulevard Voltaire', 'place Bellecour', 'allée des Roses', 'rue Pasteur'];
const SOURCES = ['web', 'pos', 'cc', 'app'];
const OPTIONAL_FIELDS = ['lastName', 'birthDate', 'postcode', 'city', 'address'] as const;
const PLACEHOLDER_EMAIL = 'test@test.com';
const PLACEHOLDER_PHONE = '01 23 45 67 89';
/**
 * The engine's shared-contact limit (`SHARED_GROUP_LIMIT` in src/identity/scoring.ts): an e-mail or
 * phone held by more records than this proposes no pair. The placeholder groups aim at it.
 */
const SHARED_CONTACT_LIMIT = 30;

type Field = (typeof OPTIONAL_FIELDS)[number];
type PlaceholderKind = 'email' | 'phone' | 'both' | 'none';

interface Person {
  first: string;
  last: string;
  birth: string;
  email: string;
  mobile: string;
  address: string;
  postcode: string;
  city: string;
  /** Index of the person's household, or -1. */
  household: number;
}

interface Household {
  landline: string;
  familyEmail: string;
  address: string;
  postcode: string;
  city: string;
}

/** A source record's current state, rendered into a {@link SourceRecord} at each version. */
interface RecordState {
  person: number;
  source: string;
  key: string;
  /** Set once, at the first version: see {@link WorldBuilder.newRecord}. */
  observedAt?: string;
  fields: Set<Field>;
  email: 'own' | 'placeholder' | 'family' | 'none';
  phone: 'own' | 'placeholder' | 'landline' | 'none';
  /** The person's name, a common one, or a relative's given name (same contact values). */
  name: 'own' | 'common' | 'sibling';
  commonName: [string, string];
  sibling: string;
  slip: 'none' | 'upper' | 'typo';
}

/** Draws from one seeded PRNG. */
class Dice {
  constructor(private readonly next: () => number) {}
  float(): number {
    return this.next();
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const fold = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/**
 * Builds one world. Every draw comes from one PRNG in a fixed order, so a seed always gives the same
 * world: keep the order of the draws when changing the generator, or old seeds replay differently.
 */
class WorldBuilder {
  private readonly dice: Dice;
  private readonly records: number;
  private readonly config: IdentityConfigInput;
  private readonly placeholder: PlaceholderKind;
  /** Every placeholder holder is a "Jean": see the constructor. */
  private readonly uniform: boolean;
  private readonly people: number;
  private readonly households: Household[] = [];
  private readonly persons: Person[] = [];
  private readonly undatedRate: number;
  private readonly days: string[];
  private readonly states: RecordState[] = [];
  /** Records another record's update changed: emitted soon, ahead of new ones. */
  private readonly pending = new Set<RecordState>();

  constructor(
    private readonly scenario: Scenario,
    private readonly seed: number,
  ) {
    const d = (this.dice = new Dice(mulberry32(seed * 7919 + SCENARIOS.indexOf(scenario))));
    // The contact scenario needs enough records for its placeholder group to pass 30 holders.
    this.records = scenario === 'contact' ? d.int(45, 150) : d.int(20, 150);
    // Worlds of at most 150 records never fill a block of the default 200: tiny blocks (4–8) make
    // name and place blocks oversized, so they are compared through a sorted window (2–3), and
    // records entering or leaving a windowed block change which pairs are proposed.
    const small = scenario === 'nameblock' || d.chance(0.6);
    this.config = small ? { blocking: { maxBlockSize: d.int(4, 8), window: d.int(2, 3) } } : {};
    this.placeholder =
      scenario === 'contact'
        ? d.pick(['email', 'phone', 'both'] as const)
        : scenario === 'mixed'
          ? d.pick(['email', 'phone', 'both', 'none'] as const)
          : 'none';
    // A contact value held by people of different given names weighs nothing anyway (a household's);
    // when every holder is "Jean", the value is shared only by its count of holders (> 30).
    this.uniform = this.placeholder !== 'none' && d.chance(0.5);
    this.people = Math.max(6, Math.round(this.records / (1.6 + d.float() * 1.4)));
    this.makeHouseholds(this.is('household') ? Math.max(2, Math.round(this.people / 4)) : d.int(0, 3));
    this.makePersons();
    this.undatedRate = scenario === 'undated' ? 0.6 : scenario === 'mixed' ? 0.3 : 0.15;
    this.days = Array.from({ length: d.int(2, 6) }, (_, k) => `2026-01-${String(k + 1).padStart(2, '0')}T10:00:00Z`);
  }

  private is(s: Scenario): boolean {
    return this.scenario === s || this.scenario === 'mixed';
  }

  // ── People ──

  private mobile(): string {
    for (;;) {
      const d = this.dice;
      const p = `06 ${d.int(10, 99)} ${d.int(10, 99)} ${d.int(10, 99)} ${d.int(10, 99)}`;
      if (normalizePhone(p).value) return p;
    }
  }

  private landline(): string {
    for (;;) {
      const d = this.dice;
      const p = `0${d.int(1, 5)} ${d.int(10, 99)} ${d.int(10, 99)} ${d.int(10, 99)} ${d.int(10, 99)}`;
      if (normalizePhone(p).value) return p;
    }
  }

  private date(): string {
    const d = this.dice;
    return `${d.int(1950, 2005)}-${String(d.int(1, 12)).padStart(2, '0')}-${String(d.int(1, 28)).padStart(2, '0')}`;
  }

  private street(): string {
    return `${this.dice.int(1, 80)} ${this.dice.pick(STREETS)}`;
  }

  private makeHouseholds(count: number): void {
    const d = this.dice;
    for (let h = 0; h < count; h++) {
      const [postcode, city] = d.pick(CITIES);
      const landline = this.landline();
      const familyEmail = `famille${h}.${fold(d.pick(LAST))}@orange.fr`;
      this.households.push({ landline, familyEmail, address: this.street(), postcode, city });
    }
  }

  private makePersons(): void {
    const d = this.dice;
    // The name-block scenario packs people into two cities and four birth dates, so names collide
    // with the same places and dates: the blocks that combine them grow past maxBlockSize too.
    const cityPool = this.is('nameblock') ? CITIES.slice(0, 2) : CITIES;
    const datePool = Array.from({ length: this.is('nameblock') ? 4 : 200 }, () => this.date());
    for (let p = 0; p < this.people; p++) {
      let first = d.pick(FIRST);
      let last = d.pick(LAST);
      if (this.is('nameblock') && d.chance(0.45)) {
        first = d.pick(COMMON_FIRST);
        last = d.pick(COMMON_LAST);
      }
      if (this.uniform && d.chance(0.55)) first = 'Jean';
      const household = this.households.length > 0 && d.chance(this.is('household') ? 0.6 : 0.15) ? d.int(0, this.households.length - 1) : -1;
      const [postcode, city] = d.pick(cityPool);
      const home = household >= 0 ? this.households[household]! : null;
      if (home && d.chance(0.5)) {
        // A household keeps one family name, mostly; different given names (and a namesake now and then).
        const mate = this.persons.find((q) => q.household === household);
        if (mate) {
          last = mate.last;
          if (d.chance(0.2)) first = mate.first;
        }
      }
      const birth = d.pick(datePool);
      const mobile = this.mobile();
      this.persons.push({
        first,
        last,
        birth,
        email: `${fold(first)}.${fold(last)}${p}@gmail.com`,
        mobile,
        address: home?.address ?? this.street(),
        postcode: home?.postcode ?? postcode,
        city: home?.city ?? city,
        household,
      });
    }
  }

  // ── Placeholder group ──

  /** Whether a person may hold the placeholder (every person, or only the "Jean"s when uniform). */
  private inGroup(person: number): boolean {
    return !this.uniform || this.persons[person]!.first === 'Jean';
  }

  /** Chance that a new record of the group holds the placeholder: about 30 holders in all. */
  private placeholderChance(): number {
    return Math.min(0.95, SHARED_CONTACT_LIMIT / Math.max(1, this.records * (this.uniform ? 0.55 : 1)));
  }

  private holders(attr: 'email' | 'phone'): number {
    return this.states.filter((x) => x[attr] === 'placeholder').length;
  }

  // ── Records ──

  /**
   * A new record, of a random person or (40%) of the person of a known record. Its `observedAt`
   * (or its lack of one) is drawn here and kept by every later version: the referential anchors a
   * record at its first version's time, and the fresh referential of check (b) sees only the final
   * version, so a version observed at another time would change the profile ids legitimately.
   */
  private newRecord(k: number): RecordState {
    const d = this.dice;
    const person = d.chance(0.6) || this.states.length === 0 ? d.int(0, this.people - 1) : d.pick(this.states).person;
    const fields = new Set<Field>();
    if (d.chance(0.85)) fields.add('lastName');
    if (d.chance(0.4)) fields.add('birthDate');
    if (d.chance(0.5)) fields.add('postcode');
    if (d.chance(0.35)) fields.add('city');
    if (d.chance(0.25)) fields.add('address');
    // Names only, mostly: only name blocks propose this record's pairs.
    const sparse = d.chance(this.is('nameblock') ? 0.4 : 0.15);
    if (sparse) {
      fields.clear();
      fields.add('lastName');
      if (d.chance(0.3)) fields.add(d.pick(['city', 'birthDate'] as const));
    }
    const inHousehold = this.persons[person]!.household >= 0;
    let email: RecordState['email'] = d.chance(sparse ? 0.2 : 0.55) ? 'own' : 'none';
    let phone: RecordState['phone'] = d.chance(0.5) ? 'own' : 'none';
    if (inHousehold && d.chance(0.4)) email = 'family';
    if (inHousehold && d.chance(0.45)) phone = 'landline';
    const ph = this.placeholder;
    if (this.inGroup(person) && (ph === 'email' || ph === 'both') && d.chance(this.placeholderChance())) email = 'placeholder';
    if (this.inGroup(person) && (ph === 'phone' || ph === 'both') && d.chance(this.placeholderChance())) phone = 'placeholder';
    const state: RecordState = {
      person,
      source: d.pick(SOURCES),
      key: `K${k}`,
      fields,
      email,
      phone,
      name: 'own',
      commonName: [d.pick(COMMON_FIRST), d.pick(COMMON_LAST)],
      sibling: d.pick(FIRST),
      slip: d.chance(0.15) ? (d.int(1, 2) === 1 ? 'upper' : 'typo') : 'none',
    };
    if (!d.chance(this.undatedRate)) state.observedAt = d.pick(this.days);
    return state;
  }

  /** The record's current version. */
  private render(s: RecordState): SourceRecord {
    const p = this.persons[s.person]!;
    const home = p.household >= 0 ? this.households[p.household]! : null;
    let first = s.name === 'common' ? s.commonName[0] : s.name === 'sibling' ? s.sibling : p.first;
    let last = s.name === 'common' ? s.commonName[1] : p.last;
    if (s.slip === 'upper') first = first.toUpperCase();
    if (s.slip === 'typo' && last.length > 4) last = last.slice(0, 2) + last.charAt(3) + last.charAt(2) + last.slice(4);
    const a: Record<string, string> = { firstName: first };
    if (s.fields.has('lastName')) a.lastName = last;
    if (s.fields.has('birthDate')) a.birthDate = p.birth;
    if (s.fields.has('postcode')) a.postcode = p.postcode;
    if (s.fields.has('city')) a.city = p.city;
    if (s.fields.has('address')) a.address = p.address;
    if (s.email === 'own') a.email = p.email;
    else if (s.email === 'placeholder') a.email = PLACEHOLDER_EMAIL;
    else if (s.email === 'family' && home) a.email = home.familyEmail;
    if (s.phone === 'own') a.phone = p.mobile;
    else if (s.phone === 'placeholder') a.phone = PLACEHOLDER_PHONE;
    else if (s.phone === 'landline' && home) a.phone = home.landline;
    const record: SourceRecord = { source: s.source, key: s.key, attributes: a };
    if (s.observedAt !== undefined) record.observedAt = s.observedAt;
    return record;
  }

  // ── Updates ──

  /** Changes a record 1–3 times, favouring the scenario's mechanism. */
  private update(s: RecordState): void {
    const d = this.dice;
    const n = d.int(1, 3);
    for (let k = 0; k < n; k++) {
      const u = d.float();
      if (this.placeholder !== 'none' && u < (this.scenario === 'contact' ? 0.7 : 0.3)) this.movePlaceholder(s);
      else if (this.is('nameblock') && u < 0.6) this.toggleCommonName(s);
      else if (this.is('household') && u < 0.65 && this.persons[s.person]!.household >= 0) this.changeHouseholdContact(s);
      else this.changeAnything(s);
    }
  }

  /**
   * Moves a record into or out of the placeholder group: this one, or another one (then emitted
   * soon, see `pending`). Biased towards 30 holders, so the group crosses the limit both ways.
   */
  private movePlaceholder(s: RecordState): void {
    const d = this.dice;
    const ph = this.placeholder;
    if (ph === 'none') return;
    const attr = ph === 'both' ? d.pick(['email', 'phone'] as const) : ph;
    const holders = this.holders(attr);
    const limit = SHARED_CONTACT_LIMIT;
    const wantIn = holders < limit ? d.chance(0.7) : holders > limit ? d.chance(0.3) : d.chance(0.5);
    if (wantIn && this.inGroup(s.person)) s[attr] = 'placeholder';
    else if (!wantIn && s[attr] === 'placeholder') s[attr] = d.pick(['own', 'none'] as const);
    else if (wantIn) this.moveOther(this.states.filter((x) => this.inGroup(x.person) && x[attr] !== 'placeholder'), attr, 'placeholder');
    else this.moveOther(this.states.filter((x) => x[attr] === 'placeholder'), attr, 'own');
  }

  private moveOther(candidates: RecordState[], attr: 'email' | 'phone', value: 'placeholder' | 'own'): void {
    if (candidates.length === 0) return;
    const other = this.dice.pick(candidates);
    other[attr] = value;
    this.pending.add(other);
  }

  private toggleCommonName(s: RecordState): void {
    const d = this.dice;
    s.name = s.name === 'common' ? 'own' : 'common';
    if (d.chance(0.3)) s.commonName = [d.pick(COMMON_FIRST), d.pick(COMMON_LAST)];
  }

  private changeHouseholdContact(s: RecordState): void {
    const d = this.dice;
    const v = d.float();
    if (v < 0.35) s.email = s.email === 'family' ? d.pick(['own', 'none'] as const) : 'family';
    else if (v < 0.7) s.phone = s.phone === 'landline' ? d.pick(['own', 'none'] as const) : 'landline';
    else s.name = s.name === 'sibling' ? 'own' : 'sibling'; // another given name, same contact values
  }

  private changeAnything(s: RecordState): void {
    const d = this.dice;
    const v = d.float();
    if (v < 0.45) {
      const f = d.pick(OPTIONAL_FIELDS);
      if (s.fields.has(f)) s.fields.delete(f);
      else s.fields.add(f);
    } else if (v < 0.6) s.email = d.pick(['own', 'none', 'family'] as const);
    else if (v < 0.75) s.phone = d.pick(['own', 'none', 'landline'] as const);
    else if (v < 0.85) s.slip = s.slip !== 'none' ? 'none' : d.int(1, 2) === 1 ? 'upper' : 'typo';
    else if (v < 0.92) s.name = d.pick(['own', 'common', 'sibling'] as const);
    else s.person = d.int(0, this.people - 1); // the record now describes someone else
  }

  // ── Sequence ──

  /** Generates the steps until every record is introduced, the updates are done and none is pending. */
  build(): World {
    const d = this.dice;
    const updatesPlanned = Math.round(this.records * (0.5 + d.float() * 1.2));
    const batchRate = this.scenario === 'batchdup' ? 0.7 : 0.3;
    const steps: Step[] = [];
    const progress = { introduced: 0, updates: 0, planned: updatesPlanned };
    const stats: WorldStats = { records: this.records, updates: updatesPlanned, steps: 0, batches: 0, multiVersionBatches: 0, undated: 0, crossedAbove: 0, crossedBack: 0, maxHolders: 0 };
    let lastHolders = 0;
    while (progress.introduced < this.records || progress.updates < updatesPlanned || this.pending.size > 0) {
      const step = this.nextStep(d.chance(batchRate) ? d.int(2, 8) : 1, progress);
      if (step.length > 0) steps.push(step);
      const holders = Math.max(this.holders('email'), this.holders('phone'));
      if (lastHolders <= SHARED_CONTACT_LIMIT && holders > SHARED_CONTACT_LIMIT) stats.crossedAbove++;
      if (lastHolders > SHARED_CONTACT_LIMIT && holders <= SHARED_CONTACT_LIMIT) stats.crossedBack++;
      stats.maxHolders = Math.max(stats.maxHolders, holders);
      lastHolders = holders;
    }
    stats.steps = steps.length;
    stats.batches = steps.filter((s) => s.length > 1).length;
    stats.multiVersionBatches = steps.filter((s) => new Set(s.map(refOf)).size < s.length).length;
    stats.undated = this.states.filter((s) => s.observedAt === undefined).length;
    return { scenario: this.scenario, seed: this.seed, config: this.config, steps, stats };
  }

  /** One step of up to `size` records: pending ones first (mostly), then new records and updates. */
  private nextStep(size: number, progress: { introduced: number; updates: number; planned: number }): Step {
    const d = this.dice;
    const step: Step = [];
    const inStep: RecordState[] = [];
    const emit = (s: RecordState) => {
      step.push(this.render(s));
      inStep.push(s);
    };
    for (let k = 0; k < size; k++) {
      if (this.pending.size > 0 && d.chance(0.7)) {
        const s = this.pending.values().next().value!;
        this.pending.delete(s);
        emit(s);
        continue;
      }
      if (progress.introduced < this.records && (this.states.length === 0 || progress.updates >= progress.planned || d.chance(0.55))) {
        const s = this.newRecord(progress.introduced++);
        this.states.push(s);
        emit(s);
        continue;
      }
      if (this.states.length === 0) continue;
      // Several versions of one record in one batch: the batch must end as if sent one by one.
      const again = inStep.length > 0 && d.chance(this.scenario === 'batchdup' ? 0.5 : 0.15);
      const s = again ? d.pick(inStep) : d.pick(this.states);
      if (again && d.chance(0.2)) {
        step.push(this.render(s)); // an identical copy in the same batch
        continue;
      }
      this.update(s);
      progress.updates++;
      emit(s);
    }
    return step;
  }
}

/** The world of a scenario and seed. */
export function generateWorld(scenario: Scenario, seed: number): World {
  return new WorldBuilder(scenario, seed).build();
}

// ── Checking ────────────────────────────────────────────────────────────────────────────────

const clock = (): Date => new Date('2026-06-01T00:00:00Z');
const refOf = (x: { source: string; key: string }): string => `${x.source}/${x.key}`;

/** The last version of every record of the sequence. */
export function finalRecords(steps: readonly Step[]): SourceRecord[] {
  const last = new Map<string, SourceRecord>();
  for (const step of steps) for (const record of step) last.set(refOf(record), record);
  return [...last.values()];
}

/** What is compared of a referential: each record's profile id, each profile's golden record, the reviews. */
interface View {
  ids: Map<string, string>;
  golden: Map<string, string>;
  reviews: string[];
  partition: string;
}

async function viewOf(referential: Referential, records: readonly SourceRecord[]): Promise<View> {
  const ids = new Map<string, string>();
  const golden = new Map<string, string>();
  for (const record of [...records].sort((a, b) => (refOf(a) < refOf(b) ? -1 : 1))) {
    const ref = refOf(record);
    const profile = await referential.lookup(record.source, record.key);
    if (profile === null) throw new Error(`lookup(${ref}) found no profile`);
    ids.set(ref, profile.id);
    if (!golden.has(profile.id)) golden.set(profile.id, JSON.stringify(profile.golden));
  }
  const reviews = referential
    .reviews()
    .map((x) => JSON.stringify([x.id, refOf(x.left), refOf(x.right), x.leftProfileId, x.rightProfileId, x.weight]))
    .sort();
  return { ids, golden, reviews, partition: partitionOf(ids) };
}

/** Each record's group (its profile's records, sorted and joined). */
function groupsOf(ids: ReadonlyMap<string, string>): Map<string, string> {
  const members = new Map<string, string[]>();
  for (const [ref, id] of ids) {
    const g = members.get(id);
    if (g) g.push(ref);
    else members.set(id, [ref]);
  }
  const out = new Map<string, string>();
  for (const g of members.values()) {
    const group = g.sort().join(' ');
    for (const ref of g) out.set(ref, group);
  }
  return out;
}

/** The partition, whatever the profile ids: comparable as a string. */
function partitionOf(ids: ReadonlyMap<string, string>): string {
  return JSON.stringify([...new Set(groupsOf(ids).values())].sort());
}

/** Up to four groups that differ between two partitions. */
function partitionDiff(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): string {
  const ga = groupsOf(a);
  const gb = groupsOf(b);
  const out = new Set<string>();
  for (const [ref, group] of ga) if (gb.get(ref) !== group) out.add(`{${group}} vs {${gb.get(ref)}}`);
  return [...out].slice(0, 4).join('; ');
}

/** What differs between the incremental view `a` and another one, as problems labelled `what`. */
function viewDiff(what: string, a: View, b: View): string[] {
  const out: string[] = [];
  if (a.partition !== b.partition) out.push(`${what}: partition differs: ${partitionDiff(a.ids, b.ids)}`);
  else {
    const ids = [...a.ids.keys()].filter((k) => a.ids.get(k) !== b.ids.get(k));
    if (ids.length > 0) out.push(`${what}: profile ids differ for ${ids.slice(0, 4).map((k) => `${k} ${a.ids.get(k)}/${b.ids.get(k)}`).join(', ')}`);
    const golden = [...a.golden.keys()].filter((k) => a.golden.get(k) !== b.golden.get(k));
    if (golden.length > 0 && ids.length === 0) out.push(`${what}: golden differs for ${golden.slice(0, 3).join(', ')}`);
  }
  const inA = new Set(a.reviews);
  const inB = new Set(b.reviews);
  const onlyA = a.reviews.filter((x) => !inB.has(x));
  const onlyB = b.reviews.filter((x) => !inA.has(x));
  if (onlyA.length > 0 || onlyB.length > 0)
    out.push(`${what}: reviews differ: only in incremental ${onlyA.slice(0, 3).join(' ')} | only in other ${onlyB.slice(0, 3).join(' ')}`);
  return out;
}

/** Feeds the sequence as generated; single records go through `ingest` for odd seeds, `ingestMany` for even ones. */
async function ingestSequence(referential: Referential, steps: readonly Step[], orderSeed: number): Promise<void> {
  for (const step of steps) {
    if (step.length === 1 && orderSeed % 2 === 1) await referential.ingest(step[0]!);
    else await referential.ingestMany(step);
  }
}

/** Feeds the records shuffled, half the time one by one (`ingest`), else in `ingestMany` chunks of 1–6. */
async function ingestShuffled(referential: Referential, records: readonly SourceRecord[], orderSeed: number): Promise<void> {
  const random = mulberry32(orderSeed * 31 + 7);
  const shuffled = [...records];
  for (let k = shuffled.length - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    [shuffled[k], shuffled[j]] = [shuffled[j]!, shuffled[k]!];
  }
  for (let k = 0; k < shuffled.length; ) {
    const n = random() < 0.5 ? 1 : 1 + Math.floor(random() * 6);
    const chunk = shuffled.slice(k, k + n);
    if (chunk.length === 1) await referential.ingest(chunk[0]!);
    else await referential.ingestMany(chunk);
    k += n;
  }
}

/** Check (a): the incremental partition is the partition of `dedupe` of the final records. */
function dedupeDiff(incremental: View, final: readonly SourceRecord[], config: IdentityConfigInput): string[] {
  const batch = dedupe(final, config, { explain: false });
  const ids = new Map(batch.assignments.map((x) => [refOf(x), x.profileId]));
  return partitionOf(ids) === incremental.partition ? [] : [`(a) dedupe: partition differs: ${partitionDiff(incremental.ids, ids)}`];
}

async function open(config: IdentityConfigInput, model: TrainedModel, store?: ReferentialStore): Promise<Referential> {
  return createReferential({ ...config, model, clock, ...(store ? { store } : {}) });
}

/**
 * Runs checks (a), (b) and (c) on a world; returns the problems (none when the guarantee holds).
 * `orderSeed` chooses `ingest` or `ingestMany` for single records and the order of check (b).
 */
export async function checkWorld(world: Pick<World, 'config' | 'steps'>, orderSeed: number): Promise<string[]> {
  const { steps, config } = world;
  const final = finalRecords(steps);
  if (final.length === 0) return [];
  const model = trainModel(final, config);
  const store = memoryStore();
  const incremental = await open(config, model, store);
  await ingestSequence(incremental, steps, orderSeed);
  const view = await viewOf(incremental, final);
  const problems = dedupeDiff(view, final, config);
  const fresh = await open(config, model);
  await ingestShuffled(fresh, final, orderSeed);
  problems.push(...viewDiff('(b) fresh', view, await viewOf(fresh, final)));
  const reopened = await open(config, model, store);
  problems.push(...viewDiff('(c) reopened', view, await viewOf(reopened, final)));
  return problems;
}

/** {@link checkWorld}, with an exception reported as a `throw` problem. */
async function problemsOf(world: Pick<World, 'config' | 'steps'>, orderSeed: number): Promise<string[]> {
  try {
    return await checkWorld(world, orderSeed);
  } catch (e) {
    const code = e instanceof Error && 'code' in e ? String(e.code) : '';
    return [`throw: ${code} ${e instanceof Error ? e.message : String(e)}`];
  }
}

/** A problem's kind: `(a) dedupe`, `(b) fresh`, `(c) reopened` or `throw`. */
const kindOf = (problem: string): string => problem.split(':')[0]!;

// ── Shrinking ───────────────────────────────────────────────────────────────────────────────

type Fails = (steps: Step[]) => Promise<boolean>;

/** Drops runs of steps, halving their length down to single steps. */
async function dropSteps(steps: Step[], fails: Fails): Promise<Step[]> {
  for (let chunk = Math.max(1, Math.floor(steps.length / 2)); chunk >= 1; chunk = Math.floor(chunk / 2)) {
    for (let at = 0; at < steps.length; ) {
      const candidate = [...steps.slice(0, at), ...steps.slice(at + chunk)];
      if (candidate.length > 0 && (await fails(candidate))) steps = candidate;
      else at += chunk;
    }
    if (chunk === 1) break;
  }
  return steps;
}

/** Drops records from batches (a batch keeps one at least). */
async function dropBatchRecords(steps: Step[], fails: Fails): Promise<Step[]> {
  for (let s = 0; s < steps.length; s++) {
    for (let k = 0; k < steps[s]!.length && steps[s]!.length > 1; ) {
      const candidate = steps.map((x, i) => (i === s ? x.filter((_, j) => j !== k) : x));
      if (await fails(candidate)) steps = candidate;
      else k++;
    }
  }
  return steps;
}

/** Drops every version of one record at a time. */
async function dropRecords(steps: Step[], fails: Fails): Promise<Step[]> {
  for (const ref of new Set(steps.flat().map(refOf))) {
    const candidate = steps.map((x) => x.filter((y) => refOf(y) !== ref)).filter((x) => x.length > 0);
    if (candidate.length > 0 && (await fails(candidate))) steps = candidate;
  }
  return steps;
}

function withoutAttribute(steps: Step[], s: number, k: number, attribute: string): Step[] {
  return steps.map((x, i) =>
    i !== s
      ? x
      : x.map((y, j) => {
          if (j !== k) return y;
          const attributes = { ...y.attributes };
          delete attributes[attribute];
          return { ...y, attributes };
        }),
  );
}

/** Drops attributes of record versions (the first name stays: a record needs one value). */
async function dropAttributes(steps: Step[], fails: Fails): Promise<Step[]> {
  for (let s = 0; s < steps.length; s++)
    for (let k = 0; k < steps[s]!.length; k++)
      for (const attribute of Object.keys(steps[s]![k]!.attributes)) {
        if (attribute === 'firstName') continue;
        const candidate = withoutAttribute(steps, s, k, attribute);
        if (await fails(candidate)) steps = candidate;
      }
  return steps;
}

/** The smallest sequence found that still fails with a problem of kind `target`. */
export async function shrinkWorld(world: World, orderSeed: number, target: string): Promise<World> {
  const fails: Fails = async (steps) => (await problemsOf({ config: world.config, steps }, orderSeed)).some((p) => kindOf(p) === target);
  let steps = world.steps.map((s) => [...s]);
  for (;;) {
    const before = JSON.stringify(steps);
    for (const pass of [dropSteps, dropBatchRecords, dropRecords, dropAttributes]) steps = await pass(steps, fails);
    if (JSON.stringify(steps) === before) return { ...world, steps };
  }
}

/** Prints a sequence: each step's records as `source/key@day attributes` (`@-` when undated). */
export function printSequence(world: Pick<World, 'config' | 'steps'>): void {
  const show = (r: SourceRecord) => `${refOf(r)}${r.observedAt ? `@${r.observedAt.slice(8, 10)}` : '@-'} ${JSON.stringify(r.attributes)}`;
  console.log(`  config ${JSON.stringify(world.config)}`);
  world.steps.forEach((step, i) => {
    if (step.length === 1) console.log(`  ${i}: ingest ${show(step[0]!)}`);
    else {
      console.log(`  ${i}: ingestMany [`);
      for (const r of step) console.log(`       ${show(r)}`);
      console.log('     ]');
    }
  });
}

// ── Runs ────────────────────────────────────────────────────────────────────────────────────

/** Sums over a scenario's runs: the worlds' counts, and how many runs crossed the shared-contact limit. */
export interface Totals extends Pick<WorldStats, 'records' | 'updates' | 'steps' | 'batches' | 'multiVersionBatches' | 'undated'> {
  /** Runs whose placeholder group went above the shared-contact limit (30 holders). */
  runsAboveLimit: number;
  /** Runs whose group then came back to 30 holders or fewer. */
  runsBackUnderLimit: number;
}

/** One scenario's result. */
export interface ScenarioResult {
  scenario: Scenario;
  runs: number;
  /** Seeds of the failing runs. */
  failingSeeds: number[];
  seconds: number;
  totals: Totals;
}

function addStats(totals: Totals, s: WorldStats): void {
  totals.records += s.records;
  totals.updates += s.updates;
  totals.steps += s.steps;
  totals.batches += s.batches;
  totals.multiVersionBatches += s.multiVersionBatches;
  totals.undated += s.undated;
  if (s.crossedAbove > 0) totals.runsAboveLimit++;
  if (s.crossedBack > 0) totals.runsBackUnderLimit++;
}

/** Prints a failing run, then (unless `shrink` is off) its minimal sequence and that sequence's problems. */
async function reportFailure(world: World, problems: string[], shrink: boolean): Promise<void> {
  const { scenario, seed } = world;
  console.log(`\n[${scenario} seed ${seed}] FAIL (${world.steps.length} steps, ${finalRecords(world.steps).length} records)`);
  for (const p of problems) console.log(`  ${p}`);
  console.log(`  replay: npx tsx bench/referential-fuzz.ts --scenario ${scenario} --replay ${seed}`);
  if (!shrink) return;
  const target = kindOf(problems[0]!);
  const small = await shrinkWorld(world, seed, target);
  console.log(`  minimal (${small.steps.length} steps, ${small.steps.flat().length} ingests) for "${target}":`);
  printSequence(small);
  for (const p of await problemsOf(small, seed)) console.log(`   => ${p}`);
}

async function runScenario(scenario: Scenario, seeds: readonly number[], shrink: boolean): Promise<ScenarioResult> {
  const started = performance.now();
  const totals: Totals = { records: 0, updates: 0, steps: 0, batches: 0, multiVersionBatches: 0, undated: 0, runsAboveLimit: 0, runsBackUnderLimit: 0 };
  const failingSeeds: number[] = [];
  for (const seed of seeds) {
    const world = generateWorld(scenario, seed);
    addStats(totals, world.stats);
    const problems = await problemsOf(world, seed);
    if (problems.length === 0) continue;
    failingSeeds.push(seed);
    await reportFailure(world, problems, shrink);
  }
  return { scenario, runs: seeds.length, failingSeeds, seconds: (performance.now() - started) / 1000, totals };
}

/** Prints one row per scenario, as an aligned Markdown table. */
export function printReferentialFuzz(results: ScenarioResult[]): void {
  const header = ['scenario', 'runs', 'failures', 'seconds', 'records', 'updates', 'steps', 'batches', 'multi-version batches', 'undated', 'runs > 30 holders', 'back to ≤ 30'];
  const cells = results.map((r) => {
    const t = r.totals;
    return [r.scenario, r.runs, r.failingSeeds.length, r.seconds.toFixed(1), t.records, t.updates, t.steps, t.batches, t.multiVersionBatches, t.undated, t.runsAboveLimit, t.runsBackUnderLimit].map(String);
  });
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]!.length)));
  const line = (c: string[]): string => `| ${c.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of cells) console.log(line(row));
  console.log(
    '\nrecords, updates (planned), steps, batches (ingestMany steps), multi-version batches and undated records are summed over the runs;' +
      '\nthe last two columns count runs whose placeholder e-mail or phone went above the shared-contact limit of 30 holders, and came back.',
  );
  const failing = results.flatMap((r) => r.failingSeeds.map((seed) => `${r.scenario} ${seed}`));
  const runs = results.reduce((s, r) => s + r.runs, 0);
  const seconds = results.reduce((s, r) => s + r.seconds, 0);
  console.log(
    failing.length === 0
      ? `\nall ${runs} runs pass (${seconds.toFixed(1)} s)`
      : `\n${failing.length} of ${runs} runs FAIL (${seconds.toFixed(1)} s): ${failing.join(', ')}`,
  );
}

interface Options {
  scenarios: Scenario[];
  seeds: number[];
  shrink: boolean;
  json: string | undefined;
}

function nonNegativeInt(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  const n = typeof value === 'string' ? Number(value.replace(/_/g, '')) : NaN;
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer (got ${JSON.stringify(value)})`);
  return n;
}

function parseScenarios(value: unknown): Scenario[] {
  if (value === undefined || value === 'all') return [...SCENARIOS];
  const names = typeof value === 'string' ? value.split(',').map((s) => s.trim()) : [];
  const known = (s: string): s is Scenario => (SCENARIOS as readonly string[]).includes(s);
  if (names.length === 0 || !names.every(known)) throw new Error(`--scenario must be all or some of ${SCENARIOS.join(', ')} (got ${JSON.stringify(value)})`);
  return names;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    strict: false,
    options: {
      scenario: { type: 'string' },
      runs: { type: 'string' },
      seed: { type: 'string' },
      replay: { type: 'string' },
      'no-shrink': { type: 'boolean', default: false },
      json: { type: 'string' },
    },
  });
  const scenarios = parseScenarios(values.scenario);
  const runs = nonNegativeInt('runs', values.runs, 100);
  const first = nonNegativeInt('seed', values.seed, 1);
  const seeds = values.replay !== undefined ? [nonNegativeInt('replay', values.replay, 0)] : Array.from({ length: runs }, (_, k) => first + k);
  return { scenarios, seeds, shrink: values['no-shrink'] !== true, json: typeof values.json === 'string' ? values.json : undefined };
}

/**
 * Runs the fuzzer with command-line arguments (unknown options are ignored); returns the results,
 * or `null` when the arguments are bad.
 */
export async function runReferentialFuzz(argv: string[]): Promise<ScenarioResult[] | null> {
  let options: Options;
  try {
    options = parseOptions(argv);
  } catch (e) {
    console.log(e instanceof Error ? e.message : String(e));
    return null;
  }
  const { scenarios, seeds, shrink } = options;
  const range = seeds.length === 1 ? `seed ${seeds[0]}` : seeds.length === 0 ? 'no seed' : `seeds ${seeds[0]}–${seeds[seeds.length - 1]}`;
  console.log(
    `referential fuzz: library from src/index.ts through tsx; ${scenarios.join(', ')}; ${range}; each run against ` +
      '(a) dedupe, (b) a fresh referential fed the final versions shuffled, (c) the store reopened',
  );
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    process.stderr.write(`running ${scenario} (${seeds.length} runs)…\n`);
    results.push(await runScenario(scenario, seeds, shrink));
  }
  return report(results, printReferentialFuzz, options.json);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await runReferentialFuzz(process.argv.slice(2));
  process.exitCode = results === null ? 2 : results.some((r) => r.failingSeeds.length > 0) ? 1 : 0;
}
