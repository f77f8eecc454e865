/**
 * Person name normalization (given, family and full names) and the helpers the name comparator uses:
 * particles, initials, compact form.
 * @module
 */
import { foldText, isPlaceholder } from './text.js';
import type { Normalized } from './types.js';

/**
 * Titles removed when they are a separate leading word (folded spelling): French, English and German
 * forms of Mr, Mrs, Miss, Dr, Prof, Maître.
 */
const HONORIFICS: ReadonlySet<string> = new Set([
  'm',
  'mr',
  'mme',
  'mmes',
  'mlle',
  'mlles',
  'melle',
  'mrs',
  'ms',
  'miss',
  'mister',
  'dr',
  'docteur',
  'doctor',
  'pr',
  'prof',
  'professeur',
  'professor',
  'monsieur',
  'messieurs',
  'madame',
  'mesdames',
  'mademoiselle',
  'me',
  'maitre',
  'sir',
  'herr',
  'frau',
]);

/** Words that join two honorifics (`M. et Mme`, `Mr and Mrs`). */
const HONORIFIC_JOINERS: ReadonlySet<string> = new Set(['et', 'and', 'ou', 'or']);

/**
 * Name particles: prepositions and articles that are part of a family name but often dropped, glued or
 * capitalized differently (`de la Fontaine`, `Lafontaine`, `Fontaine`). Folded spelling; the elided
 * `d'` and `l'` fold to the single letters `d` and `l`.
 */
export const nameParticles: ReadonlySet<string> = new Set([
  'de',
  'du',
  'des',
  'le',
  'la',
  'les',
  'd',
  'l',
  'da',
  'di',
  'do',
  'dos',
  'das',
  'del',
  'della',
  'dei',
  'degli',
  'dal',
  'van',
  'von',
  'der',
  'den',
  'ten',
  'ter',
  'zu',
  'y',
]);

const LETTER = /[a-z]/;

/**
 * Normalizes a person name (given, family or full) to folded words.
 *
 * Folding as in {@link foldText}: accents, ligatures and case folded, and every hyphen, apostrophe,
 * dot or other punctuation becomes a word break (`Jean-Pierre` → `jean pierre`, `J.-P.` → `j p`,
 * `Müller` → `muller`). Apostrophes split rather than join (`O'Brien` → `o brien`, `d'Estaing` →
 * `d estaing`): the elided particle then behaves like any other particle, and {@link compactName}
 * still equates `o brien` with `obrien`.
 *
 * Leading honorifics written as separate words are removed (`M.`, `Mme`, `Mlle`, `Mr`, `Mrs`, `Ms`,
 * `Miss`, `Dr`, `Pr`, `Prof`, `Me`, `Monsieur`, `Madame`, `Mademoiselle`, `Herr`, `Frau`…, also
 * `M. et Mme`), but never the last remaining word (`Madame` alone stays). A lone `M` followed by
 * another single letter is taken as an initial (`M.-C. Dupont` → `m c dupont`), an elided one as the
 * name's own, joined to it as the name is also written (`M'Bappé` → `mbappe`, as `Mbappé`), otherwise
 * as `M.` (`M. Dupont` → `dupont`; `M. J. Dupont` stays `m j dupont`, ambiguous; so does `Mme M.
 * Dupont` lose its initial, or `m dupont` would normalize again to `dupont`). Titles are removed until none leads, so the
 * result is a fixed point (normalizing it again changes nothing).
 *
 * Flagged: a value with no letter at all (`1234`). Placeholders (`n/a`, `inconnu`, `xxx`, `-`) give
 * `{ value: null }`.
 *
 * @example
 * ```ts
 * normalizeName('Jean-Pierre')       // { value: 'jean pierre' }
 * normalizeName('Mme DUPONT')        // { value: 'dupont' }
 * normalizeName("O'Brien")           // { value: 'o brien' }
 * normalizeName('de La Fontaine')    // { value: 'de la fontaine' }
 * normalizeName('12345')             // { value: null, problem: 'no letter in name' }
 * ```
 */
export function normalizeName(raw: string): Normalized {
  const folded = foldText(raw);
  // A name in another script (Иван, 王伟, محمد) folds to nothing: keep it in its script.
  if (!LETTER.test(folded) && ANY_LETTER.test(raw)) {
    // (A presentation form such as `ﹰ` is a letter that decomposes to a mark alone: no letter may be left.)
    const other = foldOtherScript(raw);
    return ANY_LETTER.test(other) ? { value: other } : { value: null, problem: 'no letter in name' };
  }
  if (isPlaceholder(folded)) return { value: null };
  if (!LETTER.test(folded)) return { value: null, problem: 'no letter in name' };
  // `M'Bappé`, `M'Bala`: an elided M (an apostrophe right after it) is the name's, not `Monsieur`:
  // it joins the word after it, as the name is also written (`Mbappé`).
  const value = ELIDED_M.test(raw) ? folded.replace(/^m /, 'm') : stripHonorifics(folded);
  // `Mr X`, `Mme N/A`: a title before a placeholder is still nothing.
  return isPlaceholder(value) ? { value: null } : { value };
}

