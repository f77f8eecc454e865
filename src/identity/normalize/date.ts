/**
 * Date normalization to ISO `YYYY-MM-DD`: numeric formats in the day/month order of a country,
 * compact `YYYYMMDD`, and dates written with French, English or German month names.
 * @module
 */
import type { CountryCode } from 'libphonenumber-js';
import { foldText, isPlaceholder } from './text.js';
import type { Normalized } from './types.js';

/** Options of {@link normalizeDate}. */
export interface DateOptions {
  /** Decides the order of ambiguous numeric dates (`03/07/1985`): month first for `US`… Default `FR`. */
  country?: CountryCode;
  /** Reference date for two-digit years, by its UTC calendar date (so that the time zone changes nothing). Default: today. */
  now?: Date;
}

/**
 * Countries that write numeric dates month first (`MM/DD/YYYY`): the United States and its
 * territories, the Philippines and the US-associated Pacific states. Everybody else here is day first.
 */
const MONTH_FIRST: ReadonlySet<string> = new Set(['US', 'PR', 'GU', 'VI', 'AS', 'MP', 'UM', 'FM', 'MH', 'PW', 'PH']);

/** Month names and abbreviations (folded) in French, English and German → month number. */
const MONTHS: ReadonlyMap<string, number> = new Map([
  ['janvier', 1], ['janv', 1], ['jan', 1], ['january', 1], ['januar', 1],
  ['fevrier', 2], ['fevr', 2], ['fev', 2], ['february', 2], ['feb', 2], ['februar', 2],
  ['mars', 3], ['mar', 3], ['march', 3], ['marz', 3], ['maerz', 3],
  ['avril', 4], ['avr', 4], ['april', 4], ['apr', 4],
  ['mai', 5], ['may', 5],
  ['juin', 6], ['june', 6], ['jun', 6], ['juni', 6],
  ['juillet', 7], ['juill', 7], ['juil', 7], ['july', 7], ['jul', 7], ['juli', 7],
  ['aout', 8], ['august', 8], ['aug', 8],
  ['septembre', 9], ['sept', 9], ['sep', 9], ['september', 9],
  ['octobre', 10], ['oct', 10], ['october', 10], ['oktober', 10], ['okt', 10],
  ['novembre', 11], ['nov', 11], ['november', 11],
  ['decembre', 12], ['dec', 12], ['december', 12], ['dezember', 12], ['dez', 12],
]);

/** Words ignored in dates written with month names: weekdays, `le`, `the`, `of`, `den`. */
const DATE_NOISE: ReadonlySet<string> = new Set([
  'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche',
  // fr-FR's short weekdays (`ven. 12 mars 1971`); `mar.` is read as March unless a month follows.
  'lun', 'mer', 'jeu', 'ven', 'sam', 'dim',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonntag',
  'le', 'the', 'of', 'den', 'der', 'am',
]);

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const YEAR_FIRST = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/;
const COMPACT = /^\d{8}$/;
const NUMERIC = /^(\d{1,2})\s*([/.\-\s])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})(?:[T\s]+\d{1,2}[:h]\d{2}(?::\d{2}(?:[.,]\d+)?)?)?$/i;
const DAY_TOKEN = /^(\d{1,2})(?:er|re|e|eme|st|nd|rd|th)?$/;
const YEAR_TOKEN = /^\d{4}$|^\d{2}$/;
const ZERO_DATE = /^[0\s/.\-:]+$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function build(year: number, month: number, day: number, raw: string): Normalized {
  if (month < 1 || month > 12) return { value: null, problem: `invalid date: no month ${month} in "${raw}"` };
  const max = month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day < 1 || day > max) return { value: null, problem: `invalid date: no day ${day} in month ${month} of ${year} in "${raw}"` };
  if (year < 1000) return { value: null, problem: `invalid date: year ${year} in "${raw}"` };
  return { value: `${year}-${pad2(month)}-${pad2(day)}` };
}

/** Two-digit year → four digits: 20yy unless that date is after `now`, then 19yy. */
function expandYear(yy: number, month: number, day: number, now: Date): number {
  const y2000 = 2000 + yy;
  const ny = now.getUTCFullYear();
  const nm = now.getUTCMonth() + 1;
  const nd = now.getUTCDate();
  const future = y2000 > ny || (y2000 === ny && (month > nm || (month === nm && day > nd)));
  return future ? 1900 + yy : y2000;
}

function fromDayMonthYear(
  a: number,
  b: number,
  yearText: string,
  monthFirst: boolean,
  now: Date,
  raw: string,
): Normalized {
  let day: number;
  let month: number;
  if (a > 12) {
    // 25/12/1985 can only be day first, whatever the country.
    day = a;
    month = b;
  } else if (monthFirst) {
    month = a;
    day = b;
  } else {
    day = a;
    month = b;
  }
  const year = yearText.length === 2 ? expandYear(Number(yearText), month, day, now) : Number(yearText);
  return build(year, month, day, raw);
}

