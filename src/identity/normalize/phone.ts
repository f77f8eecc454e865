/**
 * Phone number normalization to E.164 (`+33612345678`) with libphonenumber-js "max" metadata, plus a
 * fast path for the common French shapes that gives exactly the same results (about 20× faster).
 *
 * The "max" metadata is used because it is the only one that validates numbers against each type's
 * ranges (fixed line, mobile, toll free…): "min" accepts any 9 digits after `+33`, so `0639…` or
 * `0692…` (overseas ranges that are not metropolitan numbers) would pass as `+33…`.
 * @module
 */
import {
  Metadata,
  parsePhoneNumberFromString as parseWith,
  validatePhoneNumberLength as validateLengthWith,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/core';
// The core API with explicit "max" metadata is what `libphonenumber-js/max` wraps; importing the
// metadata ourselves gives the fast path the same metadata in both the ESM and the CJS builds
// (the CJS `libphonenumber-js/max` entry does not export `Metadata`).
import maxMetadata from 'libphonenumber-js/max/metadata';
import { foldText, isPlaceholder } from './text.js';
import type { Normalized } from './types.js';

/** Options of {@link normalizePhone}. */
export interface PhoneOptions {
  /** Country assumed for numbers written in national form (`06 12 34 56 78`). Default `FR`. */
  defaultCountry?: CountryCode;
}

/**
 * Overseas departments share the French national numbering plan: `0692 12 34 56` dialled in Paris
 * reaches Réunion, whose E.164 form is `+262692123456`. National significant numbers (9 digits, no
 * trunk 0) starting with these prefixes belong to these countries (ARCEP plan).
 */
const OVERSEAS_PREFIXES: Readonly<Record<string, { country: CountryCode; callingCode: string }>> = {
  '262': { country: 'RE', callingCode: '262' },
  '263': { country: 'RE', callingCode: '262' },
  '692': { country: 'RE', callingCode: '262' },
  '693': { country: 'RE', callingCode: '262' },
  '269': { country: 'YT', callingCode: '262' },
  '639': { country: 'YT', callingCode: '262' },
  '590': { country: 'GP', callingCode: '590' },
  '690': { country: 'GP', callingCode: '590' },
  '691': { country: 'GP', callingCode: '590' },
  '594': { country: 'GF', callingCode: '594' },
  '694': { country: 'GF', callingCode: '594' },
  '596': { country: 'MQ', callingCode: '596' },
  '696': { country: 'MQ', callingCode: '596' },
  '697': { country: 'MQ', callingCode: '596' },
};

/** Calling codes of the French numbering plan (metropolitan France and the overseas departments). */
const FRENCH_PLAN_CALLING_CODES = new Set(['33', '262', '590', '594', '596']);

const LABEL = /^(?:t[eé]l(?:[eé]phone)?|phone|mobile|mob|portable|port|gsm|fixe|cell|fax)\s*\.?\s*:?\s*/i;
const EXTENSION = /\s*(?:(?:ext|extn|extension|poste|p|x)\s*\.?|#)\s*:?\s*\d{1,6}\s*$/i;
const LETTER = /\p{L}/u;
const DIGIT = /\d/;
const INTERNATIONAL = /^\s*(?:\+|00)/;

function parsePhoneNumberFromString(text: string, country?: CountryCode): PhoneNumber | undefined {
  return country === undefined ? parseWith(text, maxMetadata) : parseWith(text, country, maxMetadata);
}

function invalid(reason: string): Normalized {
  return { value: null, problem: `invalid phone number: ${reason}` };
}

/**
 * Normalizes a phone number to E.164 (`+` country code and national number, no trunk 0, no spaces).
 *
 * Accepted: every usual way of writing a number: separators (spaces, dots, dashes, parentheses),
 * international prefixes `+` and `00`, the `(0)` trunk notation (`+33 (0)6 12 34 56 78`), a leading
 * label (`Tél. :`, `Mobile`), a trailing extension (`ext. 12`, `poste 12`, `x12`, `#12`, dropped: E.164
 * has no extension and it does not identify a person). A national number without its trunk 0
 * (`6 12 34 56 78`, typically a spreadsheet that ate the leading zero) is accepted only when
 * libphonenumber-js says the result is a valid number.
 *
 * French numbering plan: national numbers in the overseas ranges are mapped to their own country code
 * (`0692 12 34 56` → `+262692123456`, also when written `+33 692…`), and a national number that is
 * invalid for an overseas default country but valid in metropolitan France is taken as French (so
 * `06 12 34 56 78` with `defaultCountry: 'RE'` → `+33612345678`).
 *
 * Flagged (`{ value: null, problem }`), never guessed: numbers libphonenumber-js "max" metadata does
 * not consider valid (wrong length such as `06 12 34 56`, unallocated ranges such as `00 00 00 00 00`,
 * `123`), numbers containing letters (`06 AB CD 12 34`, `1-800-FLOWERS`). Placeholders (`n/a`, `-`,
 * `0`, and a French number whose last eight digits are one digit repeated: `06 00 00 00 00`,
 * `01 11 11 11 11`) give `{ value: null }`.
 *
 * With the default country `FR`, the shapes `0612345678`, `06 12 34 56 78`, `06.12.34.56.78`,
 * `06-12-34-56-78`, `+33 6 12 34 56 78`, `0033 6…` and `612345678` go through a fast path (≈0.2 µs
 * instead of ≈5 µs per call) that checks the number against the same metadata and falls back to
 * libphonenumber-js for anything it does not fully recognise.
 *
 * @example
 * ```ts
 * normalizePhone('06 12 34 56 78')           // { value: '+33612345678' }
 * normalizePhone('+33 (0)6 12 34 56 78')     // { value: '+33612345678' }
 * normalizePhone('020 7946 0958', { defaultCountry: 'GB' }) // { value: '+442079460958' }
 * normalizePhone('06 12 34 56')              // { value: null, problem: 'invalid phone number: too short for FR' }
 * ```
 */
export function normalizePhone(raw: string, options?: PhoneOptions): Normalized {
  const country = options?.defaultCountry ?? 'FR';
  if (country === 'FR' && frenchFastPath !== null) {
    const fast = frenchFastPath(raw);
    if (fast !== null) return placeholderNumber(fast) ? { value: null } : { value: fast };
  }
  const result = normalizePhoneWithLibphonenumber(raw, country);
  return result.value !== null && placeholderNumber(result.value) ? { value: null } : result;
}

/** `06 00 00 00 00`, `01 11 11 11 11`: one digit repeated after the prefix, typed for "no number". */
const REPEATED = /^\+33[1-9](\d)\1{7}$/;
const placeholderNumber = (e164: string): boolean => REPEATED.test(e164);

/**
 * {@link normalizePhone} without the fast path: every input goes through libphonenumber-js. Exported
 * for tests and benchmarks that check the fast path gives identical results.
 * @internal
 */
export function normalizePhoneWithLibphonenumber(raw: string, country: CountryCode = 'FR'): Normalized {
  let s = raw.trim();
  if (s.length === 0) return { value: null };
  s = s.replace(LABEL, '').replace(EXTENSION, '');
  if (!DIGIT.test(s)) return isPlaceholder(foldText(s)) ? { value: null } : invalid('no digits');
  if (LETTER.test(s)) return isPlaceholder(foldText(s)) ? { value: null } : invalid('contains letters');
  if (isPlaceholder(foldText(s))) return { value: null };
  const parsed = parsePhoneNumberFromString(s, country);
  if (parsed === undefined) return invalid(`not a phone number for ${country}`);
  const rerouted = frenchPlan(parsed, !INTERNATIONAL.test(s));
  if (rerouted === OUTSIDE_PLAN) return invalid(`not a valid number for ${OVERSEAS_PREFIXES[parsed.nationalNumber.slice(0, 3)]!.country}`);
  if (rerouted !== null) return { value: rerouted };
  if (parsed.isValid()) return { value: parsed.number };
  const length = validateLengthWith(s, country, maxMetadata);
  const where = parsed.country ?? `+${parsed.countryCallingCode}`;
  if (length === 'TOO_SHORT') return invalid(`too short for ${where}`);
  if (length === 'TOO_LONG') return invalid(`too long for ${where}`);
  if (length === 'INVALID_LENGTH') return invalid(`wrong length for ${where}`);
  return invalid(`not a valid number for ${where}`);
}

/** What {@link frenchPlan} says of a number in an overseas range that its own country does not allocate. */
const OUTSIDE_PLAN = Symbol('outside the plan');

/**
 * Applies the French numbering plan rules; returns the E.164 number when they change the result, or
 * {@link OUTSIDE_PLAN} for a number in an overseas range that its country does not give out (no
 * metropolitan number starts so: it is no number at all, not a Paris one).
 */
function frenchPlan(parsed: PhoneNumber, national: boolean): string | typeof OUTSIDE_PLAN | null {
  if (!FRENCH_PLAN_CALLING_CODES.has(parsed.countryCallingCode)) return null;
  const nsn = parsed.nationalNumber;
  if (nsn.length !== 9) return null;
  const overseas = OVERSEAS_PREFIXES[nsn.slice(0, 3)];
  if (overseas !== undefined) {
    if (overseas.callingCode === parsed.countryCallingCode) return null;
    const candidate = parsePhoneNumberFromString(`+${overseas.callingCode}${nsn}`);
    return candidate !== undefined && candidate.isValid() ? candidate.number : OUTSIDE_PLAN;
  }
  if (national && parsed.countryCallingCode !== '33' && !parsed.isValid()) {
    const candidate = parsePhoneNumberFromString(`+33${nsn}`);
    return candidate !== undefined && candidate.isValid() ? candidate.number : null;
  }
  return null;
}

/** The parts of libphonenumber-js' runtime metadata API the fast path reads. */
interface NumberingPlanRuntime {
  nationalNumberPattern(): string;
  possibleLengths(): number[];
  type(name: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
}

const NUMBER_TYPES = [
  'FIXED_LINE',
  'MOBILE',
  'TOLL_FREE',
  'PREMIUM_RATE',
  'SHARED_COST',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
];

/**
 * Builds the validity test libphonenumber-js applies to French national numbers (whole-number match of
 * the national pattern, then of at least one number type's pattern and lengths) from its own
 * metadata. Returns null (no fast path) if the metadata does not have the expected shape.
 */
function buildFrenchValidity(): ((nsn: string) => boolean) | null {
  try {
    const metadata = new Metadata(maxMetadata);
    metadata.selectNumberingPlan('FR');
    const plan = metadata.numberingPlan as unknown as NumberingPlanRuntime | undefined;
    if (plan === undefined) return null;
    const general = new RegExp(`^(?:${plan.nationalNumberPattern()})$`);
    if (!plan.possibleLengths().includes(9)) return null;
    const types: string[] = [];
    for (const name of NUMBER_TYPES) {
      const type = plan.type(name);
      const pattern = type?.pattern();
      if (type === undefined || !pattern) continue;
      const lengths = type.possibleLengths();
      if (lengths !== undefined && !lengths.includes(9)) continue;
      types.push(`(?:${pattern})`);
    }
    if (types.length === 0) return null;
    const any = new RegExp(`^(?:${types.join('|')})$`);
    return (nsn) => general.test(nsn) && any.test(nsn);
  } catch {
    return null;
  }
}

function buildFrenchFastPath(): ((raw: string) => string | null) | null {
  const isValid = buildFrenchValidity();
  if (isValid === null) return null;
  return (raw) => {
    let digits = '';
    let plus = false;
    let seenDigit = false;
    const n = raw.length;
    for (let i = 0; i < n; i++) {
      const c = raw.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        digits += raw[i];
        seenDigit = true;
        if (digits.length > 13) return null;
      } else if (c === 32 || c === 46 || c === 45) {
        // space . -
      } else if (c === 43 && !seenDigit && !plus) {
        plus = true;
      } else {
        return null;
      }
    }
    let nsn: string;
    const len = digits.length;
    if (plus) {
      if (len !== 11 || !digits.startsWith('33') || digits.charCodeAt(2) === 48) return null;
      nsn = digits.slice(2);
    } else if (len === 10 && digits.charCodeAt(0) === 48 && digits.charCodeAt(1) !== 48) {
      nsn = digits.slice(1);
    } else if (len === 13 && digits.startsWith('0033') && digits.charCodeAt(4) !== 48) {
      nsn = digits.slice(4);
    } else if (len === 9 && digits.charCodeAt(0) !== 48) {
      nsn = digits;
    } else {
      return null;
    }
    if (OVERSEAS_PREFIXES[nsn.slice(0, 3)] !== undefined || !isValid(nsn)) return null;
    return `+33${nsn}`;
  };
}

const frenchFastPath = buildFrenchFastPath();

const personalTypes = new Set(['MOBILE', 'PERSONAL_NUMBER', 'PAGER']);
const typeCache = new Map<string, boolean>();

/**
 * Whether a normalized (E.164) number belongs to one person — a mobile — rather than to a home or
 * a business: a landline is shared by a household, so agreeing on it says "same home", not "same
 * person". Numbers whose type is unknown (or fixed-or-mobile) count as personal.
 *
 * @example isPersonalPhone('+33612345678') // true
 * @example isPersonalPhone('+33143556677') // false: a Paris landline
 */
export function isPersonalPhone(e164: string): boolean {
  let personal = typeCache.get(e164);
  if (personal === undefined) {
    const type = parseWith(e164, maxMetadata)?.getType();
    personal = type === undefined || type === 'FIXED_LINE_OR_MOBILE' || personalTypes.has(type);
    if (typeCache.size > 100_000) typeCache.clear();
    typeCache.set(e164, personal);
  }
  return personal;
}