const ELIDED_M = /^\s*m['’ʼ]\s*\p{L}/iu;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;
const ANY_LETTER = /\p{L}/u;
const MARKS = /\p{M}/gu;

/** Lower case, accents dropped, runs of anything but letters and digits (of any script) to one space. */
function foldOtherScript(raw: string): string {
  return raw.normalize('NFKD').toLowerCase().replace(MARKS, '').replace(NOT_LETTER_OR_DIGIT, ' ').trim();
}

function isHonorificAt(words: readonly string[], i: number): boolean {
  const w = words[i]!;
  if (!HONORIFICS.has(w)) return false;
  // A lone `m` before another single letter is an initial (`M.-C. Dupont` → `m c dupont`), not `M.`.
  return w.length > 1 || (words[i + 1]?.length ?? 0) > 1;
}

/** Drops leading honorifics (and `et`/`and` between two of them), never the last word. */
function stripHonorifics(folded: string): string {
  const words = folded.split(' ');
  let i = 0;
  while (i < words.length - 1) {
    if (isHonorificAt(words, i)) i++;
    else if (i > 0 && i < words.length - 2 && HONORIFIC_JOINERS.has(words[i]!) && isHonorificAt(words, i + 1)) i += 2;
    else break;
  }
  if (i === 0) return folded;
  const rest = words.slice(i);
  for (const w of rest) if (LETTER.test(w)) return rest.join(' ');
  return folded;
}

/**
 * Removes particles ({@link nameParticles}) from a normalized name, except the last word, and keeps the
 * name unchanged when it is made only of particles.
 *
 * @example
 * ```ts
 * stripParticles('de la fontaine')  // 'fontaine'
 * stripParticles('van der berg')    // 'berg'
 * stripParticles('jean de la fontaine') // 'jean fontaine'
 * stripParticles('le')              // 'le'
 * stripParticles('de la')           // 'de la' (only particles: unchanged)
 * ```
 */
export function stripParticles(value: string): string {
  const words = value.split(' ');
  const n = words.length;
  if (n < 2) return value;
  let kept = '';
  let removed = false;
  for (let i = 0; i < n; i++) {
    const w = words[i]!;
    if (i < n - 1 && nameParticles.has(w)) {
      removed = true;
      continue;
    }
    kept = kept === '' ? w : `${kept} ${w}`;
  }
  if (!removed) return value;
  // Only particles, the last one kept: the whole value is particles, leave it as it is.
  return nameParticles.has(kept) ? value : kept;
}

/**
 * First letter of each word of a normalized name.
 *
 * @example
 * ```ts
 * nameInitials('jean pierre') // 'jp'
 * nameInitials('marie')       // 'm'
 * nameInitials('')            // ''
 * ```
 */
export function nameInitials(value: string): string {
  let out = '';
  let atStart = true;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === ' ') atStart = true;
    else if (atStart) {
      out += c;
      atStart = false;
    }
  }
  return out;
}

/**
 * True when `short` is made only of single-letter words that are the initials of the first words of
 * `long`, and `long` has at least one real (longer than one letter) word. Both are normalized names.
 *
 * @example
 * ```ts
 * isInitialsOf('j p', 'jean pierre')   // true
 * isInitialsOf('j', 'jean pierre')     // true  (J. for Jean-Pierre)
 * isInitialsOf('j m', 'jean pierre')   // false
 * isInitialsOf('jean', 'jean pierre')  // false (not initials)
 * isInitialsOf('j p', 'j p')           // false (no real word to abbreviate)
 * ```
 */
export function isInitialsOf(short: string, long: string): boolean {
  if (short.length === 0 || long.length === 0) return false;
  const s = short.split(' ');
  const l = long.split(' ');
  if (s.length > l.length) return false;
  let realWord = false;
  for (const w of l) if (w.length > 1) realWord = true;
  if (!realWord) return false;
  for (let i = 0; i < s.length; i++) {
    const w = s[i]!;
    if (w.length !== 1 || l[i]![0] !== w) return false;
  }
  return true;
}

/**
 * A normalized name with its words glued together, to equate spellings that differ only by word
 * breaks.
 *
 * @example
 * ```ts
 * compactName('jean pierre')    // 'jeanpierre'
 * compactName('de la fontaine') // 'delafontaine' (same as 'Delafontaine')
 * compactName('o brien')        // 'obrien'
 * ```
 */
export function compactName(value: string): string {
  return value.includes(' ') ? value.split(' ').join('') : value;
}