/**
 * Normalizes a date to `YYYY-MM-DD`.
 *
 * Accepted:
 * - ISO `1985-03-07`, with a time part (`1985-03-07T00:00:00Z`, `1985-03-07 14:30`): the calendar date
 *   as written is kept, the time and time zone are ignored (a birth date is not an instant);
 *   `1985/03/07` and `1985.03.07` (year first).
 * - Compact `19850307` (FEBRL); if that is not a valid date, `07031985` read like a numeric date below.
 * - Numeric `07/03/1985`, `7.3.1985`, `07-03-1985`, `7 3 1985`, with a 2- or 4-digit year and an
 *   optional time part. The order comes from `country`: month first for the US, its territories and
 *   the Philippines, day first everywhere else (FR, GB, DE, AU…). When the first number is above 12 it
 *   can only be the day, whatever the country (`25/12/1985` is day first also for `US`); a second
 *   number above 12 in a day-first country is an invalid month, not a hint (`01/13/1985` is flagged).
 * - Month names in French, English or German, full or abbreviated, any case, with or without an
 *   ordinal or weekday: `7 mars 1985`, `07 MARS 1985`, `1er janvier 2000`, `March 7, 1985`,
 *   `7 Mar 1985`, `07-MAR-85`, `Thursday, March 7th, 1985`, `7. März 1985`.
 *
 * Two-digit years: `yy` means `20yy` unless that date is after `now` (default today), then `19yy`
 * (in 2026, `07/03/85` is 1985 and `07/03/24` is 2024).
 *
 * Flagged, never guessed: impossible dates (`1985-02-30`, day 33, month 13, `29/02/1985`), years
 * before 1000, anything not in a format above (`5 digits`, `1985`).
 * All-zero dates (`00/00/0000`, `0000-00-00`) and placeholders give `{ value: null }`.
 *
 * @example
 * ```ts
 * normalizeDate('07/03/1985')                      // { value: '1985-03-07' }
 * normalizeDate('03/07/1985', { country: 'US' })   // { value: '1985-03-07' }
 * normalizeDate('1er janvier 2000')                // { value: '2000-01-01' }
 * normalizeDate('19560409')                        // { value: '1956-04-09' }
 * normalizeDate('1985-02-30')                      // { value: null, problem: 'invalid date: no day 30 in month 2 of 1985 in "1985-02-30"' }
 * ```
 */
export function normalizeDate(raw: string, options?: DateOptions): Normalized {
  const s = raw.trim();
  if (s === '' || ZERO_DATE.test(s)) return { value: null };
  const monthFirst = MONTH_FIRST.has(options?.country ?? 'FR');
  const now = options?.now ?? new Date();
  let m = ISO.exec(s);
  if (m !== null) return build(Number(m[1]), Number(m[2]), Number(m[3]), s);
  m = YEAR_FIRST.exec(s);
  if (m !== null) return build(Number(m[1]), Number(m[2]), Number(m[3]), s);
  if (COMPACT.test(s)) {
    const ymd = build(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8)), s);
    if (ymd.value !== null) return ymd;
    const other = fromDayMonthYear(Number(s.slice(0, 2)), Number(s.slice(2, 4)), s.slice(4), monthFirst, now, s);
    return other.value !== null ? other : ymd;
  }
  m = NUMERIC.exec(s);
  if (m !== null) return fromDayMonthYear(Number(m[1]), Number(m[3]), m[4]!, monthFirst, now, s);
  return withMonthName(s, now);
}

function withMonthName(s: string, now: Date): Normalized {
  const folded = foldText(s);
  if (isPlaceholder(folded)) return { value: null };
  let month = 0;
  let monthAt = -1;
  const numbers: string[] = [];
  let numbersBeforeMonth = 0;
  const words = folded.split(' ');
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const mm = MONTHS.get(w);
    // `mar. 12 mars 1971`: a leading `mar` a month name follows was Tuesday.
    const tuesday = mm !== undefined && monthAt === 0 && words[0] === 'mar';
    if (mm !== undefined && (monthAt < 0 || tuesday)) {
      month = mm;
      monthAt = i;
      numbersBeforeMonth = numbers.length;
      continue;
    }
    if (DATE_NOISE.has(w)) continue;
    const day = DAY_TOKEN.exec(w);
    if (day !== null || YEAR_TOKEN.test(w)) {
      numbers.push(day !== null ? day[1]! : w);
      continue;
    }
    return { value: null, problem: `invalid date: unrecognised "${s}"` };
  }
  if (monthAt < 0 || numbers.length !== 2) {
    return { value: null, problem: `invalid date: unrecognised "${s}"` };
  }
  let dayText: string;
  let yearText: string;
  if (numbersBeforeMonth === 1) {
    // 7 mars 1985, 1985 mars 7 is not a thing: a 4-digit first number is the year (1985 Mar 07).
    if (numbers[0]!.length === 4) [yearText, dayText] = [numbers[0]!, numbers[1]!];
    else [dayText, yearText] = [numbers[0]!, numbers[1]!];
  } else if (numbersBeforeMonth === 0) {
    // March 7, 1985
    [dayText, yearText] = [numbers[0]!, numbers[1]!];
  } else {
    return { value: null, problem: `invalid date: unrecognised "${s}"` };
  }
  if (dayText.length > 2 || (yearText.length !== 4 && yearText.length !== 2)) {
    return { value: null, problem: `invalid date: unrecognised "${s}"` };
  }
  const day = Number(dayText);
  const year = yearText.length === 2 ? expandYear(Number(yearText), month, day, now) : Number(yearText);
  return build(year, month, day, s);
}

const NORMALIZED_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Year, month and day of a normalized date (`YYYY-MM-DD`), or `null` when the value is not one.
 *
 * @example
 * ```ts
 * dateParts('1985-03-07') // { year: 1985, month: 3, day: 7 }
 * dateParts('07/03/1985') // null (normalize first)
 * ```
 */
export function dateParts(value: string): { year: number; month: number; day: number } | null {
  const m = NORMALIZED_DATE.exec(value);
  if (m === null) return null;
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}
